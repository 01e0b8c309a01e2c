#!/usr/bin/env bash
# The stages of `make test`, timed.
#   tests/stage.sh NAME COMMAND...   runs COMMAND and appends "NAME<TAB>seconds<TAB>exit status" to
#                                    target/test-stages.tsv; exits with COMMAND's status
#   tests/stage.sh --summary         prints that file as a table with the total, then removes it
set -uo pipefail
file="$(cd "$(dirname "$0")/.." && pwd)/target/test-stages.tsv"
mkdir -p "$(dirname "$file")"

if [ "${1:-}" = "--summary" ]; then
  [ -f "$file" ] || exit 0
  echo
  echo "make test, per stage (wall clock):"
  awk -F'\t' '{ printf "  %-10s %4d min %02d s  %s\n", $1, $2 / 60, $2 % 60, ($3 == 0 ? "ok" : "FAILED (exit " $3 ")"); t += $2 }
              END { printf "  %-10s %4d min %02d s\n", "total", t / 60, t % 60 }' "$file"
  rm -f "$file"
  exit 0
fi

name="$1"; shift
start=$(date +%s)
"$@"
status=$?
printf '%s\t%d\t%d\n' "$name" "$(( $(date +%s) - start ))" "$status" >> "$file"
exit "$status"
