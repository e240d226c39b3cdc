#!/usr/bin/env bash
# Install what the browser and validator tests need, into tools/node_modules and the system:
#   - the W3C Nu HTML Checker (npm vnu-jar; needs a Java runtime),
#   - Lighthouse (npm, pinned in tools/package.json),
#   - Debian's chromium (headless), when running as root on Debian and it is missing.
# Idempotent: does nothing when everything is already there. Tests that need a tool skip with a
# reason when it could not be installed (e.g. no npm on a developer laptop).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]} from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if command -v npm >/dev/null 2>&1; then
  if [ ! -f tools/node_modules/.package-lock.json ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
    echo "installing tools/package.json"
    npm ci --prefix tools --no-audit --no-fund --loglevel=error
  fi
fi
