#!/usr/bin/env bash
# Grades N copies (default 4) of lecture 00's solution with the single-machine grader, then on Spark
# local[1] and local[2], and prints the times and ratios; writes benchmarks/cluster/latest.txt with the
# date, the machine and its load. Not a test: run by hand from anywhere.
# Needs the jars and the compiled rubric:
#   mvn -B -q -DskipTests package -pl cluster -am
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${N:-4}"
JAR=cluster/target/interp4j-cluster.jar
[ -f "$JAR" ] || { echo "run.sh: $JAR is missing: build it (see the top of this script)" >&2; exit 2; }
[ -d tests/target/test-classes/org/interp4j/rubric ] || { echo "run.sh: no compiled rubric: mvn -B -q test-compile -pl tests" >&2; exit 2; }
OUT=benchmarks/cluster/latest.txt
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB RAM, java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT"
cat "$OUT"
OMP_WAIT_POLICY=PASSIVE java "@cluster/spark-jvm.args" -Dai.djl.offline=true -Xmx2g -cp "$JAR" \
  benchmarks/cluster/ClusterBenchmark.java "$N" "$OUT"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
