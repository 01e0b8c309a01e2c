"""Forward tokens/s of interp4j against HF transformers, same machine, same threads, same run.

    python bench.py --gpt2 DIR --gguf FILE --classpath JAR --java-source ForwardBenchmark.java

Starts the library side (ForwardBenchmark.java) as a child JVM, reads the PyTorch thread count it
uses and gives torch the same. Then, for each model, every round times one forward of each
configuration back to back (HF eager, HF sdpa, lib, lib caching every hook point), so load from
other processes hits all of them alike. Warm-up rounds are dropped. Speeds are medians over the
timed rounds; ratios and the caching overhead are medians of the per-round ratios (each compares
runs made seconds apart, which is steadier than a ratio of medians on a shared machine).
The tables are printed and written, with date, machine and load, to latest.txt beside this file.
With --baseline JAR a second library JVM (another build, e.g. the main branch's) joins every round,
so a change is measured against the code before it under the same load.
"""
import argparse
import os
import statistics
import tempfile
from pathlib import Path

import numpy as np
import torch

import hf_forward
import machine
from jvm_child import Lib

CONFIGS = ["hf_eager", "hf_sdpa", "lib", "lib_cache"]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--gpt2", required=True, help="folder of the GPT-2-small-shaped checkpoint")
    p.add_argument("--gguf", required=True, help="SmolLM2 .gguf file")
    p.add_argument("--classpath", required=True)
    p.add_argument("--java-source", required=True)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--only", choices=["gpt2", "smollm2"], help="benchmark one model only")
    p.add_argument("--baseline", help="another build's interp4j.jar, timed in every round as 'base'")
    p.add_argument("--out", default=str(Path(__file__).resolve().parent / "latest.txt"))
    args = p.parse_args()

    start_load = machine.load()
    lib = Lib(args.classpath, args.java_source, heap="2g")
    base = Lib(args.baseline, args.java_source, heap="2g") if args.baseline else None
    configs = CONFIGS + (["base", "base_cache"] if base else [])
    intra, interop = (int(x) for x in lib.ask("threads").split()[1::2])
    if base:
        base.ask("threads")
    torch.set_num_threads(intra)
    threads = (f"lib (DJL PyTorch engine) {intra} intra-op / {interop} inter-op; "
               f"HF transformers (torch {torch.__version__}) {torch.get_num_threads()} intra-op")
    print(f"threads: {threads}; {os.cpu_count()} CPUs, load average {start_load}", flush=True)

    models = [("gpt2-small (random)", "gpt2", args.gpt2), ("SmolLM2-135M (Q4_1)", "smollm2", args.gguf)]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for title, key, spec in models:
            if args.only and key != args.only:
                continue
            hf = hf_forward.load(spec)
            ids = torch.randint(0, hf.config.vocab_size, (args.batch, args.seq),
                                generator=torch.Generator().manual_seed(0))
            ids_file = Path(tmp) / f"{key}_ids.npy"
            np.save(ids_file, ids.numpy())
            hooks = int(lib.ask(f"load {key} {spec} {ids_file}").split()[1])
            if base:
                base.ask(f"load {key} {spec} {ids_file}")
            agreement = check_logits(lib, hf, key, ids, Path(tmp))
            rounds = []
            for r in range(args.warmup + args.repeats):
                timing = {}
                for c in configs:
                    if c.startswith("hf"):
                        hf_forward.use_attention(hf, c[3:])
                        timing[c] = hf_forward.forward_seconds(hf, ids)
                    else:
                        side = base if c.startswith("base") else lib
                        answer = side.ask(f"time {key} {'cache' if c.endswith('_cache') else 'plain'}")
                        timing[c] = tuple(float(x) for x in answer.split())
                warm = r < args.warmup
                if not warm:
                    rounds.append(timing)
                print(f"  {key} round {r + 1}{' (warm-up)' if warm else ''}: "
                      + ", ".join(f"{c} {w:.2f}s wall {cpu:.2f}s cpu" for c, (w, cpu) in timing.items()), flush=True)
            results.append(dict(title=title, shape=f"{args.batch}x{args.seq}", tokens=args.batch * args.seq,
                                hooks=hooks, agreement=agreement, rounds=rounds))
            del hf
    lib.close()
    if base:
        base.close()
    text = "\n".join([
        machine.header(start_load, threads),
        print_table(results, clock=0, unit="tok/s", base=bool(base)),
        "",
        "The same runs counted in CPU seconds (all threads of each process), less sensitive to other load:",
        print_table(results, clock=1, unit="tok/cpu-s", base=bool(base)),
        "",
        f"batch {args.batch} x {args.seq} random token ids; medians of {args.repeats} timed rounds after "
        f"{args.warmup} warm-up rounds; ratios are medians of per-round ratios",
        *[f"{r['title']}: {r['hooks']} hook points cached; max |lib - HF| of last-position logits "
          f"{r['agreement']:.1e}" for r in results]])
    print()
    print(text)
    Path(args.out).write_text(text + "\n")
    print(f"written to {args.out}")


def check_logits(lib: Lib, hf, key: str, ids: torch.Tensor, tmp: Path) -> float:
    """Max |Δ| between the two sides' last-position logits: both must compute the same thing."""
    out = tmp / f"{key}_lib_logits.npy"
    lib.ask(f"logits {key} {out}")
    hf_forward.use_attention(hf, "sdpa")
    return float(np.abs(np.load(out) - hf_forward.last_logits(hf, ids)).max())


def print_table(results, clock: int, unit: str, base: bool = False) -> str:
    head = ["model", "shape", f"HF eager {unit}", f"HF sdpa {unit}", f"lib {unit}", "lib/eager", "lib/sdpa",
            f"lib+cache {unit}", "cache overhead"] + (["lib/base", "lib+cache/base+cache"] if base else [])
    lines = [head]
    for r in results:
        def speed(c):
            return r["tokens"] / statistics.median(t[c][clock] for t in r["rounds"])

        def ratio(a, b):  # how much faster a is than b, paired within rounds
            return statistics.median(t[b][clock] / t[a][clock] for t in r["rounds"])

        lines.append([r["title"], r["shape"], f"{speed('hf_eager'):.0f}", f"{speed('hf_sdpa'):.0f}",
                      f"{speed('lib'):.0f}", f"{ratio('lib', 'hf_eager'):.2f}x", f"{ratio('lib', 'hf_sdpa'):.2f}x",
                      f"{speed('lib_cache'):.0f}", f"{(ratio('lib', 'lib_cache') - 1) * 100:+.1f}%"]
                     + ([f"{ratio('lib', 'base'):.2f}x", f"{ratio('lib_cache', 'base_cache'):.2f}x"] if base else []))
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    return "\n".join("  ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths)))
                     for row in lines)


if __name__ == "__main__":
    main()
