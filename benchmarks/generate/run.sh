#!/usr/bin/env bash
# Batched generation benchmark: interp4j against HF transformers generate, in one run.
#   benchmarks/generate/run.sh [--batches 1 32 --prompt 16 --new 32 --repeats 3 --warmup 1 --rows --baseline JAR]
# PYTHON picks the interpreter (default: python3); it needs the packages of benchmarks/model/requirements.txt.
# Prints the table and writes it, with date, machine and load, to benchmarks/generate/latest.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
home="${INTERP4J_HOME:-$HOME/.cache/interp4j}"
gguf="$home/models/SmolLM2-135M-Instruct.Q4_1.gguf"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

(cd "$root" && mvn -o -q -B -DskipTests package -pl lib)
if [ ! -f "$gguf" ]; then
  echo "SmolLM2 is not installed at $gguf: run the kit's setup once to fetch it." >&2
  exit 1
fi
cd "$here"
exec "$python" bench.py --gguf "$gguf" --classpath "$root/lib/target/interp4j.jar" \
  --java-source "$here/GenerateBenchmark.java" "$@"
