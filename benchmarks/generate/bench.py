"""Batched generation tokens/s of interp4j against HF transformers' generate, same machine, same run.

    python bench.py --gguf FILE --classpath JAR --java-source GenerateBenchmark.java [--batches 1 32]

Both sides decode with a KV cache, greedily and by sampling (temperature 0.8, top-k 50), on the same
random prompts (equal length, so no padding), the same number of new tokens, the same thread count:
HF `model.generate(..., use_cache=True)` and interp4j `LanguageModel.generate(long[][], options)`
with `GenerateOptions.greedy(n)` or `GenerateOptions.sampling(n, 0.8, 0).withTopK(50)`, EOS ignored.
Each round times every configuration back to back (HF greedy, lib greedy, HF sampled, lib sampled,
and with --rows lib one row at a time), so load from other processes hits all alike; warm-up rounds
are dropped; speeds are medians, ratios are medians of per-round ratios. Greedy tokens are compared
(they should agree); sampled ones are not (the two sides draw from different random streams).
The table is printed and written, with date, machine and load, to latest.txt beside this file.
With --baseline JAR a second library JVM (another build, e.g. the main branch's) joins every round.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "model"))
import hf_forward  # noqa: E402  (the same loader as the forward benchmark)
import machine  # noqa: E402
from jvm_child import Lib  # noqa: E402

MODES = ["greedy", "sample"]


def hf_generate_seconds(model, ids: torch.Tensor, new: int, mode: str):
    mask = torch.ones_like(ids)
    sampling = dict(do_sample=True, temperature=0.8, top_k=50, top_p=1.0) if mode == "sample" else dict(do_sample=False)
    with torch.inference_mode():
        start, cpu = time.perf_counter(), time.process_time()
        out = model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=new, min_new_tokens=new,
                             use_cache=True, pad_token_id=model.config.eos_token_id, **sampling)
        seconds = time.perf_counter() - start, time.process_time() - cpu
    return seconds, out[:, ids.shape[1]:].numpy()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--gguf", required=True, help="SmolLM2 .gguf file (or a model folder)")
    p.add_argument("--classpath", required=True)
    p.add_argument("--java-source", required=True)
    p.add_argument("--batches", type=int, nargs="+", default=[1, 32])
    p.add_argument("--prompt", type=int, default=16, help="prompt tokens per row")
    p.add_argument("--new", type=int, default=32, help="new tokens per row")
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--rows", action="store_true", help="also time the library one row at a time (greedy)")
    p.add_argument("--baseline", help="another build's interp4j.jar, timed in every round as 'base'")
    p.add_argument("--out", default=str(Path(__file__).resolve().parent / "latest.txt"))
    args = p.parse_args()

    start_load = machine.load()
    lib = Lib(args.classpath, args.java_source, heap="3g")
    base = Lib(args.baseline, args.java_source, heap="3g") if args.baseline else None
    intra, interop = (int(x) for x in lib.ask("threads").split()[1::2])
    torch.set_num_threads(intra)
    threads = (f"lib {intra} intra-op / {interop} inter-op; HF transformers (torch {torch.__version__}) "
               f"{torch.get_num_threads()} intra-op")
    print(f"threads: {threads}; load average {start_load}", flush=True)
    hf = hf_forward.load(args.gguf)
    hf_forward.use_attention(hf, "sdpa")
    lib.ask(f"load m {args.gguf}")
    if base:
        base.ask("threads")
        base.ask(f"load m {args.gguf}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for b in args.batches:
            ids = torch.randint(0, hf.config.vocab_size, (b, args.prompt), generator=torch.Generator().manual_seed(b))
            f = Path(tmp) / f"ids_{b}.npy"
            np.save(f, ids.numpy().astype(np.int64))
            out = Path(tmp) / f"lib_{b}.npy"
            lib.ask(f"tokens m {f} {args.new} {out}")
            _, hf_tokens = hf_generate_seconds(hf, ids, args.new, "greedy")
            agree = float((np.load(out) == hf_tokens).mean())
            rounds = []
            for r in range(args.warmup + args.repeats):
                t = {}
                for mode in MODES:
                    t[f"hf_{mode}"] = hf_generate_seconds(hf, ids, args.new, mode)[0]
                    t[f"lib_{mode}"] = tuple(float(x) for x in lib.ask(f"time m {f} {args.new} batch {mode}").split())
                    if base:
                        t[f"base_{mode}"] = tuple(float(x) for x in base.ask(f"time m {f} {args.new} batch {mode}").split())
                if args.rows:
                    t["lib_rows"] = tuple(float(x) for x in lib.ask(f"time m {f} {args.new} rows greedy").split())
                if r >= args.warmup:
                    rounds.append(t)
                print(f"  batch {b} round {r + 1}{' (warm-up)' if r < args.warmup else ''}: "
                      + ", ".join(f"{k} {w:.2f}s wall {c:.2f}s cpu" for k, (w, c) in t.items()), flush=True)
            rows.append((b, b * args.new, agree, rounds))
    lib.close()
    if base:
        base.close()

    def table(clock: int, unit: str):
        head = ["batch", "decoding", f"HF generate {unit}", f"lib {unit}", "lib/HF"]
        if args.rows:
            head += [f"lib one-by-one {unit}", "batched/one-by-one"]
        if base:
            head += [f"base {unit}", "lib/base"]
        head.append("same tokens as HF")
        lines = [head]
        for b, tokens, agree, rounds in rows:
            for mode in MODES:
                hf_key, lib_key = f"hf_{mode}", f"lib_{mode}"
                speed = {k: tokens / statistics.median(t[k][clock] for t in rounds) for k in rounds[0]}
                ratio = statistics.median(t[hf_key][clock] / t[lib_key][clock] for t in rounds)
                line = [str(b), "greedy" if mode == "greedy" else "sampled", f"{speed[hf_key]:.0f}",
                        f"{speed[lib_key]:.0f}", f"{ratio:.2f}x"]
                if args.rows:
                    gain = statistics.median(t["lib_rows"][clock] / t["lib_greedy"][clock] for t in rounds)
                    line += [f"{speed['lib_rows']:.0f}", f"{gain:.2f}x"] if mode == "greedy" else ["", ""]
                if base:
                    line += [f"{speed[f'base_{mode}']:.0f}",
                             f"{statistics.median(t[f'base_{mode}'][clock] / t[lib_key][clock] for t in rounds):.2f}x"]
                line.append(f"{agree * 100:.0f}%" if mode == "greedy" else "(random)")
                lines.append(line)
        widths = [max(len(r[i]) for r in lines) for i in range(len(head))]
        return "\n".join("  ".join(v.rjust(w) for v, w in zip(r, widths)) for r in lines)

    shape = (f"SmolLM2-135M (Q4_1 dequantised to float32), {args.prompt} prompt + {args.new} new tokens per row, "
             f"sampled = temperature 0.8, top-k 50; medians of {args.repeats} rounds after {args.warmup} warm-up; "
             f"ratios are medians of per-round ratios")
    text = (f"{machine.header(start_load, threads)}{shape}\n\n"
            f"wall clock (tok/s):\n{table(0, 'tok/s')}\n\nCPU time (tok/cpu-s):\n{table(1, 'tok/cpu-s')}\n")
    print()
    print(text)
    Path(args.out).write_text(text)
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
