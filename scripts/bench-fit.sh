#!/usr/bin/env bash
# Fit benchmark (issue 3 §4), in one run on this machine:
#   1. native: the Chinchilla-form fit (L = E + A/N^α + B/D^β, Huber δ = 1e-3 on ln L, log-sum-exp
#      parametrization, the 4500-start grid of Hoffmann et al. App. D.2) of the shipped single-epoch
#      datablations runs, release build, and a 1000-resample bootstrap
#      (crates/scaling/examples/bench_fit.rs; it also writes the worker messages used below);
#   2. the peer: the same fit with SciPy's L-BFGS-B (scripts/bench_fit.py) in a virtual environment
#      made here (target/bench-venv, NumPy and SciPy from PyPI);
#   3. wasm: the same fit and bootstrap in the app's compute Web Worker in headless Chromium, and the
#      re-render time of a slider in two widgets (scripts/bench-fit.mjs);
#   4. a report: times, objectives (must agree to 1e-6 relative), the targets (wasm ≤ 3× SciPy,
#      1000 bootstrap refits < 10 s in the browser, slider re-render < 16 ms median), written to
#      target/bench-fit/report.md.
# A benchmark, not a test: never called by scripts/test.sh. Network: PyPI only, and only when the
# virtual environment is missing.
#
# Settings (environment): REPEATS (default 3) fits per side, best reported; RESAMPLES (1000);
# MOVES (50) slider moves per pass. The build the browser measures, first that applies:
#   BENCH_DIST=dir  an existing release build under /scaling-lab/;
#   BENCH_REV=rev   build that commit (git archive into target/bench-src, its own cargo target dir, so
#                   uncommitted work in the tree does not matter) into target/bench-dist;
#   target/e2e-dist or target/bench-dist if newer than every source file of the app;
#   else build the working tree into target/bench-dist (scripts/build.sh); if the working tree does not
#   build, HEAD as with BENCH_REV=HEAD.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
REPEATS="${REPEATS:-3}"
RESAMPLES="${RESAMPLES:-1000}"
MOVES="${MOVES:-50}"
NUMPY_VERSION=2.4.6
SCIPY_VERSION=1.17.1
out=target/bench-fit
venv=target/bench-venv
mkdir -p "$out"

# --- the build the browser measures --------------------------------------------------------------------
fresh() { # $1 = dist dir: has a wasm newer than every source file of the app
  local wasm
  wasm=$(ls "$1"/scaling-lab-*_bg.wasm 2>/dev/null | head -1) || true
  [ -n "$wasm" ] && [ -f "$1/index.html" ] || return 1
  grep -q '<base href="/scaling-lab/"' "$1/index.html" || return 1
  [ -z "$(find src crates content style assets index.html Cargo.toml Cargo.lock Trunk.toml \
      -type f -newer "$wasm" -not -path '*/target/*' -print -quit)" ]
}
build_rev() { # $1 = commit: export it and build it, apart from the working tree and its target dir
  local rev tree=target/bench-src/tree
  rev=$(git rev-parse --short "$1")
  echo "[bench] release build of commit $rev under /scaling-lab/ into target/bench-dist (exported to $tree)"
  rm -rf "$tree" && mkdir -p "$tree"
  git archive "$rev" | tar -x -C "$tree"
  (CARGO_TARGET_DIR="$PWD/target/bench-src/target" DIST="$PWD/target/bench-dist" PUBLIC_URL=/scaling-lab/ \
    "$tree/scripts/build.sh") >"$out/build.log" 2>&1 \
    || { tail -30 "$out/build.log"; echo "[bench] the build of $rev failed (log: $out/build.log)"; exit 1; }
  echo "$rev" >target/bench-dist/.bench-rev
}
if [ -n "${BENCH_DIST:-}" ]; then
  dist="$BENCH_DIST"
  echo "[bench] using the build in $dist (BENCH_DIST)"
elif [ -n "${BENCH_REV:-}" ]; then
  build_rev "$BENCH_REV"
  dist=target/bench-dist
elif fresh target/e2e-dist; then
  dist=target/e2e-dist
  echo "[bench] target/e2e-dist is newer than every source file: reusing it"
elif fresh target/bench-dist; then
  dist=target/bench-dist
  echo "[bench] target/bench-dist is newer than every source file: reusing it"
else
  dist=target/bench-dist
  echo "[bench] release build of the app under /scaling-lab/ into $dist (no fresh build found)"
  rm -f "$dist/.bench-rev"
  if ! DIST="$dist" PUBLIC_URL=/scaling-lab/ scripts/build.sh >"$out/build.log" 2>&1; then
    grep -m3 '^error' "$out/build.log" || true
    echo "[bench] the working tree does not build (log: $out/build.log); building HEAD instead"
    build_rev HEAD
  fi
fi

# --- machine -------------------------------------------------------------------------------------------
load() { cut -d' ' -f1-3 /proc/loadavg; }
wasm_file=$(ls "$dist"/scaling-lab-*_bg.wasm | head -1)
if [ -f "$dist/.bench-rev" ]; then
  built="commit $(cat "$dist/.bench-rev")"
elif [ -n "${BENCH_DIST:-}" ]; then
  built="the build in $dist"
else
  built="working tree at $(git rev-parse --short HEAD)"
  git diff --quiet HEAD -- src crates content style assets index.html Cargo.toml Cargo.lock 2>/dev/null \
    || built="$built + uncommitted changes"
fi
DATE="$(date -u +%Y-%m-%dT%H:%MZ)" CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
CORES="$(nproc)" MEM="$(free -g | awk '/^Mem:/{print $2 " GB"}')" LOAD="$(load)" \
COMMIT="$built" RUSTC="$(rustc --version)" \
WASM="$wasm_file ($(stat -c %s "$wasm_file") bytes, built $(date -u -r "$wasm_file" +%Y-%m-%dT%H:%MZ))" \
node -e 'const e = process.env; require("fs").writeFileSync(process.argv[1], JSON.stringify({date: e.DATE, cpu: e.CPU,
  cores: e.CORES, mem: e.MEM, load_before: e.LOAD, commit: e.COMMIT, rustc: e.RUSTC, wasm: e.WASM}, null, 2))' "$out/machine.json"
echo "[bench] $(nproc) cores, load average $(load); results in $out/"

# --- 1. native -----------------------------------------------------------------------------------------
echo "[bench] 1/3 native: release build of crates/scaling/examples/bench_fit.rs, fit ×$REPEATS + bootstrap ($RESAMPLES)"
cargo build --release --quiet -p scaling --example bench_fit
target/release/examples/bench_fit "$out" "$REPEATS" "$RESAMPLES"

# --- 2. SciPy ------------------------------------------------------------------------------------------
if "$venv/bin/python" -c "import numpy, scipy, sys; sys.exit(numpy.__version__ != '$NUMPY_VERSION' or scipy.__version__ != '$SCIPY_VERSION')" 2>/dev/null; then
  echo "[bench] NumPy $NUMPY_VERSION and SciPy $SCIPY_VERSION already in $venv"
else
  echo "[bench] making $venv with NumPy $NUMPY_VERSION and SciPy $SCIPY_VERSION from PyPI"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "numpy==$NUMPY_VERSION" "scipy==$SCIPY_VERSION"
fi
# One BLAS thread: L-BFGS-B's 5-vector algebra only loses to thread hand-offs (measured: 68 s with
# OpenBLAS's default threads, 29 s with one), and the wasm fit is single-threaded too.
echo "[bench] 2/3 SciPy L-BFGS-B, same runs, objective and grid, ×$REPEATS (one BLAS thread)"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  "$venv/bin/python" scripts/bench_fit.py "$out/runs.json" crates/scaling/data/datablations-runs.csv "$out/scipy.json" "$REPEATS"

# --- 3. wasm in Chromium -------------------------------------------------------------------------------
echo "[bench] 3/3 wasm in headless Chromium: compute worker fit ×$REPEATS + bootstrap, then $MOVES slider moves per pass"
node scripts/bench-fit.mjs browser "$dist" "$out" "$REPEATS" "$MOVES"

# --- report --------------------------------------------------------------------------------------------
LOAD="$(load)" node -e 'const f = process.argv[1], m = JSON.parse(require("fs").readFileSync(f));
  m.load_after = process.env.LOAD; require("fs").writeFileSync(f, JSON.stringify(m, null, 2))' "$out/machine.json"
node scripts/bench-fit.mjs report "$out"
