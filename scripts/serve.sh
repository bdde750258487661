#!/usr/bin/env bash
# Serves the course at http://127.0.0.1:8080/ with live reload (installs missing tools first).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "[serve] building and serving at http://127.0.0.1:8080/ (Ctrl-C to stop)"
# Trunk refuses to watch with an ignore path that does not exist yet (a fresh clone has no target/).
mkdir -p target dist
exec trunk serve "$@"
