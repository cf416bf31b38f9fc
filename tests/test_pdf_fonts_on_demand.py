"""The fallback fonts (DejaVu Sans, WenQuanYi) are parsed only when a character needs them:
a packet in Latin text alone neither registers nor embeds them; Chinese brings WenQuanYi in."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import io, json, sys
from datetime import date
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from jcct_desktop.core.briefing import AnnotationView, BriefingOptions, PlainAnnotations
from jcct_desktop.core.briefing import NOT_ASSESSED, Scope, build_briefing
from jcct_desktop.core.briefing.model import NoteView
from jcct_desktop.pdf import packet_bytes
from jcct_desktop.store.reference.reader import open_reference
from dataclasses import replace
from datetime import datetime

catalog = open_reference().catalog
note = sys.argv[1]
ann = PlainAnnotations({"2011-NEV-1": replace(
    NOT_ASSESSED, notes=(NoteView(note, datetime(2012, 1, 5, 9, 0)),))})
options = BriefingOptions(scope=Scope.SECTORS, sectors=("NEV",), as_of=date(2012, 3, 1),
                          deterministic=True)
data, _ = packet_bytes(build_briefing(catalog, options, ann))
embedded = sorted({str(f.get_object()["/BaseFont"]).split("+")[-1]
                   for p in PdfReader(io.BytesIO(data)).pages
                   for f in p["/Resources"]["/Font"].values()})
registered = sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("JCCT"))
print(json.dumps({"embedded": embedded, "registered": registered}))
"""


def fonts_for(note: str) -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", SCRIPT, note], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_latin_text_needs_no_fallback_font():
    fonts = fonts_for("Met MOFCOM on 5 January; follow up in March.")
    assert "JCCT-CJK" not in fonts["registered"] and "JCCT-Sans" not in fonts["registered"]
    assert not any("WenQuanYi" in n for n in fonts["embedded"])
    assert "DejaVuSerif" in fonts["embedded"]


def test_chinese_text_brings_in_wenquanyi():
    fonts = fonts_for("会见了王岐山")
    assert "JCCT-CJK" in fonts["registered"]
    assert any("WenQuanYi" in n for n in fonts["embedded"])
