"""Entry point PyInstaller freezes into the ``jcct-desktop`` executable (see build.spec).

It only calls the console entry point, so the frozen app and ``jcct-desktop`` from a
source checkout run the same code. ``JCCT_FROZEN_PROBE=FILE`` (used by
scripts/check_frozen.sh) writes, at exit, where the interpreter and every loaded module
came from, so the check can prove nothing was loaded from outside the bundle.
"""

from __future__ import annotations

import os
import sys


def _write_probe(path: str) -> None:
    import json

    modules = sorted(
        {m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)}
    )
    libraries: list[str] = []
    if os.path.exists("/proc/self/maps"):  # Linux: every shared library actually mapped
        with open("/proc/self/maps", encoding="utf-8") as fh:
            fields = (line.split(maxsplit=5) for line in fh)
            libraries = sorted({f[5].strip() for f in fields if len(f) == 6 and "/" in f[5]})
    record = {
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
        "meipass": getattr(sys, "_MEIPASS", None),
        "prefix": sys.prefix,
        "path": sys.path,
        "modules": sorted(sys.modules),
        "module_files": modules,
        "mapped_files": libraries,
    }
    with open(path, "w", encoding="utf-8") as out:
        json.dump(record, out, indent=1)


def main() -> int:
    from jcct_desktop.cli import main as cli_main

    probe = os.environ.get("JCCT_FROZEN_PROBE")
    try:
        return cli_main()
    finally:
        if probe:
            _write_probe(probe)


if __name__ == "__main__":
    raise SystemExit(main())
