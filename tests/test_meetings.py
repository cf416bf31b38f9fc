"""Issue 14: meetings by dialogue and number, fact sheets as records, links and issue areas."""

from __future__ import annotations

import copy
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from jcct_desktop.core.annotations import Assessment
from jcct_desktop.core.model import Dialogue, Relation
from jcct_desktop.store.annotations import AnnotationService
from jcct_desktop.store.notes.database import DB_NAME
from jcct_desktop.store.reference.build import (
    DEFAULT_AREAS,
    SourceError,
    merged_agencies,
    write_database,
)
from jcct_desktop.store.reference.reader import open_reference

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "db" / "jcct-2011.toml"
V2 = Path(__file__).parent / "data" / "annotations-v2.sqlite"


def _doc() -> dict[str, Any]:
    with SOURCE.open("rb") as fh:
        return tomllib.load(fh)


def _areas() -> dict[str, Any]:
    with DEFAULT_AREAS.open("rb") as fh:
        return tomllib.load(fh)


def sed_iii() -> dict[str, Any]:
    """S&ED III (May 2011): the meeting whose year-id collided with the 22nd JCCT."""
    doc = _doc()
    base = doc["commitments"][9]  # 2011-SOFT-2's text stands in for a real S&ED outcome
    return {
        "meeting": dict(doc["meeting"], id="sed-3", dialogue="sed", number=3,
                        name="Third U.S.-China Strategic and Economic Dialogue",
                        start=doc["meeting"]["start"].replace(month=5, day=9),
                        end=doc["meeting"]["end"].replace(month=5, day=10)),
        "fact_sheets": [{"id": "sed-3-joint", "kind": "joint", "title": "S&ED III outcomes",
                         "date": doc["meeting"]["end"].replace(month=5, day=10),
                         "source": "https://example.invalid/sed3"}],
        "sectors": [{"code": "IPR", "name": "Intellectual property"}],
        "commitments": [dict(base, id="sed-3-IPR-1", sector="IPR", milestones=[],
                             areas=["Intellectual property rights"])],
        "links": [{"source": "2011-SOFT-2", "target": "sed-3-IPR-1", "relation": "extends"}],
    }  # fmt: skip


def test_bundled_meeting_has_its_lasting_id(catalog) -> None:
    meeting = catalog.meeting("jcct-22")
    assert meeting.dialogue is Dialogue.JCCT and meeting.label == "22nd JCCT (2011)"
    sheets = catalog.fact_sheets_of("jcct-22")
    assert [(s.id, s.kind, s.date.isoformat()) for s in sheets] == [
        ("jcct-22-us", "us", "2011-11-21")
    ]
    assert (REPO / sheets[0].source).is_file()
    assert {c.fact_sheet for c in catalog.commitments} == {"jcct-22-us"}


def test_2011_commitment_ids_are_unchanged(catalog) -> None:
    ids = [c.id for c in catalog.commitments]
    assert ids[0] == "2011-NEV-1" and "2011-SOFT-2" in ids and ids[-1] == "2011-AGRI-1"
    assert all(i.startswith("2011-") for i in ids)


def test_existing_notes_still_attach(catalog, tmp_path: Path) -> None:
    """A notes database written before issue 14 (v2 fixture) keys on ids the catalog still has."""
    shutil.copy(V2, tmp_path / DB_NAME)
    service = AnnotationService.open(tmp_path)
    try:
        annotated = [a.commitment_id for a in service.all() if a.commitment_id in catalog]
        assert "2011-NEV-1" in annotated
        # its assessment comes back on the same commitment, under the same id
        assert service.get("2011-NEV-1").status is Assessment.FULFILLED
    finally:
        service.close()


def test_every_bundled_commitment_has_known_issue_areas(catalog) -> None:
    assert "Trade remedies" in catalog.issue_areas
    assert "Other (export controls)" in catalog.issue_areas
    for c in catalog.commitments:
        assert 1 <= len(c.areas) <= 3, c.id
        assert set(c.areas) <= set(catalog.issue_areas), c.id


def test_two_meetings_of_one_year_build_side_by_side(tmp_path: Path) -> None:
    docs = [_doc(), sed_iii()]
    out = tmp_path / "two.sqlite"
    write_database(out, docs, merged_agencies(docs), _areas())
    cat = open_reference(out).catalog
    assert [m.id for m in cat.meetings] == ["sed-3", "jcct-22"]  # date order
    assert [m.label for m in cat.meetings] == ["S&ED III (2011)", "22nd JCCT (2011)"]
    assert cat.get("sed-3-IPR-1").areas == ("Intellectual property rights",)
    [link] = cat.links_from("2011-SOFT-2")
    assert (link.target, link.relation) == ("sed-3-IPR-1", Relation.EXTENDS)
    assert [lk.source for lk in cat.links_to("sed-3-IPR-1")] == ["2011-SOFT-2"]
    assert Relation.EXTENDS.inverse_label == "extended by"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["meeting"].update(number=22, dialogue="jcct"), "JCCT 22' appears twice"),
        (lambda d: d["meeting"].update(id="jcct-22"), "meeting id 'jcct-22' appears twice"),
        (lambda d: d["commitments"][0].update(id="2011-NEV-1"), "'2011-NEV-1' appears twice"),
        (lambda d: d["commitments"][0].update(areas=["Fishing"]), "unknown issue area 'Fishing'"),
        (lambda d: d["links"][0].update(relation="likes"), "unknown relation 'likes'"),
        (lambda d: d["fact_sheets"][0].update(kind="china"), "kind must be 'us' or 'joint'"),
        (lambda d: d["meeting"].update(dialogue="g20"), "unknown dialogue 'g20'"),
    ],
)
def test_colliding_or_unknown_entries_are_named(tmp_path: Path, edit, message: str) -> None:
    second = sed_iii()
    edit(second)
    with pytest.raises(SourceError, match=message.replace("(", r"\(")):
        write_database(tmp_path / "x.sqlite", [_doc(), second], [], _areas())
    assert not (tmp_path / "x.sqlite").exists()


def test_an_agency_defined_two_ways_is_refused() -> None:
    first, second = _doc(), copy.deepcopy(_doc())
    second["agencies"][1]["name"] = "China Food and Drug Administration"
    with pytest.raises(SourceError, match="'SFDA' is defined twice"):
        merged_agencies([first, second])
    second["agencies"][1]["code"] = "CFDA"  # the rename as a new code keeps both names
    codes = [a["code"] for a in merged_agencies([first, second])]
    assert "SFDA" in codes and "CFDA" in codes


def test_catalogs_merge_in_date_order(catalog, tmp_path: Path) -> None:
    out = tmp_path / "user.sqlite"
    doc = sed_iii()
    write_database(out, [doc], [], _areas())
    both = catalog.merged(open_reference(out).catalog)
    assert [m.id for m in both.meetings] == ["sed-3", "jcct-22"]
    assert both.meetings[-1].id == "jcct-22"
    assert [c.id for c in both.commitments if c.meeting == "sed-3"] == ["sed-3-IPR-1"]
    assert len(both.commitments) == len(catalog.commitments) + 1


def test_meeting_and_issue_area_filters(catalog, tmp_path: Path) -> None:
    from datetime import date

    from jcct_desktop.core.filtering import Filter, FilterContext, matching_ids

    out = tmp_path / "user.sqlite"
    write_database(out, [sed_iii()], [], _areas())
    imported = open_reference(out)
    both = catalog.merged(imported.catalog)
    ctx = FilterContext(both, imported.search)
    as_of = date(2012, 1, 1)
    assert matching_ids(Filter(meetings=frozenset({"sed-3"})), ctx, as_of) == {"sed-3-IPR-1"}
    area = matching_ids(Filter(areas=frozenset({"Trade remedies", "Health care products"})),
                        ctx, as_of)  # fmt: skip
    assert area == {c.id for c in catalog.commitments if "Health care products" in c.areas}
    assert len(area) == 7
    flt = Filter(meetings=frozenset({"jcct-22"}), areas=frozenset({"Intellectual property rights"}))
    ipr = matching_ids(flt, ctx, as_of)
    assert "2011-SOFT-2" in ipr and "sed-3-IPR-1" not in ipr


def test_the_next_meeting_is_found_by_dialogue_and_number(catalog, tmp_path: Path) -> None:
    from datetime import date

    from jcct_desktop.core.deadlines import parse_window
    from jcct_desktop.factsheet_import.drafts import next_meeting_date

    out = tmp_path / "user.sqlite"
    write_database(out, [sed_iii()], [], _areas())
    both = catalog.merged(open_reference(out).catalog)
    nxt = next_meeting_date(both, Dialogue.SED, 2)
    assert nxt == date(2011, 5, 9)
    assert next_meeting_date(both, Dialogue.JCCT, 2) is None  # the 3rd JCCT is not held here
    window = parse_window("by the next S&ED", date(2010, 5, 25), nxt)
    assert (window.earliest, window.latest) == (date(2010, 5, 25), date(2011, 5, 9))
