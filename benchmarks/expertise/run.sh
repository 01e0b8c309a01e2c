#!/usr/bin/env bash
# Average-precision benchmark: scikit-learn loop vs NumPy vs plain Java vs interp4j, in one run.
#   benchmarks/expertise/run.sh [--layers 24 --units 4096 --samples 2000 --sklearn-units 300]
# PYTHON picks the interpreter (default: python3); it needs numpy and scikit-learn.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
jar="$root/lib/target/interp4j.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -o -q -B -DskipTests package -pl lib)
fi
# The table and the conditions it was measured under go to latest.txt (the README quotes that file).
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; $(java -version 2>&1 | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$python" "$here/bench.py" --classpath "$jar:$root/lib/target/lib/*" --java-source "$here/ApBenchmark.java" "$@"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$here/latest.txt"
