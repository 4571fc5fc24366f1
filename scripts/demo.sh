#!/usr/bin/env bash
# Starts Assay with a demo organisation: migrates, seeds, builds, and runs web + worker.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export PORT=${PORT:-3000}
export NEXTAUTH_URL=${NEXTAUTH_URL:-http://localhost:$PORT}

[ -d node_modules ] || pnpm install --frozen-lockfile
pnpm exec tsx scripts/check-services.ts
pnpm exec tsx scripts/ensure-database.ts
pnpm exec prisma migrate deploy > /dev/null
ASSAY_TARGET_ALLOW_PRIVATE_NETWORKS=true pnpm exec tsx scripts/seed-demo.ts
if [ ! -f apps/web/.next/BUILD_ID ] || [ -n "${ASSAY_REBUILD:-}" ]; then
  echo "Building the web app (once)…"
  pnpm --filter @assay/web build > var/build.log 2>&1 || { tail -40 var/build.log; exit 1; }
fi

# The safety demo's model listens on loopback; allowing internal targets is the operator's choice.
export ASSAY_TARGET_ALLOW_PRIVATE_NETWORKS=${ASSAY_TARGET_ALLOW_PRIVATE_NETWORKS:-true}
# The tsx shim execs node, so $! is the process itself and the trap can stop it.
node_modules/.bin/tsx apps/worker/src/main.ts &
worker=$!
mkdir -p var
PORT=4010 node_modules/.bin/tsx scripts/demo-target.ts > var/demo-target.log 2>&1 &
target=$!
trap 'kill $worker $target 2>/dev/null || true' EXIT INT TERM
echo "Assay is starting on $NEXTAUTH_URL (Ctrl-C stops web, worker and the demo model on :4010)."
pnpm --filter @assay/web start
