#!/usr/bin/env bash
# Installs what building, serving and testing Scaling Lab need, skipping what is already there at the
# right version: the wasm32 target, trunk, wasm-bindgen-cli (= Cargo.lock's wasm-bindgen), the npm tools
# from package-lock.json (wasm-opt, playwright-core, axe-core), Debian's Chromium and ChromeDriver, and
# CJK fonts so Chinese text renders in headless screenshots. Nothing is downloaded at build time after this.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p' | head -1)
export PATH="$HOME/.cargo/bin:$PATH"

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (a few minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # Not --locked: the CLI's own lock file names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm records what it installed in node_modules/.package-lock.json; it matches the lock file's packages
# exactly when nothing is missing or stale.
if [ -x node_modules/.bin/wasm-opt ] && [ -f node_modules/.package-lock.json ] && node -e '
  const a = require("./package-lock.json").packages, b = require("./node_modules/.package-lock.json").packages;
  const ver = (p) => Object.fromEntries(Object.entries(p).filter(([k]) => k).map(([k, v]) => [k, v.version]));
  process.exit(JSON.stringify(ver(a)) === JSON.stringify(ver(b)) ? 0 : 1);'; then
  say "npm tools: present"
else
  say "installing npm tools from package-lock.json"
  npm ci --no-audit --no-fund
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -eq 0 ]; then
  say "chromium, chromedriver, CJK fonts: present"
else
  say "installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
say "ready"
