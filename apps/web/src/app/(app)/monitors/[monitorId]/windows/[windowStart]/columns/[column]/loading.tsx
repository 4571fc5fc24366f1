import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the column's distributions and tests" blocks={2} />;
}
