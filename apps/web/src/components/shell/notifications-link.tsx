"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { cx } from "@/components/ui";
import { fetchUnreadNotificationCount, notificationsLinkLabel, UNREAD_NOTIFICATIONS_KEY } from "@/components/notifications/unread";

/**
 * The shell's link to the inbox with the unread count. The count is fetched
 * on load, on every navigation, when the window regains focus and every
 * minute; the notifications page refreshes it after marking notices read.
 */
export function NotificationsLink() {
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const { data: unread } = useQuery({
    queryKey: UNREAD_NOTIFICATIONS_KEY,
    queryFn: fetchUnreadNotificationCount,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: UNREAD_NOTIFICATIONS_KEY });
  }, [pathname, queryClient]);

  const active = pathname.startsWith("/notifications");
  return (
    <Link href="/notifications" aria-label={notificationsLinkLabel(unread)} aria-current={active ? "page" : undefined}
      className={cx("inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5", active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900")}>
      <span aria-hidden>Notifications</span>
      {unread ? (
        <span aria-hidden className="inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold leading-5 text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
