"""Batched generation tokens/s of interp4j against HF transformers' generate, same machine, same run.

    python bench.py --gguf FILE --classpath JAR --java-source GenerateBenchmark.java [--batches 1 8 32]

Greedy decoding with a KV cache on both sides: HF `model.generate(..., do_sample=False, use_cache=True)`
and interp4j `LanguageModel.generate(long[][], GenerateOptions.greedy(n).ignoringEos())`, on the same
random prompts (equal length, so no padding), the same number of new tokens, the same thread count.
Each round times every configuration back to back (HF batch, lib batch, lib one row at a time), so
load from other processes hits all alike; warm-up rounds are dropped; speeds are medians, ratios are
medians of per-round ratios. The table is printed and written to results-YYYY-MM-DD.md beside this file.
"""
import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "model"))
import hf_forward  # noqa: E402  (the same loader as the forward benchmark)
from jvm_child import Lib  # noqa: E402


def hf_generate_seconds(model, ids: torch.Tensor, new: int):
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        start, cpu = time.perf_counter(), time.process_time()
        out = model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=new, min_new_tokens=new,
                             do_sample=False, use_cache=True, pad_token_id=model.config.eos_token_id)
        seconds = time.perf_counter() - start, time.process_time() - cpu
    return seconds, out[:, ids.shape[1]:].numpy()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--gguf", required=True, help="SmolLM2 .gguf file (or a model folder)")
    p.add_argument("--classpath", required=True)
    p.add_argument("--java-source", required=True)
    p.add_argument("--batches", type=int, nargs="+", default=[1, 8, 32])
    p.add_argument("--prompt", type=int, default=16, help="prompt tokens per row")
    p.add_argument("--new", type=int, default=32, help="new tokens per row")
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()

    lib = Lib(args.classpath, args.java_source, heap="3g")
    intra, interop = (int(x) for x in lib.ask("threads").split()[1::2])
    torch.set_num_threads(intra)
    header = (f"threads: lib {intra} intra-op / {interop} inter-op; HF transformers (torch {torch.__version__}) "
              f"{torch.get_num_threads()} intra-op; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(header, flush=True)
    hf = hf_forward.load(args.gguf)
    hf_forward.use_attention(hf, "sdpa")
    lib.ask(f"load m {args.gguf}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for b in args.batches:
            ids = torch.randint(0, hf.config.vocab_size, (b, args.prompt), generator=torch.Generator().manual_seed(b))
            f = Path(tmp) / f"ids_{b}.npy"
            np.save(f, ids.numpy().astype(np.int64))
            out = Path(tmp) / f"lib_{b}.npy"
            lib.ask(f"tokens m {f} {args.new} {out}")
            _, hf_tokens = hf_generate_seconds(hf, ids, args.new)
            agree = float((np.load(out) == hf_tokens).mean())
            rounds = []
            for r in range(args.warmup + args.repeats):
                t = {"hf": hf_generate_seconds(hf, ids, args.new)[0]}
                t["lib"] = tuple(float(x) for x in lib.ask(f"time m {f} {args.new} batch").split())
                t["lib_rows"] = tuple(float(x) for x in lib.ask(f"time m {f} {args.new} rows").split())
                if r >= args.warmup:
                    rounds.append(t)
                print(f"  batch {b} round {r + 1}{' (warm-up)' if r < args.warmup else ''}: "
                      + ", ".join(f"{k} {w:.2f}s wall {c:.2f}s cpu" for k, (w, c) in t.items()), flush=True)
            rows.append((b, b * args.new, agree, rounds))
    lib.close()

    def table(clock: int, unit: str):
        head = ["batch", f"HF generate {unit}", f"lib batched {unit}", f"lib one-by-one {unit}", "lib/HF",
                "batched/one-by-one", "same greedy tokens"]
        lines = [head]
        for b, tokens, agree, rounds in rows:
            speed = {k: tokens / statistics.median(t[k][clock] for t in rounds) for k in ("hf", "lib", "lib_rows")}
            ratio = statistics.median(t["hf"][clock] / t["lib"][clock] for t in rounds)
            gain = statistics.median(t["lib_rows"][clock] / t["lib"][clock] for t in rounds)
            lines.append([str(b), f"{speed['hf']:.0f}", f"{speed['lib']:.0f}", f"{speed['lib_rows']:.0f}",
                          f"{ratio:.2f}x", f"{gain:.2f}x", f"{agree * 100:.0f}%"])
        widths = [max(len(r[i]) for r in lines) for i in range(len(head))]
        return "\n".join("  ".join(v.rjust(w) for v, w in zip(r, widths)) for r in lines)

    shape = f"SmolLM2-135M (Q4_1 dequantised), greedy, {args.prompt} prompt + {args.new} new tokens per row"
    text = (f"{header}\n{shape}; medians of {args.repeats} rounds after {args.warmup} warm-up\n\n"
            f"wall clock (tok/s):\n{table(0, 'tok/s')}\n\nCPU time (tok/cpu-s):\n{table(1, 'tok/cpu-s')}\n")
    print()
    print(text)
    result = Path(__file__).resolve().parent / f"results-{datetime.date.today().isoformat()}.md"
    result.write_text("# Batched generation: interp4j against HF transformers generate\n\n```\n" + text + "```\n")
    print(f"written to {result}")


if __name__ == "__main__":
    main()
