#!/usr/bin/env bash
# Fetches Debian's librdkafka1 as plain files, never installed: the doctor process test puts it first on
# LD_LIBRARY_PATH to show that a system librdkafka found first by the dynamic loader is not the one the worker
# uses (the trap in ARCHITECTURE.md). Needs no root; idempotent, and instant once cached.
# Prints the folder to put on LD_LIBRARY_PATH. When it cannot fetch the package it prints why on stderr and
# exits 3, and the test skips with that reason.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${ETL_CACHE_DIR:-$root/.cache}/debian-librdkafka1

if [[ -e $cache/lib/librdkafka.so.1 && -s $cache/version ]]; then
  echo "$cache/lib"
  exit 0
fi

fail() {
  echo "$*" >&2
  exit 3
}
command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available, so Debian's librdkafka1 cannot be fetched."
command -v dpkg-deb >/dev/null 2>&1 || fail "dpkg-deb is not available, so Debian's librdkafka1 cannot be unpacked."

work=$(mktemp -d "${TMPDIR:-/tmp}/librdkafka1.XXXXXX")
trap 'rm -rf "$work"' EXIT
# 'apt-get download' fetches the .deb into the current folder without installing it or needing root.
if ! (cd "$work" && apt-get download librdkafka1) >"$work/log" 2>&1; then
  fail "apt-get download librdkafka1 failed: $(tail -n 3 "$work/log" | tr '\n' ' ')"
fi
deb=$(compgen -G "$work/librdkafka1_*.deb" | head -1) || fail "apt-get download librdkafka1 left no .deb file."
dpkg-deb -x "$deb" "$work/x"
so=$(find "$work/x" -name 'librdkafka.so.1' | head -1)
[[ -n $so ]] || fail "$(basename "$deb") holds no librdkafka.so.1."

staged=$cache.$$
rm -rf "$staged"
mkdir -p "$staged/lib"
cp -L "$so" "$staged/lib/librdkafka.so.1"
# The unversioned name that librdkafka-dev adds beside it, and the one .NET's probing for "librdkafka" dlopens.
ln -s librdkafka.so.1 "$staged/lib/librdkafka.so"
dpkg-deb -f "$deb" Version >"$staged/version"
rm -rf "$cache"
mkdir -p "$(dirname "$cache")"
mv "$staged" "$cache"
echo "$cache/lib"
