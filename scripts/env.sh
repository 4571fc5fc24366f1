# Defaults shared by the demo, the e2e server and CI. Anything already set wins.
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/assay}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ASSAY_STORAGE_DIR=${ASSAY_STORAGE_DIR:-$repo_root/var/storage}
mkdir -p "$repo_root/var"
# Runs record the code that computed them; web and worker must agree on it.
ASSAY_CODE_VERSION=${ASSAY_CODE_VERSION:-$(git -C "$repo_root" describe --always --dirty --abbrev=12 2>/dev/null || echo dev)}
export ASSAY_CODE_VERSION
# A per-installation session secret, created once and kept out of git.
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  [ -f "$repo_root/var/nextauth-secret" ] || node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > "$repo_root/var/nextauth-secret"
  NEXTAUTH_SECRET=$(cat "$repo_root/var/nextauth-secret")
  export NEXTAUTH_SECRET
fi
