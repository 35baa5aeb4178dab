#!/usr/bin/env bash
# One-time setup on a fresh Debian 12 machine: every Debian package that the tests, the benchmarks (npm run bench,
# npm run eval:perception, npm run safety) and the app's Linux features use, then the npm packages (no downloads
# outside the npm registry: see the exports before npm ci). Idempotent: installed packages are not fetched again.
#   bash scripts/setup.sh            system packages, then npm ci
#   bash scripts/setup.sh --system   system packages only (npm ci replaces node_modules)
#   bash scripts/setup.sh --list     print the system packages, one a line (scripts/hand-installed.sh reads it)
# scripts/fresh-check.sh proves this list on a clean Debian 12 root; add a package here, never by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=(
  xvfb x11-apps x11-utils x11-xserver-utils x11-xkb-utils xdotool xclip xsel  # X test desktop, input, clipboard
  libxtst6 libxrandr2          # the platform addon (native/) opens libX11, libXtst and libXrandr at run time
  g++ make python3 libxtst-dev libxrandr-dev  # source build of native/ (scripts/build-native.sh, node-gyp)
  g++-mingw-w64-x86-64-posix   # tests/native/windows-sources.test.ts compiles native/src/win with mingw-w64
  binutils mmdebstrap          # objdump (the prebuild's glibc check); the Debian 11 root of build-native.sh --prebuild
  imagemagick tesseract-ocr    # screen readings independent of the code under test
  chromium                     # the browser shell and the web pages of the tests and evals
  python3-doc                  # HTML pages of the perception eval
  gnome-calculator galculator gtk-3-examples at-spi2-core dbus-daemon  # AT-SPI tree tests (GTK 4/3 apps): tests/integration/atspi-*.test.ts, #15's eval and live tests; at-spi2-core (the AT-SPI bus launcher) and dbus-daemon are on a desktop, not in a minimal Debian
  gcc libc6-dev libx11-dev     # npm run safety (S4) compiles scripts/safety-xstate.c to read the X server's key state
  # Fonts change what OCR reads, so the tests need the same ones everywhere. xcalc/xmessage/xedit draw with X core
  # fonts (8x13 from xfonts-base; xcalc's Symbol keys from xfonts-100dpi, found before 75dpi in Xvfb's font path);
  # without them Xvfb falls back to its built-in "fixed" and xcalc's labels read differently. The Chinese labels
  # of the web pages need a CJK font (WenQuanYi Micro Hei: 1.6 MB). fontconfig's trigger refreshes its cache.
  fonts-dejavu-core xfonts-base xfonts-100dpi fonts-wqy-microhei fontconfig
)
case "${1:-}" in
  --list) printf '%s\n' "${PKGS[@]}"; exit 0 ;;
  --system|"") ;;
  *) echo "usage: bash scripts/setup.sh [--system | --list]" >&2; exit 2 ;;
esac
missing=()
for p in "${PKGS[@]}"; do
  # dpkg -s succeeds for a removed package whose config files remain: ask for "install ok installed".
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh needs to install ${missing[*]}: run it as root, or install sudo." >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  # Through env, the variable survives sudo's environment reset.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "${1:-}" = --system ] && exit 0
# The Electron binary is downloaded from outside the registries; the package installs for its typings alone.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
# onnxruntime-node's install script fetches CUDA libraries from outside the registries (and fails offline).
# package.json "allowScripts" denies it on npm 11.19+; this covers the older npm that Node.js 20 ships with.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci --no-audit --no-fund
# The Electron static audit (S10) lives in its own folder: it needs an older commander than the app's.
npm ci --no-audit --no-fund --prefix tools/electronegativity
