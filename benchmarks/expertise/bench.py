"""Average precision of every unit, four ways, on the same data in one run.

  1. scikit-learn: average_precision_score called per unit (how the original computes it),
     timed on a random sample of units and extrapolated to all units;
  2. NumPy, vectorised over units: argsort along the sample axis, cumulative sums, ties grouped;
  3. plain Java: Arrays.sort per unit, one unit after another (ApBenchmark.java);
  4. interp4j's AveragePrecision (radix sort per unit, all cores).

Data: 24 layers x 4096 units, 2,000 sentences (half of them positive); GELU-like responses with
a unit-dependent link to the label, and a quarter of the units ReLU-like (many exact zeros, so
many ties). Every implementation is checked against scikit-learn on the sampled units.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score


def make_data(samples, units, seed):
    rng = np.random.default_rng(seed)
    y = np.zeros(samples, dtype=np.int64)
    y[: samples // 2] = 1
    rng.shuffle(y)
    effect = (rng.standard_normal(units) * 0.5).astype(np.float32)
    X = np.empty((samples, units), dtype=np.float32)
    for r0 in range(0, samples, 250):  # in slabs, to keep temporaries small
        r1 = min(samples, r0 + 250)
        z = rng.standard_normal((r1 - r0, units), dtype=np.float32)
        z += y[r0:r1, None].astype(np.float32) * effect[None, :]
        gelu = 0.5 * z * (1 + np.tanh(0.7978846 * (z + 0.044715 * z * z * z)))
        relu_units = np.arange(units) % 4 == 3
        gelu[:, relu_units] = np.maximum(z[:, relu_units], 0)
        X[r0:r1] = gelu
    return X, y


def ap_numpy(X, y, chunk=1024):
    """Vectorised AP per unit: each positive contributes the precision at the end of its tie group.

    Units are processed in chunks, transposed to [units, samples] so that every sort runs over
    contiguous memory (sorting along a strided axis is several times slower).
    """
    n, units = X.shape
    positives = y.sum()
    out = np.empty(units)
    inv_rank = 1.0 / np.arange(1, n + 1)
    yf = y.astype(np.float64)
    for c0 in range(0, units, chunk):
        x = np.ascontiguousarray(X[:, c0:c0 + chunk].T)
        order = np.argsort(x, axis=1)[:, ::-1]  # descending; order inside ties does not matter
        s = np.take_along_axis(x, order, axis=1)
        lab = yf[order]
        tp = np.cumsum(lab, axis=1)
        # last sample of each run of equal scores (-0.0 == 0.0 here, as in sklearn)
        end = np.empty(s.shape, dtype=bool)
        end[:, :-1] = s[:, :-1] != s[:, 1:]
        end[:, -1] = True
        # position of the end of each sample's run: running minimum of end positions, from the right
        idx = np.where(end, np.arange(n), n - 1)
        idx = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1]
        precision_at_end = np.take_along_axis(tp * inv_rank, idx, axis=1)
        out[c0:c0 + chunk] = np.einsum("ij,ij->i", lab, precision_at_end) / positives
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--layers", type=int, default=24)
    ap.add_argument("--units", type=int, default=4096, help="units per layer")
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--sklearn-units", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--java-source", required=True)
    ap.add_argument("--java-heap", default="3g")
    args = ap.parse_args()

    units = args.layers * args.units
    print(f"data: {args.samples} samples x {args.layers} layers x {args.units} units = {units} units "
          f"({args.samples * units * 4 / 1e6:.0f} MB float32); {os.cpu_count()} cores; "
          f"python {sys.version.split()[0]}, numpy {np.__version__}, scikit-learn {sklearn.__version__}", flush=True)
    X, y = make_data(args.samples, units, seed=0)

    with tempfile.TemporaryDirectory(prefix="ap-bench-") as tmp:
        tmp = pathlib.Path(tmp)
        np.save(tmp / "X.npy", X)
        np.save(tmp / "y.npy", y)

        rng = np.random.default_rng(1)
        sample = np.sort(rng.choice(units, args.sklearn_units, replace=False))
        t, c = time.perf_counter(), time.process_time()
        ap_sk = np.array([average_precision_score(y, X[:, u]) for u in sample])
        sk_s = (time.perf_counter() - t) / len(sample) * units
        sk_cpu = (time.process_time() - c) / len(sample) * units
        print(f"scikit-learn loop: {len(sample)} units timed, {sk_s:.1f} s extrapolated", flush=True)

        t, c = time.perf_counter(), time.process_time()
        ap_np = ap_numpy(X, y)
        np_s, np_cpu = time.perf_counter() - t, time.process_time() - c
        print(f"numpy vectorised:  {np_s:.2f} s", flush=True)

        cmd = ["java", f"-Xmx{args.java_heap}", "-cp", args.classpath, args.java_source,
               str(tmp / "X.npy"), str(tmp / "y.npy"), str(tmp), str(args.repeats)]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit("java benchmark failed:\n" + res.stdout + res.stderr)
        j = json.loads(res.stdout.strip().splitlines()[-1])
        ap_base = np.load(tmp / "ap_java_baseline.npy")
        ap_lib = np.load(tmp / "ap_java_lib.npy")

    err = {
        "numpy": np.abs(ap_np[sample] - ap_sk).max(),
        "java Arrays.sort": np.abs(ap_base[sample] - ap_sk).max(),
        "interp4j": np.abs(ap_lib[sample] - ap_sk).max(),
    }
    all_units = np.abs(ap_lib - ap_np).max()
    best = int(np.argmin(j["lib_s"]))
    rows = [
        ("scikit-learn loop (extrapolated)", sk_s, sk_cpu, "-"),
        ("numpy vectorised", np_s, np_cpu, f"{err['numpy']:.1e}"),
        ("java Arrays.sort per unit, 1 thread", j["baseline_s"], j["baseline_cpu"], f"{err['java Arrays.sort']:.1e}"),
        (f"interp4j AveragePrecision, best of {len(j['lib_s'])}", j["lib_s"][best], j["lib_cpu"][best],
         f"{err['interp4j']:.1e}"),
        ("interp4j AveragePrecision, first run", j["lib_s"][0], j["lib_cpu"][0], ""),
    ]
    lib_best = j["lib_s"][best]
    print()
    print(f"{'implementation':40s} {'wall s':>8s} {'vs sklearn':>10s} {'vs numpy':>9s} {'cpu s':>8s} "
          f"{'cpu vs sklearn':>14s} {'max |dAP| vs sklearn':>21s}")
    for name, s, cpu, e in rows:
        print(f"{name:40s} {s:8.2f} {sk_s / s:9.1f}x {np_s / s:8.2f}x {cpu:8.2f} {sk_cpu / cpu:13.1f}x {e:>21s}")
    print(f"(wall: elapsed seconds; cpu: CPU seconds of the process, all threads; the library uses every core: "
          f"{j['threads']} threads)")
    print(f"\ninterp4j vs numpy on all {units} units: max |dAP| = {all_units:.1e}")
    ok = sk_s / lib_best >= 30 and lib_best < np_s and max(err.values()) < 1e-9 and all_units < 1e-9
    print("goals (>= 30x scikit-learn, faster than numpy, |dAP| < 1e-9):", "met" if ok else "NOT met")
    lib_cpu = j["lib_cpu"][best]
    print(f"issue 16 goal (>= 10x numpy in the same run): wall {np_s / lib_best:.1f}x, cpu {np_cpu / lib_cpu:.1f}x:",
          "met" if np_s / lib_best >= 10 else "NOT met")


if __name__ == "__main__":
    main()
