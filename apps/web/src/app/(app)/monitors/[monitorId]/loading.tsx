import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the monitor, its windows and alerts" blocks={4} />;
}
