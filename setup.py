"""Packaging hook: a built wheel carries db/jcct.sqlite, resources/ and the third-party notices
inside the package.

In a source checkout and an editable install the files are read from the checkout itself;
``jcct_desktop.core.resources`` looks in ``jcct_desktop/_bundled`` first, which only a wheel has.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "jcct_desktop" / "_bundled"
        (target / "db").mkdir(parents=True, exist_ok=True)
        shutil.copy2(HERE / "db" / "jcct.sqlite", target / "db" / "jcct.sqlite")
        shutil.copytree(HERE / "resources", target / "resources", dirs_exist_ok=True)
        # Help → About points here; the same text is also in the wheel's .dist-info/licenses/
        shutil.copy2(HERE / "THIRD-PARTY-NOTICES.txt", target / "THIRD-PARTY-NOTICES.txt")


setup(cmdclass={"build_py": BuildPyWithData})
