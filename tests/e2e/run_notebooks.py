"""Runs notebooks through real Jupyter with the kit's kernel and fails on any error output.

    environment/.venv/bin/python tests/e2e/run_notebooks.py [--timeout SECONDS] [--jobs N] NOTEBOOK...

Each notebook runs top to bottom in a fresh "Java (interp4j)" kernel, in its own folder (so
relative paths work as in JupyterLab). With --jobs N, N notebooks run at once, each kernel with
an equal share of the cores (OMP_NUM_THREADS, unless it is set already). The executed copies go
to target/notebooks/, with timings.tsv listing how long each took. Exit status 1 if any notebook
failed.

A notebook fails on any error output, and on outputs a reader should never see even when no
cell raised: a "java.io.PrintStream@..." echo, a Java stack trace (printed by the code rather
than raised), or NaN printed as a number. Each problem is listed with its cell (0-based index)
and the offending line. The rules' self-test: python -m unittest tests/e2e/test_run_notebooks.py
"""
import argparse
import concurrent.futures
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNEL = "interp4j-java"


# Rules for outputs that are not errors but must not appear; each is (pattern, why, MIME types searched).
# "stream" stands for stdout/stderr text. Images and other binary data are never searched.
TEXT_TYPES = ("stream", "text/plain", "text/html", "text/markdown", "text/latex")
RULES = [
    # the value of a cell whose last statement is System.out.printf(...), shown as the cell's result
    (re.compile(r"\bPrint(?:Stream|Writer)@[0-9a-f]+"), "PrintStream echo (printf as last statement?)", TEXT_TYPES),
    # a printed Java stack trace: a frame "\tat pkg.Class.method(File.java:12)", or its header lines
    (re.compile(r"^[ \t]+at [^\s(]+\.[^\s(.]+\([^()\n]*\)"
                r"|^Exception in thread \""
                r"|^[ \t]*Caused by: [\w$]+(?:\.[\w$]+)+", re.M), "Java stack trace", TEXT_TYPES),
    # NaN as a word of printed text (a NaN value); not isNaN, NaNs, Double.NaN, nor inside other words
    (re.compile(r"(?<![\w$.])NaN(?![\w$])"), "NaN printed", ("stream", "text/plain")),
]


def _text(value):
    return "".join(value) if isinstance(value, list) else (value if isinstance(value, str) else "")


def output_texts(out):
    """(kind, text) pairs of one output: ("stream", ...) or (mime type, ...) for display data and results."""
    kind = out.get("output_type")
    if kind == "stream":
        return [("stream", _text(out.get("text")))]
    if kind in ("execute_result", "display_data"):
        return [(mime, _text(data)) for mime, data in (out.get("data") or {}).items()]
    return []


def _line_at(text, start):
    """The line of text around index start, stripped and cut to 120 characters."""
    line = text[text.rfind("\n", 0, start) + 1:].split("\n", 1)[0].strip()
    return line if len(line) <= 120 else line[:117] + "..."


def problems_in(nb):
    """Every error output as 'cell N: Name: message' and every rule's first hit per output as
    'cell N: why: "line"', in cell order."""
    found = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                first_line = (out.get("evalue") or "").strip().splitlines()[:1]
                found.append(f"cell {index}: {out.get('ename')}: {' '.join(first_line)}")
                continue
            for pattern, why, types in RULES:
                for mime, text in output_texts(out):
                    hit = pattern.search(text) if mime in types else None
                    if hit:
                        found.append(f"cell {index}: {why} in {mime} output: {_line_at(text, hit.start())!r}")
                        break
    return found


def run(path, out_dir, timeout):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=180,
                            allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    start = time.monotonic()
    try:
        client.execute()
        problems = problems_in(nb)
    except (CellTimeoutError, DeadKernelError, RuntimeError) as e:  # RuntimeError: the kernel did not start
        problems = problems_in(nb) + [f"{type(e).__name__}: {(str(e).strip().splitlines() or [''])[0]}"]
    seconds = time.monotonic() - start
    nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    return seconds, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "notebooks"))
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default 1)")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    os.makedirs(args.out, exist_ok=True)
    if args.jobs > 1:
        # kernels started from here inherit it: N kernels with all the cores each would only take turns
        os.environ.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // args.jobs)))

    passed = failed = 0
    rows = ["notebook\tseconds\tproblems"]
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {}
        for path in args.notebooks:
            print(f"notebook {path}: running with kernel {KERNEL} ...", flush=True)
            futures[pool.submit(run, path, args.out, args.timeout)] = path
        for done in concurrent.futures.as_completed(futures):
            path = futures[done]
            seconds, problems = done.result()
            rows.append(f"{path}\t{seconds:.1f}\t{len(problems)}")
            if problems:
                failed += 1
                print(f"notebook {path}: FAILED in {seconds:.1f}s")
                for p in problems:
                    print(f"    {p}")
            else:
                passed += 1
                print(f"notebook {path}: ok in {seconds:.1f}s", flush=True)
    with open(os.path.join(args.out, "timings.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"executed notebooks and timings.tsv are in {os.path.relpath(args.out, ROOT)}/")
    print(f"notebooks: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
