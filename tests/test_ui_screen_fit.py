"""Every screen fits: the window and its dialogs on a 1024×768 screen and at 200% scaling on
1600×1000, each in a fresh process on an offscreen screen of that size (tests/screen_probe)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCREENS = {
    "1024x768": ({"width": 1024, "height": 768}, "1"),
    "1600x1000 at 200%": ({"width": 1600, "height": 1000}, "2"),
    "1600x1000": ({"width": 1600, "height": 1000}, "1"),  # holds the default size
}


def probe(tmp_path: Path, screen: dict[str, int], scale: str) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, **screen}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": scale, "JCCT_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "tests.screen_probe", str(tmp_path / "data")],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def inside(outer: list[int], inner: list[int]) -> bool:
    ox, oy, ow, oh = outer
    x, y, w, h = inner
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.fixture(scope="module", params=list(SCREENS))
def seen(request, tmp_path_factory) -> tuple[str, dict]:
    screen, scale = SCREENS[request.param]
    return request.param, probe(tmp_path_factory.mktemp("screen"), screen, scale)


def test_window_and_status_bar_are_on_screen(seen):
    name, out = seen
    assert inside(out["available"], out["window"]), (name, out["window"])
    width, height = out["inner"]
    assert inside([0, 0, width, height], out["status_bar"]), name
    assert out["status_bar"][3] > 10


def test_every_filter_is_shown_none_behind_a_chevron(seen):
    name, out = seen
    width, height = out["inner"]
    for control, where in out["filters"].items():
        assert where[2] > 20 and where[3] > 10, (name, control)  # laid out, not hidden
        assert inside([0, 0, width, height], where), (name, control, where)


def test_tree_titles_and_notes_are_readable(seen):
    name, out = seen
    assert out["tree_title_width"] >= 150, name  # ~20 characters, not 8
    assert not out["notes_h_scroll"], name  # the notes panel is never clipped sideways
    assert out["notes_viewport"][2] >= out["notes_min_width"], name


def test_talking_points_box_fits_the_notes_pane(seen):
    name, out = seen
    found = out["talking_points"]
    (vx, _vy, vw, _vh), (bx, _by, bw, _bh) = found["viewport"], found["box"]
    assert vx <= bx and bx + bw <= vx + vw, (name, found)  # never clipped sideways
    if name != "1600x1000 at 200%":  # there the whole pane is ~70 px tall: it scrolls
        assert inside(found["viewport"], found["box"]), (name, found)  # scrolled to: all seen
    for control in found["controls"]:
        assert control[2] > 10 and control[3] > 10, (name, control)
        assert inside(found["box"], control), (name, control)


def test_dialogs_fit_and_their_buttons_are_reachable(seen):
    name, out = seen
    for dialog, found in out["dialogs"].items():
        assert inside(out["available"], found["frame"]), (name, dialog, found["frame"])
        width, height = found["inner"]
        for button in found["buttons"]:
            assert button[2] > 0 and inside([0, 0, width, height], button), (name, dialog)


def test_default_size_shows_the_note_editor_without_scrolling(tmp_path):
    screen, scale = SCREENS["1600x1000"]
    out = probe(tmp_path, screen, scale)
    assert out["inner"] == [1400, 880]  # the default size, on a screen that holds it
    _x, top, _w, tall = out["notes_viewport"]
    _ex, editor_top, _ew, editor_tall = out["note_editor"]
    assert top <= editor_top and editor_top + editor_tall <= top + tall
