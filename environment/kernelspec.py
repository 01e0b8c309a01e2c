"""Writes the kit's Jupyter kernel spec, "Java (interp4j)", into the venv.

It is JJava's own spec (as `pip install jjava` installs it) with the library jar and its
dependencies on JJava's classpath and the JVM options the library needs, so notebooks
start with every org.interp4j class importable and need no %classpath or %maven magic.
The kernel also runs kernel-startup.jsh as it starts: a cell whose last statement is
System.out.printf(...) then shows its output and no "java.io.PrintStream@..." echo.

    python kernelspec.py          write the spec (run with the venv's python)
    python kernelspec.py --check  exit 0 if the spec on disk is already what it would write
"""
import filecmp
import json
import os
import shutil
import sys

NAME = "interp4j-java"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNELS = os.path.join(sys.prefix, "share", "jupyter", "kernels")
JJAVA_DIR = os.path.join(KERNELS, "java")  # where the jjava wheel puts its jars
TARGET = os.path.join(KERNELS, NAME)
JARS = ("jjava.jar", "jjava-launcher.jar")

# JJava splits JJAVA_CLASSPATH on the platform path separator and expands globs itself.
CLASSPATH = os.pathsep.join([
    os.path.join(ROOT, "lib", "target", "interp4j.jar"),
    os.path.join(ROOT, "lib", "target", "lib", "*.jar"),
])

# JJava (1.0-a8, org.dflib.jjava.distro.Env) reads every file on JJAVA_STARTUP_SCRIPTS_PATH (split like the
# classpath) and evaluates it after the classpath is set, before the first cell. A missing file is skipped
# silently, so --check also requires it to exist.
STARTUP = os.path.join(ROOT, "environment", "kernel-startup.jsh")

# JJava's launcher passes JJAVA_JVM_OPTS (split on whitespace) to the kernel JVM, which is
# also where notebook code runs (JJava executes JShell snippets in its own process).
JVM_OPTS = " ".join([
    "-Xmx6g",
    "-Dai.djl.offline=true",  # DJL must never try the network: natives come from the jars
    "-Djava.awt.headless=true",  # charts are drawn off screen
    "-Dfile.encoding=UTF-8",  # notebook code reads and writes UTF-8 files on Windows too (Java 17 would use cp1252)
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",  # keep library logging out of cells
    "-Dinterp4j.repo=" + ROOT,
])


def spec():
    return {
        "argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar",
                 "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": "Java (interp4j)",
        "language": "java",
        "interrupt_mode": "message",
        # OMP_WAIT_POLICY: PyTorch's OpenMP threads otherwise spin while idle, and a laptop running a browser
        # beside the kernel then computes several times slower
        "env": {"JJAVA_CLASSPATH": CLASSPATH, "JJAVA_JVM_OPTS": JVM_OPTS, "JJAVA_STARTUP_SCRIPTS_PATH": STARTUP,
                "OMP_WAIT_POLICY": "PASSIVE"},
        "metadata": {},
    }


def up_to_date():
    if not os.path.isfile(STARTUP):
        return False
    try:
        with open(os.path.join(TARGET, "kernel.json"), encoding="utf-8") as f:
            if json.load(f) != spec():
                return False
    except (OSError, ValueError):
        return False
    return all(os.path.exists(os.path.join(TARGET, j))
               and filecmp.cmp(os.path.join(JJAVA_DIR, j), os.path.join(TARGET, j), shallow=False)
               for j in JARS)


def write():
    if not os.path.isfile(STARTUP):
        sys.exit(f"{STARTUP} not found")
    for j in JARS:
        if not os.path.exists(os.path.join(JJAVA_DIR, j)):
            sys.exit(f"{os.path.join(JJAVA_DIR, j)} not found: install jjava in this venv first")
    os.makedirs(TARGET, exist_ok=True)
    for j in JARS:
        shutil.copyfile(os.path.join(JJAVA_DIR, j), os.path.join(TARGET, j))
    with open(os.path.join(TARGET, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump(spec(), f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(0 if up_to_date() else 1)
    write()
