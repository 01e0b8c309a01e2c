"""Runs notebooks through real Jupyter with the kit's kernel and fails on any error output.

    environment/.venv/bin/python tests/e2e/run_notebooks.py [--timeout SECONDS] NOTEBOOK...

Each notebook runs top to bottom in a fresh "Java (interp4j)" kernel, in its own folder (so
relative paths work as in JupyterLab). The executed copies go to target/notebooks/, with
timings.tsv listing how long each took. Exit status 1 if any cell failed.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNEL = "interp4j-java"


def errors_in(nb):
    """Every error output as 'cell N: Name: message', in cell order."""
    found = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                first_line = (out.get("evalue") or "").strip().splitlines()[:1]
                found.append(f"cell {index}: {out.get('ename')}: {' '.join(first_line)}")
    return found


def run(path, out_dir, timeout):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=180,
                            allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    start = time.monotonic()
    try:
        client.execute()
        problems = errors_in(nb)
    except (CellTimeoutError, DeadKernelError) as e:
        problems = errors_in(nb) + [f"{type(e).__name__}: {str(e).strip().splitlines()[0]}"]
    seconds = time.monotonic() - start
    nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    return seconds, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "notebooks"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    passed = failed = 0
    rows = ["notebook\tseconds\terrors"]
    for path in args.notebooks:
        print(f"notebook {path}: running with kernel {KERNEL} ...", flush=True)
        seconds, problems = run(path, args.out, args.timeout)
        rows.append(f"{path}\t{seconds:.1f}\t{len(problems)}")
        if problems:
            failed += 1
            print(f"notebook {path}: FAILED in {seconds:.1f}s")
            for p in problems:
                print(f"    {p}")
        else:
            passed += 1
            print(f"notebook {path}: ok in {seconds:.1f}s")
    with open(os.path.join(args.out, "timings.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print(f"executed notebooks and timings.tsv are in {os.path.relpath(args.out, ROOT)}/")
    print(f"notebooks: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
