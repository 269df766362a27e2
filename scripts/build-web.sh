#!/usr/bin/env bash
# Installs the web UI's npm packages (from package-lock.json) and builds web/dist.
set -euo pipefail
cd "$(dirname "$0")/../web"
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
npm run build
