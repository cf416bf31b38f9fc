"""Packets built one after another in the window keep no document for good (issue 25).

The window freezes what lives long out of the collector's passes (``ui.app``; a packet's
assembly pause, ``ui.long_work``; the layout, ``pdf.render``). A frozen object is never
cycle-collected: a packet's document (a cycle, with everything it reaches: ~90,000 objects a
packet at 10,000 commitments) frozen while alive stayed after it died, and memory grew by
~50 MB a packet (``bench/bench_session_memory.py``). Here packets are built as the dialog
builds them, in a process of their own as the app's (the suite's process holds what earlier
tests left), then everything frozen is handed back: their documents are not among the
garbage (before: every packet's was).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKETS = 6

BUILD = f"""
import gc, io, json
from datetime import date
from reportlab.pdfbase.pdfdoc import PDFDocument
from jcct_desktop.core.briefing import BriefingOptions, Scope, build_briefing
from jcct_desktop.pdf.render import write_packet
from jcct_desktop.store.reference.reader import open_reference
from jcct_desktop.ui.long_work import collector_paused

catalog = open_reference().catalog
gc.collect()
gc.freeze()  # as the window freezes the catalog and itself once built (ui.app)
for n in range({PACKETS}):
    options = BriefingOptions(scope=Scope.SECTORS, sectors=(("INNOV", "AGRI")[n % 2],),
                              as_of=date(2012, 3, 1), deterministic=True)
    with collector_paused():  # the assembly (ui.briefing.dialog): frozen at its end
        briefing = build_briefing(catalog, options)
    write_packet(briefing, io.BytesIO())  # the layout sets old objects aside (pdf.render)
del briefing
gc.collect()  # the garbage nothing frozen keeps: not this question's
gc.unfreeze()
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
print(json.dumps({{"documents": sum(isinstance(o, PDFDocument) for o in gc.garbage),
                  "objects": len(gc.garbage)}}))
"""


def test_packets_built_in_turn_leave_their_documents_collectable(tmp_path):
    done = subprocess.run([sys.executable, "-c", BUILD], cwd=REPO, capture_output=True,
                          text=True, timeout=240, check=False,
                          env={"PATH": "/usr/bin:/bin", "JCCT_DATA_DIR": str(tmp_path),
                               "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    kept = json.loads(done.stdout.strip().splitlines()[-1])
    assert kept["documents"] == 0, f"kept by the freezes: {kept}"
