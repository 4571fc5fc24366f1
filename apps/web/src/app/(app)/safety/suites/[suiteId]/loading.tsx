import { PageLoading } from "@/components/monitoring/page-loading";

export default function Loading() {
  return <PageLoading what="the suite, its versions and items" blocks={4} />;
}
