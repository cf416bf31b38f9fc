import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from jcct_desktop.cli import main


def _export_json(tmp_path: Path) -> dict:
    out = tmp_path / "data.json"
    assert main(["export", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_lists_every_outcome_and_figure(tmp_path: Path, data_dir: Path) -> None:
    data = _export_json(tmp_path)
    assert {"meetings", "sectors", "commitments", "facts"} <= data.keys()
    assert len(data["commitments"]) == 40 and len(data["facts"]) == 18
    required = {
        "id",
        "meeting",
        "sector",
        "title",
        "source_text",
        "parties",
        "agencies",
        "milestones",
        "status",
        "notes",
        "tags",
    }
    for c in data["commitments"]:
        assert required <= c.keys()
        for m in c["milestones"]:
            if m["when"]:
                assert date.fromisoformat(m["earliest"]) <= date.fromisoformat(m["latest"])
            else:  # undated: no window (tests/test_undated_exports.py)
                assert m["earliest"] is m["latest"] is m["precision"] is None
            assert m["wording"] in c["source_text"]
    by_id = {c["id"]: c for c in data["commitments"]}
    ii = by_id["2011-II-1"]["milestones"][0]
    assert (ii["earliest"], ii["latest"]) == ("2011-12-01", "2011-12-01")
    soft = by_id["2011-SOFT-2"]["milestones"]
    assert [(m["when"], m["latest"]) for m in soft] == [
        ("By the middle of 2012", "2012-06-30"),
        ("by 2013", "2013-12-31"),
    ]
    assert by_id["2011-IPRND-1"]["parties"] == ["China", "United States"]
    assert {f["id"]: f for f in data["facts"]}["2011-NEV-F1"]["text"].startswith(
        "China plans to manufacture one million"
    )


def test_csv_opens_cleanly(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "data.csv"
    assert main(["export", "csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets detect UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 40
    assert rows[0]["id"] == "2011-NEV-1"
    assert "“mastery of core technology”" in rows[0]["source_text"]


def test_stdout_export(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["export", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["commitments"][0]["id"] == "2011-NEV-1"


def test_unwritable_output_is_a_clear_error(tmp_path: Path, capsys, data_dir: Path) -> None:
    target = tmp_path / "missing-folder" / "x.json"
    assert main(["export", "json", "-o", str(target)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not target.exists()


def test_existing_file_replaced_only_when_complete(tmp_path: Path, data_dir: Path) -> None:
    target = tmp_path / "x.json"
    target.write_text("old")
    assert main(["export", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "jcct-desktop-data"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert "jcct-desktop 0.1.0" in capsys.readouterr().out


def test_json_export_carries_annotations(tmp_path: Path, data_dir: Path) -> None:
    from jcct_desktop.store.annotations import AnnotationService

    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="2011-II-1", text='王岐山 <b>&amp; "quotes"\nline two')
    service.set_tags(commitment_id="2011-II-1", tags=["procurement", "provinces"])
    service.record_assessment(
        commitment_id="2011-II-1", status="fulfilled", evidence="State Council notice, Dec 2011"
    )
    service.close()
    out = tmp_path / "data.json"
    assert main(["--data-dir", str(data_dir), "export", "json", "-o", str(out)]) == 0
    record = {c["id"]: c for c in json.loads(out.read_text(encoding="utf-8"))["commitments"]}
    ii = record["2011-II-1"]
    assert ii["status"] == "fulfilled"
    assert [n["text"] for n in ii["notes"]] == ['王岐山 <b>&amp; "quotes"\nline two']
    assert sorted(ii["tags"]) == ["procurement", "provinces"]
    assert record["2011-NEV-1"]["status"] == "not_assessed"


def test_export_never_creates_a_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "never-made"
    assert main(["--data-dir", str(folder), "export", "json", "-o", str(tmp_path / "x.json")]) == 0
    assert not folder.exists()


def test_unusable_data_folder_is_a_clear_error(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    (tmp_path / "x").mkdir()
    code = main(["--data-dir", str(blocker), "notes", "export", str(tmp_path / "x" / "n.json")])
    assert code in (1, 2)
    assert "Traceback" not in capsys.readouterr().err


def test_csv_never_hands_a_spreadsheet_a_formula(tmp_path: Path, data_dir: Path) -> None:
    from jcct_desktop.store.annotations import AnnotationService

    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id="2011-NEV-1", text='=HYPERLINK("http://x","click")')
    service.set_tags(commitment_id="2011-NEV-1", tags=["+cmd", "ok"])
    service.close()
    out = tmp_path / "data.csv"
    assert main(["--data-dir", str(data_dir), "export", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    nev = next(r for r in rows if r["id"] == "2011-NEV-1")
    assert nev["notes"] == "'" + '=HYPERLINK("http://x","click")'
    assert nev["tags"].startswith("'+cmd") or nev["tags"] == "ok; +cmd"
