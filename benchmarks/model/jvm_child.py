"""The library side of a benchmark: a child JVM running a single-file Java program that answers one
command per line with a line starting "@@ " (anything else it prints is engine logging)."""
import subprocess
import sys


class Lib:
    """The child JVM, one command per line."""

    def __init__(self, classpath: str, source: str, heap: str = "2g"):
        self.proc = subprocess.Popen(
            ["java", "-Dai.djl.offline=true", f"-Xmx{heap}", "-cp", classpath, source],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, command: str) -> str:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            if not line:
                sys.exit(f"the JVM stopped while answering '{command}' (exit code {self.proc.wait()})")
            if line.startswith("@@ "):
                return line[3:].strip()

    def close(self):
        self.proc.stdin.write("quit\n")
        self.proc.stdin.flush()
        self.proc.wait()
