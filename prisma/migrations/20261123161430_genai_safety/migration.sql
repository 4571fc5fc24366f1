-- CreateEnum
CREATE TYPE "SafetySuiteSource" AS ENUM ('builtin', 'imported', 'regression');

-- CreateEnum
CREATE TYPE "SafetyTargetKind" AS ENUM ('chat_completions', 'offline');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('active', 'closed');

-- AlterEnum
ALTER TYPE "EvaluationKind" ADD VALUE 'safety';

-- AlterTable
ALTER TABLE "EvaluationRun" ADD COLUMN     "baselineRunId" TEXT,
ADD COLUMN     "itemsDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "itemsFailed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "itemsTotal" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "judgeTargetId" TEXT,
ADD COLUMN     "suiteVersionId" TEXT,
ADD COLUMN     "targetId" TEXT,
ALTER COLUMN "datasetId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "SafetyTaxonomyVersion" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "categories" JSONB NOT NULL,
    "mappings" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SafetyTaxonomyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafetySuite" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" "SafetySuiteSource" NOT NULL,
    "licence" TEXT NOT NULL DEFAULT '',
    "origin" TEXT NOT NULL DEFAULT '',
    "systemId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SafetySuite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafetySuiteVersion" (
    "id" TEXT NOT NULL,
    "suiteId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "contentSha256" TEXT NOT NULL,
    "policyRules" JSONB NOT NULL DEFAULT '[]',
    "sourceVersion" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SafetySuiteVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafetySuiteItem" (
    "id" TEXT NOT NULL,
    "suiteVersionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "externalId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "sourceCategory" TEXT NOT NULL DEFAULT '',
    "expected" TEXT NOT NULL,
    "messages" JSONB NOT NULL,
    "secret" TEXT,
    "context" TEXT,
    "injection" JSONB,

    CONSTRAINT "SafetySuiteItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafetyTarget" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "modelVersionId" TEXT,
    "name" TEXT NOT NULL,
    "kind" "SafetyTargetKind" NOT NULL,
    "baseUrl" TEXT,
    "model" TEXT,
    "apiKeyCiphertext" TEXT,
    "systemPrompt" TEXT,
    "temperature" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "maxTokens" INTEGER NOT NULL DEFAULT 512,
    "concurrency" INTEGER NOT NULL DEFAULT 8,
    "requestsPerSecond" DOUBLE PRECISION,
    "timeoutMs" INTEGER NOT NULL DEFAULT 60000,
    "inputPricePerMTok" DOUBLE PRECISION,
    "outputPricePerMTok" DOUBLE PRECISION,
    "offlineSha256" TEXT,
    "offlineCount" INTEGER,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SafetyTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafetyResponse" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "content" TEXT,
    "error" TEXT,
    "latencyMs" INTEGER,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "tokensEstimated" BOOLEAN NOT NULL DEFAULT false,
    "costUsd" DOUBLE PRECISION,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "verdicts" JSONB NOT NULL,
    "outcome" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SafetyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerdictOverride" (
    "id" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "grader" TEXT NOT NULL,
    "previousLabel" TEXT NOT NULL,
    "previousFlagged" BOOLEAN NOT NULL,
    "label" TEXT NOT NULL,
    "flagged" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerdictOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedTeamCampaign" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "objective" TEXT NOT NULL DEFAULT '',
    "status" "CampaignStatus" NOT NULL DEFAULT 'active',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RedTeamCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedTeamAttempt" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "messages" JSONB NOT NULL,
    "response" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "severity" "Severity" NOT NULL,
    "exploitability" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "promotedItemId" TEXT,
    "riskId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RedTeamAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SafetyTaxonomyVersion_orgId_version_key" ON "SafetyTaxonomyVersion"("orgId", "version");

-- CreateIndex
CREATE INDEX "SafetySuite_orgId_idx" ON "SafetySuite"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "SafetySuite_orgId_key_key" ON "SafetySuite"("orgId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "SafetySuiteVersion_suiteId_version_key" ON "SafetySuiteVersion"("suiteId", "version");

-- CreateIndex
CREATE INDEX "SafetySuiteItem_suiteVersionId_position_idx" ON "SafetySuiteItem"("suiteVersionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "SafetySuiteItem_suiteVersionId_externalId_key" ON "SafetySuiteItem"("suiteVersionId", "externalId");

-- CreateIndex
CREATE INDEX "SafetyTarget_orgId_idx" ON "SafetyTarget"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "SafetyTarget_orgId_name_key" ON "SafetyTarget"("orgId", "name");

-- CreateIndex
CREATE INDEX "SafetyResponse_runId_category_idx" ON "SafetyResponse"("runId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "SafetyResponse_runId_itemId_key" ON "SafetyResponse"("runId", "itemId");

-- CreateIndex
CREATE INDEX "VerdictOverride_responseId_idx" ON "VerdictOverride"("responseId");

-- CreateIndex
CREATE INDEX "RedTeamCampaign_orgId_idx" ON "RedTeamCampaign"("orgId");

-- CreateIndex
CREATE INDEX "RedTeamAttempt_campaignId_idx" ON "RedTeamAttempt"("campaignId");

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_suiteVersionId_fkey" FOREIGN KEY ("suiteVersionId") REFERENCES "SafetySuiteVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "SafetyTarget"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_judgeTargetId_fkey" FOREIGN KEY ("judgeTargetId") REFERENCES "SafetyTarget"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetySuiteVersion" ADD CONSTRAINT "SafetySuiteVersion_suiteId_fkey" FOREIGN KEY ("suiteId") REFERENCES "SafetySuite"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetySuiteItem" ADD CONSTRAINT "SafetySuiteItem_suiteVersionId_fkey" FOREIGN KEY ("suiteVersionId") REFERENCES "SafetySuiteVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetyTarget" ADD CONSTRAINT "SafetyTarget_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetyResponse" ADD CONSTRAINT "SafetyResponse_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvaluationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetyResponse" ADD CONSTRAINT "SafetyResponse_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SafetySuiteItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerdictOverride" ADD CONSTRAINT "VerdictOverride_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SafetyResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedTeamCampaign" ADD CONSTRAINT "RedTeamCampaign_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedTeamAttempt" ADD CONSTRAINT "RedTeamAttempt_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "RedTeamCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

