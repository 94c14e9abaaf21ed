#!/usr/bin/env bash
# `prisma generate` without network: the CLI insists on locating its native schema engine at start-up
# even though generate does not use it, and the download is not reachable here. Any executable
# satisfies the check (see shared/notes/toolchain.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/true}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
exec node node_modules/prisma/build/index.js generate "$@"
