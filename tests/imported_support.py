"""An imported meeting for tests: the 23rd JCCT fixture drafted and saved by the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jcct_desktop.cli import main

SHEET_23 = Path(__file__).parent / "data" / "jcct-23-fixture.txt"


def import_jcct_23(data_dir: Path, work: Path) -> dict:
    """Draft the fixture, review it as an officer would (one link), save it; the drafts."""
    drafts_path = work / "drafts-23.json"
    args = ["--data-dir", str(data_dir)]
    assert main([*args, "import", "factsheet", str(SHEET_23), "--dialogue", "jcct",
                 "--number", "23", "--date", "2012-12-19", "--place", "Washington, D.C.",
                 "-o", str(drafts_path)]) == 0  # fmt: skip
    drafts = json.loads(drafts_path.read_text("utf-8"))
    by_id = {c["id"]: c for c in drafts["commitments"]}
    soft = by_id["jcct-23-SL-1"]
    soft["links"] = [{"relation": "extends", "target": "2011-SOFT-1", "span": soft["span"]}]
    ipr = by_id["jcct-23-IPR-1"]
    ipr["links"] = [dict(ipr["links"][0], target="2011-OLCP-1")]
    drafts_path.write_text(json.dumps(drafts), "utf-8")
    assert main([*args, "import", "factsheet", "--apply", str(drafts_path)]) == 0
    return drafts


def apply_refused(drafts: dict, work: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """``import factsheet --apply`` of ``drafts`` (written in ``work``): exit 2 and one line,
    no traceback; that line is returned."""
    path = work / "reviewed.json"
    path.write_text(json.dumps(drafts), "utf-8")
    assert main(["import", "factsheet", "--apply", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err
