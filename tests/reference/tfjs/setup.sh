#!/usr/bin/env bash
# Test-only: installs the pinned TensorFlow.js packages (package-lock.json: tfjs-core, -converter,
# -backend-cpu 4.22.0, pure JavaScript, no native download) into
# ~/.cache/kiosk-station/tfjs-reference/, outside the checkout, with `npm ci` from the registry.
# Prints the node_modules directory. Idempotent: a matching install is reused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${KIOSK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kiosk-station}/tfjs-reference"
command -v npm >/dev/null || { echo "tfjs-reference: npm is missing" >&2; exit 1; }
mkdir -p "$dir"
if ! cmp -s "$here/package-lock.json" "$dir/package-lock.json" || [[ ! -d "$dir/node_modules/@tensorflow/tfjs-core" ]]; then
  cp "$here/package.json" "$here/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --silent) >&2
fi
echo "$dir/node_modules"
