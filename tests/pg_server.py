"""A real PostgreSQL server for the team-sync tests: Debian's ``postgresql`` package, started
per test session in a temporary folder, listening on a Unix socket there and a loopback port.

It runs as the current user. The server refuses to run as root, so as root ``initdb`` and
``pg_ctl`` run as an unprivileged user that already exists (``postgres`` from the package,
else ``nobody``); no user is ever created. A missing server FAILS the tests with the reason
(``./run tests`` installs the package as root; ``./run tests --no-services`` leaves them out).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): "
            "install Debian's postgresql package (scripts/test_services.sh does as root), "
            "or run ./run tests --no-services"
        )
    return Path(found[-1]).parent


def _os_user() -> str:
    """Who runs the server: the current user, or as root an existing unprivileged one."""
    if os.getuid() != 0:
        return pwd.getpwuid(os.getuid()).pw_name
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("PostgreSQL will not run as root and neither a 'postgres' nor a "
                       "'nobody' user exists to run it")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    root: Path
    user: str
    port: int
    bin: Path
    options: str = ""  # extra server settings (-c name=value …)

    @property
    def socket_dir(self) -> str:
        return str(self.root / "sock")

    def url(self, db: str = "postgres", role: str | None = None, tcp: bool = False) -> str:
        """A libpq URL; as a superuser by default (the OS user name is the bootstrap role)."""
        who = role or self.user
        if tcp:
            return f"postgresql://{who}@127.0.0.1:{self.port}/{db}"
        return f"postgresql://{who}@/{db}?host={self.socket_dir}&port={self.port}"

    def _as_user(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        as_user = [] if os.getuid() != 0 else ["runuser", "-u", self.user, "--"]
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, cwd=self.root)
        if check and done.returncode != 0:
            # the server's own words, not a bare CalledProcessError
            raise RuntimeError(f"{Path(args[0]).name} failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()[-800:]}")
        return done

    def start(self) -> None:
        self._as_user(
            str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-w", "-t", "30",
            "-l", str(self.root / "log"), "-o",
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c fsync=off -c max_connections=60 {self.options}",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._as_user(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", mode,
                      "-w", "stop", check=False)

    def psql(self, sql: str, db: str = "postgres") -> str:
        done = self._as_user(
            str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At",
            "-h", self.socket_dir, "-p", str(self.port), "-d", db, "-c", sql,
        )
        return done.stdout.strip()

    def cleanup(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def start_server(tls: bool = False) -> PgServer:
    """Start a fresh server; ``tls``: with a certificate for ``localhost`` signed by a test
    CA whose certificate is ``root / "ca.crt"``."""
    binary = pg_bin()
    user = _os_user()
    root = Path(tempfile.mkdtemp(prefix="jcct-pg-"))
    (root / "sock").mkdir()
    info = pwd.getpwnam(user)
    if os.getuid() == 0:
        for path in (root, root / "sock"):
            os.chown(path, info.pw_uid, info.pw_gid)
    os.chmod(root, 0o755)  # the test process (root) and the server user both reach the socket
    server = PgServer(root, user, _free_port(), binary)
    if tls:
        _make_certificates(root, info.pw_uid, info.pw_gid)
        server.options = (f"-c ssl=on -c ssl_cert_file={root}/server.crt "
                          f"-c ssl_key_file={root}/server.key")
    server._as_user(str(binary / "initdb"), "-D", str(root / "data"), "-A", "trust",
                    "-U", user, "-E", "UTF8", "--no-sync")
    server.start()
    return server


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=cwd)


def _make_certificates(root: Path, uid: int, gid: int) -> None:
    """A test CA and a server certificate for the name localhost (only), signed by it."""
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
             "/CN=JCCT test CA", "-keyout", "ca.key", "-out", "ca.crt", cwd=root)
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
             "-keyout", "server.key", "-out", "server.csr", cwd=root)
    (root / "san.ext").write_text("subjectAltName=DNS:localhost\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
             "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt",
             cwd=root)
    if os.getuid() == 0:
        for name in ("server.key", "server.crt"):
            os.chown(root / name, uid, gid)
    os.chmod(root / "server.key", 0o600)
