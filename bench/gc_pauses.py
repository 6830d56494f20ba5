"""The garbage collector's pauses in a server process, for the benchmarks.

Runs a module as `python -m` would, after hooking `gc.callbacks`: every collection of at least
`--min-ms` (10) is appended to FILE as one line, `<unix time> <generation> <ms>`. `summary()`
reads such files back, for a window of time (a benchmark's rounds). The times are wall-clock:
on a busy machine a collection's line includes the time the process waited for a core.

    .venv/bin/python -m bench.gc_pauses /tmp/gc-0.log -m portal.serve -b 127.0.0.1 -p 16001 \\
        portal.asgi:application

`bench/live.py --gc-pauses` starts its WebSocket processes this way and prints the summary.
"""

from __future__ import annotations

import argparse
import gc
import runpy
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def record(path: Path, min_ms: float) -> None:
    """Append every collection of at least `min_ms` to `path`, from now on."""
    started: list[float] = [0.0]

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        took = (time.perf_counter() - started[0]) * 1000
        if took >= min_ms:
            with path.open("a") as out:
                out.write(f"{time.time():.3f} {info['generation']} {took:.1f}\n")

    gc.callbacks.append(callback)


@dataclass
class Pauses:
    """The recorded collections of one process within a window, by generation."""

    by_generation: dict[int, list[float]] = field(default_factory=dict)

    def line(self) -> str:
        if not self.by_generation:
            return "none"
        return ", ".join(
            f"gen {generation}: {len(times)}, longest {max(times):.0f} ms"
            for generation, times in sorted(self.by_generation.items())
        )


def summary(path: Path, start: float, end: float) -> Pauses:
    """The collections `path` recorded between `start` and `end` (unix times)."""
    pauses = Pauses()
    if not path.exists():
        return pauses
    for row in path.read_text().splitlines():
        at, generation, took = row.split()
        if start <= float(at) <= end:
            pauses.by_generation.setdefault(int(generation), []).append(float(took))
    return pauses


def main() -> None:
    """`FILE [--min-ms N] -m MODULE [its arguments]`: everything after `-m MODULE` is the
    module's own."""
    if "-m" not in sys.argv[1:-1]:
        raise SystemExit("usage: python -m bench.gc_pauses FILE [--min-ms N] -m MODULE [ARGS]")
    split = sys.argv.index("-m")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--min-ms", type=float, default=10.0)
    args = parser.parse_args(sys.argv[1:split])
    module, rest = sys.argv[split + 1], sys.argv[split + 2 :]
    record(args.file, args.min_ms)
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
