"""A private CUPS scheduler for the printing tests, started as the current user in a temporary
folder: its own configuration, spool, logs and state, listening only on a Unix socket there.

The system's print service, its queues, /etc/printcap and the user's home are never touched:
clients (``lp``, ``lpadmin``, ``lpstat`` and Qt's libcups) find this scheduler through
``CUPS_SERVER``, which the fixture sets for the test process only.

The queue is a PDF printer (tests/data/pdf-printer.ppd) on the scheduler's own file device:
CUPS's pdftopdf filter applies the job's options (page ranges, copies) and the printed PDF is
written into the temporary folder. (cups-pdf cannot serve here: its backend refuses to run
without root privileges and writes into the job owner's real home.)
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PPD = REPO / "tests" / "data" / "pdf-printer.ppd"
CUPSD_PATHS = ("/usr/sbin/cupsd", "/usr/local/sbin/cupsd")


class CupsUnavailable(RuntimeError):
    """The scheduler could not be started; the message says why and what to install."""


def cupsd_binary() -> str:
    found = shutil.which("cupsd") or next((p for p in CUPSD_PATHS if os.access(p, os.X_OK)), None)
    if found is None:
        raise CupsUnavailable(
            "CUPS is not installed (no cupsd): install Debian's cups package "
            "(scripts/test_services.sh does as root), or run ./run tests --no-services")
    for tool in ("lp", "lpadmin", "lpstat"):
        if shutil.which(tool) is None and not os.access(f"/usr/sbin/{tool}", os.X_OK):
            raise CupsUnavailable(f"{tool} is missing: install Debian's cups-client package")
    if not Path("/usr/lib/cups/filter/pdftopdf").exists():
        raise CupsUnavailable("CUPS's pdftopdf filter is missing: install cups-filters")
    return found


def _tool(name: str) -> str:
    return shutil.which(name) or f"/usr/sbin/{name}"


@dataclass
class CupsServer:
    root: Path
    process: subprocess.Popen[bytes]

    @property
    def socket(self) -> str:
        return str(self.root / "cups.sock")

    @property
    def out(self) -> Path:
        """Where the queue's printed files land."""
        return self.root / "printed"

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": self.socket, "HOME": str(self.root / "home")}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([_tool(args[0]), *args[1:]], env=self.env(), check=check,
                              capture_output=True, text=True, timeout=60)

    def add_queue(self, name: str) -> Path:
        """A PDF queue whose every job is written to the returned file."""
        target = self.out / f"{name}.pdf"
        self.run("lpadmin", "-p", name, "-E", "-v", f"file://{target}", "-P", str(PPD))
        return target

    def wait_for(self, job_id: str, timeout: float = 60) -> None:
        """Until the job is completed (its file written), or fail with the scheduler's log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = self.run("lpstat", "-W", "completed", "-o", check=False).stdout.split()
            if job_id in done:
                return
            time.sleep(0.1)
        raise AssertionError(f"CUPS did not print job {job_id} within {timeout} s; "
                             f"log: {self.log()[-1500:]}")

    def log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)


def private_socket() -> str:
    """Where the tests' scheduler listens: set as CUPS_SERVER before anything loads libcups
    (tests/conftest.py), because libcups reads it once per process. Until the scheduler
    starts, every print query of the suite finds no printer; the system's CUPS is never asked.
    """
    return str(Path(tempfile.mkdtemp(prefix="jcct-cups-")) / "cups.sock")


def start_server(timeout: float = 20, socket: str | None = None) -> CupsServer:
    """Start a scheduler in the folder of ``socket`` (default: a new temporary folder)."""
    cupsd = cupsd_binary()
    root = Path(socket).parent if socket else Path(tempfile.mkdtemp(prefix="jcct-cups-"))
    root.mkdir(parents=True, exist_ok=True)
    for sub in ("etc", "etc/ppd", "spool", "spool/tmp", "cache", "state", "log", "home",
                "printed", "ssl"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    user = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    if os.getuid() == 0:
        # as root the scheduler runs its filters as the unprivileged User (lp): they must
        # reach the spool, and the file device's output folder must take their files
        user, group = "lp", "lp"
        for path in [root, *root.rglob("*")]:
            os.chmod(path, 0o777 if path.is_dir() else 0o666)
        os.chmod(root, 0o755)
        for sub in ("etc", "etc/ppd", "ssl", "state", "cache", "log"):
            os.chmod(root / sub, 0o755)
    (root / "etc" / "cupsd.conf").write_text(f"""\
LogLevel warn
Listen {root}/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
""")
    (root / "etc" / "cups-files.conf").write_text(f"""\
ServerRoot {root}/etc
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
ServerKeychain {root}/ssl
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
Printcap {root}/printcap
ServerBin /usr/lib/cups
DataDir /usr/share/cups
FileDevice Yes
User {user}
Group {group}
SystemGroup {grp.getgrgid(os.getgid()).gr_name}
""")
    env = {**os.environ, "HOME": str(root / "home")}
    process = subprocess.Popen(
        [cupsd, "-f", "-c", str(root / "etc" / "cupsd.conf"),
         "-s", str(root / "etc" / "cups-files.conf")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = CupsServer(root, process)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            why = (process.stderr.read() if process.stderr else b"").decode(errors="replace")
            shutil.rmtree(root, ignore_errors=True)
            raise CupsUnavailable(f"the private CUPS scheduler stopped at once: "
                                  f"{(why or server.log()).strip()[-800:]}")
        status = server.run("lpstat", "-r", check=False).stdout
        if status.startswith("scheduler is running"):
            return server
        if time.monotonic() > deadline:
            server.stop()
            raise CupsUnavailable(f"the private CUPS scheduler did not answer within {timeout} s")
        time.sleep(0.1)
