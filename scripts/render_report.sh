#!/usr/bin/env bash
# Render a `bulletins report` HTML file in headless Chromium and save a PNG screenshot,
# to check that the report renders offline.
#
# Example:
#   scripts/render_report.sh out/report.html /tmp/report.png [1280x2000]
#
# Exit codes: 0 screenshot written; 2 usage error; 3 no chromium found (install the
# Debian package `chromium`, or set CHROMIUM=/path/to/chrome); other: chromium failed.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
  exit 2
fi
html=$(realpath "$1")
png=$2
size=${3:-1280x2000}
if [[ ! -f "$html" ]]; then
  echo "no report at $1: make one with 'bulletins report OUT.jsonl -o $1'" >&2
  exit 2
fi

chromium=${CHROMIUM:-}
if [[ -z "$chromium" ]]; then
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then chromium=$(command -v "$name"); break; fi
  done
fi
if [[ -z "$chromium" ]]; then
  echo "chromium not found: apt-get install -y chromium (or set CHROMIUM)" >&2
  exit 3
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
# Flags keep the browser offline and quiet: no sync, updates or background traffic.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --screenshot="$png" \
  --window-size="${size/x/,}" "file://$html" >/dev/null 2>&1 || true
if [[ ! -s "$png" ]]; then
  echo "chromium wrote no screenshot at $png" >&2
  exit 1
fi
echo "$png"
