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
    )
