"""Measures how far the graded answers that depend on a forward pass move across thread counts and
OpenMP wait policies, against the tolerance each exercise allows.

    python3 tests/tolerances/measure.py [--notebooks solutions/01-negation-tuning.ipynb ...]

It runs org.interp4j.grade.ReferenceDump (the library's answers to every implement-it exercise's
test inputs, and with --notebooks the recorded exercise variables of those solutions) once per
setting: 1, 2 and 4 PyTorch threads, each with OMP_WAIT_POLICY=PASSIVE and unset. For every exercise
it prints the largest change between settings and that change as a share of the allowed tolerance,
writes the table to lib/src/main/resources/org/interp4j/grade/expected/variation.tsv, and exits 1 if
any change uses more than half of its tolerance (the margin kept for other CPUs).
Build the jar first: mvn -B -q -DskipTests package -pl lib
Python 3.8+, standard library only.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "lib", "src", "main", "resources", "org", "interp4j", "grade", "expected", "variation.tsv")
SETTINGS = [(t, w) for t in (1, 2, 4) for w in ("PASSIVE", None)]
MARGIN = 0.5


def leaves(node):
    if isinstance(node, dict):
        if "shape" in node and "data" in node:
            return leaves(node["data"])
        out = []
        for k in sorted(node):
            out += leaves(node[k])
        return out
    if isinstance(node, list):
        out = []
        for e in node:
            out += leaves(e)
        return out
    if isinstance(node, bool) or node is None:
        return [node]
    if isinstance(node, (int, float)):
        return [float(node)]
    if node in ("NaN", "Infinity", "-Infinity"):
        return [float(node.replace("Infinity", "inf"))]
    return [node]


def dump(setting, notebooks, workdir):
    threads, wait = setting
    env = dict(os.environ)
    env.pop("OMP_WAIT_POLICY", None)
    if wait:
        env["OMP_WAIT_POLICY"] = wait
    out = os.path.join(workdir, f"dump-{threads}-{wait or 'unset'}.json")
    cp = os.pathsep.join([os.path.join(ROOT, "lib", "target", "interp4j.jar"),
                          os.path.join(ROOT, "lib", "target", "lib", "*")])
    cmd = ["java", f"-Dai.djl.pytorch.num_threads={threads}", "-Dai.djl.offline=true", "-Djava.awt.headless=true",
           "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", cp, "org.interp4j.grade.ReferenceDump", out] + notebooks
    print(f"setting threads={threads} OMP_WAIT_POLICY={wait or 'unset'} ...", flush=True)
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    with open(out) as f:
        return json.load(f)


def compare(dumps):
    """Rows: (exercise, kind, max |change|, max relative change, worst share of tolerance, note)."""
    rows = []
    first = dumps[0]
    for ex_id, ex in first["functions"].items():
        base = leaves(ex["outputs"])
        worst_abs = worst_rel = share = 0.0
        note = ""
        for d in dumps[1:]:
            other = leaves(d["functions"][ex_id]["outputs"])
            for a, b in zip(base, other):
                if isinstance(a, float) and isinstance(b, float):
                    if a != a and b != b:
                        continue
                    diff = abs(a - b)
                    allowed = ex["abs"] + ex["rel"] * abs(a)
                    worst_abs = max(worst_abs, diff)
                    worst_rel = max(worst_rel, diff / abs(a) if a else (0.0 if diff == 0 else float("inf")))
                    share = max(share, diff / allowed if allowed > 0 else (0.0 if diff == 0 else float("inf")))
                elif a != b:
                    share = float("inf")
                    note = "a non-number changed"
        kind = "function, model" if ex["usesModel"] else "function"
        rows.append((ex_id, kind, worst_abs, worst_rel, share, note))
    for ex_id, ex in first.get("recorded", {}).items():
        if "value" not in ex:
            rows.append((ex_id, "recorded", 0, 0, float("inf"), ex.get("error", "not readable")))
            continue
        base = leaves(ex["value"])
        worst_abs = worst_rel = share = 0.0
        note = ""
        for d in dumps[1:]:
            other = leaves(d["recorded"].get(ex_id, {}).get("value", []))
            if len(other) != len(base):
                share, note = float("inf"), "shape changed"
                continue
            for a, b in zip(base, other):
                if isinstance(a, float) and isinstance(b, float):
                    diff = abs(a - b)
                    allowed = ex["tolerance"] * (abs(a) if ex["kind"] == "rel" else 1.0)
                    if ex["kind"] == "exact":
                        allowed = 0.0
                    worst_abs = max(worst_abs, diff)
                    worst_rel = max(worst_rel, diff / abs(a) if a else 0.0)
                    share = max(share, diff / allowed if allowed > 0 else (0.0 if diff == 0 else float("inf")))
                elif a != b:
                    share, note = float("inf"), "a non-number changed"
        rows.append((ex_id, "recorded " + ex["kind"], worst_abs, worst_rel, share, note))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", nargs="*", default=[], help="solutions whose recorded values to measure too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dumps = [dump(s, [os.path.abspath(n) for n in args.notebooks], tmp) for s in SETTINGS]
    rows = compare(dumps)
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or cpu
    header = [f"# measured {datetime.date.today()} on {cpu}, {os.cpu_count()} cores, {platform.machine()}",
              "# settings: " + ", ".join(f"{t} thread(s) OMP_WAIT_POLICY={w or 'unset'}" for t, w in SETTINGS),
              f"# share = largest change between settings / tolerance allowed; must stay <= {MARGIN}",
              "exercise\tkind\tmax_abs_change\tmax_rel_change\tshare_of_tolerance\tnote"]
    lines = [f"{r[0]}\t{r[1]}\t{r[2]:.3g}\t{r[3]:.3g}\t{r[4]:.3g}\t{r[5]}" for r in rows]
    text = "\n".join(header + lines) + "\n"
    print(text)
    with open(OUT, "w") as f:
        f.write(text)
    bad = [r for r in rows if r[4] > MARGIN]
    for r in bad:
        print(f"TOO TIGHT: {r[0]} moves {r[4]:.3g} of its tolerance across settings", file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
