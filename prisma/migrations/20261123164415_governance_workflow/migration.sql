-- CreateEnum
CREATE TYPE "RiskCategory" AS ENUM ('fairness', 'safety', 'privacy', 'security', 'reliability', 'legal', 'other');

-- CreateEnum
CREATE TYPE "IncidentLevel" AS ENUM ('sev1', 'sev2', 'sev3', 'sev4', 'near_miss');

-- CreateEnum
CREATE TYPE "IncidentSource" AS ENUM ('alert', 'user_report', 'red_team', 'internal_testing');

-- CreateEnum
CREATE TYPE "RootCause" AS ENUM ('data_shift', 'labelling', 'prompt_template_regression', 'model_version_mismatch', 'prompt_injection', 'policy_misconfiguration', 'other');

-- CreateEnum
CREATE TYPE "RiskLinkKind" AS ENUM ('run', 'finding', 'incident', 'review');

-- CreateEnum
CREATE TYPE "MitigationType" AS ENUM ('data_rebalancing', 'reweighting', 'threshold_change', 'post_processing', 'filter_guardrail', 'prompt_change', 'ux_change', 'monitoring', 'rollback', 'other');

-- CreateEnum
CREATE TYPE "MitigationStatus" AS ENUM ('planned', 'in_progress', 'verified', 'failed');

-- CreateEnum
CREATE TYPE "ExceptionStatus" AS ENUM ('active', 'expired', 'revoked');

-- AlterTable
ALTER TABLE "RiskEntry" ADD COLUMN     "category" "RiskCategory" NOT NULL DEFAULT 'other',
ADD COLUMN     "controls" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "residualImpact" INTEGER,
ADD COLUMN     "residualLikelihood" INTEGER,
ADD COLUMN     "residualSeverity" "Severity";

-- AlterTable
ALTER TABLE "ReleaseReview" ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "slaBusinessDays" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "subjectKey" TEXT,
ALTER COLUMN "alertId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "containment" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "level" "IncidentLevel",
ADD COLUMN     "modelVersionId" TEXT,
ADD COLUMN     "rootCause" "RootCause",
ADD COLUMN     "rootCauseDetail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "source" "IncidentSource" NOT NULL DEFAULT 'alert',
ADD COLUMN     "systemId" TEXT;

-- AlterTable
ALTER TABLE "IncidentEvent" ADD COLUMN     "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "SystemIntake" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "proposedTier" "RiskTier" NOT NULL,
    "reasons" JSONB NOT NULL,
    "overrideTier" "RiskTier",
    "overrideRationale" TEXT,
    "submittedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SystemIntake_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TierPolicy" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "tier" "RiskTier" NOT NULL,
    "requiredEvaluations" TEXT[],
    "requiredSignoffRoles" "Role"[],
    "approverNotEvaluator" BOOLEAN NOT NULL DEFAULT true,
    "reviewSlaBusinessDays" INTEGER NOT NULL,
    "maxExceptionDays" INTEGER NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TierPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskLink" (
    "id" TEXT NOT NULL,
    "riskId" TEXT NOT NULL,
    "kind" "RiskLinkKind" NOT NULL,
    "targetId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mitigation" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "riskId" TEXT NOT NULL,
    "type" "MitigationType" NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3),
    "acceptanceChecks" JSONB NOT NULL,
    "status" "MitigationStatus" NOT NULL DEFAULT 'planned',
    "baselineVersionId" TEXT,
    "verifiedVersionId" TEXT,
    "verification" JSONB,
    "verifiedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mitigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewRecommendation" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "outcome" "ReleaseDecisionOutcome" NOT NULL,
    "rationale" TEXT NOT NULL,
    "conditions" TEXT NOT NULL DEFAULT '',
    "unknowns" TEXT NOT NULL DEFAULT '',
    "evidenceHash" TEXT NOT NULL,
    "recommendedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewRecommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewHold" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "concern" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placedById" TEXT NOT NULL,
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedById" TEXT,
    "clearedAt" TIMESTAMP(3),
    "clearRationale" TEXT,

    CONSTRAINT "ReviewHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskException" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "modelVersionId" TEXT,
    "gateKey" TEXT NOT NULL,
    "gateLabel" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "compensatingControls" TEXT NOT NULL,
    "residualRisk" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "reReviewAt" TIMESTAMP(3) NOT NULL,
    "status" "ExceptionStatus" NOT NULL DEFAULT 'active',
    "expiredAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "expiryWarnedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL DEFAULT '',
    "dedupeKey" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorrectiveAction" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "suiteItemId" TEXT,
    "monitorId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CorrectiveAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgSetting" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgSetting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SystemIntake_systemId_key" ON "SystemIntake"("systemId");

-- CreateIndex
CREATE INDEX "SystemIntake_orgId_idx" ON "SystemIntake"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "TierPolicy_orgId_tier_key" ON "TierPolicy"("orgId", "tier");

-- CreateIndex
CREATE UNIQUE INDEX "RiskLink_riskId_kind_targetId_key" ON "RiskLink"("riskId", "kind", "targetId");

-- CreateIndex
CREATE INDEX "Mitigation_orgId_idx" ON "Mitigation"("orgId");

-- CreateIndex
CREATE INDEX "Mitigation_riskId_idx" ON "Mitigation"("riskId");

-- CreateIndex
CREATE INDEX "ReviewRecommendation_reviewId_idx" ON "ReviewRecommendation"("reviewId");

-- CreateIndex
CREATE INDEX "ReviewHold_reviewId_idx" ON "ReviewHold"("reviewId");

-- CreateIndex
CREATE INDEX "RiskException_orgId_status_idx" ON "RiskException"("orgId", "status");

-- CreateIndex
CREATE INDEX "RiskException_systemId_idx" ON "RiskException"("systemId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_dedupeKey_key" ON "Notification"("userId", "dedupeKey");

-- CreateIndex
CREATE INDEX "CorrectiveAction_incidentId_idx" ON "CorrectiveAction"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "OrgSetting_orgId_key_key" ON "OrgSetting"("orgId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_subjectKey_key" ON "WebhookDelivery"("endpointId", "subjectKey");

-- AddForeignKey
ALTER TABLE "RiskLink" ADD CONSTRAINT "RiskLink_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "RiskEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mitigation" ADD CONSTRAINT "Mitigation_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "RiskEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRecommendation" ADD CONSTRAINT "ReviewRecommendation_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "ReleaseReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewHold" ADD CONSTRAINT "ReviewHold_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "ReleaseReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorrectiveAction" ADD CONSTRAINT "CorrectiveAction_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

