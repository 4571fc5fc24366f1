import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the red-team campaigns" blocks={1} />;
}
