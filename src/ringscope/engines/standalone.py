"""A Spark standalone cluster on this machine's loopback, started from the pyspark package.

A master and one worker, each a JVM run by pyspark's own ``bin/spark-class``, bound
to 127.0.0.1 only, with their logs and work folders in one temporary folder. For
trying ``--master spark://...`` without a real cluster, for the cluster tests and for
``bench/spark_scale.py``::

    python -m ringscope.engines.standalone     # prints the master URL; Ctrl-C stops it
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from ringscope.engines.base import EngineError
from ringscope.engines.spark_session import LOOPBACK

MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"


@dataclass
class Cluster:
    """A running loopback cluster; :meth:`stop` (or leaving a ``with`` block) ends its processes."""

    master_url: str
    web_url: str
    folder: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    owns_folder: bool = False

    def alive_workers(self) -> int:
        """How many workers the master counts as alive (0 while it is not answering)."""
        try:
            with urllib.request.urlopen(f"{self.web_url}/json/", timeout=5) as answer:
                state = json.load(answer)
        except (OSError, ValueError):
            return 0
        return int(state.get("aliveworkers", 0))

    def stop(self) -> None:
        """End the worker (and its executors), then the master; each in its own process group."""
        for process in reversed(self.processes):
            _end(process)
        self.processes.clear()
        if self.owns_folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def log_tail(self, chars: int = 3000) -> str:
        """The end of every log, for error messages."""
        logs = sorted(self.folder.glob("*.log"))
        return "\n".join(f"== {p.name}\n{p.read_text(errors='replace')[-chars:]}" for p in logs)

    def __enter__(self) -> Cluster:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def spark_class() -> Path:
    """pyspark's ``bin/spark-class`` (shipped in the pip package)."""
    try:
        import pyspark
    except ImportError:
        raise EngineError("a standalone cluster needs pyspark: pip install 'ringscope[spark]'") from None
    script = Path(pyspark.__file__).parent / "bin" / "spark-class"
    if not script.exists():
        raise EngineError(f"{script}: not found; this pyspark cannot start a standalone cluster")
    return script


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def start_cluster(
    *,
    cores: int = 1,
    memory: str = "1g",
    worker_env: Mapping[str, str] | None = None,
    folder: Path | None = None,
    timeout: float = 120.0,
) -> Cluster:
    """Start a master and one worker (``cores``, ``memory``) on loopback; wait until the worker is in.

    ``worker_env`` is the whole environment of the worker, and so of its executors and
    their Python workers (default: this process's). Raises :class:`EngineError` with the
    logs' tail when the cluster does not come up within ``timeout`` seconds.
    """
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise EngineError("a standalone cluster needs Java 17 (openjdk-17-jre-headless) or JAVA_HOME")
    script = spark_class()
    owns = folder is None
    home = folder or Path(tempfile.mkdtemp(prefix="ringscope-cluster-"))
    port, web = free_port(), free_port()
    cluster = Cluster(f"spark://{LOOPBACK}:{port}", f"http://{LOOPBACK}:{web}", home, owns_folder=owns)
    master_env = _env(os.environ, home)
    master = [str(script), MASTER_CLASS, "--host", LOOPBACK, "--port", str(port), "--webui-port", str(web)]
    worker = [
        str(script), WORKER_CLASS, cluster.master_url, "--host", LOOPBACK, "--cores", str(cores),
        "--memory", memory, "--webui-port", str(free_port()), "--work-dir", str(home / "work"),
    ]
    try:
        cluster.processes.append(_launch(master, master_env, home / "master.log"))
        _wait(cluster, lambda: _answers(cluster.web_url), timeout, "the master did not start")
        env = _env(worker_env if worker_env is not None else os.environ, home)
        cluster.processes.append(_launch(worker, env, home / "worker.log"))
        _wait(cluster, lambda: cluster.alive_workers() >= 1, timeout, "the worker did not join the master")
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _env(base: Mapping[str, str], home: Path) -> dict[str, str]:
    env = dict(base)
    env.update(SPARK_LOCAL_IP=LOOPBACK, SPARK_LOG_DIR=str(home), SPARK_WORKER_DIR=str(home / "work"))
    env.pop("SPARK_MASTER_HOST", None)
    return env


def _launch(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as sink:
        # A process group of its own, so that stopping it reaches every process it started.
        return subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/json/", timeout=5):
            return True
    except OSError:
        return False


def _wait(cluster: Cluster, ready: object, timeout: float, problem: str) -> None:
    assert callable(ready)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        if any(p.poll() is not None for p in cluster.processes):
            break
        time.sleep(0.5)
    raise EngineError(f"standalone cluster: {problem}\n{cluster.log_tail()}")


def _end(process: subprocess.Popen[bytes], grace: float = 20.0) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Start a loopback Spark standalone cluster until Ctrl-C.")
    parser.add_argument("--cores", type=int, default=1, help="cores of the worker (default 1)")
    parser.add_argument("--memory", default="1g", help="memory of the worker (default 1g)")
    args = parser.parse_args()
    try:
        cluster = start_cluster(cores=args.cores, memory=args.memory)
    except EngineError as exc:
        sys.exit(f"error: {exc}")
    with cluster:
        print(cluster.master_url, flush=True)
        print(f"web UI {cluster.web_url}, logs in {cluster.folder}; Ctrl-C stops it", file=sys.stderr)
        stop = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, stop)
        signal.sigwait(stop)


if __name__ == "__main__":
    main()
