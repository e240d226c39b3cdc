"""The cases that drive nmt-content as a server or a library rather than as one build command.

- `serve`: `nmt-content serve ROOT` on a free port; once it serves the site, one article's body
  is replaced (atomically, as an editor saves) and the page is polled over HTTP until it shows
  the new text: the time from the save to that response, median of several edits.
- `head_tags`: in one process, `load_site` and `pages_of` on the corpus, then `head_tags(page)`
  for every page (after one call that warms the per-site caches): µs per page.
- sitemap streaming: a child process feeds generated entries to
  `nmt_content.render.sitemap.sitemap_documents` and hashes the documents as they come.
- `load_site`: a fresh process imports `nmt_content` and loads the corpus; the process's wall
  time (interpreter start-up and imports included) and `load_site` alone are both reported.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_measure import ChildFailed, Sample, progress, require, run_child

__all__ = [
    "HeadTagsResult",
    "LoadResult",
    "ServeResult",
    "SitemapResult",
    "free_port",
    "measure_head_tags",
    "measure_load",
    "measure_serve",
    "measure_sitemap",
]

API_SCRIPT = """
import json, sys, time
started = time.perf_counter()
from nmt_content import head_tags, load_site, pages_of
imported, cpu = time.perf_counter(), time.process_time()
site = load_site(sys.argv[1])
loaded = time.perf_counter()
figures = {
    "import_s": imported - started,
    "load_s": loaded - imported,
    "load_cpu_s": time.process_time() - cpu,
}
if sys.argv[2] == "head":
    pages = list(pages_of(site).values())
    head_tags(pages[0])  # warm the per-site caches, as a web app's first request would
    times, cpu = [], time.process_time()
    for page in pages:
        before = time.perf_counter_ns()
        head_tags(page)
        times.append(time.perf_counter_ns() - before)
    figures["pages"] = len(pages)
    figures["total_s"] = sum(times) / 1e9
    figures["cpu_s"] = time.process_time() - cpu
print(json.dumps(figures))
"""

SITEMAP_SCRIPT = """
import hashlib, sys
from datetime import date, timedelta
from nmt_content.render.sitemap import SitemapEntry, SitemapImage, sitemap_documents

count = int(sys.argv[1])
site = "https://bench-practice.example/"
start = date(2020, 1, 1)
entries = (
    SitemapEntry(
        loc=f"{site}articles/page-{i:07d}/",
        lastmod=start + timedelta(days=i % 1500),
        images=(SitemapImage(f"{site}images/page-{i:07d}.jpg"),),
    )
    for i in range(count)
)
digest, size, documents, index = hashlib.sha256(), 0, 0, False
for document in sitemap_documents(entries, base_url=site):
    documents += 1
    for chunk in document.chunks:
        digest.update(chunk)
        size += len(chunk)
        index = index or (document.path == "sitemap.xml" and b"<sitemapindex" in chunk)
# The peak of this process's own memory: a child's ru_maxrss can include its parent's size at
# the moment it was started, which says nothing about streaming sitemaps.
peak = next((line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")), "")
print(documents, size, int(index), digest.hexdigest(), peak)
"""

SERVE_START_TIMEOUT = 1800.0
"""Seconds to wait for the first build of `serve` (100,000 articles take minutes)."""
SERVE_EDIT_TIMEOUT = 600.0
POLL_INTERVAL = 0.005
SETTLE_SECONDS = 1.0
"""Pause between edits, so one edit's rebuild is not still running when the next is saved."""


@dataclass(frozen=True, slots=True)
class ServeResult:
    """Seconds from saving an article to the server answering with its new text, per edit."""

    edits: tuple[float, ...]
    start_s: float
    """From starting `serve` to its first answer with the article (the first build)."""
    cpu: tuple[float, ...] = ()
    """The server's CPU time (its own and its waited-for children's) over each edit, where
    /proc tells it; the steadier figure on a shared machine."""

    @property
    def median(self) -> float:
        return statistics.median(self.edits)


@dataclass(frozen=True, slots=True)
class HeadTagsResult:
    """`head_tags` over every page: the sum of the calls' wall times, and the loop's CPU time."""

    pages: int
    total_s: float
    cpu_s: float

    @property
    def per_page_us(self) -> float:
        return self.total_s / self.pages * 1e6 if self.pages else 0.0


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Medians over fresh processes: the whole process, imports + load_site, load_site alone."""

    runs: int
    process_s: float
    import_and_load_s: float
    load_s: float
    load_cpu_s: float


@dataclass(frozen=True, slots=True)
class SitemapResult:
    """Streaming `urls` sitemap entries through `sitemap_documents`."""

    urls: int
    sample: Sample
    documents: int
    bytes: int
    index: bool


def measure_sitemap(urls: int) -> SitemapResult:
    progress(f"sitemap: streaming {urls:,} URLs")
    child = run_child(_python("-c", SITEMAP_SCRIPT, str(urls)))
    sample = require(child, "sitemap streaming")
    documents, size, index, _digest, *peak = child.stdout.split()
    if peak:  # Linux: the script's own high-water mark, in KiB
        sample = Sample(sample.wall, int(peak[0]) / 1024, sample.cpu)
    return SitemapResult(urls, sample, int(documents), int(size), index == "1")


def _python(*args: str) -> list[str]:
    return [sys.executable, *args]


def measure_load(content: Path, runs: int) -> LoadResult:
    """`load_site` of `content` in `runs` fresh processes."""
    process, both, load, cpu = [], [], [], []
    for run in range(runs):
        progress(f"  load_site {run + 1}/{runs}")
        child = run_child(_python("-c", API_SCRIPT, str(content), "load"))
        sample = require(child, "load_site")
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        process.append(sample.wall)
        both.append(figures["import_s"] + figures["load_s"])
        load.append(figures["load_s"])
        cpu.append(figures["load_cpu_s"])
    medians = (statistics.median(figures) for figures in (process, both, load, cpu))
    return LoadResult(runs, *medians)


def measure_head_tags(content: Path) -> HeadTagsResult:
    """`head_tags` over every page of `content`, in one process."""
    progress("  head_tags over every page")
    child = run_child(_python("-c", API_SCRIPT, str(content), "head"))
    require(child, "head_tags")
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    return HeadTagsResult(int(figures["pages"]), float(figures["total_s"]), float(figures["cpu_s"]))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""


def _wait_for(
    url: str, wanted: bytes | None, timeout: float, server: subprocess.Popen[bytes]
) -> None:
    """Poll `url` until it answers 200 (containing `wanted`, when given)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        status, body = _fetch(url)
        if status == 200 and (wanted is None or wanted in body):
            return
        if server.poll() is not None:
            raise ChildFailed(f"serve exited with {server.returncode} before answering")
        time.sleep(POLL_INTERVAL)
    raise ChildFailed(f"serve did not answer {url} as expected within {timeout:.0f} s")


def process_cpu(pid: int) -> float | None:
    """CPU seconds of process `pid` and its waited-for children, from /proc (None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def save_atomically(path: Path, data: bytes, scratch: Path) -> None:
    """Replace `path` by `data` as an editor saves: write a file elsewhere, rename it over."""
    with tempfile.NamedTemporaryFile(dir=scratch, delete=False) as file:
        file.write(data)
    os.replace(file.name, path)


def measure_serve(
    command: Sequence[str], content: Path, article: Path, url_path: str, edits: int, scratch: Path
) -> ServeResult:
    """Start `command` (`nmt-content serve CONTENT --port P`), then time `edits` saves of
    `article` until `url_path` shows each one. The article is restored by the caller."""
    if edits < 1:
        raise ValueError("at least one edit")
    port = free_port()
    url = f"http://127.0.0.1:{port}{url_path}"
    original = article.read_bytes()
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        server = subprocess.Popen(
            [*command, str(content), "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            progress(f"  serve: waiting for the first build ({url})")
            _wait_for(url, None, SERVE_START_TIMEOUT, server)
            start_s = time.perf_counter() - started
            times: list[float] = []
            cpu: list[float] = []
            for number in range(1, edits + 1):
                time.sleep(SETTLE_SECONDS)
                marker = f"Serve benchmark edit number {number} was saved here.".encode()
                cpu_before = process_cpu(server.pid)
                save_atomically(article, original + b"\n" + marker + b"\n", scratch)
                saved = time.perf_counter()
                _wait_for(url, marker, SERVE_EDIT_TIMEOUT, server)
                times.append(time.perf_counter() - saved)
                cpu_after = process_cpu(server.pid)
                if cpu_before is not None and cpu_after is not None:
                    cpu.append(cpu_after - cpu_before)
                progress(f"  serve: edit {number}/{edits}: {times[-1]:.3f} s")
        except ChildFailed as exc:
            log.seek(0)
            exc.detail = log.read()[-4000:].decode("utf-8", "replace")
            raise
        finally:
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return ServeResult(tuple(times), start_s, tuple(cpu) if len(cpu) == len(times) else ())
