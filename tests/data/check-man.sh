#!/usr/bin/env bash
# Fails when a man page makes groff (or man, when installed) say anything: groff exits 0
# on warnings, so the test reads what it prints.
set -euo pipefail
status=0
for page in "$@"; do
  out=$(groff -ww -z -man "$page" 2>&1 || true)
  if command -v man >/dev/null; then
    out+=$'\n'$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null || true)
  fi
  if [ -n "${out//$'\n'/}" ]; then
    echo "$page:"
    echo "$out"
    status=1
  fi
done
exit $status
