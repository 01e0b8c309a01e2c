#!/usr/bin/env bash
# Benchmark (not a test): the lecture's statsmodels loop vs interp4j's per-unit probe on
# GPT-2-small-sized (12 x 2304 units) and GPT-2-large-sized (36 x 3840 units) problems with 600 samples.
# statsmodels runs on a sample of units (SAMPLE_UNITS, default 200) and is extrapolated per unit;
# interp4j and a plain per-unit Java Newton loop (PlainNewton.java) run the full problems. Set PYTHON to a Python with statsmodels (default: python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
SAMPLE_UNITS="${SAMPLE_UNITS:-200}"
build="$here/build"

if [ ! -f "$root/lib/target/interp4j.jar" ]; then
  (cd "$root" && mvn -o -q -B -DskipTests package)
fi
cp="$root/lib/target/interp4j.jar:$root/lib/target/lib/*"
mkdir -p "$build/classes"
javac -d "$build/classes" -cp "$cp" $(find "$here" -name "*.java" -not -path "$build/*")
java_run() { java -Dai.djl.offline=true -Xmx8g -cp "$build/classes:$cp" ProbeBench "$@"; }

# The table and the conditions it was measured under go to latest.txt (the README quotes that file).
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; $(java -version 2>&1 | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  java_run sample "$build/data" "$SAMPLE_UNITS"
  read -r sm_small sm_small_cpu < <("$PYTHON" "$here/statsmodels_loop.py" "$build/data/sample_0.npy" "$build/data/y.npy")
  read -r sm_large sm_large_cpu < <("$PYTHON" "$here/statsmodels_loop.py" "$build/data/sample_1.npy" "$build/data/y.npy")
  echo "statsmodels loop on $SAMPLE_UNITS units per problem: $sm_small / $sm_large s per unit (wall), $sm_small_cpu / $sm_large_cpu (CPU)"
  echo "load average before the Java runs: $(cut -d' ' -f1-3 /proc/loadavg)"
  java_run time "$sm_small" "$sm_large" "$sm_small_cpu" "$sm_large_cpu"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$here/latest.txt"
