"""Issue 26: China's provincial-level divisions as reviewed reference data."""

from pathlib import Path

import pytest

from jcct_desktop.store.reference.build import SourceError, build
from jcct_desktop.store.reference.reader import open_reference

REPO = Path(__file__).resolve().parents[1]


def test_the_31_mainland_divisions_are_counted_and_the_others_flagged() -> None:
    places = open_reference().catalog.jurisdictions
    counted = [j for j in places if j.counted]
    assert len(counted) == 31
    assert {j.code for j in places if not j.counted} == {"CN-HK", "CN-MO", "CN-TW"}
    by_code = {j.code: j for j in places}
    assert (by_code["CN-GD"].name, by_code["CN-GD"].chinese) == ("Guangdong", "广东")
    assert by_code["CN-NM"].kind == "autonomous region"
    assert sum(j.kind == "municipality" for j in counted) == 4
    assert sum(j.kind == "autonomous region" for j in counted) == 5
    assert len({(j.row, j.col) for j in places}) == len(places)  # one tile per cell


def test_jurisdictional_milestones_are_marked_in_the_reviewed_data() -> None:
    catalog = open_reference().catalog
    marked = {(c.id, m.label) for c in catalog.commitments for m in c.milestones
              if m.jurisdictions}
    assert marked == {
        ("2011-II-1", "Provincial and municipal catalogues eliminated"),
        ("2011-SOFT-2", "Provincial software legalization completed (all 31 provincial entities)"),
    }
    soft = catalog.commitment("2011-SOFT-2")
    assert len(soft.milestones[0].jurisdictions) == 31
    assert soft.milestones[1].jurisdictions == ()  # municipal and county: not per province


def test_a_bad_code_in_the_list_is_refused_with_one_line(tmp_path: Path) -> None:
    text = (REPO / "db" / "jurisdictions.toml").read_text("utf-8").replace(
        'code = "CN-GD"', 'code = "Guangdong"')
    bad = tmp_path / "j.toml"
    bad.write_text(text, "utf-8")
    with pytest.raises(SourceError, match="not a jurisdiction code"):
        build([REPO / "db" / "jcct-2011.toml"], tmp_path / "x.sqlite", jurisdictions=bad)
    assert not (tmp_path / "x.sqlite").exists()


def test_two_tiles_in_one_cell_are_refused(tmp_path: Path) -> None:
    text = (REPO / "db" / "jurisdictions.toml").read_text("utf-8")
    bad = tmp_path / "j.toml"
    bad.write_text(text.replace("row = 6\ncol = 4", "row = 6\ncol = 5", 1), "utf-8")
    with pytest.raises(SourceError, match="tile-grid cell"):
        build([REPO / "db" / "jcct-2011.toml"], tmp_path / "x.sqlite", jurisdictions=bad)
