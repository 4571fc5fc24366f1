"use client";

import { GOVERNANCE_EVENT_LABELS, type GovernanceEvent } from "@assay/core";
import type { NotificationView } from "@assay/services";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { Jsonify } from "@/components/runs/serialize";
import { Button, EmptyState, ErrorMessage, cx, formatDate } from "@/components/ui";
import { api } from "@/lib/client-api";
import { UNREAD_NOTIFICATIONS_KEY } from "./unread";

export type NotificationItem = Jsonify<NotificationView>;

const kindLabel = (kind: string) => GOVERNANCE_EVENT_LABELS[kind as GovernanceEvent] ?? kind;

/**
 * The inbox: newest first, unread ones marked and emphasised. Each notice
 * links to its subject (following the link marks it read); "Mark read" and
 * "Mark all read" change only the caller's own notices.
 */
export function NotificationsList({ notifications, unreadCount, unreadOnly }: { notifications: NotificationItem[]; unreadCount: number; unreadOnly: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const markRead = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => api<{ updated: number; unreadCount: number }>("/api/v1/notifications/read", { method: "POST", body }),
    onSuccess: (result) => {
      queryClient.setQueryData(UNREAD_NOTIFICATIONS_KEY, result.unreadCount);
      router.refresh();
    },
  });
  const pendingId = markRead.isPending && markRead.variables && "ids" in markRead.variables ? markRead.variables.ids[0] : null;
  const markingAll = markRead.isPending && markRead.variables !== undefined && "all" in markRead.variables;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite">
          {unreadCount === 0 ? "Everything is read." : `${unreadCount} unread.`}
        </p>
        <Button variant="secondary" disabled={unreadCount === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
          {markingAll ? "Marking all read…" : "Mark all read"}
        </Button>
      </div>
      <ErrorMessage>{markRead.error?.message}</ErrorMessage>
      {notifications.length === 0 ? (
        <EmptyState title={unreadOnly ? "No unread notifications" : "No notifications yet"}>
          {unreadOnly
            ? "You are up to date."
            : "You are told here when a review needs you, a sign-off goes stale, a risk you own is overdue, an exception is expiring or has expired, or an incident opens or changes severity."}
        </EmptyState>
      ) : (
        <ul aria-label="Notifications" className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {notifications.map((n) => (
            <li key={n.id} className={cx("flex flex-wrap items-start gap-3 px-4 py-3", n.read ? "bg-white" : "border-l-4 border-l-brand-600 bg-brand-50/40")}>
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  {!n.read && <span className="rounded-full bg-brand-600 px-2 py-0.5 font-semibold text-white">Unread</span>}
                  <span className="font-medium uppercase tracking-wide">{kindLabel(n.kind)}</span>
                  <span aria-hidden>·</span>
                  <time dateTime={n.createdAt}>{formatDate(n.createdAt)}</time>
                </div>
                <p className={cx("text-sm", n.read ? "text-slate-700" : "font-semibold text-slate-900")}>
                  {n.link ? (
                    <Link href={n.link} className="hover:text-brand-700 hover:underline"
                      onClick={() => { if (!n.read) markRead.mutate({ ids: [n.id] }); }}>
                      {n.title}
                    </Link>
                  ) : n.title}
                </p>
                {n.body && <p className={cx("text-sm", n.read ? "text-slate-500" : "text-slate-700")}>{n.body}</p>}
              </div>
              {!n.read && (
                <Button variant="ghost" disabled={markRead.isPending} aria-label={`Mark “${n.title}” read`} onClick={() => markRead.mutate({ ids: [n.id] })}>
                  {pendingId === n.id ? "Marking…" : "Mark read"}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
