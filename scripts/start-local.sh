#!/usr/bin/env bash
# README command 1: run the whole product locally (installs what is missing, builds, starts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/ensure-node.sh
echo "narthex: building the board…"
npx --no-install next build >/dev/null
exec node_modules/.bin/tsx scripts/start-local.ts
