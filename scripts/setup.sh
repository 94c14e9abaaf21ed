#!/usr/bin/env bash
# Brings a machine up to date for development and tests; does only what is missing or stale, and is
# silent when nothing is. Safe from any directory: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/ensure-node.sh

say() { echo "setup: $*" >&2; }

# npm packages: after a fresh clone, or when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  # npm 11 warns that install scripts are "not yet covered by allowScripts": harmless here (esbuild's
  # binary works without its postinstall; Prisma's client is generated below).
  npm ci --no-audit --no-fund
fi

# Prisma clients: generated into lib/generated/prisma and lib/generated/prisma-postgresql (not
# committed), refreshed when the schema or the generate script changes.
if [ ! -f lib/generated/prisma/client.ts ] || [ ! -f lib/generated/prisma-postgresql/client.ts ] ||
   [ prisma/schema.prisma -nt lib/generated/prisma-postgresql/client.ts ] ||
   [ scripts/prisma-generate.sh -nt lib/generated/prisma-postgresql/client.ts ]; then
  say "generating the Prisma client"
  if ! out="$(bash scripts/prisma-generate.sh 2>&1)"; then
    echo "$out" >&2
    exit 1
  fi
fi

# Debian packages: Prosody (private XMPP server for tests and the demo), PostgreSQL (the integration
# tests' second pass starts a private server, scripts/lib/private-postgres.ts; no service is used),
# HAProxy (one address in front of several web nodes in the scaling tests and benchmark,
# scripts/lib/private-haproxy.ts; no service is used), Chromium (e2e tests) and the font PNG badges
# are drawn with (lib/badges/render-badge-png.ts).
missing=()
command -v prosody >/dev/null 2>&1 || missing+=(prosody)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
# Community modules: the badge benchmark runs Prosody's own mod_webpresence beside Narthex's badges.
[ -d /usr/lib/prosody/modules/mod_webpresence ] || missing+=(prosody-modules)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
