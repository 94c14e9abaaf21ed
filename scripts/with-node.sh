#!/usr/bin/env bash
# Runs a command from node_modules/.bin with the project's Node (>= 22.11), installing what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/ensure-node.sh
exec npx --no-install "$@"
