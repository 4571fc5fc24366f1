import type { ChecklistItem, Role } from "@assay/core";
import { prisma, type AiSystem } from "@assay/db";
import { assertCan, type ServiceContext } from "../context";
import { refFor, userRefs, type UserRef } from "../registry/systems";
import { assessReview } from "../reviews/reviews";

export type ReadinessEntry = {
  reviewId: string;
  title: string;
  system: { id: string; name: string; riskTier: AiSystem["riskTier"] };
  version: { id: string; label: string };
  owner: UserRef;
  createdAt: Date;
  /** Whole days since the review was opened. */
  ageDays: number;
  cleared: boolean;
  blockerCount: number;
  blockers: ChecklistItem[];
  /** Open or mitigating risks the blockers may refer to, for naming them. */
  openRisks: Array<{ id: string; statement: string }>;
  /** Roles whose sign-off is missing or stale, with the members who hold each role. */
  awaitingSignoff: Array<{ role: Role; holders: UserRef[] }>;
};

export type Readiness = {
  summary: { openReviews: number; blocked: number; cleared: number; awaitingSignoffs: number };
  /** Most blocked first; among equals, the oldest first. */
  reviews: ReadinessEntry[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** What stands between each open review and a decision, and who still has to sign. */
export async function getReadiness(ctx: ServiceContext): Promise<Readiness> {
  assertCan(ctx, "org.read");
  const [reviews, memberships] = await Promise.all([
    prisma.releaseReview.findMany({
      where: { orgId: ctx.orgId, status: "open" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true, ownerId: true, createdAt: true },
    }),
    prisma.membership.findMany({
      where: { orgId: ctx.orgId },
      orderBy: { createdAt: "asc" },
      select: { roles: true, user: { select: { id: true, name: true } } },
    }),
  ]);
  const holdersOf = (role: Role): UserRef[] => memberships.filter((m) => m.roles.includes(role)).map((m) => m.user);
  const refs = await userRefs(reviews.map((r) => r.ownerId));
  const now = Date.now();

  const entries: ReadinessEntry[] = [];
  // One at a time: each assessment is a handful of queries, and the pool is shared with page rendering.
  for (const review of reviews) {
    const { evidence, checklist } = await assessReview(prisma, review.id);
    entries.push({
      reviewId: review.id,
      title: review.title,
      system: { id: evidence.system.id, name: evidence.system.name, riskTier: evidence.system.riskTier },
      version: { id: evidence.version.id, label: evidence.version.label },
      owner: refFor(refs, review.ownerId),
      createdAt: review.createdAt,
      ageDays: Math.floor((now - review.createdAt.getTime()) / DAY_MS),
      cleared: checklist.cleared,
      blockerCount: checklist.blockers.length,
      blockers: checklist.blockers,
      openRisks: evidence.openRisks.map((r) => ({ id: r.id, statement: r.statement })),
      awaitingSignoff: checklist.awaitingSignoff.map((role) => ({ role, holders: holdersOf(role) })),
    });
  }
  entries.sort((a, b) => b.blockerCount - a.blockerCount || a.createdAt.getTime() - b.createdAt.getTime());

  return {
    summary: {
      openReviews: entries.length,
      blocked: entries.filter((e) => !e.cleared).length,
      cleared: entries.filter((e) => e.cleared).length,
      awaitingSignoffs: entries.reduce((sum, e) => sum + e.awaitingSignoff.length, 0),
    },
    reviews: entries,
  };
}
