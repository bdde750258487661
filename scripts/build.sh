#!/usr/bin/env bash
# Release build into dist/ (or $DIST). PUBLIC_URL picks the path the site is served under (default /):
#   PUBLIC_URL=/scaling-lab/ scripts/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
url="${PUBLIC_URL:-/}"
dist="${DIST:-dist}"
echo "[build] release build for public URL $url → $dist/"
trunk build --release --public-url "$url" --dist "$dist" "$@"
