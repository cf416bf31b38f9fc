"""Write THIRD-PARTY-NOTICES.txt from the installed distributions' metadata and licence files.

    .venv/bin/python scripts/notices.py            # rewrite THIRD-PARTY-NOTICES.txt
    .venv/bin/python scripts/notices.py --check    # exit 1 if the committed file is stale

What it covers: every distribution the app needs at run time (the closure of jcct-desktop's
requirements in this environment, with the extras it asks for — never the development tools),
each with its version, declared licence and every licence file it ships; the fonts in
resources/fonts with their licence files; the LGPL notice and relinking information for Qt and
PySide6; and the licence texts those refer to (licenses/). The frozen build adds what only it
bundles (Python, PyInstaller's bootloader, system libraries): scripts/notices_frozen.py.

A distribution that ships no licence text and has none named below stops the script: a new
dependency cannot ship without its notice.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "THIRD-PARTY-NOTICES.txt"
LICENSES = REPO / "licenses"
FONTS = REPO / "resources" / "fonts"
PROJECT = "jcct-desktop"
RULE = "=" * 78

# Distributions whose wheels carry no licence file: the texts their metadata names.
TEXTS_FOR = {
    "pyside6-essentials": ["LGPL-3.0.txt", "GPL-3.0.txt"],
    "pyside6-addons": ["LGPL-3.0.txt", "GPL-3.0.txt"],
    "shiboken6": ["LGPL-3.0.txt", "GPL-3.0.txt"],
}
QT_DISTS = ("pyside6-essentials", "pyside6-addons", "shiboken6")
# Each font file and the licence file beside it that covers it.
FONT_LICENCES = {
    "DejaVu": ("DejaVu-LICENSE.txt", "Bitstream-Vera (DejaVu changes in the public domain)"),
    "wqy-microhei": ("wqy-microhei-LICENSE.txt",
                     "Apache-2.0 OR GPL-3.0-or-later WITH Font-exception-2.0"),
}
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)


class NoticeError(RuntimeError):
    """A distribution or font has no licence text to ship."""


def runtime_distributions(project: str = PROJECT) -> list[metadata.Distribution]:
    """jcct-desktop's run-time requirements, transitively, as installed here (sorted by name)."""
    env = default_environment()
    seen: dict[str, metadata.Distribution] = {}
    todo: list[tuple[str, frozenset[str]]] = [(project, frozenset())]
    while todo:
        name, extras = todo.pop()
        dist = metadata.distribution(name)
        key = canonicalize_name(dist.metadata["Name"])
        if key != canonicalize_name(project):
            seen[key] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not any(
                req.marker.evaluate({**env, "extra": extra}) for extra in (extras or {""})
            ):
                continue
            todo.append((req.name, frozenset(req.extras)))
    return [seen[k] for k in sorted(seen)]


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    declared = (meta.get("License") or "").strip()
    if declared and len(declared) <= 200 and "\n" not in declared:
        return declared
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return "; ".join(classifiers) or "see the licence text below"


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of every licence file the distribution ships in its metadata."""
    key = canonicalize_name(dist.metadata["Name"])
    found: list[tuple[str, str]] = []
    for file in dist.files or []:
        parts = file.parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        in_licenses = len(parts) > 2 and parts[1] == "licenses"
        if in_licenses or (len(parts) == 2 and LICENCE_FILE.search(parts[1])):
            found.append(("/".join(parts[1:]), Path(file.locate()).read_text("utf-8", "replace")))
    for name in TEXTS_FOR.get(key, []):
        (LICENSES / name).read_text(encoding="utf-8")  # it must exist
        found.append((f"licenses/{name}", f"The text is in part 4 (Licence text: {name[:-4]})."))
    if not found:
        raise NoticeError(
            f"{dist.metadata['Name']} {dist.version} ships no licence file: add its text to "
            "licenses/ and name it in TEXTS_FOR in scripts/notices.py")
    return found


def bundled_components(dist: metadata.Distribution) -> list[str]:
    """Libraries a binary wheel carries inside it, as its SBOM (auditwheel) lists them."""
    names: list[str] = []
    for file in dist.files or []:
        if "sboms" in file.parts and file.name.endswith(".json"):
            data = json.loads(Path(file.locate()).read_text(encoding="utf-8"))
            own = canonicalize_name(dist.metadata["Name"])
            names += [f"{c['name']} {c.get('version', '')}".strip()
                      for c in data.get("components", [])
                      if canonicalize_name(c.get("name", "")) != own]
    return sorted(set(names))


def font_notices() -> list[tuple[str, str, str, str]]:
    """(font file, licence, licence file name, text) for every font in resources/fonts."""
    out = []
    for font in sorted(FONTS.glob("*.tt[fc]")):
        family = next((f for f in FONT_LICENCES if font.name.startswith(f)), None)
        if family is None:
            raise NoticeError(f"{font.name} has no licence: add it to FONT_LICENCES")
        file, licence = FONT_LICENCES[family]
        out.append((font.name, licence, file, (FONTS / file).read_text(encoding="utf-8")))
    return out


def qt_notice(dists: list[metadata.Distribution]) -> str:
    versions = sorted({d.version for d in dists if canonicalize_name(d.metadata["Name"])
                       in QT_DISTS})
    version = ", ".join(versions) or "6"
    series = ".".join(versions[0].split(".")[:2]) if versions else "6"
    return f"""\
Qt and PySide6 (Qt for Python): LGPL-3.0 notice and relinking information

JCCT Desktop uses the Qt {version} libraries (Copyright (C) The Qt Company Ltd. and other
contributors) and their Python bindings PySide6 and shiboken6, version {version}, under the
GNU Lesser General Public License version 3 (LGPL-3.0-only). The texts of the LGPL-3.0 and of
the GNU GPL-3.0 it builds on are at the end of this file. They are used unmodified.

Replacing them. The Qt libraries and the bindings are separate shared libraries, loaded when
the app starts; nothing links them statically, signs or checks them. You may replace them
with a modified version built compatibly (Qt and PySide6 {series}, the same compiler ABI):
 - in the ready-to-run folder, the files under _internal/PySide6/ (Qt's libraries are in
   _internal/PySide6/Qt/lib/, its plug-ins in _internal/PySide6/Qt/plugins/) and
   _internal/shiboken6/; put yours in their place and start the app as before;
 - in a Python installation (pipx or pip), install your build of PySide6 and shiboken6 into
   the same environment in place of the PySide6-Essentials, PySide6-Addons and shiboken6
   wheels.

Source code. The corresponding source of this version of Qt is at
https://download.qt.io/official_releases/qt/{series}/ and of PySide6 and shiboken6 at
https://download.qt.io/official_releases/QtForPython/ (repository:
https://code.qt.io/pyside/pyside-setup.git, tag v{versions[0] if versions else '6'}).
"""


def render() -> str:
    from jcct_desktop import __version__

    dists = runtime_distributions()
    fonts = font_notices()
    parts = [
        f"THIRD-PARTY NOTICES for JCCT Desktop {__version__}\n\n"
        "JCCT Desktop's own code is proprietary. It uses and bundles the software and fonts\n"
        "below under their own licences. Generated by scripts/notices.py from the installed\n"
        "distributions' metadata and licence files: do not edit by hand.\n\n"
        "Contents\n"
        "  1. Qt and PySide6: LGPL-3.0 notice and relinking information\n"
        "  2. Python distributions the app needs at run time:\n"
        + "".join(f"       {d.metadata['Name']} {d.version} ({licence_of(d)})\n" for d in dists)
        + "  3. Fonts:\n"
        + "".join(f"       {f} ({lic})\n" for f, lic, _, _ in fonts)
        + "  4. Licence texts: "
        + ", ".join(p.stem for p in sorted(LICENSES.glob("*.txt"))) + "\n",
        "1. " + qt_notice(dists),
    ]
    for dist in dists:
        block = [f"2. {dist.metadata['Name']} {dist.version}",
                 f"Licence: {licence_of(dist)}"]
        home = dist.metadata.get("Home-page") or next(
            (u.split(",", 1)[1].strip() for u in dist.metadata.get_all("Project-URL") or []),
            None)
        if home:
            block.append(f"Home: {home}")
        inside = bundled_components(dist)
        if inside:
            block.append(textwrap.fill(
                "Its wheel bundles these libraries (from its SBOM; their licence texts are those "
                "its licence files include, else their upstream's): " + ", ".join(inside), 78))
        for name, text in licence_texts(dist):
            block.append(f"\n--- {name} ---\n{text.strip()}")
        parts.append("\n".join(block) + "\n")
    for font, licence, file, text in fonts:
        parts.append(f"3. Font {font}\nLicence: {licence}\n\n--- resources/fonts/{file} ---\n"
                     f"{text.strip()}\n")
    for path in sorted(LICENSES.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        parts.append(f"4. Licence text: {path.stem}\n\n{text}\n")
    return f"\n{RULE}\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if THIRD-PARTY-NOTICES.txt differs from what would be written")
    args = parser.parse_args(argv)
    try:
        text = render()
    except (NoticeError, metadata.PackageNotFoundError) as exc:
        print(f"notices: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print("notices: THIRD-PARTY-NOTICES.txt is stale: run "
                  ".venv/bin/python scripts/notices.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name} ({len(text):,} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
