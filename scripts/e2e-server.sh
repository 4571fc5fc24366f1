#!/usr/bin/env bash
# What Playwright's webServer runs: a fresh database with the demo seed, the
# built web app and a real worker.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL=${E2E_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/assay_e2e}
export ASSAY_STORAGE_DIR=$PWD/var/e2e-storage
export ASSAY_QUEUE_PREFIX=assay-e2e
export NEXTAUTH_SECRET=e2e-only-secret-not-for-production
export PORT=${E2E_PORT:-3100}
export NEXTAUTH_URL=http://127.0.0.1:$PORT
source scripts/env.sh
rm -rf "$ASSAY_STORAGE_DIR"
pnpm exec tsx scripts/check-services.ts
pnpm exec tsx scripts/reset-database.ts
pnpm exec prisma migrate deploy > /dev/null
pnpm exec tsx scripts/seed-demo.ts
# The tsx shim execs node, so $! is the worker itself and the trap can stop it.
node_modules/.bin/tsx apps/worker/src/main.ts &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
pnpm --filter @assay/web start
