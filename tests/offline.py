"""Does a page load anything from a network? Checked on its markup, and in headless Chromium.

:func:`external_resources` lists the URLs of scripts, styles, images, frames, fonts and media
that a page would fetch from outside (``http://``, ``https://``, ``//``). :func:`browser_requests`
opens the page in headless Chromium with every connection sent to a local proxy that answers
nothing and writes down what was asked of it: the network is blocked, and any request the page
makes (a script, a font, an image from a CDN, a module import) is listed.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
BROWSER_TIMEOUT = 120  # seconds Chromium may take to load a page

_FETCHED = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed|track)\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?//[^"'\s>]+)"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?((?:https?:)?//[^"'\s>]+)"""
    r"""|@import\s+(?:url\()?["']?((?:https?:)?//[^"')\s]+)"""
    r"""|url\(\s*["']?((?:https?:)?//[^"')\s]+)"""
    r"""|\bimport\s*\(?\s*["']((?:https?:)?//[^"']+)""",
    re.IGNORECASE)


def external_resources(html: str) -> list[str]:
    """URLs the page would load from a network (not plain links a reader may click)."""
    return sorted({next(g for g in m.groups() if g) for m in _FETCHED.finditer(html)})


class _Recorder:
    """A proxy on 127.0.0.1 that answers nothing and records the first line of each request."""

    def __init__(self):
        self.seen: list[str] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    first = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                except OSError:
                    first = "(no request line)"
                self.seen.append(first)
                try:
                    conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass

    def close(self):
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


def _host(request_line: str) -> str:
    """The host a proxied request goes to (``CONNECT host:443``, ``GET http://host/...``)."""
    target = request_line.split(" ")[1] if " " in request_line else request_line
    return re.sub(r"^[a-z]+://", "", target).split("/")[0].split(":")[0]


def _chromium(page: Path) -> tuple[list[str], str]:
    recorder = _Recorder()
    try:
        with tempfile.TemporaryDirectory() as profile:
            done = subprocess.run(
                [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                 f"--proxy-server=http://127.0.0.1:{recorder.port}", "--proxy-bypass-list=<-loopback>",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", "--no-first-run",
                 "--disable-features=OptimizationHints,MediaRouter,Translate,DialMediaRouteProvider,"
                 "NetworkTimeServiceQuerying,AutofillServerCommunication",
                 "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                 "--disable-breakpad", "--no-pings", "--no-default-browser-check",
                 "--metrics-recording-only", "--virtual-time-budget=5000", "--dump-dom",
                 Path(page).resolve().as_uri()],
                capture_output=True, text=True, timeout=BROWSER_TIMEOUT)
    finally:
        recorder.close()
    if done.returncode:
        raise RuntimeError(f"Chromium could not open {page}: {done.stderr.strip()[-500:]}")
    return recorder.seen, done.stdout


_OWN_HOSTS: set[str] | None = None

CHROMIUM_SERVICE_HOSTS = frozenset({
    "accounts.google.com", "clients1.google.com", "clients2.google.com", "www.google.com",
    "update.googleapis.com", "content-autofill.googleapis.com", "optimizationguide-pa.googleapis.com",
    "safebrowsingohttpgateway.googleapis.com", "redirector.gvt1.com",
})
"""Hosts of Chromium's own services (sign-in, updates, safe browsing): it asks for some of them at
random moments whatever the page, so one blank-page run does not always catch them. No page of ours
names them (:func:`external_resources` checks the markup itself)."""


def browser_requests(page: Path) -> tuple[list[str], str]:
    """(hosts the page asked for with the network blocked, the DOM Chromium rendered).

    Chromium itself talks to a few hosts of its maker whatever the page (sign-in, search
    preconnect), with every flag that stops its background traffic: those are the hosts it asks
    for on an empty page of ours, and they are left out; any other host is the page's.
    """
    global _OWN_HOSTS
    if _OWN_HOSTS is None:
        with tempfile.TemporaryDirectory() as tmp:
            blank = Path(tmp) / "blank.html"
            blank.write_text("<!DOCTYPE html><html><head><title>-</title></head><body>-</body></html>",
                             encoding="utf-8")
            _OWN_HOSTS = {_host(r) for r in _chromium(blank)[0]}
    seen, dom = _chromium(page)
    return sorted({_host(r) for r in seen} - _OWN_HOSTS - CHROMIUM_SERVICE_HOSTS), dom
