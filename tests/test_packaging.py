"""The same resource-locating code works from a built wheel, not only from the checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr[-500:]}")
    wheel = next(out.glob("jcct_desktop-*.whl"))
    target = out / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    return target


def test_wheel_carries_the_database_and_fonts(unpacked_wheel: Path) -> None:
    bundled = unpacked_wheel / "jcct_desktop" / "_bundled"
    assert (bundled / "db" / "jcct.sqlite").read_bytes() == (
        REPO / "db" / "jcct.sqlite"
    ).read_bytes()
    assert (bundled / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert (bundled / "resources" / "fonts" / "wqy-microhei-LICENSE.txt").is_file()


def test_installed_wheel_finds_its_data(unpacked_wheel: Path, tmp_path: Path) -> None:
    code = (
        "import jcct_desktop, jcct_desktop.resources as r\n"
        "from jcct_desktop.store.reference import open_reference\n"
        "print(jcct_desktop.__file__); print(r.root())\n"
        "print(len(open_reference().catalog.commitments))"
    )
    env = {"PYTHONPATH": str(unpacked_wheel), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module, root, count = out.stdout.split()
    assert module.startswith(str(unpacked_wheel))
    assert root == str(unpacked_wheel / "jcct_desktop" / "_bundled")
    assert count == "40"
