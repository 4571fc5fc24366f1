import type { ExceptionView } from "@assay/services";
import Link from "next/link";
import { TierBadge } from "@/components/registry/tier-badge";
import { Badge, Table, Td, Th, formatDay } from "@/components/ui";
import { EXCEPTION_STATE_LABELS, EXCEPTION_STATE_TONES } from "./labels";
import { RevokeExceptionForm } from "./revoke-exception-form";

function daysLeft(e: ExceptionView): string {
  if (e.state === "revoked") return "—";
  if (e.daysLeft <= 0) return `expired ${-e.daysLeft === 0 ? "today" : `${-e.daysLeft} day${e.daysLeft === -1 ? "" : "s"} ago`}`;
  return `${e.daysLeft} day${e.daysLeft === 1 ? "" : "s"}`;
}

/** The exception register: what is waived, for which system and version, by whom, until when. */
export function ExceptionTable({ exceptions, caption, canRevoke }: { exceptions: ExceptionView[]; caption: string; canRevoke: boolean }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>System · version</Th>
          <Th>Gate</Th>
          <Th>State</Th>
          <Th>Approver</Th>
          <Th>Expires</Th>
          <Th>Days left</Th>
          <Th>Re-review</Th>
          <Th>Why, controls, residual risk</Th>
          {canRevoke && <Th><span className="sr-only">Actions</span></Th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {exceptions.map((e) => (
          <tr key={e.id} id={`exception-${e.id}`} className="scroll-mt-16 target:bg-brand-50">
            <Td>
              <Link href={`/systems/${e.system.id}`} className="text-brand-700 hover:underline">{e.system.name}</Link>
              {" · "}
              {e.version ? <Link href={`/versions/${e.version.id}`} className="text-brand-700 hover:underline">{e.version.label}</Link> : <span className="text-slate-600">all versions</span>}
              <span className="ml-2"><TierBadge tier={e.system.riskTier} /></span>
            </Td>
            <Td>
              <span className="font-medium">{e.gateLabel}</span>
              <span className="block font-mono text-xs text-slate-500">{e.gateKey}</span>
            </Td>
            <Td className="whitespace-nowrap"><Badge tone={EXCEPTION_STATE_TONES[e.state]}>{EXCEPTION_STATE_LABELS[e.state]}</Badge></Td>
            <Td>
              {e.approver.name}
              {e.requestedBy.id !== e.approver.id && <span className="block text-xs text-slate-500">asked by {e.requestedBy.name}</span>}
            </Td>
            <Td className="whitespace-nowrap">{formatDay(e.expiresAt)}</Td>
            <Td className="whitespace-nowrap">{daysLeft(e)}</Td>
            <Td className="whitespace-nowrap">{formatDay(e.reReviewAt)}</Td>
            <Td className="min-w-64 text-slate-700">
              <p>{e.rationale}</p>
              <p className="mt-1 text-xs"><span className="font-medium">Controls:</span> {e.compensatingControls}</p>
              <p className="text-xs"><span className="font-medium">Residual risk:</span> {e.residualRisk}</p>
              {e.revokedAt && <p className="mt-1 text-xs text-slate-500">Revoked {formatDay(e.revokedAt)} by {e.revokedBy?.name ?? "an approver"}.</p>}
            </Td>
            {canRevoke && <Td>{(e.state === "active" || e.state === "expiring") && <RevokeExceptionForm exceptionId={e.id} />}</Td>}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
