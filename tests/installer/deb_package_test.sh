#!/usr/bin/env bash
# Builds the .deb packages from the build tree with CPack, checks them with lintian, installs the
# station package with apt-get, runs kiosk-cli --version and doctor, removes it (citizen data
# must stay), then purges it (data and user must go).
set -euo pipefail
build=$1
source_dir=$2
work=$(mktemp -d)
installed=""
cleanup() {
  if [[ -n "$installed" ]]; then apt-get purge -y -q kiosk-station >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

if [[ $(id -u) -ne 0 ]]; then echo "SKIP: installing a package needs root"; exit 77; fi
if grep -q '^KIOSK_SANITIZE:STRING=.\+' "$build/CMakeCache.txt" 2>/dev/null; then
  # Binaries built with ASan need its runtime options and are never shipped: the package is
  # tested from the release tree by make test.
  echo "SKIP: a sanitizer build is not packaged"
  exit 77
fi
if dpkg-query -W -f='${db:Status-Status}' kiosk-station 2>/dev/null | grep -q installed; then
  echo "SKIP: kiosk-station is already installed on this machine; not touching it"
  exit 77
fi

(cd "$build" && cpack -G DEB -B "$work/packages" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
station_deb=$(ls "$work"/packages/kiosk-station_*.deb)
server_deb=$(ls "$work"/packages/kiosk-intake-server_*.deb 2>/dev/null || true)
echo "built: $(cd "$work/packages" && ls *.deb | tr '\n' ' ')"

# lintian: no error and no warning; overrides live in installer/linux/lintian-overrides with a
# reason each.
suppress=()
if [[ -f "$source_dir/installer/linux/lintian-suppress" ]]; then
  mapfile -t tags < <(grep -v '^#' "$source_dir/installer/linux/lintian-suppress" | cut -d' ' -f1 | grep .)
  [[ ${#tags[@]} -gt 0 ]] && suppress=(--suppress-tags "$(IFS=,; echo "${tags[*]}")")
fi
lintian --no-tag-display-limit "${suppress[@]}" "$station_deb" $server_deb >"$work/lintian.txt" 2>&1 || true
cat "$work/lintian.txt"
if grep -qE '^(E|W): ' "$work/lintian.txt"; then fail "lintian reports errors or warnings"; fi

# Not `dpkg-deb … | grep -q`: grep stops at the match, dpkg-deb dies of SIGPIPE and pipefail fails.
station_info=$(dpkg-deb --info "$station_deb")
depends=$(dpkg-deb -f "$station_deb" Depends)
for needed in pcscd tesseract-ocr-vie opencv-data; do
  grep -qw -- "$needed" <<<"$depends" || fail "the station package does not depend on $needed: $depends"
done
if grep -q 'vsmartcard-vpcd' <<<"$station_info"; then
  fail "the production package names the virtual reader vsmartcard-vpcd"
fi

DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$station_deb" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; fail "apt-get install"; }
installed=yes
version=$(/usr/bin/kiosk-cli --version)
echo "$version"
[[ "$version" == "kiosk-cli "* ]] || fail "kiosk-cli --version printed '$version'"

getent passwd kiosk-station >/dev/null || fail "no kiosk-station user"
[[ $(stat -c %a /var/lib/kiosk-station) == 700 ]] || fail "data dir mode is $(stat -c %a /var/lib/kiosk-station)"
[[ $(stat -c %U /var/lib/kiosk-station) == kiosk-station ]] || fail "data dir owner"
[[ -f /usr/share/kiosk-station/config/station.default.json ]] || fail "resources not installed"
[[ -f /usr/share/locale/vi/LC_MESSAGES/kiosk.mo ]] || fail "translations not installed"
[[ -f /usr/share/applications/kiosk-station.desktop ]] || fail "no desktop entry"

# doctor as the station's user, with the installed configuration: Vietnamese, data dir checked.
runuser -u kiosk-station -- /usr/bin/kiosk-cli doctor >"$work/doctor.txt" 2>&1 || true
cat "$work/doctor.txt"
grep -q "/var/lib/kiosk-station" "$work/doctor.txt" || fail "doctor did not check the installed data dir"
grep -q "Thư mục dữ liệu ghi được" "$work/doctor.txt" || fail "doctor (installed) not in Vietnamese or data dir not writable"

# A citizen record stand-in: removal must keep it.
echo "sealed" >/var/lib/kiosk-station/canary
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q kiosk-station >"$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "remove"; }
cat "$work/remove.log" | grep -i "kept" || fail "remove did not say the data is kept"
[[ -f /var/lib/kiosk-station/canary ]] || fail "remove deleted the data"
[[ ! -e /usr/bin/kiosk-cli ]] || fail "remove left the binary"

DEBIAN_FRONTEND=noninteractive apt-get purge -y -q kiosk-station >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "purge"; }
installed=""
[[ ! -e /var/lib/kiosk-station ]] || fail "purge left /var/lib/kiosk-station"
! getent passwd kiosk-station >/dev/null || fail "purge left the kiosk-station user"
[[ ! -e /etc/kiosk-station/station.json ]] || fail "purge left the configuration"
echo "PASS"
