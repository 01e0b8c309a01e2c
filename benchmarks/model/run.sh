#!/usr/bin/env bash
# Forward-pass benchmark: interp4j against HF transformers (eager and sdpa attention), in one run.
#   benchmarks/model/run.sh [--repeats 5 --warmup 2 --batch 8 --seq 128 --only gpt2|smollm2]
# PYTHON picks the interpreter (default: python3); it needs torch, transformers, gguf, numpy.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
home="${INTERP4J_HOME:-$HOME/.cache/interp4j}"
gguf="$home/models/SmolLM2-135M-Instruct.Q4_1.gguf"
work="$here/.work"
gpt2="$work/gpt2-small-random"

(cd "$root" && mvn -o -q -B -DskipTests package -pl lib)
if [ ! -f "$gpt2/model.safetensors" ]; then
  "$python" "$here/make_gpt2_small.py" "$gpt2"
fi
if [ ! -f "$gguf" ]; then
  echo "SmolLM2 is not installed at $gguf: run the kit's setup once to fetch it." >&2
  exit 1
fi
cd "$here"
exec "$python" bench.py --gpt2 "$gpt2" --gguf "$gguf" --classpath "$root/lib/target/interp4j.jar" \
  --java-source "$here/ForwardBenchmark.java" "$@"
