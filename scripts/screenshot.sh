#!/usr/bin/env bash
# Takes a screenshot of a running app page with Debian's headless Chromium.
#   scripts/screenshot.sh URL OUT.png [WIDTHxHEIGHT]
set -euo pipefail
url=$1; out=$2; size=${3:-1366x900}
profile=$(mktemp -d); trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --disable-quic --hide-scrollbars \
  --user-data-dir="$profile" --window-size="${size/x/,}" --virtual-time-budget=6000 \
  --screenshot="$out" "$url" >/dev/null 2>&1
echo "$out"
