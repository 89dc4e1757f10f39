#!/usr/bin/env bash
# hunspell-lv from Debian's archive into DIR (lv_LV.dic, lv_LV.aff, copyright).
# Training-time only: the shipped model carries the tables built from it.
set -euo pipefail
out=${1:-assets/hunspell-lv}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$tmp" && apt-get download hunspell-lv >/dev/null 2>&1); then
    echo "cannot download hunspell-lv with apt-get (a Debian/Ubuntu archive is needed);" \
         "put lv_LV.dic and lv_LV.aff from hunspell-lv 1.4.0 into $out by hand" >&2
    exit 1
fi
dpkg-deb -x "$tmp"/hunspell-lv_*.deb "$tmp/x"
cp "$tmp/x/usr/share/hunspell/lv_LV.dic" "$tmp/x/usr/share/hunspell/lv_LV.aff" "$out/"
cp "$tmp/x/usr/share/doc/hunspell-lv/copyright" "$out/copyright"
echo "hunspell-lv: $(ls "$tmp"/hunspell-lv_*.deb | xargs -n1 basename) -> $out"
