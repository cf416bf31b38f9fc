"""THIRD-PARTY-NOTICES.txt names every distribution the app runs on and every bundled font,
with its licence text, and carries Qt's LGPL notice with the relinking information.

The frozen build adds what only it bundles (Python, the bootloader, system libraries) and
scripts/check_frozen.py checks that part; the wheel and sdist carry this file
(tests/test_packaging.py).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTICES = (REPO / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")


def _script():
    spec = importlib.util.spec_from_file_location("notices", REPO / "scripts" / "notices.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["notices"] = module
    spec.loader.exec_module(module)
    return module


notices = _script()


def test_the_committed_notices_are_what_the_installed_distributions_say() -> None:
    assert notices.render() == NOTICES, (
        "THIRD-PARTY-NOTICES.txt is stale: run .venv/bin/python scripts/notices.py")


@pytest.mark.parametrize("dist", notices.runtime_distributions(),
                         ids=lambda d: d.metadata["Name"])
def test_every_runtime_distribution_has_its_notice(dist) -> None:
    name, version = dist.metadata["Name"], dist.version
    header = f"2. {name} {version}\n"
    assert header in NOTICES, f"{name} {version} has no notice"
    section = NOTICES.split(header, 1)[1].split("\n" + notices.RULE, 1)[0]
    assert "\n--- " in section, f"{name}: no licence text"
    for file_name, text in notices.licence_texts(dist):
        assert f"--- {file_name} ---\n{text.strip()}" in section


def test_the_runtime_set_is_the_apps_not_the_developers() -> None:
    names = {d.metadata["Name"].lower() for d in notices.runtime_distributions()}
    assert {"pyside6_essentials", "sqlalchemy", "reportlab", "pillow", "psycopg"} <= {
        n.replace("-", "_") for n in names}
    assert not names & {"pytest", "ruff", "import-linter", "pyinstaller", "hypothesis"}


@pytest.mark.parametrize("font", sorted((REPO / "resources" / "fonts").glob("*.tt[fc]")),
                         ids=lambda p: p.name)
def test_every_bundled_font_has_its_notice(font: Path) -> None:
    header = f"3. Font {font.name}\n"
    assert header in NOTICES
    section = NOTICES.split(header, 1)[1].split("\n" + notices.RULE, 1)[0]
    licence_file = section.split("--- resources/fonts/", 1)[1].split(" ---", 1)[0]
    text = (REPO / "resources" / "fonts" / licence_file).read_text(encoding="utf-8").strip()
    assert text in section


def test_the_dejavu_fonts_are_not_called_apache() -> None:
    for line in NOTICES.splitlines():
        if line.startswith("3. Font DejaVu"):
            after = NOTICES.split(line, 1)[1].splitlines()[0:2]
            assert "Bitstream-Vera" in "".join(after) and "Apache" not in "".join(after)


def test_qt_carries_the_lgpl_notice_relinking_and_source() -> None:
    qt = NOTICES.split("1. Qt and PySide6 (Qt for Python)", 1)[1].split(notices.RULE, 1)[0]
    assert "GNU Lesser General Public License version 3" in qt
    assert "Replacing them" in qt and "_internal/PySide6/Qt/lib/" in qt
    assert "https://download.qt.io/" in qt
    assert "4. Licence text: LGPL-3.0\n" in NOTICES and "4. Licence text: GPL-3.0\n" in NOTICES
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in NOTICES


def test_a_distribution_without_a_licence_text_stops_the_script(tmp_path: Path) -> None:
    from importlib.metadata import PathDistribution

    info = tmp_path / "nolicence-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: nolicence\nVersion: 1.0\n")
    (info / "RECORD").write_text("nolicence-1.0.dist-info/METADATA,,\n")
    with pytest.raises(notices.NoticeError, match=r"nolicence 1\.0 ships no licence file"):
        notices.licence_texts(PathDistribution(info))
