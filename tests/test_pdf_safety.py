"""Writes are whole or nothing; empty scopes never produce a file; hostile text never raises."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from jcct_desktop.core.briefing import BriefingOptions, EmptyScopeError, Scope, build_briefing
from jcct_desktop.core.files import OutputError
from jcct_desktop.core.own_files import OwnFiles
from jcct_desktop.pdf import render_packet
from jcct_desktop.pdf.styles import stylesheet
from jcct_desktop.pdf.text import markup
from jcct_desktop.store.reference.reader import open_reference
from tests.fs_support import read_only


@pytest.fixture(scope="module")
def small():
    ref = open_reference()
    sector = ref.catalog.commitments[0].sector
    return build_briefing(ref.catalog, BriefingOptions(
        scope=Scope.SECTORS, sectors=(sector,), as_of=date(2012, 3, 1), include_timeline=False))


def test_empty_scope_leaves_no_file(tmp_path):
    ref = open_reference()
    with pytest.raises(EmptyScopeError):
        b = build_briefing(ref.catalog, BriefingOptions(scope=Scope.STARRED))
        render_packet(b, tmp_path / "x.pdf", own_files=OwnFiles(None))
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_a_clear_error_and_leaves_the_old_file(small, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "old.pdf").write_bytes(b"old")
    # a read-only mount as root (who ignores file modes), write bits off otherwise
    with read_only(folder) as view, pytest.raises(OutputError, match="Cannot write"):
        render_packet(small, view / "old.pdf", own_files=OwnFiles(None))
    assert (folder / "old.pdf").read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["old.pdf"]


def test_missing_folder_and_failed_write_leave_nothing(small, tmp_path, monkeypatch):
    with pytest.raises(OutputError, match="does not exist"):
        render_packet(small, tmp_path / "nope" / "x.pdf", own_files=OwnFiles(None))
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"old")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)  # the failure happens after bytes were written
    with pytest.raises(OutputError, match="No space left"):
        render_packet(small, target, own_files=OwnFiles(None))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_any_text_makes_valid_markup(text):
    sheet = stylesheet()
    p = Paragraph(markup(text, sheet.font("body")), sheet["body"])
    p.wrap(300, 1000)  # parses and lays out without raising


def test_unwritable_place_even_for_root(small, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    with pytest.raises(OutputError, match="Cannot write"):
        # a file where a folder should be
        render_packet(small, blocker / "x.pdf", own_files=OwnFiles(None))
    with pytest.raises(OutputError, match="Cannot write"):
        # refused to root too
        render_packet(small, "/proc/jcct-briefing-test.pdf", own_files=OwnFiles(None))
