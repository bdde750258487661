#!/usr/bin/env bash
# Lighthouse benchmark: Scaling Lab's release build (home, chapter 2) against the mdBook peer of
# chapter 2 that scripts/bench-size.sh builds, served gzip-compressed by the same server in the same run
# (scripts/bench-lighthouse.mjs). Lighthouse 12.2.3 (13 needs Node 22) is installed on first use into
# target/bench-tools, outside the project's package.json: the tests do not need it.
# BENCH_DIST: measure a release build already made under /scaling-lab/. RUNS: runs per page (3).
# Writes target/bench-lighthouse.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
LIGHTHOUSE_VERSION=12.2.3
tools=target/bench-tools
lh="$tools/node_modules/.bin/lighthouse"
if ! "$lh" --version 2>/dev/null | grep -qx "$LIGHTHOUSE_VERSION"; then
  echo "[bench] installing lighthouse $LIGHTHOUSE_VERSION into $tools"
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"private": true}' > "$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi

dist="${BENCH_DIST:-target/bench-dist}"
if [ -z "${BENCH_DIST:-}" ]; then
  echo "[bench] release build of Scaling Lab under /scaling-lab/"
  DIST="$dist" PUBLIC_URL=/scaling-lab/ scripts/build.sh >/dev/null 2>&1
fi
if [ ! -f target/bench-mdbook/book/power-laws.html ]; then
  echo "[bench] building the mdBook peer (scripts/bench-size.sh)"
  BENCH_DIST="$dist" scripts/bench-size.sh >/dev/null
fi

out=target/bench-lighthouse.md
echo "[bench] Lighthouse, ${RUNS:-3} runs per page and preset"
node scripts/bench-lighthouse.mjs "$lh" "$dist" target/bench-mdbook/book "${RUNS:-3}" | tee "$out"
echo "[bench] written to $out"
