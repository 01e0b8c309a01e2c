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
exec "$python" "$here/bench.py" --classpath "$jar:$root/lib/target/lib/*" --java-source "$here/ApBenchmark.java" "$@"
