#!/usr/bin/env bash
# Every test: unit, integration (real Postgres, Redis, BullMQ worker) and
# Playwright end-to-end in Chromium against the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
pnpm exec tsx scripts/check-services.ts
echo "── unit ──"
pnpm exec vitest run --project unit
echo "── integration ──"
pnpm exec vitest run --project integration
if [ ! -f apps/web/.next/BUILD_ID ]; then
  echo "── build ──"
  pnpm --filter @assay/web build
fi
echo "── end-to-end ──"
pnpm exec playwright test -c apps/web/playwright.config.ts
