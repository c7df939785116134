#!/usr/bin/env bash
# What can be checked of the Windows build without Windows: the Windows-only sources compile
# against MinGW-w64's headers (-fsyntax-only), and the NSIS script compiles against a staged tree.
set -euo pipefail
source_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cxx=$(command -v x86_64-w64-mingw32-g++-posix || command -v x86_64-w64-mingw32-g++ || true)
[[ -n "$cxx" ]] || { echo "SKIP: MinGW-w64 not installed"; exit 77; }
command -v makensis >/dev/null || { echo "SKIP: nsis not installed"; exit 77; }

# Header-only dependencies, without the rest of /usr/include (glibc must not leak in).
mkdir -p "$work/include"
for dir in nlohmann spdlog fmt; do ln -s "/usr/include/$dir" "$work/include/$dir"; done
mapfile -t sources < <(cd "$source_dir" && find kiosk drivers ui sync \( -name '*_win.cpp' -o -path 'drivers/pcsc/*.cpp' \) | sort)
for src in "${sources[@]}"; do
  case "$src" in *_probe.cpp) continue ;; esac  # probes need OpenCV etc., not Windows-specific
  "$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -DWIN32_LEAN_AND_MEAN -DNOMINMAX \
    -DSPDLOG_FMT_EXTERNAL -DFMT_HEADER_ONLY -I"$source_dir" -isystem "$work/include" \
    "$source_dir/$src" || fail "$src does not compile for Windows"
  echo "ok: $src"
done

# A staged tree shaped like `cmake --install` output on Windows.
stage=$work/stage
mkdir -p "$stage/bin" "$stage/share/kiosk-station/config" "$stage/share/locale/vi/LC_MESSAGES"
for exe in kiosk-station kiosk-cli kiosk-cli-devices; do printf 'MZ stand-in' >"$stage/bin/$exe.exe"; done
cp "$source_dir/resources/config/station.default.json" "$stage/share/kiosk-station/config/"
printf 'mo' >"$stage/share/locale/vi/LC_MESSAGES/kiosk.mo"
makensis -V2 -WX -DSTAGE="$stage" -DVERSION=0.1.0 -DOUTFILE="$work/kiosk-station-setup.exe" \
  "$source_dir/installer/windows/kiosk-station.nsi" || fail "makensis"
[[ -s "$work/kiosk-station-setup.exe" ]] || fail "no installer written"
echo "PASS: NSIS installer $(stat -c %s "$work/kiosk-station-setup.exe") bytes"
