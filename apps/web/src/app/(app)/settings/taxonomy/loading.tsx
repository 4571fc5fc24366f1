import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the safety taxonomy" blocks={3} />;
}
