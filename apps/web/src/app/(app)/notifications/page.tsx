import { listNotifications, unreadNotificationCount } from "@assay/services";
import Link from "next/link";
import { NotificationsList } from "@/components/notifications/notifications-list";
import { toJson } from "@/components/runs/serialize";
import { PageHeader, cx } from "@/components/ui";
import { pageContext } from "@/lib/context";

export const metadata = { title: "Notifications · Assay" };

const VIEWS = [
  { value: "all", label: "All", href: "/notifications" },
  { value: "unread", label: "Unread", href: "/notifications?unread=true" },
] as const;

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ unread?: string }> }) {
  const params = await searchParams;
  const ctx = await pageContext();
  const unreadOnly = params.unread === "true";
  const [notifications, unreadCount] = await Promise.all([listNotifications(ctx, { unread: unreadOnly, limit: 100 }), unreadNotificationCount(ctx)]);
  const current = unreadOnly ? "unread" : "all";

  return (
    <>
      <PageHeader
        title="Notifications"
        description="What needs your attention in this organisation, newest first: reviews and sign-offs, stale sign-offs, overdue risks, expiring and expired exceptions, incidents. The same notices go to the organisation's webhooks."
      />
      <nav aria-label="Show" className="mb-4 flex gap-1 text-sm">
        {VIEWS.map((v) => (
          <Link key={v.value} href={v.href} aria-current={v.value === current ? "page" : undefined}
            className={cx("rounded-md px-2.5 py-1", v.value === current ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100")}>
            {v.label}{v.value === "unread" && unreadCount > 0 ? ` (${unreadCount})` : ""}
          </Link>
        ))}
      </nav>
      <NotificationsList notifications={toJson(notifications)} unreadCount={unreadCount} unreadOnly={unreadOnly} />
    </>
  );
}
