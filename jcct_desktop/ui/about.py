"""The About box: version, where the data came from, and where the user's notes live."""

from __future__ import annotations

import html

from jcct_desktop import __version__
from jcct_desktop.core.catalog import Catalog


def about_html(catalog: Catalog, data_location: str = "unavailable") -> str:
    e = html.escape
    sources = "".join(
        f"<li>{e(m.fact_sheet_title)}, {e(m.fact_sheet_date.isoformat())} ({e(m.place)})</li>"
        for m in catalog.meetings
    )
    return (
        f"<h3>JCCT Desktop {e(__version__)}</h3>"
        "<p>An offline briefing tool for the commitments made at the U.S.-China Joint "
        "Commission on Commerce and Trade.</p>"
        f"<p><b>Data source</b><ul>{sources}</ul></p>"
        "<p>Quotations are verbatim from the fact sheet. Titles, inferred sector names and "
        "normalized deadline windows are ours and marked as such.</p>"
        # the one place a user can find their notes' folder without opening a menu
        f"<p><b>Your notes</b> (kept only on this computer, with automatic backups):<br>"
        f"{e(data_location)}</p>"
        f"<p>Version {e(__version__)}. "
        "Chinese text uses WenQuanYi Micro Hei (Apache License 2.0).</p>"
        # LGPL-3.0 section 4: a prominent notice that Qt is used and under which licence
        "<p>Built on Qt and PySide6 (Qt for Python), used under the GNU LGPL version 3 (you may "
        "replace them with your own build), and other open-source software and fonts under "
        f"their own licences: {e(_notices_location())}</p>"
    )


def _notices_location() -> str:
    from jcct_desktop.core.resources import notices

    try:
        return str(notices())
    except FileNotFoundError:  # no bundled data at all: the window would not have opened
        return "THIRD-PARTY-NOTICES.txt"
