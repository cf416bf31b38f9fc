"""Make db/source/jcct-2011-fact-sheet.html: the 2011 fact sheet as the saved web page it was.

    python scripts/make_factsheet_html.py [-o db/source/jcct-2011-fact-sheet.html]

The page is built from the text we hold, marked up the way the archived commerce.gov page was:
headings in bold paragraphs, outcomes as list items, industry facts in italics (which lines are
facts comes from the reviewed db/jcct-2011.toml), blank paragraphs between sections, and a head
with a script and styles the importer must skip. Tests import it and compare with the reviewed
data (tests/test_factsheet_import.py) and check this file is up to date.
"""

from __future__ import annotations

import argparse
import html
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEXT = REPO / "db" / "source" / "jcct-2011-fact-sheet.txt"
DATA = REPO / "db" / "jcct-2011.toml"
OUTPUT = REPO / "db" / "source" / "jcct-2011-fact-sheet.html"
HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>22nd U.S.-China JCCT Fact Sheet | U.S. Department of Commerce</title>
<style>p.banner { color: #900; } li { margin-bottom: 0.5em; }</style>
<script>window.dataLayer = window.dataLayer || []; /* <p>not text</p> */</script>
</head>
<body>
"""


def fold(text: str) -> str:
    return " ".join(text.split())


def page() -> str:
    data = tomllib.loads(DATA.read_text("utf-8"))
    facts = [fold(f["text"]) for f in data["facts"]]
    headings = {fold(s["name"]) for s in data["sectors"] if not s.get("heading_inferred")}
    out, in_list = [HEAD], False
    for raw in TEXT.read_text("utf-8").splitlines():
        line = fold(raw)
        bullet = line.startswith("•")
        if in_list and not bullet:
            out.append("</ul>\n")
            in_list = False
        if not line:
            out.append("<p>&nbsp;</p>\n")
            continue
        if bullet:
            if not in_list:
                out.append("<ul>\n")
                in_list = True
            out.append(f"<li>{html.escape(line.lstrip('• '), quote=False)}</li>\n")
        elif line.startswith("This site contains"):
            out.append(f'<p class="banner">{html.escape(line, quote=False)}</p>\n')
        elif line.endswith("Fact Sheet"):
            out.append(f"<h1>{html.escape(line, quote=False)}</h1>\n")
        elif line in headings:
            out.append(f"<p><strong>{html.escape(line, quote=False)}</strong></p>\n")
        elif any(f in line for f in facts):
            out.append(f"<p><em>{html.escape(line, quote=False)}</em></p>\n")
        else:
            out.append(f"<p>{html.escape(line, quote=False)}</p>\n")
    if in_list:
        out.append("</ul>\n")
    out.append("</body>\n</html>\n")
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    args.output.write_text(page(), "utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
