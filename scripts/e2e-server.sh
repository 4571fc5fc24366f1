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
# The safety demo model, on a port of its own so a running `pnpm demo` is left alone.
export DEMO_TARGET_PORT=${E2E_DEMO_TARGET_PORT:-4110}
export ASSAY_DEMO_TARGET_URL=http://127.0.0.1:$DEMO_TARGET_PORT/v1
export ASSAY_TARGET_ALLOW_PRIVATE_NETWORKS=true
# The worker's governance sweep (expiring exceptions, notices) every few seconds instead of every minute,
# so e2e/governance.spec.ts sees an exception it back-dated expire without waiting.
export ASSAY_GOVERNANCE_SWEEP_MS=${E2E_GOVERNANCE_SWEEP_MS:-3000}
source scripts/env.sh
rm -rf "$ASSAY_STORAGE_DIR"
pnpm exec tsx scripts/check-services.ts
pnpm exec tsx scripts/reset-database.ts
pnpm exec prisma migrate deploy > /dev/null
mkdir -p var
# The tsx shim execs node, so $! is the process itself and the trap can stop it.
PORT=$DEMO_TARGET_PORT DEMO_TARGET_LATENCY_MS=20 node_modules/.bin/tsx scripts/demo-target.ts > var/e2e-demo-target.log 2>&1 &
target=$!
trap 'kill $target 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do curl -sf "$ASSAY_DEMO_TARGET_URL/models" > /dev/null && break; sleep 0.2; done
pnpm exec tsx scripts/seed-demo.ts
node_modules/.bin/tsx apps/worker/src/main.ts &
worker=$!
trap 'kill $worker $target 2>/dev/null || true' EXIT INT TERM
pnpm --filter @assay/web start
