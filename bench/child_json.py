"""One measurement in a fresh process of another checkout: ``code`` run by this Python in
``tree`` (its own ``jcct_desktop`` imported), its last line of output read as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def json_child(tree: Path, code: str, *args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=tree, check=True,
                          capture_output=True, text=True, env={"PYTHONPATH": str(tree)})
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result
