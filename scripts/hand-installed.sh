#!/usr/bin/env bash
# Debian packages on this machine that a fresh machine does not have and scripts/setup.sh does not install.
# Tests that pass here only because of one of them fail for everyone else (issue #10: fonts installed by hand kept
# CI green while `bash scripts/setup.sh && npm test` was red on a fresh machine).
#   bash scripts/hand-installed.sh [FRESH-LIST]
# FRESH-LIST: the packages of a fresh machine, one a line (default ../shared/ci/fresh-machine-apt.txt).
# Exit 0: nothing found; 1: packages listed; 2: cannot tell.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=${1:-../shared/ci/fresh-machine-apt.txt}
[ -f "$fresh" ] || { echo "No list of a fresh machine's packages at $fresh: pass its path (one package a line)." >&2; exit 2; }
command -v dpkg-query >/dev/null && command -v apt-cache >/dev/null || { echo "This is not a Debian/Ubuntu machine (no dpkg-query/apt-cache)." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort -u >"$tmp/installed"
sed 's/[[:space:]#].*//' "$fresh" | grep . | sort -u >"$tmp/fresh"
# What setup installs, and what that pulls in (setup.sh installs with --no-install-recommends). mmdebstrap:
# scripts/fresh-check.sh installs it for itself.
{ bash scripts/setup.sh --list; echo mmdebstrap; } | sort -u >"$tmp/setup"
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
  $(cat "$tmp/setup") 2>/dev/null | grep -v '^[[:space:]<]' | sed 's/:.*//' | sort -u >"$tmp/closure"
sort -u "$tmp/setup" "$tmp/closure" -o "$tmp/closure"
comm -23 "$tmp/installed" "$tmp/fresh" | comm -23 - "$tmp/closure" >"$tmp/extra"
apt-mark showmanual | sort -u | comm -12 - "$tmp/extra" >"$tmp/manual"
comm -23 "$tmp/extra" "$tmp/manual" >"$tmp/auto"

if [ ! -s "$tmp/extra" ]; then
  echo "Nothing installed here beyond a fresh machine ($fresh) and what scripts/setup.sh installs."
  exit 0
fi
if [ -s "$tmp/manual" ]; then
  echo "Installed by hand, absent on a fresh machine, not installed by scripts/setup.sh:"
  sed 's/^/  /' "$tmp/manual"
fi
if [ -s "$tmp/auto" ]; then
  echo "Pulled in by those (or left behind by removed packages), $(wc -l <"$tmp/auto") in all$(
    grep -E '^(fonts-|xfonts-|locales)' "$tmp/auto" | paste -sd' ' - | sed 's/^./, fonts and locales among them: &/')"
fi
echo "If a test, the app or a benchmark needs one of these, add it to PKGS in scripts/setup.sh; otherwise a fresh"
echo "machine fails where this one passes. scripts/fresh-check.sh runs the tests on a clean Debian root to prove it."
exit 1
