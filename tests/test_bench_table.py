"""bench/bench_table.py measures an archive and regenerates its block of docs/benchmarks.md
(issue 25): one table, written by the program, never by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import bench_table
from tests.ui_support import OFFSCREEN_NOISE


@pytest.mark.usefixtures("qapp")
@OFFSCREEN_NOISE
def test_an_archive_is_measured_and_tabled(tmp_path: Path, monkeypatch) -> None:
    from bench.make_archive import make_archive

    monkeypatch.setenv("JCCT_DATA_DIR", str(tmp_path / "notes"))
    monkeypatch.setenv("JCCT_REFERENCE_DB", "")  # measure() points it at the archive
    archive = make_archive(tmp_path / "a.sqlite", meetings=2, per_meeting=30)
    row = bench_table.measure(archive)
    assert row["commitments"] == 60
    for key in ("open_ms", "window_ms", "search_median", "key_median", "stall_ms", "peak_mb"):
        assert row[key] > 0
    assert row["search_median"] <= row["search_p95"]
    assert row["key_median"] <= row["key_p95"] <= row["key_max"]
    text = bench_table.table([row], "2026-12-06")
    assert "measured 2026-12-06" in text
    assert text.splitlines()[-1].startswith("| 60 | ")


def test_the_page_block_is_replaced_and_the_rest_kept(tmp_path: Path, monkeypatch) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nhand-written intro\n", encoding="utf-8")
    monkeypatch.setattr(bench_table, "PAGE", page)
    bench_table.write_page("| first |")
    bench_table.write_page("| second |")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nhand-written intro\n")
    assert "| second |" in text and "| first |" not in text
    assert text.count(bench_table.BEGIN) == 1 and text.count(bench_table.END) == 1
