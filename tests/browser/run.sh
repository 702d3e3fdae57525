#!/usr/bin/env bash
# Runs the browser test: installs playwright-core from package-lock.json when missing,
# skips (exit 77) when Node.js, npm or Chromium is absent.
set -euo pipefail
cd "$(dirname "$0")"
chromium=${FYND_CHROMIUM:-/usr/bin/chromium}
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (scripts/setup.sh --browser installs it)"
    exit 77
  fi
done
if [[ ! -x "$chromium" ]]; then
  echo "SKIP: no Chromium at $chromium (scripts/setup.sh --browser installs it)"
  exit 77
fi
if [[ ! -d node_modules/playwright-core ]]; then
  if [[ -f package-lock.json ]]; then
    npm ci --no-audit --no-fund
  else
    npm install --no-audit --no-fund
  fi
fi
exec node search_page.test.js
