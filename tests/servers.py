"""Servers the engine tests start on the loopback address: a free port, the Oxigraph server, an
Apache Jena (ARQ, TDB2) query endpoint, a Spark Connect server."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


@contextlib.contextmanager
def oxigraph_server(exe: str) -> Iterator[str]:
    """An empty Oxigraph server querying the union of its graphs; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def spark_connect_server(spark_home: str, seconds: float = 180.0) -> Iterator[str]:
    """A Spark Connect server (local[2], the engine's gRPC service) on the loopback address, from
    the PySpark package's own launcher; yields its ``sc://`` URL and stops it, with its JVM."""
    port = free_port()
    launcher = Path(spark_home) / "bin" / "spark-submit"
    cmd = [str(launcher), "--class", "org.apache.spark.sql.connect.service.SparkConnectServer", "--name", "drugkg-tests",
           "--master", "local[2]", "--conf", f"spark.connect.grpc.binding.port={port}",
           "--conf", "spark.connect.grpc.binding.address=127.0.0.1", "--conf", "spark.driver.host=127.0.0.1",
           "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4", "spark-internal"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "SPARK_HOME": spark_home})
    try:
        deadline = time.monotonic() + seconds
        while not _listening(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Spark Connect server did not start (exit {proc.poll()})")
            time.sleep(0.5)
        yield f"sc://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


# Debian's libapache-jena-java (Jena 4.5.0) and the libraries it depends on, by their unversioned names
JENA_JARS = ("jena-arq", "jena-base", "jena-core", "jena-dboe-base", "jena-dboe-index", "jena-dboe-storage",
             "jena-dboe-trans-data", "jena-dboe-transaction", "jena-iri", "jena-tdb2", "commons-io", "commons-lang3",
             "commons-codec", "commons-compress", "commons-csv", "commons-cli", "dexx.collection", "gson", "guava",
             "jackson-core", "jackson-databind", "jackson-annotations", "jsonld-java", "titanium-json-ld", "httpclient",
             "httpcore", "protobuf", "thrift", "slf4j-api", "slf4j-nop")
JENA_ENDPOINT = Path(__file__).parent / "jena" / "JenaEndpoint.java"


def jena_classpath(root: Path = Path("/usr/share/java")) -> str | None:
    """The class path of Debian's Apache Jena, or None when a jar or the JDK is missing."""
    jars = [root / f"{name}.jar" for name in JENA_JARS]
    if not (shutil.which("javac") and shutil.which("java") and all(j.exists() for j in jars)):
        return None
    return os.pathsep.join(str(j) for j in jars)


def _relocated_messages(jar: Path, classes: Path) -> None:
    """Debian's jena-core moves the Xerces it bundles from ``org.apache.jena.ext.xerces`` to
    ``xerces`` but leaves the message bundles behind, so Jena's datatypes fail to initialise
    ("internal error" from XSSimpleTypeDecl); put copies where the moved classes look."""
    old = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(jar) as z:
        if "xerces/impl/dv/xs/XSSimpleTypeDecl.class" not in z.namelist():
            return
        for name in z.namelist():
            if name.startswith(old) and name.endswith(".properties"):
                target = classes / "xerces" / name[len(old):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))


@contextlib.contextmanager
def jena_server(nquads: Path, work: Path, classpath: str, seconds: float = 120.0) -> Iterator[str]:
    """tests/jena/JenaEndpoint.java compiled into ``work`` and started on ``nquads`` (ARQ over an
    in-memory TDB2 dataset querying the union of its graphs, as Fuseki with
    ``tdb2:unionDefaultGraph``); yields its query URL once the data are loaded (within ``seconds``)."""
    classes = work / "classes"
    subprocess.run(["javac", "-d", str(classes), "-cp", classpath, str(JENA_ENDPOINT)], check=True, capture_output=True)
    _relocated_messages(Path(classpath.split(os.pathsep)[JENA_JARS.index("jena-core")]), classes)
    port = free_port()
    log = (work / "jena.log").open("w")
    proc = subprocess.Popen(["java", "-Xmx1g", "-cp", classpath + os.pathsep + str(classes), "JenaEndpoint", str(port),
                             str(nquads)], stdout=subprocess.DEVNULL, stderr=log)
    try:
        # the endpoint binds its port only once the data are loaded: polled with a deadline, so a
        # JVM that hangs fails the test instead of hanging it
        deadline = time.monotonic() + seconds
        while not _listening(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Jena endpoint did not start in {seconds:.0f} s (exit {proc.poll()}; "
                                   f"see {work / 'jena.log'})")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()
