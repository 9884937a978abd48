#!/usr/bin/env bash
# Fetches Debian's librdkafka1 as plain files, never installed, for the doctor process tests, which put each of
# two folders first on LD_LIBRARY_PATH:
#   librdkafka1/     librdkafka.so.1 alone, as the librdkafka1 package installs it: Confluent.Kafka still loads the
#                    bundled librdkafka.redist build;
#   librdkafka-dev/  the same file plus the unversioned librdkafka.so link that librdkafka-dev adds: Confluent.Kafka
#                    then loads Debian's build, and the worker must refuse to start.
# Needs no root; idempotent, and instant once cached. Prints the folder holding both (and the file 'version', the
# Debian package version). When it cannot fetch the package it prints why on stderr and exits 3, and the tests skip
# with that reason.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${ETL_CACHE_DIR:-$root/.cache}/debian-librdkafka1

if [[ -e $cache/librdkafka1/librdkafka.so.1 && -L $cache/librdkafka-dev/librdkafka.so && -s $cache/version ]]; then
  echo "$cache"
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
mkdir -p "$staged/librdkafka1" "$staged/librdkafka-dev"
cp -L "$so" "$staged/librdkafka1/librdkafka.so.1"
cp -L "$so" "$staged/librdkafka-dev/librdkafka.so.1"
# The unversioned name that librdkafka-dev adds beside it, and the one .NET's probing for "librdkafka" dlopens.
ln -s librdkafka.so.1 "$staged/librdkafka-dev/librdkafka.so"
dpkg-deb -f "$deb" Version >"$staged/version"
rm -rf "$cache"
mkdir -p "$(dirname "$cache")"
mv "$staged" "$cache"
echo "$cache"
