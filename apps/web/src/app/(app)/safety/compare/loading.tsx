import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the comparison of the two safety runs" blocks={3} />;
}
