"""bench/bench_import.py runs and reports the importer's scores (issue 21)."""

from __future__ import annotations

from bench.bench_import import fold_s, main


def test_the_benchmark_reports_every_corpus() -> None:
    lines: list[str] = []
    assert main([], out=lines.append) == 0
    report = "\n".join(lines)
    assert "| wrapped 76 | 40 | 40 | 15 | 15 | 0 | 0 | 0 | 18 | 18 | 30 | 31 |" in report
    assert ("| typeset PDF, hanging bullets | 40 | 40 | 15 | 15 | 0 | 0 | 0 | 18 | 18 | 30 |"
            in report)  # fmt: skip
    assert ("| typeset PDF, sections by gaps only (4/12 pt) | 40 | 40 | 15 | 15 | 0 | 0 | 0 "
            "| 18 | 18 | 30 | 31 |") in report  # fmt: skip
    assert "| damaged: cut at 60% |" in report
    assert "| sed-5-synthetic.txt | 8 | 8 | 8 | 8 | 8 | 0 |" in report
    assert "| jcct-22-joint-synthetic.txt | 3 | 3 | 3 | 3 | 3 | 0 |" in report
    assert "| figures-synthetic.txt | 12 | 12 | 12 | 2 | 2 |" in report
    assert "| jcct-22-joint-synthetic.txt | 4 | 4 | 4 | 0 | 0 |" in report


def test_fold_s_breaks_as_fold_does() -> None:
    assert fold_s("aaa bbb ccc", 8) == "aaa bbb \nccc"
    assert fold_s("abcdefghij", 4) == "abcd\nefgh\nij"
