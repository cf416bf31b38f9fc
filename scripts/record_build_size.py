"""Write the frozen folder's measured size into docs/building.md (run by check_frozen.sh).

    python scripts/record_build_size.py FOLDER_BYTES FILES ARCHIVE_BYTES

The row between the "measured" markers is replaced with this build's figures, its date and
what it was built with, so the document quotes the last build instead of a remembered one.
"""

from __future__ import annotations

import platform
import re
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "building.md"
BLOCK = re.compile(r"(<!-- measured:[^\n]*-->\n)(.*?)(<!-- /measured -->)", re.DOTALL)


def row(folder_bytes: int, files: int, archive_bytes: int) -> str:
    built_with = (f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
                  f"PySide6 {metadata.version('PySide6-Essentials')}, "
                  f"PyInstaller {metadata.version('pyinstaller')}")
    day = datetime.now(UTC).date().isoformat()
    return ("| built | folder | files | `.tar.gz` |\n|---|---|---|---|\n"
            f"| {day}, {built_with} | {folder_bytes / 1e6:.1f} MB | {files} | "
            f"{archive_bytes / 1e6:.1f} MB |\n")


def main(argv: list[str]) -> int:
    folder_bytes, files, archive_bytes = (int(a) for a in argv)
    text = DOC.read_text(encoding="utf-8")
    if not BLOCK.search(text):
        print("record_build_size: no measured block in docs/building.md", file=sys.stderr)
        return 1
    DOC.write_text(BLOCK.sub(lambda m: m.group(1) + row(folder_bytes, files, archive_bytes)
                             + m.group(3), text), encoding="utf-8")
    print(f"docs/building.md: {folder_bytes / 1e6:.1f} MB, {files} files, "
          f"archive {archive_bytes / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
