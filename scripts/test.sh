#!/usr/bin/env bash
# Runs every test of Scaling Lab (installs missing tools first):
#   1. native unit and integration tests of all crates (science, lesson compiler, app logic);
#   2. wasm-bindgen tests of DOM components in headless Chromium;
#   3. a release build under the sub-path /scaling-lab/ and end-to-end tests on it (playwright-core
#      driving Debian's Chromium, axe-core), served like a static host with the 404.html convention.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# A clean run needs about 4 GB in target/; say so up front rather than failing mid-link.
free_kb=$(df -Pk . | awk 'NR==2 {print $4}')
echo "[test] free disk here: $((free_kb / 1024)) MB"
if [ "$free_kb" -lt 4000000 ]; then
  echo "[test] warning: less than 4 GB free; the build may run out of disk (target/ grows to about 4 GB)" >&2
fi
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "[test] 1/3 native tests: cargo test --workspace --all-features"
cargo test --workspace --all-features --locked

echo "[test] 2/3 DOM component tests in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown -p scaling-lab --test dom

echo "[test] 3/3 release build under /scaling-lab/ (into target/e2e-dist, so a running scripts/serve.sh keeps its dist/) and end-to-end tests"
DIST=target/e2e-dist PUBLIC_URL=/scaling-lab/ scripts/build.sh
E2E_DIST=target/e2e-dist node --test --test-concurrency=1 tests/e2e/
