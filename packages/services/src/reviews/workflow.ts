import { assertRecommendationAllowed } from "@assay/core";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { conflict, invalid, notFound } from "../errors";
import { refFor, userRefs } from "../registry/systems";
import { getReviewEvidence } from "./evidence";
import { closedForChanges, findReview, lockReview, toHoldView, type HoldView, type RecommendationView } from "./reviews";
import { clearHoldSchema, placeHoldSchema, recommendSchema } from "./schemas";

/**
 * A scientist records a recommendation (go, no-go or go with conditions) on the
 * evidence as it is now; it shows as stale once the evidence changes. Several
 * may be recorded; the latest counts and the history is kept. The decision is
 * a separate record, the product owner's.
 */
export async function recordRecommendation(ctx: ServiceContext, reviewId: string, raw: unknown): Promise<RecommendationView> {
  assertCan(ctx, "review.recommend");
  // Existence before validation: another organisation's review is a 404 whatever the body says.
  const review = await findReview(ctx, reviewId);
  const input = recommendSchema.parse(raw);
  if (review.status !== "open") throw closedForChanges();
  const verdict = assertRecommendationAllowed(input.outcome, input.conditions);
  if (!verdict.ok) throw invalid(verdict.reason, { path: "conditions" });

  return mutate(ctx, async (tx, record) => {
    const locked = await lockReview(tx, review.id);
    if (locked.status !== "open") throw closedForChanges();
    const evidence = await getReviewEvidence(tx, review.id);
    const created = await tx.reviewRecommendation.create({
      data: {
        reviewId: review.id,
        outcome: input.outcome,
        rationale: input.rationale,
        conditions: input.conditions,
        unknowns: input.unknowns,
        evidenceHash: evidence.hash,
        recommendedById: ctx.userId,
      },
    });
    await record({
      action: "review.recommended",
      entityType: "ReleaseReview",
      entityId: review.id,
      after: {
        recommendationId: created.id,
        outcome: created.outcome,
        rationale: created.rationale,
        conditions: created.conditions,
        unknowns: created.unknowns,
        evidenceHash: created.evidenceHash,
      },
    });
    const refs = await userRefs([ctx.userId]);
    return {
      id: created.id,
      outcome: created.outcome,
      rationale: created.rationale,
      conditions: created.conditions,
      unknowns: created.unknowns,
      recommendedBy: refFor(refs, ctx.userId),
      evidenceHash: created.evidenceHash,
      createdAt: created.createdAt,
      stale: false,
      superseded: false,
    };
  });
}

/**
 * Any member but an auditor may hold an open review over a serious safety,
 * privacy or other concern. While a hold is in place the review cannot be
 * decided go (or go with conditions).
 */
export async function placeHold(ctx: ServiceContext, reviewId: string, raw: unknown): Promise<HoldView> {
  assertCan(ctx, "review.hold");
  // Existence before validation: another organisation's review is a 404 whatever the body says.
  const review = await findReview(ctx, reviewId);
  const input = placeHoldSchema.parse(raw);
  if (review.status !== "open") throw conflict("This review has been decided; a hold can only be placed on an open review.");

  return mutate(ctx, async (tx, record) => {
    const locked = await lockReview(tx, review.id);
    if (locked.status !== "open") throw conflict("This review has been decided; a hold can only be placed on an open review.");
    const created = await tx.reviewHold.create({
      data: { reviewId: review.id, concern: input.concern, reason: input.reason, placedById: ctx.userId },
    });
    await record({
      action: "review.hold_placed",
      entityType: "ReleaseReview",
      entityId: review.id,
      after: { holdId: created.id, concern: created.concern, reason: created.reason },
    });
    return toHoldView(created, await userRefs([ctx.userId]));
  });
}

/** Only an approver clears a hold on an open review, with a rationale of at least 10 characters. */
export async function clearHold(ctx: ServiceContext, reviewId: string, holdId: string, raw: unknown): Promise<HoldView> {
  assertCan(ctx, "review.clearHold");
  // Existence before validation: another organisation's review is a 404 whatever the body says.
  const review = await findReview(ctx, reviewId);
  const input = clearHoldSchema.parse(raw);

  return mutate(ctx, async (tx, record) => {
    // A decided review's evidence is what the decision was made on; clearing a hold afterwards would rewrite it.
    const locked = await lockReview(tx, review.id);
    if (locked.status !== "open") throw conflict("This review has been decided; its holds stay as they were when it was decided.");
    const hold = await tx.reviewHold.findFirst({ where: { id: holdId, reviewId: review.id } });
    if (!hold) throw notFound("Hold");
    if (hold.clearedAt) throw conflict("This hold has already been cleared.");
    const updated = await tx.reviewHold.update({
      where: { id: hold.id },
      data: { clearedById: ctx.userId, clearedAt: new Date(), clearRationale: input.rationale },
    });
    await record({
      action: "review.hold_cleared",
      entityType: "ReleaseReview",
      entityId: review.id,
      before: { holdId: hold.id, concern: hold.concern, reason: hold.reason, clearedAt: null },
      after: { holdId: hold.id, clearedAt: updated.clearedAt, clearRationale: updated.clearRationale },
    });
    return toHoldView(updated, await userRefs([hold.placedById, ctx.userId]));
  });
}
