import { prisma, type Prisma } from "@assay/db";
import { z } from "zod";
import { assertCan, type ServiceContext } from "../context";
import { refFor, userRefs, type UserRef } from "../registry/systems";

export const AUDIT_PAGE_MAX = 200;

/** Query-string friendly: numbers may arrive as strings, empty strings mean "no filter". */
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(200).optional());

export const listAuditEventsSchema = z.object({
  entityType: optionalText,
  entityId: optionalText,
  /** Return events older than this seq (the previous page's `nextCursor`). */
  cursor: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  limit: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50)),
});
export type ListAuditEventsInput = z.input<typeof listAuditEventsSchema>;

export type AuditEventView = {
  id: string;
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
  actor: UserRef | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
  prevHash: string;
  hash: string;
};

export type AuditEventPage = {
  events: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
};

/** The organisation's audit trail, newest first, with the actors' names. */
export async function listAuditEvents(ctx: ServiceContext, raw: unknown = {}): Promise<AuditEventPage> {
  assertCan(ctx, "org.read");
  const input = listAuditEventsSchema.parse(raw ?? {});
  const where: Prisma.AuditEventWhereInput = {
    orgId: ctx.orgId,
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    ...(input.cursor ? { seq: { lt: input.cursor } } : {}),
  };
  // One extra row tells whether another page follows without a count query.
  const rows = await prisma.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const refs = await userRefs(page.flatMap((r) => (r.actorId ? [r.actorId] : [])));
  return {
    events: page.map((r) => ({
      id: r.id,
      seq: r.seq,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      actor: r.actorId ? refFor(refs, r.actorId) : null,
      before: r.before,
      after: r.after,
      createdAt: r.createdAt,
      prevHash: r.prevHash,
      hash: r.hash,
    })),
    nextCursor: rows.length > input.limit ? (page[page.length - 1]?.seq ?? null) : null,
  };
}

/** The entity types that occur in the organisation's trail, for filtering. */
export async function listAuditEntityTypes(ctx: ServiceContext): Promise<string[]> {
  assertCan(ctx, "org.read");
  const rows = await prisma.auditEvent.findMany({ where: { orgId: ctx.orgId }, distinct: ["entityType"], select: { entityType: true } });
  return rows.map((r) => r.entityType).sort((a, b) => a.localeCompare(b));
}
