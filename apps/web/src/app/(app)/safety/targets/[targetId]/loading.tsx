import { PageLoading } from "@/components/monitoring/page-loading";

export default function Loading() {
  return <PageLoading what="the target" blocks={2} />;
}
