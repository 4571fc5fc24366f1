import { PageLoading } from "@/components/monitoring/page-loading";

export default function Loading() {
  return <PageLoading what="the intake questionnaire" blocks={3} />;
}
