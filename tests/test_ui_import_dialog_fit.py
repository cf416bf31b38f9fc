"""The import dialog fits a 1024×768 screen and 200% scaling on 1920×1080 (issue 21): each in a
fresh process on an offscreen screen of that size (tests/import_dialog_probe)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_ui_screen_fit import inside


@pytest.mark.parametrize(("width", "height", "scale"), [(1024, 768, "1"), (1920, 1080, "2")])
def test_the_import_dialog_fits_the_screen(tmp_path: Path, width: int, height: int,
                                           scale: str) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width,
                                               "height": height}]}))  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": scale, "JCCT_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "tests.import_dialog_probe"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert inside(out["available"], out["frame"]), out
    assert out["minimum"][0] <= out["available"][2] and out["minimum"][1] <= out["available"][3]
