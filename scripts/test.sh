#!/usr/bin/env bash
# README command 2: every test. Installs what is missing, then lint, types, unit and integration
# tests (vitest, real Prosody; once on SQLite, once on a private PostgreSQL), a production build, and
# e2e tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/ensure-node.sh

step() { printf '\n== %s\n' "$*"; }
step "lint";                           npx --no-install eslint --max-warnings=0 .
step "types";                          npx --no-install next typegen && npx --no-install tsc --noEmit
step "unit tests";                     npx --no-install vitest run --project unit
step "integration tests (SQLite)";     npx --no-install vitest run --project integration
step "integration tests (PostgreSQL)"; NARTHEX_TEST_DATABASE=postgresql npx --no-install vitest run --project integration
step "build";                          npx --no-install next build
step "e2e tests";                      npx --no-install playwright test
