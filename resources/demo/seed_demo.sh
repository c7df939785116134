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
if [[ ! -f "$config" ]]; then
  cat >"$config" <<JSON
{
  // Demo station: simulated devices, data in build/demo/data.
  "language": "vi"
}
JSON
fi

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
