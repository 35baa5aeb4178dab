#!/usr/bin/env bash
# One-time setup on a fresh Debian/Ubuntu machine: the X test desktop, OCR for independent checks, Chromium for
# the browser shell, then the npm packages (no downloads outside the npm registry: see .npmrc).
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=(xvfb x11-apps x11-utils x11-xserver-utils x11-xkb-utils xdotool imagemagick tesseract-ocr xclip xsel chromium fonts-dejavu-core python3-doc)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Electron binary is downloaded from outside the registries; the package installs for its typings alone.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
# The Electron static audit (S10) lives in its own folder: it needs an older commander than the app's.
npm ci --no-audit --no-fund --prefix tools/electronegativity
