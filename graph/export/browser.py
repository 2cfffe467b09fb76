"""Headless Chromium: PNG screenshots of SVG figures and a DevTools driver for browser tests.

Standard library only (no Selenium, no Playwright): the binary is Debian's ``chromium`` or any
Chrome found by :func:`find_chromium`, always started with the network blocked
(:func:`chromium_flags`). :func:`rasterise_svg` serves the PNG export; :class:`HeadlessChromium`
drives a page over ``--remote-debugging-pipe`` for the browser test and the HTML benchmark.

Examples
--------
>>> "--headless" in chromium_flags("/tmp/profile")
True
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from ..errors import ExportError


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary: ``$DRUGKG_CHROMIUM``, else ``chromium`` on ``PATH``...

    Examples
    --------
    >>> find_chromium() is None or os.path.exists(find_chromium())
    True
    """
    env = os.environ.get("DRUGKG_CHROMIUM")
    if env:
        return env if os.path.exists(env) else shutil.which(env)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_flags(profile: str, *, loopback: bool = False) -> list[str]:
    """Flags for a headless Chromium that reaches no network (requests to hosts fail at once).

    With ``loopback``, this machine (127.0.0.1, localhost) stays reachable -- for testing a local
    ``drugkg serve`` -- and every other host is still blocked.

    >>> "--proxy-bypass-list=<-loopback>" in chromium_flags("/tmp/p", loopback=True)
    False
    """
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--metrics-recording-only", "--mute-audio",
            "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", f"--user-data-dir={profile}"]
    if loopback:
        flags = [f for f in flags if not f.startswith(("--proxy-bypass-list", "--host-resolver-rules"))]
        flags.append("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1")
    return flags


def rasterise_svg(svg: str, out: Path, *, scale: float | None = None, timeout: float = 120.0) -> None:
    """Render SVG text to a PNG file with headless Chromium.

    ``scale`` is the device pixel ratio: by default 2 for pictures up to 2.5 megapixels, else 1.
    """
    exe = find_chromium()
    if exe is None:
        raise ExportError("PNG export needs Chromium (Debian: apt-get install chromium); export SVG instead")
    m = re.search(r'width="(\d+)" height="(\d+)"', svg)
    width, height = (int(m.group(1)), int(m.group(2))) if m else (1200, 800)
    if scale is None:  # crisp small figures, files of reasonable size for large ones
        scale = 2.0 if width * height <= 2_500_000 else 1.0
    with tempfile.TemporaryDirectory(prefix="drugkg-png-") as work:
        page = Path(work) / "figure.html"
        page.write_text('<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;'
                        f'background:#fff}}svg{{display:block}}</style></head><body>{svg}</body></html>', encoding="utf-8")
        shot = Path(work) / "shot.png"
        cmd = [exe, *chromium_flags(str(Path(work) / "profile")), f"--window-size={width},{height}",
               f"--force-device-scale-factor={scale}", f"--screenshot={shot}", page.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ExportError(f"Chromium did not render the PNG within {timeout:.0f} s") from None
        if not shot.exists() or shot.stat().st_size == 0:
            tail = (proc.stderr or "").strip().splitlines()[-3:]
            raise ExportError("Chromium could not render the PNG: " + (" | ".join(tail) or f"exit {proc.returncode}"))
        shutil.copyfile(shot, out)


class HeadlessChromium:
    """A headless Chromium driven over ``--remote-debugging-pipe`` with the standard library only.

    Records every network request the page attempts, console messages and uncaught exceptions;
    the network is blocked (see :func:`chromium_flags`). Used by the browser test and the HTML
    benchmark; needs a POSIX system.

    Examples
    --------
    >>> HeadlessChromium.available() in (True, False)
    True
    """

    def __init__(self, exe: str | None = None, *, width: int = 1280, height: int = 800, loopback: bool = False) -> None:
        exe = exe or find_chromium()
        if exe is None:
            raise ExportError("Chromium not found (Debian: apt-get install chromium)")
        self._work = tempfile.TemporaryDirectory(prefix="drugkg-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # in the child: the pipe ends become fds 3 (commands) and 4 (replies)
            a, b = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        cmd = [exe, *chromium_flags(str(Path(self._work.name) / "profile"), loopback=loopback), "--remote-debugging-pipe",
               f"--window-size={width},{height}", "about:blank"]
        self._proc = subprocess.Popen(cmd, preexec_fn=wire, close_fds=False, stdin=subprocess.DEVNULL,  # noqa: PLW1509
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=True)

    @staticmethod
    def available() -> bool:
        return find_chromium() is not None

    def _read(self, timeout: float) -> dict[str, Any]:
        import select as _select

        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not _select.select([self._from_child], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise ExportError("Chromium exited")
            self._buf += chunk
        msg, _, self._buf = self._buf.partition(b"\0")
        return json.loads(msg)  # type: ignore[no-any-return]

    def call(self, method: str, params: dict[str, Any] | None = None, *, session: bool = False, timeout: float = 60.0) -> Any:
        """Send one DevTools command and return its result (events meanwhile go to :attr:`events`)."""
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self._session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read(timeout)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise ExportError(f"Chromium {method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def open(self, url: str, *, timeout: float = 60.0) -> None:
        """Navigate to ``url`` and wait for its load event."""
        self.call("Page.navigate", {"url": url}, session=True)
        deadline = time.monotonic() + timeout
        while not any(e["method"] == "Page.loadEventFired" for e in self.events):
            self.events.append(self._read(max(0.1, deadline - time.monotonic())))

    def evaluate(self, expression: str, *, timeout: float = 60.0) -> Any:
        """Value of a JavaScript expression in the page (promises awaited)."""
        res = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                        session=True, timeout=timeout)
        if "exceptionDetails" in res:
            raise ExportError(f"page script failed: {res['exceptionDetails'].get('text')}")
        return res.get("result", {}).get("value")

    def requests(self) -> list[str]:
        """URLs of every request the pages attempted."""
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        """Uncaught exceptions, console errors and warnings, and browser log errors."""
        out = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append(f"exception: {d.get('exception', {}).get('description') or d.get('text')}")
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                out.append(f"console.{p['type']}: " + " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                out.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}".strip())
        return out

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing anyway
            self.call("Browser.close", timeout=5)
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._work.cleanup()

    def __enter__(self) -> HeadlessChromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
