"use client";

import { api } from "@/lib/client-api";

/** The shell's unread count; the notifications page invalidates it after marking notices read. */
export const UNREAD_NOTIFICATIONS_KEY = ["notifications", "unread-count"] as const;

export async function fetchUnreadNotificationCount(): Promise<number> {
  const { unreadCount } = await api<{ unreadCount: number }>("/api/v1/notifications?unread=true&limit=1");
  return unreadCount;
}

/** The accessible name of the shell's link, e.g. "Notifications, 3 unread". */
export function notificationsLinkLabel(unread: number | undefined): string {
  return unread ? `Notifications, ${unread} unread` : "Notifications";
}
