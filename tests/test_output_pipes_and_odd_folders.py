"""Odd output targets found walking the command line: a named pipe nothing reads from made
``export pdf -o FIFO`` wait for ever (now one line, exit 1, nothing written); one something
reads from still gets the whole packet; and a target in a folder where no file can be made
(/proc) said the folder "does not exist"."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from jcct_desktop.cli import main
from jcct_desktop.core.files import OutputError, atomic_write
from jcct_desktop.core.own_files import OwnFiles

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")


@posix_only
@pytest.mark.timeout(60)  # a regression hangs: fail it in a minute, not CI's five
def test_a_pipe_nothing_reads_from_is_refused_at_once(data_dir, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    capsys.readouterr()
    assert main(["export", "pdf", "-o", str(fifo)]) == 1  # returns: it used to hang here
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "a pipe that no program is reading from" in err and err.count("Cannot write") == 1


@posix_only
def test_a_pipe_something_reads_from_gets_the_whole_packet(data_dir, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    opened = threading.Event()

    def read() -> None:
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader there before the writer
        opened.set()
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as fh:
            chunks: list[bytes] = []
            while True:  # an empty read before the writer came is no end yet
                chunk = fh.read(65536)
                if not chunk and chunks:
                    break
                if chunk:
                    chunks.append(chunk)
                else:
                    time.sleep(0.01)
            received.append(b"".join(chunks))

    reader = threading.Thread(target=read)
    reader.start()
    assert opened.wait(10)
    assert main(["export", "pdf", "-o", str(fifo)]) == 0
    reader.join(30)
    assert received and received[0].startswith(b"%PDF") and received[0].rstrip().endswith(
        b"%%EOF")


@pytest.mark.skipif(not Path("/proc/version").exists(), reason="needs /proc")
def test_a_folder_where_no_file_can_be_made_is_not_called_missing(tmp_path):
    with pytest.raises(OutputError) as caught:
        atomic_write("/proc/jcct-desktop-test.pdf", lambda fh: fh.write(b"x"),
                     own_files=OwnFiles(tmp_path))
    assert "no new file can be made in the folder /proc" in str(caught.value)
    assert "does not exist" not in str(caught.value)
    with pytest.raises(OutputError) as missing:
        atomic_write(tmp_path / "nope" / "a.pdf", lambda fh: fh.write(b"x"),
                     own_files=OwnFiles(tmp_path))
    assert "does not exist" in str(missing.value)
