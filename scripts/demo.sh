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
pnpm exec tsx scripts/seed-demo.ts
if [ ! -f apps/web/.next/BUILD_ID ] || [ -n "${ASSAY_REBUILD:-}" ]; then
  echo "Building the web app (once)…"
  pnpm --filter @assay/web build > var/build.log 2>&1 || { tail -40 var/build.log; exit 1; }
fi

# The tsx shim execs node, so $! is the worker itself and the trap can stop it.
node_modules/.bin/tsx apps/worker/src/main.ts &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Assay is starting on $NEXTAUTH_URL (Ctrl-C stops web and worker)."
pnpm --filter @assay/web start
