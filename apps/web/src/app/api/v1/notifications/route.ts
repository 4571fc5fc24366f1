import { listNotifications, unreadNotificationCount } from "@assay/services";
import { apiRoute } from "@/lib/api";

/**
 * The caller's own notices in their current organisation, newest first,
 * with how many are unread. Filters: ?unread=true&limit= (1–200, default 50).
 */
export const GET = apiRoute(async ({ ctx, req }) => {
  const [notifications, unreadCount] = await Promise.all([
    listNotifications(ctx, Object.fromEntries(req.nextUrl.searchParams)),
    unreadNotificationCount(ctx),
  ]);
  return { notifications, unreadCount };
});
