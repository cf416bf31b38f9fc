"""The window's answers the packet dialog asks for, with the whole catalog shown: shared by
the packet dialog's tests and ``bench/bench_packet_click.py``."""

from __future__ import annotations

from datetime import date

from jcct_desktop.core.catalog import Catalog
from jcct_desktop.core.filtering import Filter


class WholeCatalogShown:
    """As of 1 March 2012, no filter, every commitment of ``self.catalog`` shown, none
    selected."""

    catalog: Catalog

    def as_of(self) -> date:
        return date(2012, 3, 1)

    def current_filter(self) -> Filter:
        return Filter()

    def visible_commitment_ids(self) -> list[str]:
        return [c.id for c in self.catalog.commitments]

    def selected_commitment_id(self) -> str | None:
        return None
