import { Badge } from "@/components/ui";
import { RUN_STATUS_LABELS, RUN_STATUS_TONES, type RunStatus } from "./format";

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={RUN_STATUS_TONES[status]}>{RUN_STATUS_LABELS[status]}</Badge>;
}
