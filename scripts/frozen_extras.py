"""What the frozen folder carries beside the program, written by build.spec after PyInstaller:

- README.txt (packaging/README.txt with the version and the glibc the bundle needs, measured
  from its own libraries) and the menu launcher add-to-menu.sh (Linux);
- THIRD-PARTY-NOTICES.txt, beside the program and in _internal/ (where Help → About looks):
  the notices of scripts/notices.py plus what only the frozen build bundles — Python itself,
  PyInstaller's bootloader, and the system libraries copied from the build machine, each
  with its Debian package's copyright file.

    python scripts/frozen_extras.py dist/jcct-desktop          (build.spec runs it)
    python scripts/frozen_extras.py dist/jcct-desktop --check  (lists libraries without a notice)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notices  # scripts/notices.py

ROOT = Path(__file__).resolve().parents[1]
_GLIBC = re.compile(rb"GLIBC_(2\.\d+)")
_ELF = b"\x7fELF"
# Folders under _internal whose libraries belong to a Python distribution with its own notice
# (wheels put their bundled libraries in <name>.libs/ or inside the package).
_PYTHON_OWNED = re.compile(r"^(PySide6|shiboken6|typst|lxml|PIL|pillow\.libs|"
                           r"psycopg_binary(\.libs)?|psycopg|sqlalchemy|reportlab|rl_accel|markupsafe|charset_normalizer|"
                           r"python_dateutil|_rl_accel|lib-dynload)/")


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == _ELF:
                    found.append(path)
    return sorted(found)


def glibc_needed(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any bundled binary asks for."""
    versions = {m.decode() for p in elf_files(bundle) for m in _GLIBC.findall(p.read_bytes())}
    return max(versions, key=lambda v: tuple(int(n) for n in v.split(".")), default="?")


def system_libraries(bundle: Path) -> list[Path]:
    """Libraries PyInstaller copied from the build machine (not from a Python distribution)."""
    internal = bundle / "_internal"
    out = []
    for path in elf_files(internal):
        rel = path.relative_to(internal).as_posix()
        if _PYTHON_OWNED.match(rel) or ".cpython-" in path.name or path.name.startswith(
                "libpython"):
            continue
        out.append(path)
    return out


def debian_package(library: Path) -> str | None:
    """The package that installed a library of this name on the build machine (dpkg -S)."""
    if shutil.which("dpkg") is None:
        return None
    done = subprocess.run(["dpkg", "-S", f"*/{library.name}"], capture_output=True, text=True)
    for line in done.stdout.splitlines():
        package, _, path = line.partition(": ")
        if path.startswith(("/lib", "/usr/lib")) and "-dbg" not in package:
            return package.split(":")[0]
    return None


def _package_version(package: str) -> str:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                          capture_output=True, text=True)
    return done.stdout.strip()


def frozen_parts(bundle: Path) -> tuple[str, list[str]]:
    """The notices only the frozen build needs, and the libraries left without one."""
    parts = []
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    version = sys.version.split()[0]
    parts.append(f"5. Python {version} (PSF-2.0): the interpreter and standard library\n\n"
                 + (python_licence.read_text(encoding="utf-8").strip()
                    if python_licence.is_file() else "https://docs.python.org/3/license.html"))
    pyinstaller = metadata.distribution("pyinstaller")
    texts = "\n\n".join(f"--- {name} ---\n{text.strip()}"
                        for name, text in notices.licence_texts(pyinstaller))
    parts.append(f"6. PyInstaller {pyinstaller.version} bootloader (the jcct-desktop executable "
                 f"itself): GPL-2.0-or-later WITH the bootloader exception\n\n{texts}")
    by_package: dict[str, list[str]] = {}
    missing = []
    # Linux: libraries come from Debian packages; elsewhere the bundle has no ELF files
    for library in system_libraries(bundle):
        package = debian_package(library)
        if package is None:
            missing.append(library.name)
            continue
        by_package.setdefault(package, []).append(library.name)
    for package, libraries in sorted(by_package.items()):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if not copyright_file.is_file():
            missing += libraries
            continue
        parts.append(
            f"7. System library package {package} {_package_version(package)} (Debian), "
            f"bundled as: {', '.join(sorted(libraries))}\n\n"
            + copyright_file.read_text(encoding="utf-8", errors="replace").strip())
    return f"\n{notices.RULE}\n".join(parts) + "\n", missing


def write(bundle: Path) -> list[str]:
    from jcct_desktop import __version__

    frozen, missing = frozen_parts(bundle)
    text = (notices.render().replace(
        "  4. Licence texts:",
        "  5. Python  6. PyInstaller's bootloader  7. System libraries (frozen folder only)\n"
        "  4. Licence texts:") + f"\n{notices.RULE}\n" + frozen)
    for target in (bundle / "THIRD-PARTY-NOTICES.txt",
                   bundle / "_internal" / "THIRD-PARTY-NOTICES.txt"):
        target.write_text(text, encoding="utf-8")
    readme = (ROOT / "packaging" / "README.txt").read_text(encoding="utf-8")
    readme = readme.replace("GLIBC_MIN", glibc_needed(bundle)).replace("VERSION", __version__)
    (bundle / "README.txt").write_text(readme, encoding="utf-8")
    if not sys.platform.startswith("win"):
        launcher = bundle / "add-to-menu.sh"
        shutil.copy2(ROOT / "packaging" / "add-to-menu.sh", launcher)
        launcher.chmod(0o755)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--check", action="store_true",
                        help="only list the bundled libraries that have no notice")
    args = parser.parse_args(argv)
    if args.check:
        _, missing = frozen_parts(args.bundle)
    else:
        missing = write(args.bundle)
        print(f"frozen extras: README.txt, notices, glibc >= {glibc_needed(args.bundle)}")
    if missing:
        print(f"frozen extras: no notice for {', '.join(sorted(set(missing)))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
