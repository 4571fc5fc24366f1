import { prisma } from "@assay/db";
import { z } from "zod";
import type { ServiceContext } from "../context";

/** One in-app notice as its recipient sees it. */
export type NotificationView = {
  id: string;
  /** The governance event, e.g. "exception.expired". */
  kind: string;
  title: string;
  body: string;
  /** A path in the app to the notice's subject, e.g. "/reviews/abc"; empty when there is none. */
  link: string;
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
};

export const listNotificationsSchema = z.object({
  // Query strings arrive as text: "true" / "1" mean unread only.
  unread: z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListNotificationsInput = z.input<typeof listNotificationsSchema>;

export const markNotificationsReadSchema = z
  .object({
    ids: z.array(z.string().min(1)).max(500).optional(),
    all: z.boolean().optional(),
  })
  .refine((v) => v.all === true || (v.ids?.length ?? 0) > 0, { message: "Give the ids to mark read, or all: true." });
export type MarkNotificationsReadInput = z.input<typeof markNotificationsReadSchema>;

const toView = (n: { id: string; kind: string; title: string; body: string; link: string; readAt: Date | null; createdAt: Date }): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  read: n.readAt !== null,
  readAt: n.readAt,
  createdAt: n.createdAt,
});

/**
 * The caller's own notices in the organisation they are working in, newest
 * first. Every member has an inbox, whatever their roles; nobody sees anyone
 * else's. Takes ListNotificationsInput (query-string text is accepted).
 */
export async function listNotifications(ctx: ServiceContext, raw: unknown = {}): Promise<NotificationView[]> {
  const input = listNotificationsSchema.parse(raw ?? {});
  const rows = await prisma.notification.findMany({
    where: { orgId: ctx.orgId, userId: ctx.userId, ...(input.unread ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return rows.map(toView);
}

/**
 * Marks the caller's notices read: the given ids, or all of them in this
 * organisation. Ids of other people's notices (or of another organisation's)
 * are ignored, not reported, so the answer leaks nothing about them. Already
 * read notices keep their first read time. Takes MarkNotificationsReadInput.
 * Returns how many changed.
 */
export async function markNotificationsRead(ctx: ServiceContext, raw: unknown): Promise<{ updated: number }> {
  const input = markNotificationsReadSchema.parse(raw);
  const { count } = await prisma.notification.updateMany({
    where: { orgId: ctx.orgId, userId: ctx.userId, readAt: null, ...(input.all ? {} : { id: { in: [...new Set(input.ids)] } }) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}

/** How many of the caller's notices in this organisation are unread. */
export async function unreadNotificationCount(ctx: ServiceContext): Promise<number> {
  return prisma.notification.count({ where: { orgId: ctx.orgId, userId: ctx.userId, readAt: null } });
}
