"""The packages are complete: `python -m build` makes an sdist and, from it, a wheel; each
installs into a clean virtual environment outside the checkout, and the command line and the
window's smoke test run from there on the bundled data.

The clean environments get the app's dependencies by reference (a .pth file naming this
environment's site-packages, whose versions requirements/lock.txt pins) rather than by a second
download of Qt; ``pip check`` then proves the installed metadata's requirements are met.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # about half a minute: two builds, two installs


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, args))}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    # no flags: the sdist first, then the wheel built from the unpacked sdist (proves the sdist
    # holds everything a build needs); --no-isolation: this environment's pinned setuptools
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO, cwd=REPO)
    (sdist,) = out.glob("jcct_desktop-*.tar.gz")
    (wheel,) = out.glob("jcct_desktop-*.whl")
    return {"sdist": sdist, "wheel": wheel}


def test_the_sdist_carries_what_a_build_needs(built: dict[str, Path]) -> None:
    with tarfile.open(built["sdist"]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in ("db/jcct.sqlite", "resources/fonts/wqy-microhei.ttc",
                   "resources/fonts/DejaVu-LICENSE.txt", "resources/styles/app.qss",
                   "THIRD-PARTY-NOTICES.txt", "licenses/LGPL-3.0.txt", "setup.py",
                   "jcct_desktop/team/migrations/versions/0001_team_items.py", "README.md"):
        assert needed in names, f"the sdist lacks {needed}"


def test_the_wheel_carries_data_notices_and_licence_metadata(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["wheel"]) as zf:
        names = set(zf.namelist())
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = zf.read(meta).decode()
        bundled_db = zf.read("jcct_desktop/_bundled/db/jcct.sqlite")
    assert bundled_db == (REPO / "db" / "jcct.sqlite").read_bytes()
    for needed in ("jcct_desktop/_bundled/resources/fonts/wqy-microhei.ttc",
                   "jcct_desktop/_bundled/THIRD-PARTY-NOTICES.txt",
                   "jcct_desktop/team/migrations/versions/0001_team_items.py"):
        assert needed in names, f"the wheel lacks {needed}"
    dist_info = meta.rsplit("/", 1)[0]
    for licence in ("THIRD-PARTY-NOTICES.txt", "licenses/LGPL-3.0.txt",
                    "resources/fonts/DejaVu-LICENSE.txt",
                    "resources/fonts/wqy-microhei-LICENSE.txt"):
        assert f"{dist_info}/licenses/{licence}" in names, f"the wheel lacks {licence}"
        assert f"License-File: {licence}" in metadata
    assert "License-Expression: LicenseRef-Proprietary AND Bitstream-Vera" in metadata


@pytest.fixture(scope="module", params=["wheel", "sdist"])
def installed(request: pytest.FixtureRequest, built: dict[str, Path],
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A clean venv outside the checkout with the package (and nothing else) installed."""
    home = tmp_path_factory.mktemp(f"venv-{request.param}")
    venv = home / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=home)
    site = Path(_run(venv / "bin" / "python", "-c",
                     "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=home).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
         "--quiet", "--no-deps", "--no-index", "--no-build-isolation", built[request.param],
         cwd=home)
    yield venv


def _clean_env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return {**keep, "HOME": str(home), "JCCT_DATA_DIR": str(home / "notes"),
            "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}


def test_the_installed_package_runs_on_its_own_data(installed: Path, tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    python = installed / "bin" / "python"
    where = _run(python, "-c", "import jcct_desktop, jcct_desktop.core.resources as r; "
                 "print(jcct_desktop.__file__); print(r.root()); print(r.notices())",
                 cwd=tmp_path, env=env).stdout.split()
    assert all(Path(p).is_relative_to(installed) for p in where), where
    assert Path(where[2]).is_file()  # the notices the About box names
    cli = installed / "bin" / "jcct-desktop"
    assert "export" in _run(cli, "--help", cwd=tmp_path, env=env).stdout
    _run(cli, "export", "json", "-o", tmp_path / "all.json", cwd=tmp_path, env=env)
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(data["commitments"]) == 40 and data["format"] == "jcct-desktop-data"
    smoke = _run(cli, "--smoke-test", cwd=tmp_path, env=env, timeout=120)
    assert "first paint" in smoke.stdout + smoke.stderr


def test_the_installed_metadata_requirements_are_met(installed: Path, tmp_path: Path) -> None:
    from importlib.metadata import PathDistribution

    dist_info = next((installed / "lib").glob("python3*/site-packages/jcct_desktop-*.dist-info"))
    requires = PathDistribution(dist_info).requires or []
    checked = _run(installed / "bin" / "python", "-c", """
import sys
from importlib.metadata import version, PackageNotFoundError
from packaging.requirements import Requirement
bad = []
for line in sys.argv[1:]:
    req = Requirement(line)
    if req.marker and not req.marker.evaluate({"extra": ""}):
        continue
    try:
        have = version(req.name)
    except PackageNotFoundError:
        bad.append(f"{req.name} missing")
        continue
    if not req.specifier.contains(have, prereleases=True):
        bad.append(f"{req.name} {have} does not satisfy {req}")
print("\\n".join(bad) or "ok")
""", *requires, cwd=tmp_path, env=_clean_env(tmp_path))
    assert checked.stdout.strip() == "ok", checked.stdout
    assert any(r.startswith("PySide6-Essentials") for r in requires)
    assert not any(r.startswith(("pytest", "ruff", "import-linter")) and "extra" not in r
                   for r in requires), "development tools must not be run-time requirements"
