"""The longest GUI-thread stall while typing at 100,000 commitments, this checkout against a
baseline checkout, measured alternately in the same run (issue 25).

Each round runs pytest once per checkout over the same selection, in a fresh process, and
reads the "longest stall N ms" lines the archive-scale typing tests print (the widest gap of
their 10 ms event-loop heartbeat, ``tests/archive_support.py``). A selection with earlier
test files before them (``tests/test_a*.py``) gives the heap and leftovers of a longer suite.
The baseline needs the same test files (copy ``tests/archive_support.py``, the test and
``tests/conftest.py`` into it) and the archive in its pytest cache (copy ``.pytest_cache``).

    python bench/bench_typing_stall.py /tmp/base 3 tests/test_archive_scale_typing.py
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
# -v names each test before its output; a stall belongs to the last test named
NAMED_OR_STALL = re.compile(r"(tests/\S+::\w+)|longest stall (\d+) ms")


def run(checkout: Path, selection: list[str]) -> tuple[dict[str, int], float, float]:
    """Each test's longest stall, the run's CPU seconds (user + system) and load average."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    load = os.getloadavg()[0]
    before = os.times()
    done = subprocess.run([sys.executable, "-m", "pytest", "-s", "-rN", "-v", *selection],
                          cwd=checkout, env=env, capture_output=True, text=True, check=False)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system
                                                          - before.children_system)
    stalls: dict[str, int] = {}
    test = "?"
    for m in NAMED_OR_STALL.finditer(done.stdout):
        if m.group(1):
            test = m.group(1)
        else:
            stalls[test] = int(m.group(2))
    return stalls, cpu, load


def main() -> None:
    base, rounds, selection = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    seen: dict[str, dict[str, list[int]]] = {"base": {}, "this": {}}
    cpus: dict[str, list[float]] = {"base": [], "this": []}
    for n in range(rounds):
        for name, checkout in (("base", base), ("this", HERE))[:: 1 if n % 2 == 0 else -1]:
            start = time.perf_counter()
            stalls, cpu, load = run(checkout, selection)
            cpus[name].append(cpu)
            for test, ms in stalls.items():
                seen[name].setdefault(test, []).append(ms)
            print(f"round {n + 1} {name}: {stalls} (cpu {cpu:.1f} s, wall "
                  f"{time.perf_counter() - start:.0f} s, load {load:.2f})", flush=True)
    for test in sorted(set(seen["base"]) | set(seen["this"])):
        b, t = seen["base"].get(test, []), seen["this"].get(test, [])
        if b and t:
            mb, mt = statistics.median(b), statistics.median(t)
            print(f"{test}: base median {mb:.0f} ms {b}, this median {mt:.0f} ms {t}, "
                  f"ratio {mt / mb:.2f}")
        else:
            print(f"{test}: base {b}, this {t}")
    print(f"pytest CPU s median: base {statistics.median(cpus['base']):.1f}, "
          f"this {statistics.median(cpus['this']):.1f}")


if __name__ == "__main__":
    main()
