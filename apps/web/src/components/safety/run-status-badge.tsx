import { Badge } from "@/components/ui";
import { statusLabel, statusTone } from "./run-format";

export function SafetyRunStatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge>;
}
