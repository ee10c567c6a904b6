"""Real servers for the tests, on 127.0.0.1, over a music folder the test made: Supysonic (a Subsonic API
server from PyPI, run with waitress) and MPD (Debian's mpd, no audio output). Started here, stopped after."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

SUBSONIC_USER, SUBSONIC_PASSWORD = "alice", "s3cret pass"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listened on {port} within {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@contextmanager
def supysonic(music: Path, workdir: Path):
    """A Supysonic server over `music`, user alice; yields its URL and a function that rescans the folder."""
    if shutil.which("supysonic-cli") is None:
        pytest.skip("supysonic is not installed (pip install -e '.[test]')")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "supysonic.conf").write_text(
        f"[base]\ndatabase_uri = sqlite:///{workdir / 'supysonic.db'}\n"
        f"[webapp]\ncache_dir = {workdir / 'cache'}\nmount_webui = no\n"
        f"[daemon]\nsocket = {workdir / 'daemon.sock'}\nrun_watcher = no\n",
        encoding="utf-8",
    )
    bin_dir = Path(sys.executable).parent

    def cli(*args: str) -> None:
        subprocess.run([str(bin_dir / "supysonic-cli"), *args], cwd=workdir, check=True, capture_output=True)

    cli("user", "add", SUBSONIC_USER, "-p", SUBSONIC_PASSWORD)
    cli("folder", "add", "library", str(music))
    cli("folder", "scan", "-f", "library")
    port = free_port()
    process = subprocess.Popen(
        [str(bin_dir / "supysonic-server"), "-S", "waitress", "-h", "127.0.0.1", "-p", str(port)],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "server.log").open("wb"),
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}", lambda: cli("folder", "scan", "-f", "library")
    finally:
        _stop(process)


@contextmanager
def mpd(music: Path, workdir: Path, port: int | None = None):
    """An MPD over `music` with a null output (on `port`, e.g. to start one again where it was); yields HOST:PORT
    once its database holds the folder."""
    binary = shutil.which("mpd") or ("/usr/bin/mpd" if os.path.exists("/usr/bin/mpd") else None)
    if binary is None:
        pytest.skip("mpd is not installed (apt-get install mpd)")
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = workdir / "mpd.conf"
    config.write_text(
        f'music_directory "{music}"\ndb_file "{workdir / "db"}"\nstate_file "{workdir / "state"}"\n'
        f'playlist_directory "{workdir}"\nbind_to_address "127.0.0.1"\nport "{port}"\n'
        f'audio_output {{\n type "null"\n name "null"\n}}\n',
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "--no-daemon", "--stderr", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, process)
        from mpd import MPDClient

        client = MPDClient()
        client.connect("127.0.0.1", port)
        client.update()
        deadline = time.monotonic() + 30
        while "updating_db" in client.status() and time.monotonic() < deadline:
            time.sleep(0.1)
        client.disconnect()
        yield f"127.0.0.1:{port}"
    finally:
        _stop(process)


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres():
    """A throwaway PostgreSQL cluster on 127.0.0.1 (trust auth) in its own temp folder (pytest's are private to
    root, and the server runs as `postgres`); yields an admin URL to its `postgres` database, removes it after."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    workdir = Path(tempfile.mkdtemp(prefix="playlist-pg-"))
    data = workdir / "data"
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    subprocess.run(
        _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"]),
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        _as_postgres(
            [
                str(bin_dir / "postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-h",
                "127.0.0.1",
                "-k",
                str(workdir),
                "-c",
                "max_connections=300",
                "-c",
                "fsync=off",
            ]
        ),
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "server.log").open("wb"),
    )
    try:
        wait_for_port(port, process)
        import psycopg

        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(url).close()
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def fresh_database(admin_url: str) -> str:
    """A new empty database on the cluster; its URL."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


@contextmanager
def milvus(workdir: Path):
    """A Milvus standalone server (the C++ engine with its embedded etcd and local storage, from the `milvus`
    package) on 127.0.0.1; yields its milvus:// address."""
    embedded = pytest.importorskip("milvus", reason="the Milvus server is not installed (pip install -e '.[test]')")
    workdir.mkdir(parents=True, exist_ok=True)
    server = embedded.MilvusServer()
    server.set_base_dir(str(workdir))
    server.listen_port = free_port()
    server.start()  # returns once the server answers
    try:
        yield f"milvus://127.0.0.1:{server.listen_port}"
    finally:
        server.stop()
