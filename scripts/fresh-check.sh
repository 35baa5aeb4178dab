#!/usr/bin/env bash
# Runs the README's two commands as a newcomer would, on a clean Debian 12 (bookworm) root: CI runs on a machine
# where things installed by hand can hide a missing step in scripts/setup.sh (fonts did: issue #10).
#
#   sudo bash scripts/fresh-check.sh [--keep] [--root DIR] [--rebuild] [--prepare] [--include PKGS] [--log FILE]
#
# 1. A bookworm root from the Debian registry (mmdebstrap, variant "important"), plus the packages this machine's
#    Node.js depends on. Built once (minutes) and kept as a tarball in $CACHE for the next runs (--rebuild: again).
# 2. The same Node.js as this machine (the files of its Debian package, or of its tarball install), copied in.
# 3. `git clone` of this repository's committed HEAD (uncommitted work is not included) into /root/magma-desk.
# 4. In a chroot (/proc, /sys, /dev, /dev/pts, /dev/shm bound; all unmounted on exit), as root:
#      bash scripts/setup.sh && npm test
#      bash scripts/setup.sh && npm start    (passes when the printed http://127.0.0.1 address answers)
# Prints PASS/FAIL for each and the log file; exits 1 if either fails, 2 on bad usage or a setup problem here.
# Invariant: nothing under the root is deleted while anything is mounted below it.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${MAGMA_FRESH_CACHE:-/var/tmp/magma-desk-fresh-check}
MIRROR=http://deb.debian.org/debian
SECURITY=http://deb.debian.org/debian-security
ROOT="" KEEP=0 REBUILD=0 PREPARE=0 EXTRA="" LOG=""
START_WAIT_S=900 # setup.sh's npm ci comes first; the address must answer within this
usage() { sed -n '5p' "$0" | sed 's/^# *//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=1 ;;                  # leave the used root in place (its path is printed) to look around in
    --root) ROOT=${2:?--root needs a folder}; shift ;;  # where the root goes (new or empty; default: under $CACHE)
    --rebuild) REBUILD=1 ;;            # build the base tarball again (e.g. after a Debian point release)
    --prepare) PREPARE=1 ;;            # only build (or find) the base tarball
    --include) EXTRA=${2:?--include needs packages}; shift ;;  # more Debian packages in the base, comma-separated
    --log) LOG=${2:?--log needs a file}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "fresh-check.sh builds a root and mounts /proc, /sys and /dev into it, so it must run as root: sudo bash scripts/fresh-check.sh" >&2; exit 2; }
mkdir -p "$CACHE/logs"
LOG=${LOG:-$CACHE/logs/fresh-check-$(date -u +%Y%m%dT%H%M%SZ).log}
: >"$LOG"
say() { echo "$*" | tee -a "$LOG"; }
elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# --- Node.js as this machine has it: the files of its Debian package, or the tarball layout around the binary.
node_bin=$(command -v node) || { echo "no node on this machine to copy into the root" >&2; exit 2; }
node_real=$(readlink -f "$node_bin")
node_pkg=$(dpkg-query -S "$node_real" 2>/dev/null | head -n 1 | cut -d: -f1 || true)
node_files=$(mktemp)
trap 'rm -f "$node_files"' EXIT # replaced by cleanup (which removes it too) once there is a root
if [ -n "$node_pkg" ]; then
  # Its files and links (tar creates the folders), except that each folder under lib/node_modules (npm, corepack)
  # is copied whole as it is now: `npm install -g npm` upgrades npm in place, so the package's list is out of date.
  # Depends (first alternative, no versions) go into the base.
  dpkg-query -L "$node_pkg" | while IFS= read -r f; do
    case "$f" in
      /usr/lib/node_modules/*/*) continue ;;
      /usr/lib/node_modules/?*) ;;
      *) [ -d "$f" ] && [ ! -L "$f" ] && continue ;;
    esac
    if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\n' "${f#/}"; fi
  done >"$node_files"
  node_deps=$(dpkg-query -W -f='${Depends}' "$node_pkg" | tr ',' '\n' | sed -E 's/\|.*//; s/\(.*\)//; s/[[:space:]]//g' | grep . | paste -sd, -)
  node_how="Debian package $node_pkg $(dpkg-query -W -f='${Version}' "$node_pkg")"
else
  prefix=$(dirname "$(dirname "$node_real")")
  for f in bin/node bin/npm bin/npx bin/corepack lib/node_modules/npm lib/node_modules/corepack include/node; do
    if [ -e "$prefix/$f" ]; then printf '%s\n' "${prefix#/}/$f"; fi
  done >"$node_files"
  node_deps=ca-certificates
  node_how="files under $prefix (not from a Debian package)"
fi

# --- The base root, as a tarball: built once, reused by later runs.
command -v mmdebstrap >/dev/null || {
  say "mmdebstrap (builds the Debian root) is not installed; installing it with apt-get (only this script needs it)."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >>"$LOG" 2>&1
}
include=$(printf '%s' "$node_deps${EXTRA:+,$EXTRA}" | tr ',' '\n' | sort -u | paste -sd, -)
base="$CACHE/bookworm-important-$(printf '%s' "$include" | sha256sum | cut -c1-12).tar"
if [ "$REBUILD" = 1 ] || [ ! -s "$base" ]; then
  t=$(date +%s)
  say "Building a clean Debian 12 root from $MIRROR with $include (a few minutes; log: $LOG)"
  rm -f "$base.part"
  mmdebstrap --mode=root --variant=important --format=tar --include="$include" bookworm "$base.part" \
    "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" "deb $SECURITY bookworm-security main" >>"$LOG" 2>&1 \
    || { say "FAIL  building the Debian root: see $LOG"; exit 2; }
  mv "$base.part" "$base"
  say "Base root built in $(elapsed "$t"): $base"
else
  say "Reusing the base root $base (built $(date -u -r "$base" '+%Y-%m-%d %H:%M UTC'); --rebuild to build it again)"
fi
[ "$PREPARE" = 1 ] && exit 0

# --- A fresh root from the tarball for this run.
if [ -z "$ROOT" ]; then ROOT=$(mktemp -d "$CACHE/root.XXXXXX")
else mkdir -p "$ROOT"; [ -z "$(ls -A "$ROOT")" ] || { echo "$ROOT is not empty; give a new or empty folder to --root" >&2; exit 2; }
fi
ROOT=$(cd "$ROOT" && pwd -P)
mounted=() # in mount order; unmounted in reverse

mounts_below() { awk -v r="$ROOT/" 'index($5, r) == 1 { print $5 }' /proc/self/mountinfo; }
# Processes whose root is the chroot: started by this run (the tests' Xvfb, the app). Each is ended by its id.
chroot_pids() { for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && echo "${p#/proc/}"; done; return 0; }
end_chroot_processes() {
  local pids sig
  for sig in TERM KILL; do
    pids=$(chroot_pids)
    [ -n "$pids" ] || return 0
    for p in $pids; do kill -s "$sig" "$p" 2>/dev/null || true; done
    sleep 3
  done
}
cleanup() {
  set +e
  end_chroot_processes
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || { sleep 2; umount "${mounted[i]}" 2>/dev/null; } || umount -l "${mounted[i]}"
  done
  local left
  left=$(mounts_below)
  if [ -n "$left" ]; then
    echo "Still mounted below $ROOT, so it was NOT deleted: $(echo $left). Unmount them, then delete $ROOT." >&2
  elif [ "$KEEP" = 1 ]; then
    echo "Root kept (--keep): $ROOT   (enter it: sudo chroot $ROOT; delete it with rm -rf once nothing is mounted in it)"
  else
    rm -rf --one-file-system "$ROOT"
  fi
  rm -f "$node_files"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tar -xf "$base" -C "$ROOT" --numeric-owner
tar -C / -cf - -T "$node_files" | tar -xf - -C "$ROOT"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
# A network that reaches the registries through a TLS proxy needs this machine's local CAs; they are trusted in
# the root the same way (system store, and Node through NODE_EXTRA_CA_CERTS). Nothing else of this machine's
# configuration goes in.
local_cas=$(find /usr/local/share/ca-certificates -name '*.crt' 2>/dev/null | wc -l)
if [ "$local_cas" -gt 0 ]; then
  cp -r /usr/local/share/ca-certificates/. "$ROOT/usr/local/share/ca-certificates/"
  chroot "$ROOT" update-ca-certificates >>"$LOG" 2>&1
  say "This machine's $local_cas local CA certificate(s) (/usr/local/share/ca-certificates) are trusted in the root too."
fi
# Every installed Debian has these two lines; a bootstrapped root may not.
[ -s "$ROOT/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$ROOT/etc/hosts"
commit=$(git -C "$REPO" rev-parse HEAD)
git clone -q "$REPO" "$ROOT/root/magma-desk" >>"$LOG" 2>&1
git -C "$ROOT/root/magma-desk" checkout -q "$commit"
say "Root $ROOT: Node.js $("$node_bin" --version) (npm $(npm --version 2>/dev/null)) from $node_how; commit $(git -C "$REPO" log -1 --format='%h %s' | cut -c1-90)"

for m in proc sys dev dev/pts dev/shm; do
  mkdir -p "$ROOT/$m"
  if [ "$m" = proc ]; then mount -t proc proc "$ROOT/proc"; else mount --bind "/$m" "$ROOT/$m"; fi
  mounted+=("$ROOT/$m")
done

# A login's environment, not this shell's: nothing from this machine leaks in but the locale every Debian has
# (and the CA bundle for Node where local CAs were copied).
root_env=(HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
[ "$local_cas" -gt 0 ] && root_env+=(NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt)
in_root() { env -i "${root_env[@]}" chroot "$ROOT" /bin/bash -c "cd /root/magma-desk && $1"; }

failed=0
results=()
run_test() {
  local cmd='bash scripts/setup.sh && npm test' t rc
  t=$(date +%s)
  say "== $cmd"
  # In the background with wait: a signal to this script then ends the run at once (bash runs traps only
  # between foreground commands).
  in_root "$cmd" >>"$LOG" 2>&1 &
  set +e; wait $!; rc=$?; set -e
  end_chroot_processes # an X server a test left behind would hold /dev and /tmp of the root
  if [ $rc = 0 ]; then results+=("PASS  $cmd  ($(elapsed "$t"))")
  else results+=("FAIL  $cmd  (exit $rc after $(elapsed "$t"))"); failed=1; fi
  say "${results[-1]}"
}
run_start() {
  local cmd='bash scripts/setup.sh && npm start' t out pid url="" page
  t=$(date +%s)
  say "== $cmd"
  out=$(mktemp)
  in_root "$cmd" >"$out" 2>&1 &
  pid=$!
  while [ $(( $(date +%s) - t )) -lt $START_WAIT_S ] && kill -0 "$pid" 2>/dev/null; do
    url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/[A-Za-z0-9_-]+/' "$out" | head -n 1 || true)
    [ -n "$url" ] && break
    sleep 2
  done
  local ended=0
  kill -0 "$pid" 2>/dev/null || ended=1
  page=""
  [ -n "$url" ] && for _ in 1 2 3 4 5; do page=$("$node_bin" -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(20000) }).then(async (r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); process.stdout.write(await r.text()); })' "$url" 2>>"$LOG" || true); [ -n "$page" ] && break; sleep 2; done
  end_chroot_processes # TERM first: the app closes its server and browser
  wait "$pid" 2>/dev/null || true
  cat "$out" >>"$LOG"; rm -f "$out"
  if printf '%s' "$page" | grep -qi 'magma desk'; then results+=("PASS  $cmd  (answered on $url after $(elapsed "$t"))")
  elif [ -n "$url" ]; then results+=("FAIL  $cmd  (printed $url but it did not answer with the app's page)"); failed=1
  elif [ "$ended" = 1 ]; then results+=("FAIL  $cmd  (ended after $(elapsed "$t") without printing an address)"); failed=1
  else results+=("FAIL  $cmd  (no http://127.0.0.1 address within ${START_WAIT_S}s)"); failed=1; fi
  say "${results[-1]}"
}
run_test
run_start
say ""
say "fresh-check on $commit:"
for r in "${results[@]}"; do say "  $r"; done
say "Log: $LOG"
exit $failed
