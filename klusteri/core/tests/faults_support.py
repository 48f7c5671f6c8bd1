"""What the fault tests need to run the project in real processes: databases of
their own, the processes' environment, a gunicorn server, plain HTTP, and a
database line that a test can cut and mend.

The processes use the suite's database engine. On SQLite a database is a file
under the test's temporary folder; on PostgreSQL it is a database beside the
suite's, named ``<name>_faults_<what>`` after the one in ``KLUSTERI_DATABASE_URL``
(``<name>_faults_gw0_<what>`` in pytest-xdist's worker gw0, so that parallel
workers never share one), and dropped at the end. Both are copied from one migrated
template per session (per worker). The tests that start processes share the xdist
group ``faults``, so that ``--dist loadgroup`` runs them on one worker, which
migrates one template for all of them.

Register with ``pytest_plugins = ["klusteri.core.tests.faults_support"]``.

PYTEST_DONT_REWRITE: the test modules import this file before pytest could rewrite
it; its assertions carry their own messages.
"""

import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import pytest
from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SETTINGS = "klusteri.core.tests.faults_settings"
# Bounds for waiting on another process: generous for a loaded two-core machine.
STARTUP_SECONDS = 60
COMMAND_SECONDS = 120

# The tests that start processes of their own: one xdist worker runs them all.
in_processes = pytest.mark.xdist_group("faults")


def process_env(database_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a process the test starts: the project's settings read
    from nothing but ``database_url`` (no Redis, no other ``KLUSTERI_*`` value of
    the test run), with errors handled as in production (``faults_settings``)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("KLUSTERI_", "FAULTS_", "DJANGO_"))
    }
    env.update(
        KLUSTERI_DATABASE_URL=database_url,
        KLUSTERI_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE=SETTINGS,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def klusteri_command(*arguments: str) -> list[str]:
    """The ``klusteri`` console script, run by this Python."""
    return [PYTHON, "-m", "klusteri.cli", *arguments]


def wait_for(condition: Callable[[], object], *, seconds: float, what: str) -> object:
    """Poll until ``condition()`` is truthy; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Database:
    url: str
    var_dir: Path

    def env(self, **extra: str) -> dict[str, str]:
        return process_env(self.url, self.var_dir, **extra)

    def klusteri(self, *arguments: str, **extra_env: str) -> subprocess.CompletedProcess:
        """Run a ``klusteri`` command on this database; fail on a non-zero exit."""
        result = subprocess.run(
            klusteri_command(*arguments),
            cwd=PROJECT_DIR,
            env=self.env(**extra_env),
            capture_output=True,
            text=True,
            timeout=COMMAND_SECONDS,
            check=False,
        )
        assert result.returncode == 0, f"klusteri {' '.join(arguments)}:\n{result.stderr}"
        return result

    def query(self, sql: str, *params: object) -> list[tuple]:
        """Rows of one SQL query (placeholders ``%s``) through the database driver:
        quicker than starting a process with Django for a look at a few rows."""
        if self.url.startswith("sqlite:"):
            with closing(sqlite3.connect(self.url.removeprefix("sqlite:///"))) as database:
                return database.execute(sql.replace("%s", "?"), params).fetchall()
        with psycopg.connect(self.url) as database:
            return database.execute(sql, params).fetchall()

    def script(self, command: str, *arguments: str) -> dict:
        """Run a ``faults_script`` command on this database and return its JSON."""
        result = subprocess.run(
            [PYTHON, "-m", "klusteri.core.tests.faults_script", command, *arguments],
            cwd=PROJECT_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=COMMAND_SECONDS,
            check=False,
        )
        assert result.returncode == 0, f"faults_script {command}:\n{result.stderr}"
        return json.loads(result.stdout)


@dataclass
class ScratchDatabases:
    """Fresh, migrated databases on the suite's engine, for other processes."""

    root: Path
    vendor: str
    server_url: str = ""  # PostgreSQL: KLUSTERI_DATABASE_URL of the test run
    created: list[str] = field(default_factory=list)
    template: str = ""

    def _name(self, what: str) -> str:
        base = urllib.parse.urlsplit(self.server_url).path.lstrip("/")
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        return f"{base}_faults_{worker}_{what}" if worker else f"{base}_faults_{what}"

    def _url(self, name: str) -> str:
        return urllib.parse.urlsplit(self.server_url)._replace(path=f"/{name}").geturl()

    def _admin(self, *statements: str) -> None:
        with psycopg.connect(self._url("postgres"), autocommit=True) as admin:
            for statement in statements:
                admin.execute(statement)

    def _blank(self, what: str) -> str:
        if self.vendor == "sqlite":
            folder = self.root / what
            folder.mkdir()
            return f"sqlite:///{folder / 'klusteri.sqlite3'}"
        name = self._name(what)
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self._url(name)

    def new(self, what: str, *, like: Database | None = None) -> Database:
        """A database named ``what``: a copy of ``like``, which no process may be
        using, or else with every migration applied and nothing more."""
        if like is None:
            if not self.template:
                self.template = self._blank("template")
                Database(self.template, self.root).klusteri("migrate", "--no-input", "-v", "0")
            like = Database(self.template, self.root)
        var_dir = self.root / f"{what}-var"
        var_dir.mkdir()
        if self.vendor == "sqlite":
            url = self._blank(what)
            # SQLite's backup copies the write-ahead log's part as well.
            with (
                closing(sqlite3.connect(like.url.removeprefix("sqlite:///"))) as source,
                closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as copy,
            ):
                source.backup(copy)
            return Database(url, var_dir)
        name = self._name(what)
        source = urllib.parse.urlsplit(like.url).path.lstrip("/")
        self._admin(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{source}"',
        )
        self.created.append(name)
        return Database(self._url(name), var_dir)

    def drop_all(self) -> None:
        if self.created:
            self._admin(
                *(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in self.created)
            )


@pytest.fixture(scope="session")
def scratch_databases(tmp_path_factory) -> Iterator[ScratchDatabases]:
    assert connection.vendor in {"sqlite", "postgresql"}, connection.vendor
    databases = ScratchDatabases(
        tmp_path_factory.mktemp("faults"),
        connection.vendor,
        os.environ.get("KLUSTERI_DATABASE_URL", ""),
    )
    yield databases
    databases.drop_all()


# Processes


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    text: str


def request(
    port: int,
    method: str,
    path: str,
    *,
    form: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
    timeout: float = 30,
) -> Response:
    """One plain HTTP request to 127.0.0.1:``port``."""
    headers = {"Host": "127.0.0.1"}
    body = None
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request(method, path, body=body, headers=headers)
        response = client.getresponse()
        text = response.read().decode()
        cookies = SimpleCookie()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            cookies.load(cookie)
        return Response(
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            {name: morsel.value for name, morsel in cookies.items()},
            text,
        )
    finally:
        client.close()


@dataclass
class Server:
    port: int
    process: subprocess.Popen

    def get(self, path: str, **options) -> Response:
        return request(self.port, "GET", path, **options)

    def post(self, path: str, form: dict[str, str], **options) -> Response:
        return request(self.port, "POST", path, form=form, **options)


@contextmanager
def gunicorn(database: Database, log: Path, **extra_env: str) -> Iterator[Server]:
    """The project under gunicorn with one sync worker, as in production; the
    master starts a new worker if one dies."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                GUNICORN,
                "klusteri.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--timeout=120",
                "--graceful-timeout=2",
            ],
            cwd=PROJECT_DIR,
            env=database.env(**extra_env),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port, process)
    try:

        def answers() -> bool:
            assert process.poll() is None, f"gunicorn exited:\n{log.read_text()}"
            with suppress(OSError):
                return request(port, "GET", "/healthz", timeout=5).status == 200
            return False

        wait_for(answers, seconds=STARTUP_SECONDS, what="gunicorn to answer")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


# A database line to cut


class DatabaseLine:
    """The way from the application to its database, which a test can cut (as a
    database server going away) and mend. On SQLite the database file's folder is
    moved away; on PostgreSQL the connection runs through a TCP proxy that closes
    every connection and stops listening."""

    def __init__(self, database: Database, vendor: str):
        self.database = database
        self.vendor = vendor
        self.url = database.url
        if vendor == "postgresql":
            target = urllib.parse.urlsplit(database.url)
            self.proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5432)
            self.url = target._replace(netloc=self._netloc(target, self.proxy.port)).geturl()
            self.proxy.start()
        else:
            self.folder = Path(database.url.removeprefix("sqlite:///")).parent
            self.away = self.folder.with_name(self.folder.name + "-away")

    @staticmethod
    def _netloc(target: urllib.parse.SplitResult, port: int) -> str:
        user = f"{target.username}@" if target.username else ""
        return f"{user}127.0.0.1:{port}"

    def cut(self) -> None:
        if self.vendor == "postgresql":
            self.proxy.stop()
        else:
            self.folder.rename(self.away)

    def mend(self) -> None:
        if self.vendor == "postgresql":
            self.proxy.start()
        else:
            self.away.rename(self.folder)

    def close(self) -> None:
        if self.vendor == "postgresql":
            self.proxy.stop()


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to the target, until stopped."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = free_port()
        self.running = False
        self.sockets: list[socket.socket] = []
        self.threads: list[threading.Thread] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        listener.settimeout(0.05)
        self.running = True
        self._spawn(self._accept, listener)

    def stop(self) -> None:
        self.running = False
        for thread in self.threads:
            thread.join(timeout=5)
        with self.lock:
            for sock in self.sockets:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()
        self.threads.clear()

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self.threads.append(thread)

    def _accept(self, listener: socket.socket) -> None:
        with listener:
            while self.running:
                try:
                    client, _address = listener.accept()
                except TimeoutError:
                    continue
                client.settimeout(None)
                upstream = socket.create_connection(self.target)
                with self.lock:
                    self.sockets += [client, upstream]
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
