#!/usr/bin/env bash
# Builds the platform addon (native/).
#   bash scripts/build-native.sh               source build for this machine -> native/build/Release/magma_native.node
#   sudo bash scripts/build-native.sh --prebuild
#        the committed linux-x64 prebuild -> native/prebuilds/linux-x64/node.napi.node, made with prebuildify in a
#        Debian 11 (bullseye, glibc 2.31) root, so it loads on Debian 11+, Ubuntu 20.04+ and anything newer.
# Offline headers: this machine's Node.js ships its headers in /usr/include/node, so node-gyp is pointed there
# (npm_config_nodedir) instead of downloading them. node-gyp comes with npm. Node-API only: one build serves Node.js
# and Electron (node-gyp-build loads prebuilds/linux-x64/node.napi.node in both).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
NODE_GYP=${NODE_GYP:-$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js}
[ -f "$NODE_GYP" ] || NODE_GYP=$(command -v node-gyp || true)
[ -n "$NODE_GYP" ] || { echo "node-gyp not found (it comes with npm); set NODE_GYP to its bin/node-gyp.js" >&2; exit 2; }
NODEDIR=${npm_config_nodedir:-/usr}
[ -f "$NODEDIR/include/node/node_api.h" ] || { echo "Node.js headers not found in $NODEDIR/include/node: install them or set npm_config_nodedir" >&2; exit 2; }

if [ "${1:-}" != --prebuild ]; then
  cd "$REPO/native"
  npm_config_nodedir="$NODEDIR" node "$NODE_GYP" rebuild
  exit 0
fi

[ "$(id -u)" = 0 ] || { echo "--prebuild builds a Debian 11 root and mounts /proc and /dev into it: run it as root" >&2; exit 2; }
CACHE=${MAGMA_NATIVE_CACHE:-/var/tmp/magma-desk-native}
mkdir -p "$CACHE"
PKGS=g++,make,python3,libx11-dev,libxtst-dev,libxrandr-dev,ca-certificates
# The root is kept as a folder (built once, minutes) and copied for each build.
base="$CACHE/bullseye-$(printf '%s' "$PKGS" | sha256sum | cut -c1-12)"
if [ ! -d "$base" ]; then
  command -v mmdebstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap; }
  # bullseye left deb.debian.org for archive.debian.org at the end of its LTS: try the live mirror first.
  for mirror in http://deb.debian.org/debian http://archive.debian.org/debian; do
    rm -rf "$base.part"
    mmdebstrap --mode=root --variant=minbase --format=directory --include="$PKGS" bullseye "$base.part" "deb $mirror bullseye main" && break
    rm -rf "$base.part"
  done
  [ -d "$base.part" ] || { echo "could not build the Debian 11 root from either mirror" >&2; exit 1; }
  mv "$base.part" "$base"
fi
ROOT=$(mktemp -d "$CACHE/root.XXXXXX")
mounted=()
cleanup() {
  set +e
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" || umount -l "${mounted[i]}"; done
  # Deleted only when nothing is mounted below it.
  if ! awk -v r="$ROOT/" 'index($5, r) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then rm -rf --one-file-system "$ROOT"; fi
}
trap cleanup EXIT
cp -a "$base/." "$ROOT/"
# This machine's node (glibc 2.28+ binary) and its headers, to run prebuildify and node-gyp inside.
mkdir -p "$ROOT/usr/include" "$ROOT/build/native" "$ROOT/build/node_modules" "$ROOT/opt/npm"
cp "$(readlink -f "$(command -v node)")" "$ROOT/usr/bin/node"
cp -r "$NODEDIR/include/node" "$ROOT/usr/include/node"
# npm whole: node-gyp needs the packages hoisted beside it.
NPM_DIR=$(cd "$(dirname "$NODE_GYP")/../../.." && pwd)
cp -r "$NPM_DIR/." "$ROOT/opt/npm/"
cp -r "$REPO/native/binding.gyp" "$REPO/native/src" "$ROOT/build/native/"
for m in /proc /dev "$REPO/node_modules"; do
  target="$ROOT${m}"; [ "$m" = "$REPO/node_modules" ] && target="$ROOT/build/node_modules"
  mkdir -p "$target"; mount --bind "$m" "$target"; mounted+=("$target")
  [ "$m" = "$REPO/node_modules" ] && mount -o remount,bind,ro "$target"
done
chroot "$ROOT" env -i HOME=/root PATH=/usr/bin:/bin npm_config_nodedir=/usr PREBUILD_NODE_GYP=/opt/npm/node_modules/node-gyp/bin/node-gyp.js \
  bash -c 'cd /build/native && node /build/node_modules/prebuildify/bin.js --napi --strip && ldd --version | head -n 1 && ls -l prebuilds/linux-x64'
mkdir -p "$REPO/native/prebuilds/linux-x64"
# prebuildify 6 names a Node-API build node.node; node-gyp-build loads a "node" build in Electron only when it is
# also tagged napi, hence the name node.napi.node.
cp "$ROOT/build/native/prebuilds/linux-x64/node.node" "$REPO/native/prebuilds/linux-x64/node.napi.node"
echo "prebuild: native/prebuilds/linux-x64/node.napi.node (built against glibc $(chroot "$ROOT" ldd --version | head -n 1 | awk '{print $NF}'))"
