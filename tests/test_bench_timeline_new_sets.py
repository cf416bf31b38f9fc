"""bench/bench_timeline_new_sets.py measures the timeline of each new shown set on an archive:
the warm-up and every prefix that shows a new set, each with its time and how many it shows."""

from __future__ import annotations

import gc

from bench import bench_timeline_new_sets
from bench.make_archive import make_archive


def test_the_new_sets_bench_measures_an_archive(tmp_path):
    archive = make_archive(tmp_path / "archive.sqlite", meetings=5, per_meeting=100)
    figures = bench_timeline_new_sets.measure(archive, runs=2)
    assert gc.isenabled()  # left as it found it
    assert "(masks warm-up)" in figures
    prefixes = [key for key in figures if key != "(masks warm-up)"]
    assert "s" in prefixes and "so" in prefixes  # the first letters make new sets
    for cpu, wall, shown in figures.values():
        assert cpu >= 0 and wall >= 0 and 0 <= shown <= 500
    assert figures["s"][2] > figures["so"][2]
