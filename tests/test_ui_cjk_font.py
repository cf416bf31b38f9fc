"""王岐山 renders in the window with the bundled font, even on a machine with no Chinese fonts.

Run in a fresh interpreter with fontconfig pointed at an empty configuration, so only the
fonts the app registers itself exist; the app's font setup must make the glyphs real (not the
empty boxes a missing glyph draws).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel
from jcct_desktop.ui.app import configure

app = QApplication([sys.argv[0]])
configure(app)
families = QFontDatabase.families()
label = QLabel()
label.setFont(app.font())

def render(text):
    image = QImage(200, 60, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(app.font())
    painter.drawText(10, 40, text)
    painter.end()
    return image

names = render("王岐山")
tofu = render("\ue000\ue001\ue002")  # private-use code points: no font has them
cjk = [f for f in families if "WenQuanYi" in f]
metrics = QFontMetrics(QFontDatabase.font(cjk[0], "", 12)) if cjk else None
print("cjk", bool(cjk))
print("glyphs", all(metrics.inFontUcs4(ord(c)) for c in "王岐山") if metrics else False)
print("differs", names != tofu)
print("in_app_font", any("WenQuanYi" in f for f in app.font().families()))
"""


def test_wang_qishan_renders_with_the_bundled_font(tmp_path: Path) -> None:
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig></fontconfig>', encoding="utf-8")
    env = {
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
        "FONTCONFIG_FILE": str(empty),
        "HOME": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.split("\n") if " " in line)
    assert lines == {"cjk": "True", "glyphs": "True", "differs": "True", "in_app_font": "True"}
