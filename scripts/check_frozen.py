"""Run the frozen app headless, as an officer's laptop would, and verify what it writes.

    .venv/bin/python scripts/check_frozen.py [dist/jcct-desktop/jcct-desktop]

Every run gets an empty PATH, a throw-away HOME and a fresh data folder. Where ``unshare``
is allowed (root, as in CI containers and on this dev box) each run also happens in private
mount and network namespaces: every Python installation on the machine is hidden, there is
no network at all and the app's own folder is read-only, so a frozen app that leaned on any
of these would fail. Verification
(JSON, CSV, pypdf) happens here, outside the bundle.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from jcct_desktop import __version__  # noqa: E402

EXPECTED_COMMITMENTS = 40
NOTE_ID = "2011-NEV-1"
NOTE_TEXT = "冻结版检查 frozen-build check <b>&</b>"  # Chinese + markup: fonts and escaping
PREPARED_FOR = "商务部 封面"
RUN_TIMEOUT = 180


# libraries that must come from the bundle, never from the machine
_OWN_LIBRARY = re.compile(r"python|Qt6|pyside|shiboken|\.cpython-", re.IGNORECASE)


class CheckFailed(Exception):
    pass


def _python_locations() -> list[Path]:
    """Every Python installation this machine has, to hide from the frozen app."""
    found = {Path(sys.prefix), Path(sys.base_prefix), Path(sysconfig.get_paths()["stdlib"])}
    for pattern in ("/usr/lib/python3*", "/usr/local/lib/python3*", "/usr/lib64/python3*"):
        found.update(Path("/").glob(pattern.lstrip("/")))
    bins = {p for d in ("/usr/bin", "/usr/local/bin") for p in Path(d).glob("python3*")}
    real = {p.resolve() for p in found | bins if p.exists() and not p.is_symlink()}
    # a path inside another hidden one vanishes with it (and could not be mounted over)
    return sorted(p for p in real if not any(q in p.parents for q in real))


def _sandbox_prefix() -> list[str] | None:
    """``unshare`` options for a private mount namespace with no network, if allowed here.

    As root that is plain ``unshare -m -n``; elsewhere a user namespace (``-r``) may allow it.
    """
    if not shutil.which("unshare"):
        return None
    options = [["-m", "-n"]] if os.geteuid() == 0 else [["-r", "-m", "-n"]]
    for opts in options:
        prefix = ["unshare", *opts, "--propagation", "private"]
        probe = [*prefix, "mount", "--bind", "/tmp", "/mnt"]
        if subprocess.run(probe, capture_output=True).returncode == 0:
            return prefix
    return None


def _hiding_wrapper(
    prefix: list[str], hidden: Sequence[Path], empty_dir: Path, read_only: Path
) -> list[str]:
    """Run a command in the sandbox, where each path in ``hidden`` looks empty and
    ``read_only`` (the bundle: installed apps often sit in a read-only folder) is read-only."""
    ro = shlex.quote(str(read_only))
    mounts = [f"mount --bind {ro} {ro}", f"mount -o remount,bind,ro {ro}"]
    for path in hidden:
        source = empty_dir if path.is_dir() else Path("/dev/null")
        mounts.append(f"mount --bind {shlex.quote(str(source))} {shlex.quote(str(path))}")
    script = " && ".join([*mounts, 'exec "$@"'])
    return [*prefix, "/bin/sh", "-c", script, "sh"]


class FrozenApp:
    def __init__(self, exe: Path, work: Path, sandbox: list[str] | None) -> None:
        self.exe = exe
        self.work = work
        self.data_dir = work / "data"
        self.home = work / "home"
        self.empty_bin = work / "empty-bin"  # PATH: nothing to find, python included
        for d in (self.data_dir, self.home, self.empty_bin, work / "empty"):
            d.mkdir()
        self.wrapper = (
            _hiding_wrapper(sandbox, _python_locations(), work / "empty", exe.parent)
            if sandbox
            else []
        )
        # some hosts allow a namespace but not every mount in it: then run without one
        if self.wrapper and subprocess.run([*self.wrapper, "/bin/true"]).returncode != 0:
            self.wrapper = []
        self.sandboxed = bool(self.wrapper)
        self.probes: list[dict] = []
        self.notes_imported = False
        # strace (if installed) records every socket the app opens, so "no network" is
        # observed, not just assumed from the namespace
        self.strace = shutil.which("strace")
        self.sockets: list[str] = []

    def run(
        self, *args: str, expect_rc: int = 0, data_dir: bool = True
    ) -> subprocess.CompletedProcess[str]:
        probe = self.work / f"probe-{len(self.probes)}.json"
        env = {
            "PATH": str(self.empty_bin),
            "HOME": str(self.home),
            "QT_QPA_PLATFORM": "offscreen",
            "LANG": "C.UTF-8",
            "JCCT_FROZEN_PROBE": str(probe),
        }
        trace = self.work / f"sockets-{len(self.probes)}.txt"
        tracer = [self.strace, "-f", "-qq", "-e", "trace=socket", "-o", str(trace)]
        cmd = [
            *self.wrapper,
            *(tracer if self.strace else []),
            "/usr/bin/env",
            "-i",
            *(f"{k}={v}" for k, v in env.items()),
            str(self.exe),
            *(["--data-dir", str(self.data_dir)] if data_dir else []),
            *args,
        ]
        started = time.monotonic()
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=self.work
        )
        took = time.monotonic() - started
        print(f"  $ jcct-desktop {' '.join(args)}  -> rc {proc.returncode} ({took:.1f} s)")
        if proc.returncode != expect_rc:
            raise CheckFailed(
                f"{args}: exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
            )
        if probe.is_file():
            self.probes.append(json.loads(probe.read_text(encoding="utf-8")))
        if trace.is_file():
            calls = re.findall(r"socket\((AF_\w+)", trace.read_text(encoding="utf-8"))
            self.sockets += [f"{' '.join(args)}: {family}" for family in calls]
        return proc

    def has_command(self, *words: str) -> bool:
        proc = subprocess.run(
            [str(self.exe), *words, "--help"],
            capture_output=True,
            text=True,
            env={"PATH": str(self.empty_bin), "HOME": str(self.home)},
            timeout=RUN_TIMEOUT,
        )
        return proc.returncode == 0


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def _notes_document() -> dict:
    stamp = "2012-03-01T09:05:00.000000+00:00"
    return {
        "format": "jcct-desktop-annotations",
        "version": 1,
        "exported": stamp,
        "annotations": [
            {
                "commitment": NOTE_ID,
                "assessment": None,
                "notes": [{"text": NOTE_TEXT, "created": stamp}],
                "tags": ["frozen-check"],
                "starred": True,
                "follow_up": None,
                "history": [],
            }
        ],
    }


def check_version(app: FrozenApp) -> None:
    out = app.run("--version").stdout.strip()
    _expect(out == f"jcct-desktop {__version__}", f"--version printed {out!r}")


def check_smoke(app: FrozenApp) -> None:
    out = app.run("--smoke-test").stdout
    match = re.search(r"first paint: (\d+) ms", out)
    _expect(match is not None, f"--smoke-test printed no first paint: {out!r}")
    print(f"    first paint {match.group(1)} ms")


def check_screenshot(app: FrozenApp) -> None:
    """The whole window renders (fonts, SVG icons via Qt's image plugins) to a PNG."""
    out = app.work / "window.png"
    app.run("--screenshot", str(out))
    data = out.read_bytes() if out.is_file() else b""
    _expect(
        data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000,
        f"--screenshot wrote {len(data)} bytes, not a rendered window",
    )


def check_notes(app: FrozenApp) -> None:
    if not app.has_command("notes", "export"):
        print("  SKIP notes import/export: the notes subcommand is not in this build")
        return
    source = app.work / "notes-in.json"
    source.write_text(json.dumps(_notes_document(), ensure_ascii=False), encoding="utf-8")
    app.run("notes", "import", str(source))
    exported = app.work / "notes-out.json"
    app.run("notes", "export", str(exported))
    doc = json.loads(exported.read_text(encoding="utf-8"))
    texts = [
        n["text"] for a in doc["annotations"] if a["commitment"] == NOTE_ID for n in a["notes"]
    ]
    _expect(texts == [NOTE_TEXT], f"notes export lost the imported note: {texts!r}")
    app.notes_imported = True
    _expect(
        (app.data_dir / "annotations.sqlite").is_file() or any(app.data_dir.iterdir()),
        "no user database in the --data-dir folder",
    )


def check_default_data_dir(app: FrozenApp) -> None:
    """Without --data-dir the notes go to the user's platform folder under HOME (an import
    creates them there; an export only reads and creates nothing)."""
    if not app.has_command("notes", "import") or not (app.work / "notes-in.json").exists():
        return
    app.run("notes", "import", str(app.work / "notes-in.json"), data_dir=False)
    created = list(app.home.rglob("annotations.sqlite"))
    _expect(bool(created), f"no annotations.sqlite under HOME ({app.home})")
    print(f"    default data folder: {created[0].parent.relative_to(app.home.parent)}")


def check_json(app: FrozenApp) -> None:
    out = app.work / "data.json"
    app.run("export", "json", "-o", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    commitments = doc["commitments"]
    _expect(
        len(commitments) == EXPECTED_COMMITMENTS,
        f"JSON has {len(commitments)} commitments, expected {EXPECTED_COMMITMENTS}",
    )
    _expect(doc["app_version"] == __version__, f"JSON app_version {doc['app_version']!r}")
    if app.notes_imported:  # the data export reads the same user database
        noted = next(c for c in commitments if c["id"] == NOTE_ID)
        _expect(
            NOTE_TEXT in [n["text"] for n in noted["notes"]],
            f"JSON export lacks the imported note on {NOTE_ID}: {noted['notes']!r}",
        )


def check_csv(app: FrozenApp) -> None:
    out = app.work / "data.csv"
    app.run("export", "csv", "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    _expect(len(rows) == EXPECTED_COMMITMENTS, f"CSV has {len(rows)} rows")
    _expect({r["id"] for r in rows} >= {NOTE_ID}, f"CSV lacks {NOTE_ID}")


def check_ics(app: FrozenApp) -> None:
    """The calendar export: icalendar (and its time-zone data) travel in the bundle."""
    out = app.work / "deadlines.ics"
    app.run("export", "ics", "-o", str(out), "--as-of", "2012-01-15")
    text = out.read_text(encoding="utf-8")
    _expect(text.startswith("BEGIN:VCALENDAR"), "the .ics file is not a calendar")
    _expect(text.count("BEGIN:VEVENT") >= 10, f"only {text.count('BEGIN:VEVENT')} events")


def check_pdf(app: FrozenApp) -> None:
    if not app.has_command("export", "pdf"):
        print("  SKIP export pdf: the pdf subcommand is not in this build")
        return
    from pypdf import PdfReader  # the venv's pypdf, never the bundle's

    out = app.work / "packet.pdf"
    # Chinese on the cover: the bundled CJK font must be found and embedded
    app.run("export", "pdf", "-o", str(out), "--prepared-for", PREPARED_FOR)
    _expect(out.read_bytes()[:5] == b"%PDF-", "export pdf wrote no PDF header")
    reader = PdfReader(out)
    pages = len(reader.pages)
    _expect(pages > 1, f"PDF has {pages} page(s)")
    text = "".join(page.extract_text() or "" for page in reader.pages)
    _expect(NOTE_ID in text, f"PDF text lacks {NOTE_ID}")
    _expect(PREPARED_FOR in text, f"PDF text lacks the cover line {PREPARED_FOR!r}")
    fonts = _embedded_fonts(reader)
    _expect(
        any("WenQuanYi" in f for f in fonts),
        f"Chinese text printed without the bundled Chinese font; fonts: {sorted(fonts)}",
    )
    if app.notes_imported:  # the packet prints the user's notes verbatim, markup included
        flat = " ".join(text.split())
        _expect(NOTE_TEXT in flat, f"PDF lacks the imported note {NOTE_TEXT!r} verbatim")
    print(f"    {pages} pages, {out.stat().st_size // 1024} KiB, fonts: {', '.join(sorted(fonts))}")


def check_memo(app: FrozenApp) -> None:
    """The Word memo: python-docx, its template and lxml travel in the bundle."""
    import zipfile

    out = app.work / "memo.docx"
    app.run("export", "docx", "-o", str(out), "--since", "2011-11-01", "--as-of", "2012-07-15",
            "--prepared-for", PREPARED_FOR)
    with zipfile.ZipFile(out) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    _expect("Bottom line" in body and "What changed since" in body,
            "the memo lacks its bottom line or its changes")
    _expect(PREPARED_FOR in body, f"the memo lacks its TO line {PREPARED_FOR!r}")
    print(f"    memo {out.stat().st_size // 1024} KiB")


def check_tagged(app: FrozenApp) -> None:
    """The tagged packet: the typst engine (a compiled module) travels in the bundle."""
    out = app.work / "tagged.pdf"
    app.run("export", "pdf", "--tagged", "-o", str(out), "--as-of", "2012-07-15")
    data = out.read_bytes()
    _expect(data[:5] == b"%PDF-" and b"/StructTreeRoot" in data,
            "the tagged packet has no structure tree")


def check_changes(app: FrozenApp) -> None:
    out = app.run("changes", "--since", "2011-11-01", "--until", "2012-07-15",
                  "--format", "json").stdout
    doc = json.loads(out)
    _expect(doc["count"] > 0 and doc["commitments"], "changes found nothing in 2011-2012")


def _embedded_fonts(reader) -> set[str]:
    names: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            base = str(font.get_object().get("/BaseFont", ""))
            names.add(base.split("+", 1)[-1].lstrip("/"))
    return names


def check_no_network(app: FrozenApp) -> None:
    """No run opened anything but a local (AF_UNIX) socket: no IP, no netlink, no DNS."""
    if not app.strace:
        print("  SKIP socket trace: strace is not installed")
        return
    network = [s for s in app.sockets if not s.endswith("AF_UNIX")]
    _expect(not network, f"the frozen app opened network sockets: {network}")
    print(f"  socket trace: {len(app.sockets)} local socket(s), no network sockets")


def check_bundle_data(bundle: Path) -> None:
    """The bundle carries the reference data and resources where resources.root() looks."""
    internal = bundle / "_internal"
    for rel in (
        "db/jcct.sqlite",
        "resources/fonts/wqy-microhei.ttc",
        "resources/fonts/DejaVuSerif.ttf",
        "resources/styles",
        "resources/icons",
    ):
        src, dst = ROOT / rel, internal / rel
        _expect(dst.exists(), f"bundle lacks {rel}")
        if src.is_file():
            _expect(dst.stat().st_size == src.stat().st_size, f"bundle's {rel} differs from {src}")


def check_officer_files(bundle: Path) -> None:
    """Beside the program: a README, the menu launcher and the licence notices, complete."""
    from jcct_desktop import __version__

    readme = (bundle / "README.txt").read_text(encoding="utf-8")
    _expect(f"Version {__version__}." in readme and "GLIBC_MIN" not in readme,
            "README.txt lacks the version or the measured glibc")
    for notices in (bundle / "THIRD-PARTY-NOTICES.txt",
                    bundle / "_internal" / "THIRD-PARTY-NOTICES.txt"):
        _expect(notices.is_file(), f"no {notices.relative_to(bundle)}")
    text = (bundle / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    _expect("1. Qt and PySide6 (Qt for Python)" in text, "no LGPL notice for Qt")
    for dist_info in (bundle / "_internal").glob("*.dist-info"):
        name, version = dist_info.name[: -len(".dist-info")].rsplit("-", 1)
        _expect(re.search(rf"^2\. {re.escape(name)} {re.escape(version)}$", text,
                          re.IGNORECASE | re.MULTILINE) is not None
                or re.search(rf"^2\. {name.replace('_', '[-_]')} {re.escape(version)}$",
                             text, re.IGNORECASE | re.MULTILINE) is not None,
                f"no notice for the bundled distribution {name} {version}")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "frozen_extras.py"),
                           str(bundle), "--check"], capture_output=True, text=True)
    _expect(done.returncode == 0, done.stderr.strip() or "frozen_extras --check failed")
    launcher = bundle / "add-to-menu.sh"
    if launcher.exists():
        with tempfile.TemporaryDirectory() as home:
            env = {"PATH": "/usr/bin:/bin", "HOME": home}
            subprocess.run([str(launcher)], env=env, check=True, capture_output=True)
            entry = Path(home) / ".local/share/applications/jcct-desktop.desktop"
            _expect(f'Exec="{bundle / "jcct-desktop"}"' in entry.read_text(),
                    "add-to-menu.sh wrote no entry for this folder's program")
            subprocess.run([str(launcher), "--remove"], env=env, check=True,
                           capture_output=True)
            _expect(not entry.exists(), "add-to-menu.sh --remove left the entry")
    print(f"  README.txt, add-to-menu.sh, THIRD-PARTY-NOTICES.txt ({len(text):,} characters)")


def check_isolation(app: FrozenApp, bundle: Path, before: dict[str, int]) -> None:
    """Everything ran from the bundle, and nothing was written into it."""
    _expect(bool(app.probes), "the frozen entry wrote no probe (JCCT_FROZEN_PROBE ignored?)")
    internal = str(bundle)
    for probe in app.probes:
        _expect(
            probe["frozen"] and Path(probe["executable"]) == app.exe,
            f"not running frozen: executable {probe['executable']}",
        )
        # relative names (pyimod*, shibokensupport) live inside the bundle's archives
        outside = [
            f for f in probe["module_files"] if os.path.isabs(f) and not f.startswith(internal)
        ]
        _expect(not outside, f"modules loaded from outside the bundle: {outside[:5]}")
        # ssl itself is bundled for the team database's TLS (psycopg imports it) and loaded
        # by reportlab's urllib imports; no network socket is opened (the socket trace says)
        networking = sorted({"PySide6.QtNetwork"} & set(probe.get("modules", ())))
        _expect(not networking, f"network modules loaded in the frozen app: {networking}")
        foreign = [
            f
            for f in probe["mapped_files"]
            if _OWN_LIBRARY.search(Path(f).name) and not f.startswith(internal)
        ]
        _expect(not foreign, f"Python/Qt libraries mapped from outside the bundle: {foreign}")
    after = _snapshot(bundle)
    changed = sorted(set(after.items()) ^ set(before.items()))
    _expect(not changed, f"the app wrote into its own folder: {changed[:5]}")


# in order: notes are imported before the data exports that must show them
CHECKS = (
    check_version,
    check_smoke,
    check_screenshot,
    check_notes,
    check_default_data_dir,
    check_json,
    check_csv,
    check_ics,
    check_pdf,
    check_tagged,
    check_memo,
    check_changes,
)


def _snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.lstat().st_size for p in folder.rglob("*")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exe", nargs="?", default=str(ROOT / "dist/jcct-desktop/jcct-desktop"))
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    exe = Path(args.exe).resolve()
    if not exe.is_file():
        print(f"check_frozen: no frozen executable at {exe}", file=sys.stderr)
        return 1
    bundle = exe.parent
    work = Path(tempfile.mkdtemp(prefix="jcct-frozen-check-"))
    app = FrozenApp(exe, work, _sandbox_prefix())
    print(f"checking {exe}")
    print(f"  PATH empty; HOME and data folder fresh in {work}")
    if app.sandboxed:
        print(
            "  every Python installation hidden, no network, the app's folder read-only "
            "(private mount + net namespace)"
        )
    else:
        print(
            "  NOTE: cannot unshare here, so Python installations stay visible and the network up"
        )
    before = _snapshot(bundle)
    failures = 0
    for check in CHECKS:
        try:
            check(app)
        except (CheckFailed, subprocess.TimeoutExpired, json.JSONDecodeError, KeyError) as exc:
            failures += 1
            print(f"FAIL {check.__name__}: {exc}", flush=True)
    for name, final_check in (
        ("check_no_network", lambda: check_no_network(app)),
        ("check_bundle_data", lambda: check_bundle_data(bundle)),
        ("check_officer_files", lambda: check_officer_files(bundle)),
        ("check_isolation", lambda: check_isolation(app, bundle, before)),
    ):
        try:
            final_check()
        except CheckFailed as exc:
            failures += 1
            print(f"FAIL {name}: {exc}", flush=True)
    if args.keep or failures:
        print(f"  work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print("frozen check: " + ("OK" if not failures else f"{failures} check(s) FAILED"))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
