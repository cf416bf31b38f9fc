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


def test_the_start_up_and_the_packet_are_tabled_under_the_archives() -> None:
    row = {"commitments": 60.0, "open_ms": 1.0, "window_ms": 2.0, "search_median": 1.0,
           "search_p95": 2.0, "key_median": 3.0, "key_p95": 4.0, "key_max": 5.0,
           "stall_ms": 6.0, "peak_mb": 7.0, "warm_ms": 8.0}
    startup = {"bare": 100.0, "floor": 300.0, "app": 600.0, "runs": 7.0}
    packet = {"size": 10000.0, "process_s": 21.54, "process_cpu_s": 21.0, "pages": 4559.0,
              "peak_mb": 332.4}
    text = bench_table.table([row], "2026-12-06", startup, packet)
    lines = text.splitlines()
    assert lines[lines.index("| also measured | figure | aim |") - 1] == ""
    start_line = next(line for line in lines if "the 2011 start-up" in line)
    assert "medians of 7 alternated runs" in start_line
    assert "600 ms: 2.00× the floor" in start_line and "6.00× a bare QMainWindow (100 ms)" \
        in start_line
    packet_line = next(line for line in lines if "packet" in line)
    assert "the 10,000-commitment packet" in packet_line
    assert "21.5 s wall, 21.0 s CPU, 4,559 pages, peak 332 MB" in packet_line
    assert "also measured" not in bench_table.table([row], "2026-12-06")


def test_a_packet_is_timed_as_a_process_of_its_own(tmp_path: Path) -> None:
    from bench.make_archive import make_archive

    archive = make_archive(tmp_path / "a.sqlite", meetings=2, per_meeting=30)
    packet = bench_table.measure_packet(40, archive)
    assert packet["size"] == 40
    assert packet["pages"] >= 2
    assert packet["process_s"] >= packet["packet_s"] > 0
    assert packet["peak_mb"] > 0
