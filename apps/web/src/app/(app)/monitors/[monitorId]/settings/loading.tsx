import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the monitor's settings" blocks={2} />;
}
