"""``export json`` and ``export csv`` written record by record
(``core.data_export_streamed``): the same text as the whole-document functions
(``data_export.to_json`` / ``to_csv``, kept as the oracle), on the 2011 data with notes as of
any day, on a generated archive, and through the command line into a file and to stdout."""

from __future__ import annotations

import dataclasses
import functools
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jcct_desktop import cli
from jcct_desktop.cli.notes import annotation_fields_for_export
from jcct_desktop.core import data_export, data_export_streamed
from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.data_export import AnnotationLookup
from jcct_desktop.core.data_export_streamed import csv_chunks, json_chunks, write_text
from jcct_desktop.store.annotations import AnnotationService
from tests.notes_support import SOFT, record_history
from tests.search_support import generated_archive

TODAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def lookup(tmp_path_factory: pytest.TempPathFactory) -> AnnotationLookup:
    """Notes written on several days: later assessments, notes, tags, a follow-up, and a note
    with text JSON and CSV must quote."""
    service = AnnotationService.open(tmp_path_factory.mktemp("streamed") / "notes")
    record_history(service, '=1+1, "quoted"\n王岐山 😀 \\ \u2028 end', ["software", "-minus"])
    return functools.cache(lambda cid: annotation_fields_for_export(service, cid))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(as_of=st.dates(min_value=date(2011, 1, 1), max_value=date(2031, 1, 1)),
       milestones=st.booleans())
def test_the_2011_data_with_notes_as_of_any_day(catalog: Catalog, lookup: AnnotationLookup,
                                                as_of: date, milestones: bool) -> None:
    assert "".join(json_chunks(catalog, lookup, as_of, TODAY)) == data_export.to_json(
        catalog, lookup, as_of, TODAY)
    assert "".join(csv_chunks(catalog, lookup, as_of, TODAY, milestones)) == (
        data_export.to_csv(catalog, lookup, as_of, TODAY, milestones))


@pytest.mark.parametrize("batch", [1, 2, 3, 7, 1000])  # the 2011 sheet holds a multiple of 1
def test_every_batch_size(catalog: Catalog, lookup: AnnotationLookup, batch: int,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_export_streamed, "BATCH", batch)
    as_of = date(2012, 1, 15)
    assert "".join(json_chunks(catalog, lookup, as_of, TODAY)) == data_export.to_json(
        catalog, lookup, as_of, TODAY)
    assert "".join(csv_chunks(catalog, lookup, as_of, TODAY)) == data_export.to_csv(
        catalog, lookup, as_of, TODAY)


def test_a_generated_archive(tmp_path_factory: pytest.TempPathFactory) -> None:
    archive = generated_archive(tmp_path_factory, "streamed-archive").catalog
    assert len(archive.commitments) % data_export_streamed.BATCH == 0  # the last batch full
    as_of = date(2005, 6, 1)
    out = io.BytesIO()
    write_text(json_chunks(archive, as_of=as_of, today=TODAY), out)
    assert out.getvalue() == data_export.to_json(archive, as_of=as_of,
                                                 today=TODAY).encode("utf-8")
    for milestones in (False, True):
        assert "".join(csv_chunks(archive, as_of=as_of, today=TODAY,
                                  milestones=milestones)) == data_export.to_csv(
            archive, as_of=as_of, today=TODAY, milestones=milestones)


def test_an_empty_catalog_writes_an_empty_list(catalog: Catalog) -> None:
    empty = dataclasses.replace(catalog, commitments=())
    as_of = date(2012, 1, 1)
    assert "".join(json_chunks(empty, as_of=as_of, today=TODAY)) == data_export.to_json(
        empty, as_of=as_of, today=TODAY)
    assert "".join(csv_chunks(empty, as_of=as_of, today=TODAY)) == data_export.to_csv(
        empty, as_of=as_of, today=TODAY)


@pytest.mark.parametrize("fmt,extra", [("json", []), ("csv", []), ("csv", ["--milestones"])])
def test_the_command_writes_what_the_oracle_makes(
        fmt: str, extra: list[str], data_dir: Path, tmp_path: Path, catalog: Catalog,
        capsys: pytest.CaptureFixture[str]) -> None:
    service = AnnotationService.open(data_dir)
    service.add_note(commitment_id=SOFT, text="@ a note, \"with\" quotes")
    service.record_assessment(commitment_id=SOFT, status="fulfilled", evidence="later",
                              effective=date(2013, 3, 1))
    read = functools.partial(annotation_fields_for_export, service)
    as_of = date(2012, 6, 1)
    make = data_export.to_json if fmt == "json" else functools.partial(
        data_export.to_csv, milestones=bool(extra))
    out = tmp_path / f"out.{fmt}"
    args = ["--data-dir", str(data_dir), "export", fmt, "--as-of", "2012-06-01", *extra]
    assert cli.main([*args, "-o", str(out)]) == 0
    expected = make(catalog, read, as_of, date.today())
    service.close()
    assert out.read_bytes() == expected.encode("utf-8")
    assert out.stat().st_mode & 0o777 == 0o600
    err = capsys.readouterr().err
    assert "left out 1 note written later; 1 assessment effective later" in err
    assert f"wrote {out}" in err
    assert cli.main(args) == 0  # standard output: the same text, without the byte-order mark
    assert capsys.readouterr().out == expected.lstrip("\ufeff")
