#!/usr/bin/env bash
# Whether calibre's Kindle conversion keeps the EPUB's embedded fonts (issue 12, item 3): converts
# the seed's EPUB to AZW3 with `ebook-convert`, back to EPUB, and lists the fonts of the result.
# calibre (Debian package `calibre`, ~400 MB with its Qt stack) is too heavy for CI, so this is
# not part of `cargo test`; `tests/epub.rs` checks the font files and media types instead.
#
#   benches/calibre.sh [INPUT]     # default source/speech.txt; exit 1 when a font was dropped
set -euo pipefail
cd "$(dirname "$0")/.."
command -v ebook-convert >/dev/null || { echo "ebook-convert not found (apt install calibre)"; exit 2; }
input=${1:-source/speech.txt}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SOURCE_DATE_EPOCH=1700000000 target/release/cjkpress convert "$input" -o "$tmp/book.epub" -q
ebook-convert "$tmp/book.epub" "$tmp/book.azw3" >/dev/null
ebook-convert "$tmp/book.azw3" "$tmp/back.epub" >/dev/null
want=$(unzip -Z1 "$tmp/book.epub" | grep -ciE '\.(ttf|otf)$' || true)
got=$(unzip -Z1 "$tmp/back.epub" | grep -ciE '\.(ttf|otf)$' || true)
echo "fonts in the EPUB: $want; after AZW3 and back: $got"
unzip -Z1 "$tmp/back.epub" | grep -iE '\.(ttf|otf|woff2?)$' || true
[ "$got" -ge "$want" ] && [ "$want" -gt 0 ]
