"""The machine a benchmark ran on, for the header of its latest.txt: date, CPU model, cores, load."""
import datetime
import os
import platform


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load() -> str:
    """The 1-, 5- and 15-minute load averages."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def header(start_load: str, threads: str) -> str:
    """Date, machine and the load at the start and end of the run: a table means little without them."""
    return (f"date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}\n"
            f"machine: {cpu_model()}, {os.cpu_count()} cores\n"
            f"load average (1/5/15 min): {start_load} at start, {load()} at end\n"
            f"threads: {threads}\n")
