"""A packet's layout sets the objects already alive aside (``pdf.render``); whether some were
frozen before is counted once a process, not before every layout: counting walks every frozen
object (the window's catalog and itself) while holding the interpreter lock, and the window
waited for it at the start of each packet."""

from __future__ import annotations

import gc
import io
from datetime import date

import pytest

from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
from jcct_desktop.pdf import render
from jcct_desktop.pdf.render import write_packet


@pytest.fixture(scope="module")
def briefing(catalog):
    options = BriefingOptions(scope=Scope.SECTORS, sectors=("INNOV",), as_of=date(2012, 3, 1),
                              deterministic=True, include_timeline=False)
    return build_briefing(catalog, options)


def test_the_frozen_objects_are_counted_once_a_process(briefing, monkeypatch):
    gc.collect()
    gc.freeze()  # as the window freezes itself once built (left so, as the app leaves it)
    counted: list[int] = []
    count = gc.get_freeze_count
    monkeypatch.setattr(gc, "get_freeze_count", lambda: counted.append(1) or count())
    monkeypatch.setattr(render, "_frozen_seen", [False])  # as in a fresh process
    pages = [write_packet(briefing, io.BytesIO()) for _ in range(3)]
    assert len(counted) == 1
    assert len(set(pages)) == 1 and pages[0] > 1
    assert count() > 0  # what was frozen before stays frozen


def test_a_process_with_nothing_frozen_counts_each_time_and_hands_everything_back(
        briefing, monkeypatch):
    counted: list[int] = []
    monkeypatch.setattr(gc, "get_freeze_count", lambda: counted.append(1) or 0)
    monkeypatch.setattr(render, "_frozen_seen", [False])
    unfrozen: list[int] = []
    monkeypatch.setattr(gc, "unfreeze", lambda: unfrozen.append(1))  # the suite's stay frozen
    for _ in range(2):
        write_packet(briefing, io.BytesIO())
    assert counted == [1, 1] and unfrozen == [1, 1]
