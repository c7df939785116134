#!/usr/bin/env bash
# Every user-visible string in the code has a Vietnamese translation: extracts the msgids
# (N_, tr, Tr, and the message keys of kiosk::Error constructors) with xgettext and compares
# them with the merged resources/i18n/vi/*.po catalog.
set -euo pipefail
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t sources < <(find "$root/kiosk" "$root/ui" "$root/drivers" "$root/sync" \
  -name '*.cpp' -o -name '*.h' | sort)
LC_ALL=C.UTF-8 xgettext --from-code=UTF-8 --language=C++ \
  --keyword=N_ --keyword=tr --keyword=Tr --keyword=Error:2 \
  --keyword=InvalidArgument:1 --keyword=Parse:1 --keyword=NotFound:1 --keyword=Io:1 \
  --keyword=Unsupported:1 -o "$work/kiosk.pot" "${sources[@]}" 2>"$work/xgettext.log" \
  || { cat "$work/xgettext.log"; exit 1; }
msgcat --use-first "$root"/resources/i18n/vi/*.po -o "$work/vi.po"
if ! msgcmp "$work/vi.po" "$work/kiosk.pot" 2>"$work/missing.txt"; then
  echo "Untranslated strings (add them to a resources/i18n/vi/<module>.po):"
  # Show the msgid of each reported location.
  grep -o 'kiosk.pot:[0-9]*' "$work/missing.txt" | cut -d: -f2 | while read -r line; do
    sed -n "$((line - 1)),$((line))p" "$work/kiosk.pot" | grep -E '^(#:|msgid)' || true
  done
  exit 1
fi
echo "all $(grep -c '^msgid' "$work/kiosk.pot") strings translated"
