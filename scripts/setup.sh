#!/usr/bin/env bash
# Installs what regreport needs on a Debian machine, once: Debian packages (headless Chromium and qpdf
# for the PDFs, a font, poppler and mupdf-tools for the PDF checks, unzip for the workbook checks), then
# the npm packages and the compiled CLI.
# Safe to run again: it only installs what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
if ! command -v chromium-headless-shell >/dev/null 2>&1 && ! command -v chromium >/dev/null 2>&1; then
  need+=(chromium-headless-shell)
fi
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
# mutool reads the PDF bookmarks back in the tests.
command -v mutool >/dev/null 2>&1 || need+=(mupdf-tools)
# zipinfo and unzip read the .xlsx files' zip entries back in the tests.
command -v zipinfo >/dev/null 2>&1 || need+=(unzip)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup: please install as root: apt-get install ${need[*]}" >&2
      exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages: reinstall when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

# The compiled CLI: rebuild when any source is newer than the build.
if [ ! -f dist/cli/main.js ] || [ -n "$(find src -newer dist/cli/main.js -name '*.ts' -print -quit)" ]; then
  npx --no-install tsc -p tsconfig.json
fi
