"""bench/bench_timeline.py measures the timeline on an archive: every figure is there, and a
first paint of the whole layout reads only the lanes on screen."""

from __future__ import annotations

import gc

from bench import bench_timeline
from bench.make_archive import make_archive


def test_the_timeline_bench_measures_an_archive(qtbot, tmp_path):
    archive = make_archive(tmp_path / "archive.sqlite", meetings=5, per_meeting=100)
    figures = bench_timeline.measure(archive, runs=1)
    assert gc.isenabled()  # left as it found it
    assert set(figures) >= {"source", "first layout", "layout, every shown",
                            "layout, typing: median", "set_layout + repaint, 28,000"}
    assert all(value >= 0 for value in figures.values())
    # a 1000 x 400 widget shows 15 lanes and part of another below its axis, and reads no others
    assert 0 < figures["lanes read by a first paint"] <= 16
