"""The benchmark's corpus generator and the runner's pure helpers (the benchmark itself is not run)."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from nmt_content import load_site

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:  # run.py imports its siblings as a script does
    sys.path.append(str(BENCHMARKS))


def _load(name: str, file: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / file)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# run.py imports its sibling as `corpus`, as it does when run as a script.
corpus = sys.modules.get("corpus") or _load("corpus", "corpus.py")
bench = _load("bench_run", "run.py")
cases = sys.modules["bench_cases"]
measure = sys.modules["bench_measure"]
report = sys.modules["bench_report"]

N = 20


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(N, folder, seed=7)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _bodies(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((folder / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        yield path.stem, text.split("\n---\n", 1)[1]


def test_same_n_and_seed_give_byte_identical_files(root: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    corpus.write_corpus(N, again, seed=7)
    assert _files(again) == _files(root)
    topics = min(N, len(corpus.TOPICS))
    # the articles, practice.yaml, a lead image per article, a diagram and a stretch per topic
    assert len(_files(root)) == N + 1 + N + 2 * topics


def test_another_seed_gives_other_text(root: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    corpus.write_corpus(N, other, seed=8)
    assert _files(other).keys() == _files(root).keys()  # the slugs depend on the index only
    assert _files(other) != _files(root)


def test_the_corpus_loads_without_errors(root: Path) -> None:
    site = load_site(root)
    assert len(site.articles) == N
    assert [location.id for location in site.locations] == ["mount-shasta", "redding"]
    assert len(site.therapists) == 1
    assert site.therapists[0].credentials
    assert 2 <= len(site.services) <= 3
    assert site.practice.url.startswith("https://")
    assert site.practice.url.rstrip("/").endswith(".example")
    for article in site.articles:
        meta = article.meta
        assert corpus.MIN_WORDS <= article.word_count <= corpus.MAX_WORDS, article.source
        assert 120 <= len(meta.description) <= 156, meta.description
        assert meta.author == "pat"
        assert meta.services
        assert meta.keywords
        assert meta.image is not None
        assert meta.image.alt
        assert article.source == f"articles/{meta.slug}.md"
    assert any(article.meta.about for article in site.articles)
    assert any(article.meta.date_modified for article in site.articles)
    assert not all(article.meta.date_modified for article in site.articles)


def test_every_article_has_headings_lists_links_and_images(root: Path) -> None:
    slugs = {path.stem for path in (root / "articles").glob("*.md")}
    for slug, body in _bodies(root):
        assert corpus.MIN_WORDS <= len(body.split()) <= corpus.MAX_WORDS, slug
        assert re.search(r"^## \S", body, re.M), slug
        assert re.search(r"^- \S", body, re.M), slug
        assert re.search(r"^1\. \S", body, re.M), slug
        assert re.search(r"!\[[^\]]+\]\(/images/", body), slug
        assert re.search(r"(?<!!)\[[^\]]+\]\(https://", body), slug
        linked = re.findall(r"\]\(/articles/([^/)]+)/\)", body)
        assert linked, slug
        assert set(linked) <= slugs, "internal links point at articles of the corpus"


def test_slugs_and_titles_are_unique_at_scale() -> None:
    count = 100_000
    assert len({corpus.article_slug(i) for i in range(0, count, 97)}) == len(range(0, count, 97))
    assert corpus.article_slug(5) == corpus.article_slug(5)
    assert len({corpus.article_title(i) for i in range(5_000)}) == 5_000


def test_a_non_empty_folder_is_refused(root: Path) -> None:
    with pytest.raises(FileExistsError):
        corpus.write_corpus(1, root)


def test_the_command_line_writes_a_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert corpus.main(["--n", "2", "--out", str(tmp_path / "c"), "--seed", "3"]) == 0
    assert len(list((tmp_path / "c" / "articles").glob("*.md"))) == 2
    assert "wrote 2 articles" in capsys.readouterr().out
    assert corpus.main(["--n", "2", "--out", str(tmp_path / "c")]) == 2


# ------------------------------------------------------------------------------------------------
# The runner's helpers, on made-up numbers


def sample(wall: float, rss: float = 100.0, cpu: float = 1.0) -> Any:
    return bench.Sample(wall, rss, cpu)


def test_ratio_and_its_format() -> None:
    assert bench.ratio(1.0, 4.0) == 0.25
    assert bench.ratio(1.0, 0.0) is None
    assert bench.ratio(None, 2.0) is None
    assert bench.ratio(2.0, None) is None
    assert bench.format_ratio(0.254) == "0.25 ×"
    assert bench.format_ratio(None) == "n/a"


def test_median_takes_each_figure_separately() -> None:
    median = bench.median_sample([sample(3, 10, 1), sample(1, 30, 2), sample(2, 20, 9)])
    assert median == bench.Sample(2, 20, 2)
    with pytest.raises(ValueError, match="no samples"):
        bench.median_sample([])


def test_maxrss_units() -> None:
    assert bench.maxrss_mib(2048, "linux") == 2.0
    assert bench.maxrss_mib(3 * 1024 * 1024, "darwin") == 3.0


def test_markdown_table() -> None:
    table = bench.markdown_table(["a", "b"], [["1", "2"], ["3", "4"]], "rc")
    assert table.splitlines() == ["| a | b |", "| ---: | :---: |", "| 1 | 2 |", "| 3 | 4 |"]


def test_tree_differences(tmp_path: Path) -> None:
    for name, text in (("a", "x"), ("b", "x")):
        (tmp_path / name / "sub").mkdir(parents=True)
        (tmp_path / name / "sub" / "same.txt").write_text("same")
        (tmp_path / name / "changed.txt").write_text(text + name)
    (tmp_path / "b" / "extra.txt").write_text("")
    left, right = bench.tree_digests(tmp_path / "a"), bench.tree_digests(tmp_path / "b")
    assert set(left) == {"sub/same.txt", "changed.txt"}
    assert bench.tree_differences(left, right) == ["changed.txt", "extra.txt"]
    assert bench.tree_differences(left, left) == []


def test_hugo_config_puts_content_dir_at_the_top_level() -> None:
    original = 'baseURL = "https://example.org/"\n\n[markup.goldmark.renderer]\nunsafe = false\n'
    config = tomllib.loads(bench.hugo_config(original, "../n1000/articles", "../n1000/static"))
    assert config["contentDir"] == "../n1000/articles"
    assert config["staticDir"] == "../n1000/static"
    assert config["markup"]["goldmark"]["renderer"] == {"unsafe": False}
    assert config["frontmatter"]["date"][0] == "date_published"
    assert config["frontmatter"]["lastmod"][0] == "date_modified"
    assert "taxonomies" not in config  # plain Hugo: tags and categories at Hugo's defaults
    with pytest.raises(ValueError, match="frontmatter"):
        bench.hugo_config(original + "[frontmatter]\n", "x")


def test_the_keyword_hugo_adds_a_third_taxonomy() -> None:
    config = tomllib.loads(bench.hugo_config('title = "t"\n', "articles", keywords=True))
    assert config["taxonomies"] == {"tag": "tags", "category": "categories", "keyword": "keywords"}
    assert "staticDir" not in config
    with pytest.raises(ValueError, match="taxonomies"):
        bench.hugo_config("[taxonomies]\n", "x", keywords=True)


def _size(n: int, **changes: Any) -> Any:
    result = bench.SizeResult(
        articles=n,
        runs=3,
        nmt_full=sample(2.0, 100.0),
        hugo_full=sample(10.0, 1000.0),
        nmt_rebuild=sample(0.5),
        nmt_edit=sample(1.0),
        edit_identical=True,
        check=sample(5.0),
        sitemap_files=3,
        sitemap_index=False,
        serve=cases.ServeResult((0.2, 0.25, 0.4), 9.0, (0.1, 0.3, 0.2)),
        head_tags=cases.HeadTagsResult(10_000, 0.5, 0.6),
    )
    for key, value in changes.items():
        setattr(result, key, value)
    return result


def _sitemaps(small_rss: float, large_rss: float) -> list[Any]:
    return [
        bench.SitemapResult(100_000, sample(1.0, small_rss), 3, 10, True),
        bench.SitemapResult(1_000_000, sample(9.0, large_rss), 21, 100, True),
    ]


def test_targets_met_and_not_met() -> None:
    results = {
        1_000: _size(1_000, load=cases.LoadResult(3, 0.9, 0.5, 0.2, 0.2)),
        10_000: _size(10_000),
        100_000: _size(100_000, nmt_full=sample(25.0, 900.0), sitemap_files=4, sitemap_index=True),
    }
    targets = {t.name: t for t in bench.evaluate_targets(results, _sitemaps(50, 60))}
    assert len(targets) == 13
    serve = targets["10,000 serve: save of one article to its new page ≤ 0.3 s"]
    assert (serve.measured, serve.met) == ("0.250 s", True)  # the median of three edits
    head = targets["10,000 head_tags ≤ 100 µs a page"]
    assert (head.measured, head.met) == ("50.0 µs", True)
    load = targets["1,000 load_site ≤ 0.3 s (the call)"]
    assert load.met is True
    assert load.measured == "0.200 s (fresh process with imports: 0.90 s)"
    wall = targets["10,000 full build: wall ≤ 0.5 × Hugo"]
    assert (wall.measured, wall.met) == ("0.20 ×", True)
    assert targets["10,000 full build: peak RSS ≤ 0.2 × Hugo"].met is True  # 0.10
    assert targets["10,000 no-change rebuild ≤ 0.1 × Hugo full build"].met is True  # 0.05
    assert targets["10,000 one-article edit rebuild ≤ 0.15 × Hugo full build"].met is True  # 0.10
    assert targets["10,000 edit rebuild byte-identical to a clean build"].met is True
    assert targets["10,000 check ≤ Hugo full build"].met is True  # 0.5
    assert targets["100,000 full build: peak RSS ≤ 1 GiB"].measured == "900 MiB"
    assert targets["100,000 full build: peak RSS ≤ 1 GiB"].met is True
    scale = targets["100,000 full build: time ≤ 11 × the 10,000 time"]
    assert (scale.measured, scale.met) == ("12.50 ×", False)
    split = targets["100,000: sitemap split into an index"]
    assert (split.measured, split.met) == ("index + 3 sitemaps", True)
    assert targets["1,000,000-URL sitemap in constant memory"].met is True

    slow = {
        1_000: _size(1_000, load=cases.LoadResult(3, 0.9, 0.8, 0.31, 0.3)),
        10_000: _size(
            10_000,
            nmt_full=sample(6.0, 300.0),
            edit_identical=False,
            serve=cases.ServeResult((0.5,), 9.0),
            head_tags=cases.HeadTagsResult(100, 0.02, 0.02),
        ),
    }
    slow[10_000].edit_differences = 2
    targets = {t.name: t for t in bench.evaluate_targets(slow, _sitemaps(50, 200))}
    assert targets["10,000 full build: wall ≤ 0.5 × Hugo"].met is False  # 0.6
    assert targets["10,000 full build: peak RSS ≤ 0.2 × Hugo"].met is False  # 0.3
    identical = targets["10,000 edit rebuild byte-identical to a clean build"]
    assert (identical.measured, identical.met) == ("2 files differ", False)
    assert targets["100,000 full build: peak RSS ≤ 1 GiB"].met is None  # not measured
    assert targets["1,000,000-URL sitemap in constant memory"].met is False
    assert targets["10,000 serve: save of one article to its new page ≤ 0.3 s"].met is False
    assert targets["10,000 head_tags ≤ 100 µs a page"].met is False  # 200 µs
    assert targets["1,000 load_site ≤ 0.3 s (the call)"].met is False


def test_nothing_measured_is_reported_as_such() -> None:
    targets = bench.evaluate_targets({}, [])
    assert all(t.met is None for t in targets)
    assert all(t.measured == "not measured" for t in targets)


def test_measurement_rows_show_ratios_to_hugo() -> None:
    rows = bench.measurement_rows(_size(10_000, check=None, check_note="skipped: no check"))
    by_case = {row[2]: row for row in rows}
    assert by_case["nmt-content full build"][:2] == ["10,000", "3"]
    assert by_case["Hugo full build (plain: the baseline)"][4] == "1.00 ×"
    assert "Hugo full build with a keyword taxonomy" not in by_case  # not measured
    assert by_case["nmt-content full build"][3:7] == ["2.00 s", "0.20 ×", "100 MiB", "0.10 ×"]
    assert by_case["nmt-content one-article edit"][-1] == "byte-identical to a clean build"
    assert by_case["nmt-content check"][3] == "–"
    assert by_case["nmt-content check"][-1] == "skipped: no check"
    assert "Hugo no-change rebuild" not in by_case  # not measured, no note


def test_report_has_machine_measurements_and_targets() -> None:
    info = [("CPUs", "2"), ("Python", "3.11.7"), ("Hugo", "hugo v0.168.0")]
    report = bench.render_report(info, {10_000: _size(10_000)}, _sitemaps(50, 55))
    assert "| CPUs | 2 |" in report
    assert "## Measurements" in report
    assert "## Sitemap streaming" in report
    assert "| 10,000 full build: wall ≤ 0.5 × Hugo | 0.20 × | yes |" in report
    assert "## What each tool wrote" not in report  # no output was counted


def test_report_shows_outputs_and_the_server_and_library_cases() -> None:
    tree = measure.TreeStats(files=20, bytes=2**20, html_files=12, xml_files=2, static_files=5)
    result = _size(
        1_000, nmt_tree=tree, hugo_tree=tree, load=cases.LoadResult(3, 0.9, 0.5, 0.2, 0.2)
    )
    report_text = bench.render_report([], {1_000: result}, [])
    lines = report_text.splitlines()
    assert (
        "| 1,000 | Hugo (plain) | 20 | 1.0 MiB | 12 | 0.0 MiB | 2 (0.0 MiB) | 5 (0.0 MiB) | 1 |"
        in lines
    )
    serve = next(line for line in lines if "serve: save of one article" in line)
    assert "| 0.250 s |" in serve
    assert "median of 3 edits (0.200–0.400 s), 0.200 s CPU; first build 9.0 s" in serve
    head = next(line for line in lines if "head_tags per page" in line)
    assert "| 50.0 µs |" in head
    assert "(60.0 µs CPU)" in head
    load = next(line for line in lines if line.startswith("| 1,000 | load_site"))
    assert "| 0.200 s |" in load
    assert "the whole fresh process 0.900 s" in load
    assert "## Sitemap streaming" not in report_text


def test_the_keyword_hugo_is_a_labelled_row_against_plain_hugo() -> None:
    rows = bench.measurement_rows(_size(1_000, hugo_keywords_full=sample(17.0, 1500.0)))
    keywords = next(row for row in rows if row[2] == "Hugo full build with a keyword taxonomy")
    assert keywords[3:5] == ["17.00 s", "1.70 ×"]  # to plain Hugo's 10 s
    assert keywords[-1] == "not a baseline"


# ------------------------------------------------------------------------------------------------
# The corpus's images


def test_every_image_an_article_names_is_in_static(root: Path) -> None:
    static = root / "static"
    named: set[str] = set()
    for _slug, body in _bodies(root):
        named.update(re.findall(r"!\[[^\]]*\]\((/images/[^)]+)\)", body))
    for path in sorted((root / "articles").glob("*.md")):
        named.update(re.findall(r"^  src: (/images/\S+)$", path.read_text(), re.M))
    assert len(named) > N
    assert all((static / name.lstrip("/")).is_file() for name in named)


def test_the_images_are_valid_and_as_large_as_the_front_matter_says(root: Path) -> None:
    import imagesize

    site = load_site(root)
    for article in site.articles:
        assert article.meta.image is not None
        file = root / "static" / article.meta.image.src.lstrip("/")
        assert imagesize.get(file) == (article.meta.image.width, article.meta.image.height)
    jpeg = corpus.gray_jpeg(1200, 800)
    assert jpeg.startswith(b"\xff\xd8")
    assert jpeg.endswith(b"\xff\xd9")
    assert b"\xff" not in jpeg[jpeg.index(b"\xff\xda") + 10 : -2]  # no marker inside the scan
    assert len(jpeg[jpeg.index(b"\xff\xda") + 10 : -2]) == 150 * 100 * 2 // 8  # 2 bits a block


def test_the_png_decodes_to_its_size() -> None:
    import struct
    import zlib

    png = corpus.gray_png(20, 3)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, at = {}, 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data)
        chunks[kind] = data
        at += 12 + length
    assert struct.unpack(">II", chunks[b"IHDR"][:8]) == (20, 3)
    assert zlib.decompress(chunks[b"IDAT"]) == (b"\x00" + b"\x00" * 3) * 3  # 20 bits: 3 bytes


# ------------------------------------------------------------------------------------------------
# Output trees, the library cases and the serve case (with a stand-in server)


def test_tree_stats_count_html_xml_and_static_files(tmp_path: Path) -> None:
    out, static = tmp_path / "out", tmp_path / "static"
    for path, text in (
        ("index.html", "<p>1</p>"),
        ("a/index.html", "<p>22</p>"),
        ("sitemap.xml", "<x/>"),
        ("images/a.jpg", "jpeg"),
        ("seo.json", "{}"),
    ):
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)
    (static / "images").mkdir(parents=True)
    (static / "images" / "a.jpg").write_text("jpeg")
    stats = measure.tree_stats(out, static)
    assert (stats.files, stats.bytes) == (5, 8 + 9 + 4 + 4 + 2)
    assert (stats.html_files, stats.html_bytes) == (2, 17)
    assert (stats.xml_files, stats.static_files, stats.static_bytes) == (1, 1, 4)
    rows = report.output_rows(_size(10, nmt_tree=stats))
    assert [row[1] for row in rows] == ["nmt-content"]
    assert (rows[0][2], rows[0][4]) == ("5", "2")
    assert rows[0][-1] == "1"  # seo.json is neither HTML, XML nor static


def test_head_tags_and_load_site_are_measured_in_a_child(root: Path) -> None:
    head = cases.measure_head_tags(root)
    assert head.pages > N  # the articles and the practice's own pages
    assert head.per_page_us > 0
    load = cases.measure_load(root, 1)
    assert load.runs == 1
    assert 0 < load.load_s < load.import_and_load_s < load.process_s
    assert load.load_cpu_s > 0


STAND_IN_SERVER = """
import http.server, pathlib, sys
root, port = pathlib.Path(sys.argv[1]), int(sys.argv[3])
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        slug = self.path.strip("/").split("/")[-1]
        body = (root / "articles" / f"{slug}.md").read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
"""


def test_the_serve_case_times_each_save_until_the_page_shows_it(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cases, "SETTLE_SECONDS", 0.0)
    script = tmp_path / "server.py"
    script.write_text(STAND_IN_SERVER)
    article = sorted((root / "articles").glob("*.md"))[0]
    original = article.read_bytes()
    try:
        result = cases.measure_serve(
            [sys.executable, str(script)], root, article, f"/articles/{article.stem}/", 3, tmp_path
        )
    finally:
        article.write_bytes(original)
    assert len(result.edits) == 3
    if Path("/proc/self/stat").is_file():
        assert len(result.cpu) == 3
        assert all(seconds >= 0 for seconds in result.cpu)
    assert all(0 < seconds < 30 for seconds in result.edits)
    assert result.start_s > 0
    assert not list(tmp_path.glob("tmp*"))  # the saves were renamed into place


def test_a_server_that_exits_fails_the_serve_case(root: Path, tmp_path: Path) -> None:
    article = sorted((root / "articles").glob("*.md"))[0]
    command = [sys.executable, "-c", "raise SystemExit(3)"]
    with pytest.raises(measure.ChildFailed, match="serve exited with 3"):
        cases.measure_serve(command, root, article, "/", 1, tmp_path)
