import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the safety page" blocks={3} />;
}
