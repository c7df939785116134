#!/usr/bin/env bash
# Seeds the demo station (build/demo): operator accounts ready to sign in, the demo chip's test
# PKI whose CSCA the trust store knows, and a configuration pointing at simulated devices.
# Idempotent: an already seeded demo is kept (delete build/demo to start over).
set -euo pipefail
build=$1
demo=$2
cli=$build/ui/cli/kiosk-cli

mkdir -p "$XDG_CONFIG_HOME/kiosk-station"
config=$XDG_CONFIG_HOME/kiosk-station/station.json
write_config() {  # [server-url ca-file]
  if [[ $# -eq 2 ]]; then
    cat >"$config" <<JSON
{
  // Demo station: simulated devices, data in build/demo/data, the local intake server.
  "language": "vi",
  "server": { "url": "$1", "ca_file": "$2", "timeout_seconds": 5 }
}
JSON
  else
    cat >"$config" <<JSON
{
  // Demo station: simulated devices, data in build/demo/data.
  "language": "vi"
}
JSON
  fi
}
[[ -f "$config" ]] || write_config

# The demo chip: a synthetic citizen on the in-process emulator, signed by a test PKI.
export KIOSK_DEMO_PKI=$demo/pki
if [[ ! -d "$KIOSK_DEMO_PKI/csca" ]]; then
  "$cli" card sim --make-pki "$KIOSK_DEMO_PKI" >/dev/null
fi
mkdir -p "$KIOSK_DATA_DIR/trust"
cp "$KIOSK_DEMO_PKI"/csca/*.pem "$KIOSK_DATA_DIR/trust/"

accounts=$demo/accounts.txt
if [[ ! -f "$accounts" ]]; then
  admin_pw='Admin!2026d'
  KIOSK_NEW_PASSWORD=$admin_pw "$cli" user add admin --role administrator \
    --display-name "Quản trị viên (demo)" >/dev/null
  add() {  # name role display password
    KIOSK_PASSWORD=$admin_pw KIOSK_NEW_PASSWORD='Temp!2026d' "$cli" user add "$1" --role "$2" \
      --display-name "$3" --user admin >/dev/null
    # Demo accounts are ready to use: the first-sign-in password change is done here.
    KIOSK_PASSWORD='Temp!2026d' KIOSK_NEW_PASSWORD=$4 "$cli" user change-password --user "$1" >/dev/null
  }
  add canbo officer "Cán bộ Thu Nhận (demo)" 'Canbo!2026d'
  add lanhdao supervisor "Lãnh đạo Duyệt (demo)" 'Duyet!2026d'
  add kythuat technician "Kỹ thuật viên (demo)" 'Kythuat!2026d'
  cat >"$accounts" <<TXT
Demo accounts (synthetic, for this demo only):
  officer      canbo     Canbo!2026d
  supervisor   lanhdao   Duyet!2026d
  technician   kythuat   Kythuat!2026d
  admin        admin     Admin!2026d
Demo card (chip emulator): ID 001095012345, born 14/03/1995, expires 14/03/2035
TXT
fi
cat "$accounts"

# Sync to a local intake server (127.0.0.1, its own demo CA): the station is provisioned the way
# a real one is (station init → CSR signed by the central CA → import-cert). run_demo.sh starts
# the server. Best effort: without it the demo runs on, and the dashboard says sync is off.
intake=$build/sync/server/intake-server
port=${KIOSK_DEMO_INTAKE_PORT:-18443}
if [[ -x "$intake" && ! -f "$demo/station.pem" ]]; then
  central=$demo/central
  if "$intake" pki init "$central" >/dev/null 2>"$demo/provision.log" &&
     csr=$("$cli" station init --id DEMO-HN-0001 --json 2>>"$demo/provision.log" |
           python3 -c 'import json,sys; print(json.load(sys.stdin)["csr_file"])') &&
     "$intake" pki issue "$csr" --dir "$central" --out "$demo/station.pem" >/dev/null 2>>"$demo/provision.log"; then
    write_config "https://127.0.0.1:$port" "$central/ca.pem"
    if ! "$cli" station import-cert "$demo/station.pem" >/dev/null 2>>"$demo/provision.log"; then
      echo "demo: the station certificate could not be installed (see $demo/provision.log); no sync"
      write_config
    fi
  else
    echo "demo: provisioning for sync failed (see $demo/provision.log); the demo runs without a server"
    rm -f "$demo/station.pem"
  fi
fi
