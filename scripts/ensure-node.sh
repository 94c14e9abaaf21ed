# Sourced by the README commands and .ci/run: puts a supported Node LTS (>= 22.11) first on PATH.
# @xmpp/client needs Node >= 22.11; machines of this kind ship Node 20 (end of life), so when the
# machine's Node is older we install Node 24 from the npm registry into .tools/ (seconds, no compile).
narthex_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
narthex_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=11)?0:1)'
}
if [ -x "$narthex_root/.tools/node_modules/.bin/node" ]; then
  export PATH="$narthex_root/.tools/node_modules/.bin:$PATH"
fi
if ! narthex_node_ok; then
  echo "narthex: installing Node 24 into .tools/ (the machine's Node is $(node -v 2>/dev/null || echo missing))" >&2
  mkdir -p "$narthex_root/.tools"
  npm install --silent --no-save --prefix "$narthex_root/.tools" node@24 >&2
  export PATH="$narthex_root/.tools/node_modules/.bin:$PATH"
  narthex_node_ok || { echo "narthex: could not provide Node >= 22.11" >&2; exit 1; }
fi
export NEXT_TELEMETRY_DISABLED=1
