"""One home for time (core/dates.py): an injectable clock, and dates written for people the same
way on every platform and in every locale."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from pypdf import PdfReader

from jcct_desktop.core import dates
from jcct_desktop.core.dates import FixedClock, using_clock

PACKAGE = Path(__file__).resolve().parents[1] / "jcct_desktop"

# strftime directives that are platform extensions (%-d is glibc, %#d is Windows) or follow the
# locale (month and day names, AM/PM, the locale's own date and time forms).
NOT_PORTABLE = ("%-", "%#", "%b", "%B", "%a", "%A", "%c", "%x", "%X", "%p", "%h")
LOCALE_NAMES = {"month_name", "month_abbr", "day_name", "day_abbr"}


def test_dates_for_people_use_fixed_english_names() -> None:
    d = date(2011, 11, 1)
    assert dates.long_date(d) == "November 1, 2011"
    assert dates.day_month_year(d) == "1 November 2011"
    assert dates.short_date(d) == "Nov 1, 2011"
    assert dates.short_day(d) == "1 Nov 2011"
    assert dates.month_year(d) == "November 2011"
    assert dates.short_month_year(d) == "Nov 2011"
    assert dates.month_name(9) == "September" and dates.month_short(9) == "Sep"
    moment = datetime(2026, 12, 6, 9, 5, 7)
    assert dates.long_date_time(moment) == "December 6, 2026, 09:05"
    assert dates.iso_minutes(moment) == "2026-12-06 09:05"
    assert dates.iso_seconds(moment) == "2026-12-06 09:05:07"
    assert dates.weekday_stamp(moment) == "Sun 06 Dec 2026 09:05"
    assert dates.weekday_stamp(moment, seconds=True) == "Sun 06 Dec 2026 09:05:07"
    assert dates.day_month_time(moment) == "06 Dec 09:05"
    # Years the product accepts (1900–2999) are written whole, never padded or cut.
    assert dates.long_date(date(2999, 12, 31)) == "December 31, 2999"
    assert dates.short_day(date(1900, 1, 1)) == "1 Jan 1900"


def test_the_clock_is_injectable_and_restored() -> None:
    fixed = FixedClock(datetime(2012, 7, 15, 23, 59, tzinfo=UTC))
    with using_clock(fixed):
        assert dates.utc_now() == datetime(2012, 7, 15, 23, 59, tzinfo=UTC)
        assert dates.now().tzinfo is not None
        fixed.advance(timedelta(minutes=2))
        assert dates.utc_now() == datetime(2012, 7, 16, 0, 1, tzinfo=UTC)
    assert abs(dates.utc_now() - datetime.now(UTC)) < timedelta(minutes=1)


def test_today_is_the_officers_local_day() -> None:
    # 23:30 in Washington on 14 July is already 15 July in UTC: the officer's day is the 14th.
    washington = timezone(timedelta(hours=-4))
    late = FixedClock(datetime(2012, 7, 14, 23, 30, tzinfo=washington))
    with using_clock(late):
        assert dates.utc_now().date() == date(2012, 7, 15)
        assert dates.now().astimezone(washington).date() == date(2012, 7, 14)
    with using_clock(FixedClock(date(2012, 1, 15))):
        assert dates.today() == date(2012, 1, 15)


def test_the_core_briefing_reads_the_injected_clock() -> None:
    from jcct_desktop.core.briefing import BriefingOptions, build_briefing
    from jcct_desktop.store.reference.reader import open_reference

    catalog = open_reference().catalog
    with using_clock(FixedClock(datetime(2012, 7, 15, 10, 30))):
        briefing = build_briefing(catalog, BriefingOptions())
    assert briefing.cover.as_of == date(2012, 7, 15)
    assert briefing.cover.generated == datetime(2012, 7, 15, 10, 30)


def _calls_the_system_clock(node: ast.AST) -> str | None:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    owner, name = node.func.value, node.func.attr
    owner_name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", None)
    if owner_name in {"date", "datetime"} and name in {"today", "now", "utcnow"}:
        return f"{owner_name}.{name}()"
    return None


def _python_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if p.name != "dates.py" or p.parent.name != "core"]


def test_no_module_but_core_dates_reads_the_clock() -> None:
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = _calls_the_system_clock(node)
            if called:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {called}")
    assert offenders == [], "read the clock through jcct_desktop.core.dates:\n" + "\n".join(
        offenders)


def test_no_platform_or_locale_dependent_date_formatting() -> None:
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                bad = [d for d in NOT_PORTABLE if d in node.value]
                if bad and ("strftime" in ast.unparse(node) or _looks_like_format(node.value)):
                    offenders.append(f"{where}: {node.value!r}")
            if isinstance(node, ast.Attribute) and node.attr in LOCALE_NAMES:
                offenders.append(f"{where}: calendar.{node.attr} follows the locale")
            if isinstance(node, ast.Attribute) and node.attr == "O_NOFOLLOW":
                offenders.append(f"{where}: os.O_NOFOLLOW does not exist on Windows "
                                 "(getattr(os, 'O_NOFOLLOW', 0))")
    assert offenders == [], "write dates through jcct_desktop.core.dates:\n" + "\n".join(
        offenders)


def _looks_like_format(text: str) -> bool:
    # Format specs inside f-strings arrive as bare constants such as "%B %-d, %Y".
    return any(marker in text for marker in ("%Y", "%d", "%H", "%m")) or text.strip() in {
        d for d in NOT_PORTABLE}


def _german_locale(tmp_path: Path) -> Path:
    """A de_DE.UTF-8 locale compiled into a private folder (LOCPATH): nothing system-wide."""
    assert shutil.which("localedef"), "localedef is missing: ./run tests installs locales"
    assert Path("/usr/share/i18n/locales/de_DE").exists(), (
        "the de_DE locale source is missing: ./run tests installs the locales package")
    where = tmp_path / "locales"
    where.mkdir()
    done = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8",
                           str(where / "de_DE.UTF-8")], capture_output=True, text=True)
    assert (where / "de_DE.UTF-8").exists(), done.stderr
    return where


PACKET_IN_A_QT_APP = """
import sys
from datetime import date
from PySide6.QtWidgets import QApplication
app = QApplication([])  # Qt sets the process locale from the environment, as on a desktop
wanted = sys.argv[1]
assert date(2012, 3, 1).strftime("%B") == wanted, date(2012, 3, 1).strftime("%B")
from jcct_desktop.cli import main
sys.exit(main(["--data-dir", sys.argv[2], "export", "pdf", "-o", sys.argv[3],
               "--as-of", "2012-07-15"]))
"""


def _packet_text(tmp_path: Path, name: str, env: dict[str, str], march: str) -> list[str]:
    out = tmp_path / f"{name}.pdf"
    done = subprocess.run(
        [sys.executable, "-c", PACKET_IN_A_QT_APP, march, str(tmp_path / f"data-{name}"),
         str(out)], env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    # The moment of generation is the only thing allowed to differ between the two runs.
    return [line for line in text.splitlines() if "enerated" not in line]


def test_a_packet_made_inside_a_german_qt_app_reads_as_in_english(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    base["QT_QPA_PLATFORM"] = "offscreen"
    english = _packet_text(tmp_path, "c", {**base, "LANG": "C.UTF-8"}, "March")
    german_env = {**base, "LOCPATH": str(_german_locale(tmp_path)), "LANG": "de_DE.UTF-8",
                  "LC_ALL": "de_DE.UTF-8"}
    german = _packet_text(tmp_path, "de", german_env, "März")
    assert german == english
    joined = "\n".join(german)
    assert "July 15, 2012" in joined
    for name in ("Januar ", "März", "Juni ", "Juli ", "Oktober", "Dezember"):
        assert name not in joined
