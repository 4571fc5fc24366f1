import { markNotificationsRead, unreadNotificationCount } from "@assay/services";
import { apiRoute } from "@/lib/api";

/**
 * Marks the caller's notices read: { ids: [...] } or { all: true }. Ids of
 * anyone else's notices are ignored. Answers how many changed and how many
 * are still unread.
 */
export const POST = apiRoute(async ({ ctx, json }) => {
  const { updated } = await markNotificationsRead(ctx, await json());
  return { updated, unreadCount: await unreadNotificationCount(ctx) };
});
