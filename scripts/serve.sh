#!/usr/bin/env bash
# Serves the course at http://127.0.0.1:8080/ with live reload (installs missing tools first).
# PORT=8081 scripts/serve.sh picks another port; other arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
port="${PORT:-8080}"
echo "[serve] building (the first build takes several minutes; cargo's 'Blocking waiting for file lock'"
echo "[serve] lines are the app's modules queueing for one build directory), then serving at"
echo "[serve] http://127.0.0.1:$port/ (Ctrl-C to stop)"
# Trunk refuses to watch with an ignore path that does not exist yet (a fresh clone has no target/).
mkdir -p target dist
exec trunk serve --port "$port" "$@"
