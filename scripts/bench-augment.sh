#!/usr/bin/env bash
# Augmentation benchmark (issue 4 §5), in one run on this machine, on the six shared photos
# (astronaut.png, camera.png, chelsea.png, coffee.png, horse.png, rocket.jpg from shared/data/images)
# with one fixed pipeline: RandomHorizontalFlip(0.5) → RandomResizedCrop(224, (0.08, 1), (3/4, 4/3),
# bilinear, antialias) → ColorJitter(0.4, 0.4, 0.4, 0.1) → RandomErasing(p = 0.5, value 0):
#   1. native: augment_image::Pipeline, release build (crates/augment-lab/examples/bench_augment.rs;
#      photos decoded once outside the timed loop; it also writes the configuration the others read);
#   2. the peer: the same pipeline with Pillow + NumPy (scripts/bench_augment.py, no torchvision) in a
#      virtual environment made here (target/bench-venv, shared with scripts/bench-fit.sh);
#   3. wasm: the augmentation Web Worker in headless Chromium (Grid jobs, raw and decode-corrected), the
#      worker-only time of the playground's 16-sample grid of the 512×512 astronaut.png, and the same
#      grid end to end through the chapter 7 widget (upload → 16 canvases painted) (scripts/bench-augment.mjs);
#   4. a report: images/s of each, wasm/Pillow (target ≥ 0.5×), the grid times (target < 100 ms), written to
#      target/bench-augment/report.md (docs/PERFORMANCE.md quotes it).
# A benchmark, not a test: never called by scripts/test.sh. Network: PyPI only, and only when the
# virtual environment lacks Pillow or NumPy.
#
# Settings (environment): REPEATS (default 7) timed passes per side, median reported; SAMPLES (16)
# samples per photo per pass. The build the browser measures, first that applies:
#   BENCH_DIST=dir  an existing release build (any public URL; its <base href> is read);
#   target/e2e-dist or target/bench-aug-dist if its wasm modules are newer than every source file;
#   else a release build of the working tree into target/bench-aug-dist (PUBLIC_URL=/ scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
REPEATS="${REPEATS:-7}"
SAMPLES="${SAMPLES:-16}"
NUMPY_VERSION=2.4.6
PILLOW_VERSION=13.0.0
out=target/bench-augment
venv=target/bench-venv
images=""
for d in ../shared/data/images /work/shared/data/images; do
  if [ -f "$d/astronaut.png" ]; then images="$(cd "$d" && pwd)"; break; fi
done
[ -n "$images" ] || { echo "[bench] the shared photos are missing (looked in ../shared/data/images and /work/shared/data/images)"; exit 1; }
mkdir -p "$out"

# --- the build the browser measures --------------------------------------------------------------------
fresh() { # $1 = dist dir: has both wasm modules, newer than every source file of the app
  local app worker oldest
  app=$(ls "$1"/scaling-lab-*_bg.wasm 2>/dev/null | head -1) || true
  worker="$1/augment-worker_bg.wasm"
  [ -n "$app" ] && [ -f "$worker" ] && [ -f "$1/index.html" ] || return 1
  oldest="$app"; [ "$worker" -ot "$app" ] && oldest="$worker"
  [ -z "$(find src crates content style assets index.html Cargo.toml Cargo.lock Trunk.toml \
      -type f -newer "$oldest" -not -path '*/target/*' -not -path '*/examples/*' -not -path '*/tests/*' -print -quit)" ]
}
if [ -n "${BENCH_DIST:-}" ]; then
  dist="$BENCH_DIST"
  echo "[bench] using the build in $dist (BENCH_DIST)"
elif fresh target/e2e-dist; then
  dist=target/e2e-dist
  echo "[bench] target/e2e-dist is newer than every source file: reusing it"
elif fresh target/bench-aug-dist; then
  dist=target/bench-aug-dist
  echo "[bench] target/bench-aug-dist is newer than every source file: reusing it"
else
  dist=target/bench-aug-dist
  echo "[bench] release build of the working tree into $dist (no fresh build found; log: $out/build.log)"
  if ! DIST="$dist" PUBLIC_URL=/ scripts/build.sh >"$out/build.log" 2>&1; then
    grep -m5 '^error' "$out/build.log" || tail -20 "$out/build.log"
    echo "[bench] the working tree does not build; set BENCH_DIST to an existing build"
    exit 1
  fi
fi
chapter=$(node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const w = c.body.find((s) => s.widget?.id === "ch7-recipe");
  if (!w) { console.error("no ch7-recipe widget in " + process.argv[1]); process.exit(1); }
  console.log(w.widget.widget.params.pipeline)' "$dist/lessons/en/image-augmentation.json")

# --- machine -------------------------------------------------------------------------------------------
load() { cut -d' ' -f1-3 /proc/loadavg; }
built="working tree at $(git rev-parse --short HEAD)"
git diff --quiet HEAD -- src crates content style assets index.html Cargo.toml Cargo.lock 2>/dev/null \
  || built="$built + uncommitted changes"
[ -n "${BENCH_DIST:-}" ] && built="the build in $dist"
worker_wasm="$dist/augment-worker_bg.wasm"
DATE="$(date -u +%Y-%m-%dT%H:%MZ)" CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
CORES="$(nproc)" MEM="$(free -g | awk '/^Mem:/{print $2 " GB"}')" LOAD="$(load)" \
COMMIT="$built" RUSTC="$(rustc --version)" NODE="$(node --version)" \
WASM="$worker_wasm, $(stat -c %s "$worker_wasm") bytes, built $(date -u -r "$worker_wasm" +%Y-%m-%dT%H:%MZ)" \
node -e 'const e = process.env; require("fs").writeFileSync(process.argv[1], JSON.stringify({date: e.DATE, cpu: e.CPU,
  cores: e.CORES, mem: e.MEM, load_before: e.LOAD, commit: e.COMMIT, rustc: e.RUSTC, node: e.NODE, wasm: e.WASM}, null, 2))' "$out/machine.json"
echo "[bench] $(nproc) cores, load average $(load); photos from $images; results in $out/"

# --- 1. native -----------------------------------------------------------------------------------------
echo "[bench] 1/3 native: release build of crates/augment-lab/examples/bench_augment.rs, $REPEATS passes × 6 photos × $SAMPLES samples"
cargo build --release --quiet -p augment-lab --example bench_augment
target/release/examples/bench_augment "$out" "$images" "$REPEATS" "$SAMPLES" "$chapter"

# --- 2. Pillow + NumPy ---------------------------------------------------------------------------------
have() { "$venv/bin/python" -c "import sys, $1; sys.exit($1.__version__ != '$2')" 2>/dev/null; }
if [ ! -x "$venv/bin/python" ]; then
  echo "[bench] making $venv"
  python3 -m venv "$venv"
fi
if have numpy "$NUMPY_VERSION"; then
  echo "[bench] NumPy $NUMPY_VERSION already in $venv"
else
  echo "[bench] installing NumPy $NUMPY_VERSION into $venv from PyPI"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "numpy==$NUMPY_VERSION"
fi
if have PIL "$PILLOW_VERSION"; then
  echo "[bench] Pillow $PILLOW_VERSION already in $venv"
else
  echo "[bench] installing Pillow $PILLOW_VERSION into $venv from PyPI"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pillow==$PILLOW_VERSION"
fi
echo "[bench] 2/3 Pillow + NumPy, same photos, pipeline and passes"
"$venv/bin/python" scripts/bench_augment.py "$out/config.json" "$out/pillow.json"

# --- 3. wasm in Chromium -------------------------------------------------------------------------------
echo "[bench] 3/3 wasm in headless Chromium ($dist): worker throughput, worker-only grid, widget end to end"
node scripts/bench-augment.mjs browser "$dist" "$out"

# --- report --------------------------------------------------------------------------------------------
LOAD="$(load)" node -e 'const f = process.argv[1], m = JSON.parse(require("fs").readFileSync(f));
  m.load_after = process.env.LOAD; require("fs").writeFileSync(f, JSON.stringify(m, null, 2))' "$out/machine.json"
node scripts/bench-augment.mjs report "$out"
