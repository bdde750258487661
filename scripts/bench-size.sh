#!/usr/bin/env bash
# Size benchmark: the first load (home → chapter 2) of Scaling Lab's release build against a peer built
# from the same chapter text with mdBook, measured the same way in the same run (scripts/size-report.mjs:
# every response the browser receives, raw and gzip -9), and home → chapter 3 (which loads a widget bundle).
# Writes target/bench-size.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
MDBOOK_VERSION=0.4.52
if ! mdbook --version 2>/dev/null | grep -q "$MDBOOK_VERSION"; then
  echo "[bench] installing mdbook $MDBOOK_VERSION"
  cargo install mdbook --version "$MDBOOK_VERSION" --locked
fi
out=target/bench-size.md
mkdir -p target

# BENCH_DIST: measure a release build already made under /scaling-lab/ instead of building one.
dist="${BENCH_DIST:-target/bench-dist}"
if [ -z "${BENCH_DIST:-}" ]; then
  echo "[bench] release build of Scaling Lab under /scaling-lab/"
  DIST="$dist" PUBLIC_URL=/scaling-lab/ scripts/build.sh >/dev/null 2>&1
fi

echo "[bench] mdBook peer: content/en/02-power-laws.md as a one-chapter book (math via mdBook's MathJax option)"
book=target/bench-mdbook
rm -rf "$book" && mkdir -p "$book/src"
cat > "$book/book.toml" <<TOML
[book]
title = "Scaling Lab (mdBook peer)"
[output.html]
mathjax-support = true
TOML
# The chapter without its front matter; typed blocks stay as (inert) code blocks.
awk 'BEGIN{fm=0} /^\+\+\+$/{fm++; next} fm>=2' content/en/02-power-laws.md > "$book/src/power-laws.md"
printf '# Summary\n\n- [Where power laws come from](power-laws.md)\n' > "$book/src/SUMMARY.md"
mdbook build "$book" >/dev/null

{
  echo "## Scaling Lab: home → chapter 2 (en)"
  node scripts/size-report.mjs "$dist" --base /scaling-lab/ --visit en/ --visit en/power-laws | sed -n '/# First load/,$p'
  echo "## Scaling Lab: home → chapter 3 (en), whose widgets come in the scaling-widgets bundle"
  node scripts/size-report.mjs "$dist" --base /scaling-lab/ --visit en/ --visit en/kaplan-laws | sed -n '/# First load/,$p'
  echo "## mdBook $MDBOOK_VERSION peer: the same chapter"
  node scripts/size-report.mjs "$book/book" --base / --visit power-laws.html | sed -n '/# First load/,$p'
} | tee "$out"
echo "[bench] written to $out"
