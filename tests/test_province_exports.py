"""Issue 26: `export json` carries per-province assessments and progress; `export csv
--jurisdictions` gives one row per commitment × jurisdiction."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from jcct_desktop.cli import main
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.reference.reader import open_reference

CID = "2011-SOFT-2"
PROVINCIAL = "Provincial software legalization completed (all 31 provincial entities)"
COUNTED = [j.code for j in open_reference().catalog.jurisdictions if j.counted]


def _assess(data_dir: Path) -> None:
    service = AnnotationService.open(data_dir)
    try:
        for codes, status in ((COUNTED[:24], "fulfilled"), (COUNTED[24:29], "not_fulfilled")):
            service.record_for_jurisdictions(
                commitment_id=CID, jurisdictions=codes, status=status, evidence="BSA tracker",
                effective=date(2012, 7, 1), milestone=PROVINCIAL, source="=HYPERLINK(1)")
    finally:
        service.close()


def test_json_carries_each_province_and_the_progress(tmp_path: Path, data_dir: Path) -> None:
    _assess(data_dir)
    out = tmp_path / "data.json"
    assert main(["export", "json", "--as-of", "2012-08-01", "-o", str(out)]) == 0
    by_id = {c["id"]: c for c in json.loads(out.read_text("utf-8"))["commitments"]}
    provincial, municipal = by_id[CID]["milestones"]
    assert (provincial["jurisdictional"], municipal["jurisdictional"]) == (True, False)
    assert municipal["progress"] is None
    progress = provincial["progress"]
    assert progress["words"] == "24 of 31 met · 5 not met · 2 not assessed"
    assert (len(progress["met"]), progress["not_met"], progress["not_assessed"]) == (
        24, COUNTED[24:29], COUNTED[29:])
    assert provincial["standing"]["value"] == "partly_met"
    places = [a["jurisdiction"] for a in by_id[CID]["assessments"]]
    assert sorted(places) == sorted(COUNTED[:29])
    assert by_id["2011-II-1"]["milestones"][0]["progress"]["words"] == (
        "0 of 31 met · 31 not assessed")


def test_csv_one_row_per_commitment_and_jurisdiction(tmp_path: Path, data_dir: Path) -> None:
    _assess(data_dir)
    out = tmp_path / "p.csv"
    assert main(["export", "csv", "--jurisdictions", "--as-of", "2012-08-01",
                 "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2 * 31  # II-1 and SOFT-2's provincial milestone, 31 provinces each
    assert {r["id"] for r in rows} == {"2011-II-1", CID}
    soft = {r["jurisdiction"]: r for r in rows if r["id"] == CID}
    first, last = soft[COUNTED[0]], soft[COUNTED[-1]]
    assert (first["our_status"], first["our_effective"], first["our_source"]) == (
        "fulfilled", "2012-07-01", "'=HYPERLINK(1)")  # never run as a formula
    assert (last["our_status"], last["our_evidence"]) == ("not_assessed", "")
    gd = soft["CN-GD"]
    assert (gd["jurisdiction_name"], gd["jurisdiction_chinese"]) == ("Guangdong", "广东")
    assert first["milestone_standing"] == "partly_met"
    assert first["milestone_progress"] == "24 of 31 met · 5 not met · 2 not assessed"


def test_jurisdictions_and_milestones_together_say_so(capsys, data_dir: Path) -> None:
    assert main(["export", "csv", "--jurisdictions", "--milestones"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "choose one" in err


def test_the_packet_draws_the_map_and_lists_the_laggards(tmp_path: Path, data_dir: Path) -> None:
    from pypdf import PdfReader

    _assess(data_dir)
    out = tmp_path / "packet.pdf"
    assert main(["export", "pdf", "-o", str(out), "--as-of", "2012-08-01",
                 "--query", "software legalization"]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    flat = " ".join(text.split())
    assert "PROVINCES NOT MET" in flat
    names = {j.code: j.name for j in open_reference().catalog.jurisdictions}
    assert f"Not (fully) met (5): {', '.join(names[c] for c in COUNTED[24:29])}" in flat
    assert f"Not assessed (2): {', '.join(names[c] for c in COUNTED[29:])}" in flat
    assert "24 of 31 met · 5 not met · 2 not assessed" in flat
    # the map is vector: its tiles are drawn, each code a string on the page
    assert all(code[3:] in text for code in COUNTED)


def test_the_memo_holds_the_map_as_a_picture_with_alt_text(tmp_path: Path,
                                                          data_dir: Path) -> None:

    from docx import Document
    from PIL import Image

    _assess(data_dir)
    out = tmp_path / "memo.docx"
    assert main(["export", "docx", "-o", str(out), "--as-of", "2012-08-01",
                 "--query", "software legalization"]) == 0
    doc = Document(str(out))
    (shape,) = [s for s in doc.inline_shapes if s._inline.docPr.get("title") == "Province map"]
    alt = shape._inline.docPr.get("descr")
    assert alt.startswith(f"Map of China's provinces for {PROVINCIAL}. met (24): ")
    names = {j.code: j.name for j in open_reference().catalog.jurisdictions}
    assert f"not assessed (2): {', '.join(names[c] for c in COUNTED[29:])}" in alt
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(io.BytesIO(doc.part.related_parts[blip].blob))
    assert image.size[0] > 300  # the grid, not an empty picture
    colours = {image.getpixel((x, y)) for x in range(0, image.size[0], 8)
               for y in range(0, image.size[1], 8)}
    assert (0, 0x70, 0x4E) in colours  # the standing palette's "met" green fills tiles
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Fulfilled (" + PROVINCIAL + ") [CN-GD]" in text  # each record names its province
