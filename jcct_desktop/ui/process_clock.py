"""How long this process has been running: the honest start for "time to first paint".

Counting from inside ``run_app`` hid the interpreter start and the imports before it (a
third of the whole). On Linux the kernel records when the process started (``/proc/self/stat``
field 22, in clock ticks since boot); elsewhere the earliest moment we can see is when this
package was first imported, which still includes every import of ours and of Qt.
"""

from __future__ import annotations

import os
import time

_IMPORTED = time.monotonic()


def _linux_age_s() -> float | None:
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        start_ticks = int(fields[19])  # field 22 overall; fields[0] is field 3 (state)
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def process_age_ms() -> float:
    """Milliseconds since the process started (or since this module was imported)."""
    age = _linux_age_s()
    if age is not None and age >= 0:
        return age * 1000
    return (time.monotonic() - _IMPORTED) * 1000
