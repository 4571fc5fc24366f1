import Link from "next/link";
import { formatDate, Table, Th } from "@/components/ui";
import { DeliveryStatusBadge } from "./badges";
import type { DeliveryStatus } from "./format";

export type DeliveryView = {
  id: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  endpoint: { id: string; name: string };
  /** Null for governance notices (reviews, exceptions, incidents), named by subjectKey. */
  alert: { id: string; message: string } | null;
  subjectKey: string | null;
  attemptLog: Array<{ attempt: number; statusCode: number | null; error: string | null; durationMs: number; createdAt: string }>;
};

const cell = "px-3 py-2 align-top text-slate-800";

function outcome(statusCode: number | null, error: string | null): string {
  if (statusCode !== null) return `HTTP ${statusCode}${error ? ` · ${error}` : ""}`;
  return error ?? "No response";
}

/**
 * Webhook deliveries with every attempt: what was sent where, what the
 * receiver answered, and whether retries are still pending. `show` picks the
 * column that is not already the page's subject (the alert or the endpoint).
 */
export function DeliveryLog({ deliveries, show, caption }: { deliveries: DeliveryView[]; show: "endpoint" | "alert"; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Event</Th>
          <Th>{show === "endpoint" ? "Endpoint" : "Alert"}</Th>
          <Th>Status</Th>
          <Th>Attempts</Th>
          <Th>Queued</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {deliveries.map((d) => (
          <tr key={d.id}>
            <th scope="row" className={`${cell} text-left font-mono text-xs font-medium`}>{d.event}</th>
            <td className={cell}>
              {show === "endpoint"
                ? <Link className="text-brand-700 hover:underline" href={`/settings/webhooks#webhook-${d.endpoint.id}`}>{d.endpoint.name}</Link>
                : d.alert ? <Link className="text-brand-700 hover:underline" href={`/alerts/${d.alert.id}`}>{d.alert.message}</Link> : <span className="font-mono text-xs">{d.subjectKey}</span>}
            </td>
            <td className={cell}>
              <DeliveryStatusBadge status={d.status} />
              {d.status === "delivered" && d.deliveredAt && <span className="block text-xs text-slate-500">{formatDate(d.deliveredAt)}</span>}
              {d.status !== "delivered" && (d.lastStatus !== null || d.lastError) && <span className="block text-xs text-slate-600">{outcome(d.lastStatus, d.lastError)}</span>}
            </td>
            <td className={cell}>
              {d.attemptLog.length === 0 ? (
                <span className="text-slate-500">Not tried yet</span>
              ) : (
                <details>
                  <summary className="cursor-pointer text-brand-700">{d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}</summary>
                  <ol className="mt-1 space-y-0.5 text-xs text-slate-700">
                    {d.attemptLog.map((a) => (
                      <li key={a.attempt}>#{a.attempt} · {formatDate(a.createdAt)} · {outcome(a.statusCode, a.error)} · {a.durationMs} ms</li>
                    ))}
                  </ol>
                </details>
              )}
            </td>
            <td className={`${cell} whitespace-nowrap`}>{formatDate(d.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
