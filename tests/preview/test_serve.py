"""`nmt-content serve`: pages, 404, rebuild on change, error overlay and recovery, live reload."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nmt_content.cli import main
from nmt_content.errors import ContentIssue
from nmt_content.pipeline.build import BuildOptions
from nmt_content.preview import server as serve_module
from nmt_content.preview.server import PortInUseError, PreviewBuild, PreviewServer, overlay_page

from ..webtools import VNU_JAR, java, nu_problems, requires

ARTICLE_PATH = "/articles/a-test-article-about-massage/"
TIMEOUT = 10.0


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def until(check: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    """Poll ``check`` every 50 ms until it holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout} s")
        time.sleep(0.05)


@pytest.fixture
def server(content_root: Path) -> Iterator[PreviewServer]:
    with PreviewServer(content_root, port=0) as preview:
        yield preview


def test_serves_home_and_article_with_reload_script(server: PreviewServer) -> None:
    status, html = fetch(server.url)
    assert status == 200
    page = soup(html)
    assert page.find("h1") is not None
    assert page.find("script", src="/__nmt/reload.js") is not None

    status, html = fetch(server.url + ARTICLE_PATH.lstrip("/"))
    assert status == 200
    assert soup(html).h1 is not None
    assert soup(html).h1.get_text(strip=True) == "A test article about massage"


def test_reload_script_is_never_written_to_disk(server: PreviewServer) -> None:
    built = list(server.out_dir.rglob("*.html"))
    assert built
    for file in built:
        assert b"__nmt" not in file.read_bytes()


def test_unknown_path_is_the_404_page_with_status_404(server: PreviewServer) -> None:
    status, html = fetch(server.url + "no/such/page/")
    assert status == 404
    assert soup(html).find("h1") is not None
    assert "__nmt/reload.js" in html


def test_folder_without_slash_redirects(server: PreviewServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT)
    connection.request("GET", "/articles")
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "/articles/"
    connection.close()


@pytest.mark.parametrize("path", ["/../practice.yaml", "/%2e%2e/practice.yaml", "/.nmt-content"])
def test_nothing_outside_the_build_is_served(server: PreviewServer, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    assert response.status == 404
    assert b"Test Practice" in body  # the site's 404 page, not practice.yaml
    assert b"locations:" not in body
    connection.close()


def test_edit_rebuilds_and_the_next_get_shows_it(server: PreviewServer, content_root: Path) -> None:
    article = content_root / "articles" / "test-article.md"
    article.write_text(article.read_text().replace("More text.", "Freshly edited words."))
    url = server.url + ARTICLE_PATH.lstrip("/")
    until(lambda: "Freshly edited words." in fetch(url)[1])


def test_broken_content_shows_an_escaped_overlay_and_fixing_recovers(
    server: PreviewServer, content_root: Path
) -> None:
    article = content_root / "articles" / "test-article.md"
    good = article.read_text()
    article.write_text(good.replace("date_published: 2024-03-01", "date_published: <b>soon</b>"))
    until(lambda: fetch(server.url)[0] == 500)

    status, html = fetch(server.url + ARTICLE_PATH.lstrip("/"))
    assert status == 500
    overlay = soup(html).find(id="nmt-error-overlay")
    assert overlay is not None
    assert overlay.find("b") is None  # the content's markup is shown, never parsed
    text = overlay.get_text(" ", strip=True)
    assert "articles/test-article.md:4" in text
    assert "date_published" in text
    assert "<b>soon</b>" in text
    assert "__nmt/reload.js" in html
    # Assets of the last good build are still served while the content is broken.
    assert fetch(server.url + "assets/site.css")[0] == 200

    article.write_text(good)
    until(lambda: fetch(server.url)[0] == 200)
    status, html = fetch(server.url + ARTICLE_PATH.lstrip("/"))
    assert status == 200
    assert soup(html).find(id="nmt-error-overlay") is None


def test_broken_yaml_keeps_the_server_answering(server: PreviewServer, content_root: Path) -> None:
    practice = content_root / "practice.yaml"
    good = practice.read_text()
    practice.write_text(good.replace("name: Test Practice", "name: [Test Practice"))
    until(lambda: fetch(server.url)[0] == 500)
    assert "practice.yaml:" in soup(fetch(server.url)[1]).get_text()
    status, _ = fetch(server.url + "__nmt/status")
    assert status == 200
    practice.write_text(good)
    until(lambda: fetch(server.url)[0] == 200)


def _events(server: PreviewServer) -> Iterator[int]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT)
    connection.request("GET", "/__nmt/reload")
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/event-stream"
    try:
        while True:
            line = response.readline()
            if not line:
                return
            if line.startswith(b"data: "):
                yield int(line.removeprefix(b"data: "))
    finally:
        connection.close()


def test_reload_endpoint_signals_a_change(server: PreviewServer, content_root: Path) -> None:
    events = _events(server)
    first = next(events)
    assert first == server.last_build.generation if server.last_build else False
    article = content_root / "articles" / "test-article.md"
    article.write_text(article.read_text() + "\nOne more line.\n")
    assert next(events) > first


def test_reload_script_is_served(server: PreviewServer) -> None:
    status, script = fetch(server.url + "__nmt/reload.js")
    assert status == 200
    assert "EventSource" in script
    assert "/__nmt/reload" in script


def test_overlay_escapes_every_part() -> None:
    result = PreviewBuild(
        generation=3,
        seconds=0.1,
        issues=(ContentIssue("articles/<x>.md", 2, 1, "title&", "bad <script>alert(1)</script>"),),
        error="template <oops>",
    )
    page = soup(overlay_page(result).decode())
    assert page.find("script", src=None) is None
    assert page.find("oops") is None
    text = page.get_text(" ", strip=True)
    assert "articles/<x>.md:2" in text
    assert "title&" in text
    assert "bad <script>alert(1)</script>" in text
    assert page.find("script", attrs={"data-generation": "3"}) is not None


def test_a_port_in_use_is_an_error_with_advice(content_root: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(PortInUseError, match=f"port {port} is in use.*--port 0"):
            PreviewServer(content_root, port=port).start()


def test_cli_reports_a_port_in_use(content_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", str(content_root), "--port", str(port)]) == 2
    assert f"port {port} is in use" in capsys.readouterr().err


def test_a_busy_default_port_moves_to_the_next(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        monkeypatch.setattr(serve_module, "DEFAULT_PORT", port)
        with PreviewServer(content_root, watch=False) as preview:
            assert preview.port != port
            assert preview.port_note is not None
            assert f"port {port} is in use" in preview.port_note
            assert fetch(preview.url)[0] == 200


def test_starting_with_broken_content_serves_the_overlay(content_root: Path) -> None:
    (content_root / "practice.yaml").write_text("practice: [\n")
    with PreviewServer(content_root, port=0, watch=False) as preview:
        assert preview.last_build is not None
        assert not preview.last_build.ok
        status, html = fetch(preview.url)
        assert status == 500
        assert soup(html).find(id="nmt-error-overlay") is not None


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_with_exit_code_0(content_root: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "nmt_content", "serve", str(content_root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        url = ""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if "Serving" in line:
                url = line.split(" at ")[-1].strip()
                break
        assert url.startswith("http://127.0.0.1:")
        assert fetch(url)[0] == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=TIMEOUT) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_without_practice_suggests_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert f"no practice.yaml in {tmp_path}" in err
    assert f"nmt-content init {tmp_path}" in err


@pytest.mark.slow
def test_a_template_change_rebuilds(content_root: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    override = (
        '{% extends "builtin/base.html" %}'
        "{% block content %}<h1>{{ page.headline }}</h1><p>Version one</p>{% endblock %}"
    )
    (templates / "article.html").write_text(override)
    options = BuildOptions(templates=templates)
    with PreviewServer(content_root, port=0, options=options) as preview:
        url = preview.url + ARTICLE_PATH.lstrip("/")
        assert "Version one" in fetch(url)[1]
        (templates / "article.html").write_text(override.replace("one", "two"))
        until(lambda: "Version two" in fetch(url)[1])
        (templates / "article.html").write_text(override.replace("Version one", "{% if %}"))
        until(lambda: fetch(url)[0] == 500)
        overlay = soup(fetch(url)[1]).get_text(" ", strip=True)
        assert f"{templates / 'article.html'}:1: TemplateSyntaxError" in overlay
        (templates / "article.html").write_text(
            override.replace("Version one", "{{ undefined_thing.x }}")
        )
        until(lambda: "UndefinedError" in fetch(url)[1])
        overlay = soup(fetch(url)[1]).get_text(" ", strip=True)
        assert f"{templates / 'article.html'}:1: UndefinedError: 'undefined_thing'" in overlay
        (templates / "article.html").write_text(override)
        until(lambda: fetch(url)[0] == 200)


@requires(java=java() is not None, vnu_jar=VNU_JAR.is_file())
def test_served_pages_and_the_overlay_are_valid_html(
    server: PreviewServer, content_root: Path, tmp_path: Path
) -> None:
    pages = {
        "home.html": fetch(server.url)[1],
        "article.html": fetch(server.url + ARTICLE_PATH.lstrip("/"))[1],
        "not-found.html": fetch(server.url + "no/such/page/")[1],
    }
    article = content_root / "articles" / "test-article.md"
    article.write_text(article.read_text().replace("2024-03-01", "<b>soon</b> & more"))
    until(lambda: fetch(server.url)[0] == 500)
    pages["overlay.html"] = fetch(server.url)[1]
    files = []
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
        files.append(str(tmp_path / name))
    assert nu_problems(files) == []


def test_rebuilds_are_incremental_and_a_save_without_change_reloads_nothing(
    content_root: Path,
) -> None:
    with PreviewServer(content_root, port=0, watch=False) as preview:
        first = preview.last_build
        assert first is not None
        assert first.ok
        assert first.rendered == first.pages

        same = preview.rebuild()
        assert same.unchanged
        assert same.generation == first.generation  # open pages do not reload

        article = content_root / "articles" / "test-article.md"
        article.write_text(article.read_text().replace("More text.", "Other text."))
        edited = preview.rebuild()
        assert edited.generation == first.generation + 1
        assert 1 <= edited.rendered < edited.pages
        assert "Other text." in fetch(preview.url + ARTICLE_PATH.lstrip("/"))[1]


def test_stop_before_serving_does_not_hang(content_root: Path) -> None:
    preview = PreviewServer(content_root, port=0, watch=False)
    preview.stop()  # never started
    preview._httpd = preview._bind()  # bound, but interrupted before serving
    stopping = threading.Thread(target=preview.stop, daemon=True)
    stopping.start()
    stopping.join(timeout=5)
    assert not stopping.is_alive()


def test_host_alone_means_every_interface_and_a_folder_after_it_gets_a_hint(
    content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from nmt_content.cli import _parser

    assert _parser().parse_args(["serve", "--host"]).host == "0.0.0.0"
    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    assert main(["serve", "--host", str(content_root)]) == 2
    err = capsys.readouterr().err
    assert f"put the folder first: nmt-content serve {content_root} --host" in err


# -- hostile requests and a shared machine ---------------------------------------------------


def raw_get(
    port: int, path: str, host: str | None, family: int = socket.AF_INET
) -> tuple[int, dict[str, str], bytes]:
    """Send ``GET path`` exactly as written, with ``Host: host`` (none when None)."""
    address = "::1" if family == socket.AF_INET6 else "127.0.0.1"
    with socket.create_connection((address, port), timeout=TIMEOUT) as sock:
        head = f"GET {path} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host is not None else "")
        sock.sendall((head + "Connection: close\r\n\r\n").encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    header, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = header.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (h.partition(":") for h in lines)}
    return int(status_line.split()[1]), headers, body


def test_dns_rebinding_host_header_is_refused(server: PreviewServer) -> None:
    port = server.port
    hosts = ["evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "", None]
    for path in ["/", ARTICLE_PATH, "/__nmt/status", "/__nmt/reload", "/sitemap.xml"]:
        for host in hosts:
            status, _headers, body = raw_get(port, path, host)
            assert status == 421, (path, host)
            assert b"Test Practice" not in body
            assert b"generation" not in body


def test_dns_rebinding_guard_answers_the_server_own_names(server: PreviewServer) -> None:
    for host in ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"]:
        status, _headers, body = raw_get(server.port, "/", f"{host}:{server.port}")
        assert status == 200, host
        assert b"Test Practice" in body


def test_dns_rebinding_guard_refuses_the_right_name_on_another_port(server: PreviewServer) -> None:
    assert raw_get(server.port, "/", f"127.0.0.1:{server.port + 1}")[0] == 421
    assert raw_get(server.port, "/", "localhost")[0] == 421  # port 80 implied


def test_dns_rebinding_guard_on_every_interface_takes_addresses_but_no_names(
    content_root: Path,
) -> None:
    with PreviewServer(content_root, host="0.0.0.0", port=0, watch=False) as preview:
        assert preview.url == f"http://127.0.0.1:{preview.port}/"
        assert raw_get(preview.port, "/", f"192.168.1.20:{preview.port}")[0] == 200
        assert raw_get(preview.port, "/", f"attacker.example:{preview.port}")[0] == 421
        assert raw_get(preview.port, "/", f"[::1]:{preview.port}")[0] == 200


def test_open_redirect_by_backslash_or_double_slash_stays_on_the_origin(
    server: PreviewServer,
) -> None:
    for path in [
        "/\\evil.example/../articles",
        "//evil.example/../articles",
        "/\\/evil.example/%2e%2e/articles",
        "/%5Cevil.example/../articles",
    ]:
        status, headers, _body = raw_get(server.port, path, f"127.0.0.1:{server.port}")
        assert (status, headers["location"]) == (301, "/articles/"), path
        target = urllib.parse.urlsplit(urllib.parse.urljoin(server.url, headers["location"]))
        assert target.netloc == f"127.0.0.1:{server.port}"


def test_redirect_target_is_percent_encoded_from_the_cleaned_path(server: PreviewServer) -> None:
    status, headers, _body = raw_get(server.port, "/./articles/", f"127.0.0.1:{server.port}")
    assert status == 200
    status, headers, _body = raw_get(server.port, "/x/../articles", f"localhost:{server.port}")
    assert (status, headers["location"]) == (301, "/articles/")


def test_client_disconnect_prints_no_traceback(
    server: PreviewServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpd = server._httpd
    assert httpd is not None
    for error in (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
        try:
            raise error("the browser went away")
        except error:
            httpd.handle_error(None, ("127.0.0.1", 1))
    assert capsys.readouterr().err == ""
    try:
        raise ValueError("a real bug")
    except ValueError:
        httpd.handle_error(None, ("127.0.0.1", 1))
    assert "ValueError: a real bug" in capsys.readouterr().err  # bugs are still shown


def test_client_disconnect_mid_response_leaves_the_server_quiet_and_answering(
    server: PreviewServer, capfd: pytest.CaptureFixture[str]
) -> None:
    for _ in range(5):  # abort requests; a reset connection must not end the server
        with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as sock:
            # Linger on, for 0 s: closing sends a reset, as a browser dropping a page may.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    assert fetch(server.url)[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def _serve_process(root: Path, tmp: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", "TMPDIR": str(tmp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "nmt_content", "serve", str(root), "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if "Serving" in line:
            return process, line.split(" at ")[-1].strip()
    process.kill()
    pytest.fail(f"serve did not start: {process.communicate()}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_leave_no_temporary_folder_behind(
    content_root: Path, tmp_path: Path, signum: int
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    process, url = _serve_process(content_root, tmp)
    try:
        assert fetch(url)[0] == 200
        (build_folder,) = tmp.iterdir()
        assert build_folder.name.startswith("nmt-content-serve-")
        process.send_signal(signum)
        assert process.wait(timeout=TIMEOUT) == 0
        _out, err = process.communicate()
        assert "Traceback" not in err
        assert list(tmp.iterdir()) == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_ipv6_host_serves_on_the_ipv6_loopback(content_root: Path) -> None:
    with PreviewServer(content_root, host="::1", port=0, watch=False) as preview:
        assert preview.url == f"http://[::1]:{preview.port}/"
        status, _headers, body = raw_get(
            preview.port, "/", f"[::1]:{preview.port}", family=socket.AF_INET6
        )
        assert status == 200
        assert b"Test Practice" in body
        assert raw_get(preview.port, "/", "evil.example", family=socket.AF_INET6)[0] == 421


@pytest.mark.parametrize("port", ["70000", "-1", "65536", "http", "1e3"])
def test_out_of_range_port_is_a_usage_error_not_a_traceback(
    content_root: Path, port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", str(content_root), "--port", port])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"'{port}' is not a port number: use 1–65535, or 0 for any free port" in err
    assert "Traceback" not in err
    with pytest.raises(ValueError, match="not a port number"):
        PreviewServer(content_root, port=70000)
