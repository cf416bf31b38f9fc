"""The app never touches the network: a whole session runs with sockets and DNS made to fail."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("offline")
    out = subprocess.run(
        [sys.executable, str(HERE / "offline_sequence.py"), str(work)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data["work"] = work
    return data


def test_the_whole_session_ran(report: dict) -> None:
    assert report["steps"] == [
        "start",
        "search",
        "select",
        "annotate",
        "export pdf",
        "back up",
        "quit",
    ]
    assert report["pages"] > 1 and (report["work"] / "packet.pdf").stat().st_size > 0
    assert report["starred"] == ["2011-SOFT-2"]
    assert Path(report["backup"]).is_file()


def test_nothing_tried_to_reach_the_network(report: dict) -> None:
    assert report["attempts"] == []
    assert report["inet_sockets"] == []


def test_qt_network_was_never_started(report: dict) -> None:
    assert report["qt_network_loaded"] is False
    assert report["network_modules"] == []


def test_the_guard_itself_catches_a_connection(tmp_path: Path) -> None:
    # Proves the patching works: the same guard stops a deliberate lookup.
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import offline_sequence as o\n"
        "o.block_network()\n"
        "import socket\n"
        "try:\n    socket.create_connection(('example.org', 80))\nexcept OSError as e:\n"
        "    print('refused', len(o.ATTEMPTS))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "refused 1"
