#!/usr/bin/env bash
# Time and peak memory of the token-wise decomposition with the default model (SmolLM2-135M),
# for 64, 128 and 256 tokens with length 256. Not a test: run by hand from anywhere.
# Needs the jar: mvn -o -q -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../.."
CP="lib/target/interp4j.jar:lib/target/lib/*"
LENGTH="${LENGTH:-256}"
echo "| tokens | length | seconds | RSS before (MB) | peak RSS (MB) | heap (MB) | max err | parts shape |"
echo "|-------:|-------:|--------:|----------------:|--------------:|----------:|--------:|-------------|"
for n in ${SIZES:-64 128 256}; do
  java -Dai.djl.offline=true -Xmx1g -cp "$CP" benchmarks/decompose/DecomposeBenchmark.java "$n" "$LENGTH" 2>/dev/null
done
