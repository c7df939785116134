# Sourced by integration tests: start and stop a private pcscd (with the vsmartcard vpcd driver
# configured by Debian's /etc/reader.conf.d/vpcd) by PID. Tests that use it hold the ctest
# RESOURCE_LOCK "pcscd", so only one runs at a time.

PCSCD_BIN=${PCSCD_BIN:-/usr/sbin/pcscd}
PCSCD_PID=""

# Exit code 77 makes ctest report the test as skipped (SKIP_RETURN_CODE).
pcscd_require_absent() {
  if pgrep -x pcscd >/dev/null 2>&1; then
    echo "SKIP: a pcscd not started by this test is running (pid $(pgrep -x pcscd | tr '\n' ' '))"
    exit 77
  fi
}

pcscd_start() {
  [[ -x "$PCSCD_BIN" ]] || { echo "SKIP: $PCSCD_BIN not installed"; exit 77; }
  "$PCSCD_BIN" --foreground >"${PCSCD_LOG:-/dev/null}" 2>&1 &
  PCSCD_PID=$!
  # vpcd listens on 35963 once pcscd has loaded the driver.
  for _ in $(seq 1 600); do
    if ss -ltn 2>/dev/null | grep -q ':35963 '; then return 0; fi
    if ! kill -0 "$PCSCD_PID" 2>/dev/null; then echo "pcscd exited at start"; return 1; fi
    sleep 0.1
  done
  echo "pcscd did not open the vpcd port in 60 s"
  return 1
}

pcscd_stop() {
  if [[ -n "$PCSCD_PID" ]] && kill -0 "$PCSCD_PID" 2>/dev/null; then
    kill -TERM "$PCSCD_PID"
    for _ in $(seq 1 50); do kill -0 "$PCSCD_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PCSCD_PID" 2>/dev/null || true
    wait "$PCSCD_PID" 2>/dev/null || true
  fi
  PCSCD_PID=""
}
