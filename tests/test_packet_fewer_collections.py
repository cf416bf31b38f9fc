"""While a packet is laid out the youngest generation is collected every 20,000 new objects,
not every 700 (``pdf.fewer_collections``): far fewer collections; the thresholds as they were
once the last of several packets laid out at once (on several threads) is done, or when one
stops with an error; a higher threshold set by someone else left as it is."""

from __future__ import annotations

import gc
import io
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from jcct_desktop.core.briefing import Briefing, BriefingOptions, build_briefing
from jcct_desktop.pdf import fewer_collections
from jcct_desktop.pdf.render import write_packet
from tests.packet_support import every_twelfth

SOME = (700, 7, 9)  # CPython's young threshold, other older ones


@pytest.fixture(scope="module")
def briefing(reference) -> Briefing:
    return build_briefing(reference.catalog, BriefingOptions(
        as_of=date(2012, 3, 1), deterministic=True, include_history=True))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Briefing:
    return every_twelfth(tmp_path_factory)


@pytest.fixture
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*SOME)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _young_collections(b: Briefing) -> tuple[int, list[tuple[int, int, int]]]:
    count = [0]
    seen: list[tuple[int, int, int]] = []

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 0:
            count[0] += 1

    gc.callbacks.append(counted)
    try:
        write_packet(b, io.BytesIO(), step=lambda done, total: seen.append(gc.get_threshold()))
    finally:
        gc.callbacks.remove(counted)
    return count[0], seen


def test_fewer_young_collections_while_laid_out(archive, thresholds, monkeypatch):
    write_packet(archive, io.BytesIO())  # fonts loaded, texts parsed: both runs alike
    fewer, seen = _young_collections(archive)
    assert gc.get_threshold() == SOME
    assert seen[-1] == (fewer_collections.YOUNG_THRESHOLD, 7, 9)
    monkeypatch.setattr(fewer_collections, "YOUNG_THRESHOLD", 0)  # the thresholds as they are
    usual, seen = _young_collections(archive)
    assert seen[-1] == SOME
    assert fewer * 5 < usual


def test_as_they_were_after_packets_on_several_threads(briefing, thresholds):
    started = threading.Barrier(3)
    errors: list[BaseException] = []

    def build() -> None:
        try:
            started.wait()
            write_packet(briefing, io.BytesIO())
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=build) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not errors
    assert gc.get_threshold() == SOME


def test_as_they_were_after_a_packet_stopped(briefing, thresholds):
    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        if done > 3:  # some commitments laid out
            assert gc.get_threshold()[0] == fewer_collections.YOUNG_THRESHOLD
            raise Stop

    with pytest.raises(Stop):
        write_packet(briefing, io.BytesIO(), step=stop)
    assert gc.get_threshold() == SOME


def test_a_higher_threshold_is_left_as_it_is(briefing):
    before = gc.get_threshold()
    gc.set_threshold(50_000, 10, 10)
    try:
        _, seen = _young_collections(briefing)
        assert set(seen) == {(50_000, 10, 10)}
        assert gc.get_threshold() == (50_000, 10, 10)
    finally:
        gc.set_threshold(*before)
