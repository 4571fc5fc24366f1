import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the window's results" blocks={3} />;
}
