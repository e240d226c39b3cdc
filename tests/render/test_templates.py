"""The built-in templates and head tags, read as a browser would: every page parsed with
BeautifulSoup, never by searching the raw HTML for substrings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Doctype, Tag
from jinja2 import UndefinedError

from nmt_content.pages.model import PagePlan
from nmt_content.pages.plan import plan_pages
from nmt_content.pipeline.loading import load_site
from nmt_content.render.environment import make_environment, stylesheet_text
from nmt_content.render.formatting import address_lines, tel_href, time_tag
from nmt_content.render.head import render_head
from nmt_content.render.html import page_context, render_page
from nmt_content.render.markdown import render_markdown
from nmt_content.urls import Urls

from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE, REPO_ROOT

JSONLD = '<script type="application/ld+json">{"@context":"https://schema.org"}</script>'
DUMMY_HEAD = f'<meta charset="utf-8">\n<title>Test</title>\n{JSONLD}'
CAMTC_LINE = "Dustin, CAMTC Certified Massage Therapist #93004"
ARTICLE = "/articles/neuromuscular-therapy-lower-back-pain/"
FOCUSABLE = ("a", "button", "input", "select", "textarea", "summary", "iframe")
XSS_TITLE = "</script><script>alert(1)</script> and <b onclick=x>"


def render_all(root: Path, templates: Path | None = None) -> dict[str, str]:
    """Every page of the content root, rendered with a dummy head."""
    site = load_site(root)
    urls = Urls.for_base(site.practice.url)
    pages = plan_pages(site, urls)
    env = make_environment(templates)
    return {
        page.path: render_page(
            env,
            page_context(
                site, urls, page, body_html=body_of(page), head_html=DUMMY_HEAD, pages=pages
            ),
        )
        for page in pages
    }


def body_of(page: PagePlan) -> str:
    """The page's own HTML, as the build makes it."""
    if page.article is not None:
        return render_markdown(page.article.body)
    if page.service is not None and page.service.body:
        return render_markdown(page.service.body)
    if page.kind == "about" and page.therapist is not None and page.therapist.bio:
        return render_markdown(page.therapist.bio)
    return ""


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def text_of(element: Tag) -> str:
    """Visible text with white space folded."""
    return " ".join(element.get_text(" ").split())


def inline_text(element: Tag) -> str:
    """Text as it reads, for an element whose children are inline (no space added at tags)."""
    return " ".join(element.get_text().split())


def body(doc: BeautifulSoup) -> Tag:
    found = doc.body
    assert found is not None
    return found


def one(doc: BeautifulSoup | Tag, selector: str) -> Tag:
    found = doc.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def page_doc(root: Path, path: str) -> BeautifulSoup:
    return parse(render_all(root)[path])


@pytest.fixture(scope="module")
def repo_pages() -> dict[str, BeautifulSoup]:
    return {path: parse(html) for path, html in render_all(REPO_ROOT).items()}


# -- every page --------------------------------------------------------------------------------


def test_every_kind_of_page_is_rendered(repo_pages: dict[str, BeautifulSoup]) -> None:
    assert {"/", "/about/", "/articles/", ARTICLE, "/404.html"} <= set(repo_pages)
    assert any(path.startswith("/services/") for path in repo_pages)
    assert any(path.startswith("/locations/") for path in repo_pages)


def test_doctype_lang_and_one_h1(repo_pages: dict[str, BeautifulSoup]) -> None:
    for path, doc in repo_pages.items():
        doctypes = [item for item in doc.contents if isinstance(item, Doctype)]
        assert [str(d).lower() for d in doctypes] == ["html"], path
        html = doc.find("html")
        assert isinstance(html, Tag)
        assert html.get("lang") == "en-US", path
        h1s = doc.find_all("h1")
        assert len(h1s) == 1, path
        assert text_of(h1s[0]), path


def test_skip_link_is_the_first_focusable_element(repo_pages: dict[str, BeautifulSoup]) -> None:
    for path, doc in repo_pages.items():
        focusable = [
            tag
            for tag in body(doc).find_all(list(FOCUSABLE))
            if tag.name != "a" or tag.has_attr("href")
        ]
        first = focusable[0]
        assert first.name == "a", path
        assert first.get("class") == ["skip-link"], path
        assert first.get("href") == "#main", path
        assert text_of(first) == "Skip to content", path


def test_landmarks(repo_pages: dict[str, BeautifulSoup]) -> None:
    for path, doc in repo_pages.items():
        page_body = body(doc)
        assert len(page_body.find_all("header", recursive=False)) == 1, path
        assert len(page_body.find_all("footer", recursive=False)) == 1, path
        main = one(doc, "main")
        assert main.get("id") == "main", path
        navs = doc.find_all("nav")
        assert navs, path
        labels = [nav.get("aria-label") for nav in navs]
        assert all(labels), path
        assert len(set(labels)) == len(labels), path


def test_headings_are_never_empty_and_never_skip_a_level(
    repo_pages: dict[str, BeautifulSoup],
) -> None:
    for path, doc in repo_pages.items():
        previous = 0
        for heading in body(doc).find_all(re.compile(r"^h[1-6]$")):
            level = int(heading.name[1])
            assert text_of(heading), f"{path}: empty {heading.name}"
            assert level <= previous + 1, f"{path}: h{previous} → {heading.name}"
            previous = level


def test_no_inline_scripts_or_event_handlers(repo_pages: dict[str, BeautifulSoup]) -> None:
    for path, doc in repo_pages.items():
        for script in doc.find_all("script"):
            assert script.get("type") == "application/ld+json", path
        for tag in doc.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], path
            assert "style" not in tag.attrs, path


def test_camtc_line_is_visible_on_every_page(repo_pages: dict[str, BeautifulSoup]) -> None:
    for path, doc in repo_pages.items():
        assert CAMTC_LINE in text_of(body(doc)), path
        header = one(doc, "body > header")
        assert CAMTC_LINE in text_of(header), path


def test_camtc_line_comes_from_the_data(content_root: Path) -> None:
    for path, html in render_all(content_root).items():
        header = one(parse(html), "body > header")
        assert "Alex Example, CAMTC Certified Massage Therapist #12345" in text_of(header), path


def test_footer_is_identical_and_names_both_offices(repo_pages: dict[str, BeautifulSoup]) -> None:
    footers = {str(one(doc, "body > footer")) for doc in repo_pages.values()}
    assert len(footers) == 1
    footer = one(parse(footers.pop()), "footer")
    names = [text_of(link) for link in footer.select("address.nap > a:first-child")]
    assert names == ["Mount Shasta office", "Redding office"]
    text = text_of(footer)
    assert "Mount Shasta, CA" in text
    assert "Redding, CA" in text
    assert "None" not in text  # unknown street and phone are left out, not printed
    hrefs = {a.get("href") for a in footer.find_all("a")}
    assert {"/about/", "/articles/", "/feed.xml"} <= hrefs


def test_footer_shows_known_address_parts_and_a_phone_link(content_root: Path) -> None:
    footer = one(page_doc(content_root, "/"), "body > footer")
    nap = one(footer, "address.nap")
    assert text_of(nap) == "Main office 1 Main St Redding, CA 96001 +1-530-555-0100"
    phone = nap.find_all("a")[-1]
    assert phone.get("href") == "tel:+15305550100"


def test_breadcrumbs_on_every_page_but_home(repo_pages: dict[str, BeautifulSoup]) -> None:
    for path, doc in repo_pages.items():
        crumbs = doc.select('nav[aria-label="Breadcrumb"]')
        if path == "/":
            assert crumbs == []
            continue
        items = one(crumbs[0], "ol").find_all("li", recursive=False)
        assert len(items) >= 2, path
        assert items[-1].get("aria-current") == "page", path
        assert items[-1].find("a") is None, path
        first = items[0].find("a")
        assert isinstance(first, Tag)
        assert first.get("href") == "/"


def test_dates_and_lists_use_semantic_markup(repo_pages: dict[str, BeautifulSoup]) -> None:
    for path, doc in repo_pages.items():
        for time in doc.find_all("time"):
            datetime = time.get("datetime")
            assert isinstance(datetime, str)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", datetime), path
        for li in doc.find_all("li"):
            assert li.parent is not None
            assert li.parent.name in ("ul", "ol"), path


def test_rendering_is_deterministic() -> None:
    assert render_all(REPO_ROOT) == render_all(REPO_ROOT)


# -- page kinds --------------------------------------------------------------------------------


def book_links(doc: BeautifulSoup) -> list[Tag]:
    return [a for a in doc.find_all("a") if text_of(a) == "Book a session"]


def test_home(repo_pages: dict[str, BeautifulSoup]) -> None:
    doc = repo_pages["/"]
    main = one(doc, "main")
    assert text_of(one(main, "h1")) == "Neuromuscular Massage Therapy with Dustin"
    assert "Mount Shasta and Redding" in text_of(main)
    hrefs = {a.get("href") for a in main.find_all("a")}
    assert {"/locations/mount-shasta/", "/locations/redding/"} <= hrefs
    assert {"/services/neuromuscular-therapy/", "/services/massage-therapy/"} <= hrefs
    assert ARTICLE in hrefs
    assert "Issued by California Massage Therapy Council (CAMTC)" in text_of(main)
    cta = book_links(doc)
    assert cta
    assert cta[0].get("href") == "/locations/mount-shasta/#contact"


def test_home_lists_at_most_five_articles(content_root: Path) -> None:
    for day in range(1, 8):
        text = MINIMAL_ARTICLE.replace("test article", f"test article {day}").replace(
            "2024-03-01", f"2024-04-0{day}"
        )
        (content_root / "articles" / f"a{day}.md").write_text(text, encoding="utf-8")
    pages = render_all(content_root)
    latest = one(parse(pages["/"]), "ul.article-list").find_all("li", recursive=False)
    assert len(latest) == 5
    assert text_of(latest[0].find_all("a")[0]) == "A test article 7 about massage"
    assert len(one(parse(pages["/articles/"]), "ul.article-list").find_all("li")) == 8


def test_about_profile(repo_pages: dict[str, BeautifulSoup]) -> None:
    main = one(repo_pages["/about/"], "main")
    text = text_of(main)
    assert text_of(one(main, "h1")) == "About Dustin"
    assert "Massage therapist" in text
    credentials = [text_of(li) for li in one(main, "ul.credentials").find_all("li")]
    assert credentials == [
        "Certified Massage Therapist Issued by California Massage Therapy Council (CAMTC) · "
        "Certificate #93004 · 900 hours of training",
        "Advanced Neuromuscular Therapist Issuer not listed · 500 hours of training",
        "Biodynamic Craniosacral Therapist Issuer not listed · 700 hours of training",
    ]
    assert "Dustin carries professional liability insurance." in text
    assert "Biodynamic craniosacral therapy" in [text_of(li) for li in main.find_all("li")]
    assert book_links(repo_pages["/about/"])


def test_service_page(repo_pages: dict[str, BeautifulSoup]) -> None:
    doc = repo_pages["/services/neuromuscular-therapy/"]
    main = one(doc, "main")
    assert text_of(one(main, "h1")) == "Neuromuscular therapy"
    assert "targets myofascial trigger points" in text_of(main)
    assert main.select("ul.details") == []  # no duration or price is known
    hrefs = {a.get("href") for a in main.find_all("a")}
    assert {"/locations/mount-shasta/", "/locations/redding/", ARTICLE} <= hrefs
    assert book_links(doc)
    assert "not a substitute for medical diagnosis" in text_of(one(main, ".disclaimer"))


def test_service_shows_duration_and_price_only_when_known(content_root: Path) -> None:
    practice = content_root / "practice.yaml"
    practice.write_text(
        MINIMAL_PRACTICE + "    duration_minutes: 60\n    price:\n      amount: 95\n",
        encoding="utf-8",
    )
    main = one(page_doc(content_root, "/services/massage-therapy/"), "main")
    details = [text_of(li) for li in one(main, "ul.details").find_all("li")]
    assert details == ["60 minutes", "$95"]


def test_location_page(repo_pages: dict[str, BeautifulSoup]) -> None:
    doc = repo_pages["/locations/redding/"]
    main = one(doc, "main")
    assert text_of(one(main, "h1")).startswith("Redding office")
    contact = one(main, "#contact")
    assert "Redding, CA" in text_of(one(contact, "address"))
    text = text_of(main)
    assert "Redding (Shasta County)" in text
    assert "Opening hours are not published yet" in text
    assert main.find("table") is None
    assert "/services/neuromuscular-therapy/" in {a.get("href") for a in main.find_all("a")}
    assert [a.get("href") for a in book_links(doc)] == ["/locations/redding/#contact"]


def test_location_hours_table(content_root: Path) -> None:
    practice = content_root / "practice.yaml"
    practice.write_text(
        MINIMAL_PRACTICE.replace(
            "    area_served:",
            "    opening_hours:\n"
            "      - days: [Friday, Monday, Tuesday, Wednesday, Thursday]\n"
            "        opens: '09:00'\n"
            "        closes: '17:30'\n"
            "      - days: [Saturday]\n"
            "        opens: '10:00'\n"
            "        closes: '12:00'\n"
            "    directions: Behind the library.\n"
            "    parking: Free on the street.\n"
            "    area_served:",
        ),
        encoding="utf-8",
    )
    main = one(page_doc(content_root, "/locations/main/"), "main")
    rows = [
        [text_of(cell) for cell in row.find_all(["th", "td"])]
        for row in one(main, "table").find_all("tr")
    ]
    assert rows == [
        ["Monday–Friday", "9:00 AM – 5:30 PM"],
        ["Saturday", "10:00 AM – noon"],
        ["Sunday", "Closed"],
    ]
    text = text_of(main)
    assert "Behind the library." in text
    assert "Parking: Free on the street." in text
    assert "not published" not in text


def test_articles_index(repo_pages: dict[str, BeautifulSoup]) -> None:
    main = one(repo_pages["/articles/"], "main")
    item = one(main, "ul.article-list > li")
    link = one(item, "h2 > a")
    assert link.get("href") == ARTICLE
    assert text_of(link) == "Neuromuscular Massage Therapy: Targeted Relief for Lower Back Pain"
    assert one(item, "time").get("datetime") == "2026-11-24"
    assert "what it can and cannot do" in text_of(item)
    assert not [a for a in main.find_all("a") if "read more" in text_of(a).lower()]


def test_article_byline_dates_disclaimer(repo_pages: dict[str, BeautifulSoup]) -> None:
    doc = repo_pages[ARTICLE]
    main = one(doc, "main")
    byline = one(main, ".byline")
    author = one(byline, "a")
    assert author.get("href") == "/about/"
    assert text_of(author) == "Dustin"
    assert inline_text(byline) == "By Dustin, CAMTC Certified Massage Therapist #93004"
    assert "93004" in text_of(byline)
    times = main.select('time[datetime="2026-11-24"]')
    assert len(times) == 2  # published and updated
    assert text_of(times[0]) == "November 24, 2026"
    disclaimer = text_of(one(main, ".disclaimer"))
    assert disclaimer.startswith(
        "Massage therapy is not a substitute for medical diagnosis or treatment."
    )
    assert "Dustin is not licensed by the State of California" in disclaimer
    assert "see a doctor" in disclaimer
    assert "Reviewed by" not in text_of(main)
    assert main.select(".references") == []
    assert main.find("h2", string=re.compile("Neuromuscular Therapy")) is not None  # the body
    assert book_links(doc)


def test_article_without_health_topics_has_no_disclaimer(content_root: Path) -> None:
    (content_root / "articles" / "test-article.md").write_text(
        MINIMAL_ARTICLE.replace("services: [massage]\n", ""), encoding="utf-8"
    )
    main = one(page_doc(content_root, "/articles/a-test-article-about-massage/"), "main")
    assert main.select(".disclaimer") == []


def test_article_references_and_review(content_root: Path) -> None:
    (content_root / "articles" / "test-article.md").write_text(
        MINIMAL_ARTICLE.replace(
            "services: [massage]\n",
            "services: [massage]\n"
            "date_modified: 2024-05-02\n"
            "reviewed_by:\n"
            "  name: Pat Example\n"
            "  job_title: Physical therapist, DPT\n"
            "last_reviewed: 2024-05-03\n"
            "references:\n"
            "  - title: Massage for low-back pain\n"
            "    authors: [Furlan AD, Giraldo M]\n"
            "    journal: Cochrane Database of Systematic Reviews\n"
            "    year: 2015\n"
            "    doi: 10.1002/14651858.CD001929.pub3\n"
            "  - title: A work without a link\n",
        ),
        encoding="utf-8",
    )
    main = one(page_doc(content_root, "/articles/a-test-article-about-massage/"), "main")
    items = one(main, ".references ol").find_all("li", recursive=False)
    assert len(items) == 2
    assert inline_text(items[0]) == (
        "Furlan AD, Giraldo M. Massage for low-back pain. "
        "Cochrane Database of Systematic Reviews 2015."
    )
    link = one(items[0], "a")
    assert link.get("href") == "https://doi.org/10.1002/14651858.CD001929.pub3"
    assert text_of(link) == "Massage for low-back pain"
    assert items[1].find("a") is None
    assert inline_text(items[1]) == "A work without a link."
    review = next(p for p in main.find_all("p") if text_of(p).startswith("Reviewed by"))
    assert inline_text(review) == "Reviewed by Pat Example, Physical therapist, DPT on May 3, 2024"
    assert one(review, "time").get("datetime") == "2024-05-03"
    assert main.select('time[datetime="2024-05-02"]')  # updated


def test_not_found_page(repo_pages: dict[str, BeautifulSoup]) -> None:
    main = one(repo_pages["/404.html"], "main")
    assert text_of(one(main, "h1")) == "Page not found"
    assert {"/", "/articles/"} <= {a.get("href") for a in main.find_all("a")}


# -- escaping and overrides --------------------------------------------------------------------


def test_markup_in_content_is_only_ever_text(content_root: Path) -> None:
    (content_root / "articles" / "test-article.md").write_text(
        MINIMAL_ARTICLE.replace("title: A test article about massage", f"title: '{XSS_TITLE}'"),
        encoding="utf-8",
    )
    pages = render_all(content_root)
    article_path = next(path for path in pages if path.startswith("/articles/script"))
    for path, html in pages.items():
        doc = parse(html)
        assert [s.get("type") for s in doc.find_all("script")] == ["application/ld+json"], path
        assert not [tag for tag in doc.find_all(True) if tag.has_attr("onclick")], path
        assert doc.find("b") is None, path
    doc = parse(pages[article_path])
    assert text_of(one(doc, "h1")) == XSS_TITLE
    assert XSS_TITLE in text_of(one(doc, 'nav[aria-label="Breadcrumb"]'))
    listed = parse(pages["/articles/"])
    assert text_of(one(listed, "ul.article-list h2 a")) == XSS_TITLE


def test_head_escapes_markup_in_content(content_root: Path) -> None:
    (content_root / "articles" / "test-article.md").write_text(
        MINIMAL_ARTICLE.replace("title: A test article about massage", f"title: '{XSS_TITLE}'"),
        encoding="utf-8",
    )
    page = next(p for p in plan_of(content_root) if p.kind == "article")
    doc = parse(
        render_head(page, jsonld_script=JSONLD, feed_url=None, stylesheet_url=None, site_name="S")
    )
    assert [s.get("type") for s in doc.find_all("script")] == ["application/ld+json"]
    assert not [tag for tag in doc.find_all(True) if tag.has_attr("onclick")]
    title = doc.find("title")
    assert title is not None
    assert title.get_text().startswith(XSS_TITLE)
    assert meta(doc, property="og:title") == XSS_TITLE


def test_user_base_template_overrides_one_block(content_root: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").write_text(
        '{% extends "builtin/base.html" %}'
        '{% block footer %}<footer class="mine"><p>Our own footer</p></footer>{% endblock %}',
        encoding="utf-8",
    )
    for path, html in render_all(content_root, templates).items():
        doc = parse(html)
        footer = one(doc, "body > footer")
        assert footer.get("class") == ["mine"], path
        assert text_of(footer) == "Our own footer", path
        assert len(doc.find_all("h1")) == 1, path  # the rest of the page is the built-in one
        assert "#12345" in text_of(one(doc, "body > header")), path


def test_user_page_template_wins(content_root: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Lost?</h1>{% endblock %}',
        encoding="utf-8",
    )
    doc = parse(render_all(content_root, templates)["/404.html"])
    assert text_of(one(doc, "h1")) == "Lost?"
    assert one(doc, "body > footer").select("address.nap")  # the built-in base is kept


def test_user_footer_partial_wins_and_is_rendered_per_environment(
    content_root: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_footer.html").write_text(
        '<footer class="mine"><p>{{ site.therapist.certified_line }}</p></footer>',
        encoding="utf-8",
    )
    mine = render_all(content_root, templates)
    builtin = render_all(content_root)  # a new environment must not reuse the cached footer
    for path in mine:
        assert one(parse(mine[path]), "body > footer").get("class") == ["mine"], path
        assert one(parse(builtin[path]), "body > footer").get("class") == ["site-footer"], path


@pytest.mark.parametrize("expression", ["no_such_name", "page.no_such_fact", "site.nope.deeper"])
def test_undefined_names_raise(content_root: Path, tmp_path: Path, expression: str) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>{{ ' + expression + " }}</h1>"
        "{% endblock %}",
        encoding="utf-8",
    )
    with pytest.raises(UndefinedError):
        render_all(content_root, templates)


def test_environment_settings() -> None:
    env = make_environment()
    assert env.autoescape is True
    assert env.keep_trailing_newline
    assert env.trim_blocks
    assert env.lstrip_blocks
    xml = env.from_string("<x>{{ value }}</x>").render(value="<&>")
    assert xml == "<x>&lt;&amp;&gt;</x>"


# -- head --------------------------------------------------------------------------------------


def plan_of(root: Path) -> tuple[PagePlan, ...]:
    site = load_site(root)
    return plan_pages(site, Urls.for_base(site.practice.url))


def meta(doc: BeautifulSoup, **attrs: str) -> str:
    found = [m for m in doc.find_all("meta") if all(m.get(k) == v for k, v in attrs.items())]
    assert len(found) == 1, attrs
    content = found[0].get("content")
    assert isinstance(content, str)
    return content


def links(doc: BeautifulSoup, rel: str) -> list[Tag]:
    return [link for link in doc.find_all("link") if link.get("rel") == [rel]]


def test_head_tags_of_an_article(content_root: Path) -> None:
    (content_root / "articles" / "test-article.md").write_text(
        MINIMAL_ARTICLE.replace(
            "services: [massage]\n",
            "services: [massage]\n"
            "date_modified: 2024-05-02\n"
            "image:\n  src: /images/back.jpg\n  alt: Hands on a back\n"
            "  width: 1200\n  height: 630\n"
            "translations:\n  es: articulo-de-prueba\n",
        ),
        encoding="utf-8",
    )
    (content_root / "articles" / "es.md").write_text(
        MINIMAL_ARTICLE.replace("title: A test article about massage", "title: Artículo")
        .replace("author: alex", "author: alex\nslug: articulo-de-prueba\nlanguage: es")
        .replace("A short description", "Una descripción"),
        encoding="utf-8",
    )
    page = next(
        p for p in plan_of(content_root) if p.path == "/articles/a-test-article-about-massage/"
    )
    html = render_head(
        page,
        jsonld_script=JSONLD,
        feed_url="https://practice.example/feed.xml",
        stylesheet_url="/assets/site.css",
        site_name="Test Practice",
    )
    doc = parse(html)
    first = doc.find(True)
    assert isinstance(first, Tag)
    assert first.name == "meta"
    assert first.get("charset") == "utf-8"
    assert meta(doc, name="viewport") == "width=device-width, initial-scale=1"
    title = doc.find("title")
    assert title is not None
    assert title.get_text() == page.title
    canonical = links(doc, "canonical")
    assert [c.get("href") for c in canonical] == [
        "https://practice.example/articles/a-test-article-about-massage/"
    ]
    assert meta(doc, name="description") == page.description
    assert meta(doc, name="robots") == "index, follow, max-image-preview:large"
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in links(doc, "alternate")
        if link.has_attr("hreflang")
    }
    assert alternates == {
        "en-US": "https://practice.example/articles/a-test-article-about-massage/",
        "es": "https://practice.example/articles/articulo-de-prueba/",
        "x-default": "https://practice.example/articles/a-test-article-about-massage/",
    }
    assert meta(doc, property="og:type") == "article"
    assert meta(doc, property="og:title") == "A test article about massage"
    assert meta(doc, property="og:description") == page.description
    assert meta(doc, property="og:url") == page.url
    assert meta(doc, property="og:site_name") == "Test Practice"
    assert meta(doc, property="og:locale") == "en_US"
    assert meta(doc, property="og:image") == "https://practice.example/images/back.jpg"
    assert meta(doc, property="og:image:alt") == "Hands on a back"
    assert meta(doc, property="og:image:width") == "1200"
    assert meta(doc, property="article:published_time") == "2024-03-01"
    assert meta(doc, property="article:modified_time") == "2024-05-02"
    assert meta(doc, name="twitter:card") == "summary_large_image"
    assert meta(doc, name="twitter:title") == "A test article about massage"
    assert meta(doc, name="twitter:description") == page.description
    assert meta(doc, name="twitter:image") == "https://practice.example/images/back.jpg"
    feed = [link for link in links(doc, "alternate") if link.get("type")]
    assert [(f.get("type"), f.get("href")) for f in feed] == [
        ("application/atom+xml", "https://practice.example/feed.xml")
    ]
    assert [s.get("href") for s in links(doc, "stylesheet")] == ["/assets/site.css"]
    scripts = doc.find_all("script")
    assert len(scripts) == 1
    assert scripts[0].get("type") == "application/ld+json"
    assert scripts[0].string == '{"@context":"https://schema.org"}'


def test_head_tags_without_image_feed_or_stylesheet(content_root: Path) -> None:
    page = next(p for p in plan_of(content_root) if p.kind == "home")
    doc = parse(
        render_head(
            page,
            jsonld_script=JSONLD,
            feed_url=None,
            stylesheet_url=None,
            site_name="Test Practice",
            standalone=False,
        )
    )
    assert doc.find("meta", attrs={"charset": True}) is None
    assert doc.find("meta", attrs={"name": "viewport"}) is None
    assert meta(doc, property="og:type") == "website"
    assert meta(doc, name="twitter:card") == "summary"
    assert doc.find("meta", attrs={"property": "og:image"}) is None
    assert doc.find("meta", attrs={"property": "article:published_time"}) is None
    assert doc.find("meta", attrs={"name": "twitter:image"}) is None
    assert doc.find("link", attrs={"hreflang": True}) is None
    assert links(doc, "stylesheet") == []
    assert links(doc, "alternate") == []
    canonical = links(doc, "canonical")[0].get("href")
    assert canonical == "https://practice.example/"


def test_noindex_robots(content_root: Path) -> None:
    (content_root / "articles" / "test-article.md").write_text(
        MINIMAL_ARTICLE.replace("author: alex", "author: alex\nnoindex: true"), encoding="utf-8"
    )
    page = next(p for p in plan_of(content_root) if p.kind == "article")
    doc = parse(
        render_head(page, jsonld_script=JSONLD, feed_url=None, stylesheet_url=None, site_name="S")
    )
    assert meta(doc, name="robots") == "noindex, follow"


def test_user_head_partial_wins(content_root: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_head.html").write_text("<title>{{ page.headline }}!</title>", encoding="utf-8")
    page = next(p for p in plan_of(content_root) if p.kind == "home")
    html = render_head(
        page,
        jsonld_script=JSONLD,
        feed_url=None,
        stylesheet_url=None,
        site_name="S",
        env=make_environment(templates),
    )
    title = parse(html).find("title")
    assert title is not None
    assert title.get_text() == "Test Practice!"


# -- filters and the stylesheet ----------------------------------------------------------------


def test_filters() -> None:
    assert str(time_tag(date(2026, 11, 24))) == (
        '<time datetime="2026-11-24">November 24, 2026</time>'
    )
    assert tel_href("+1 (530) 555-0100") == "tel:+15305550100"
    assert tel_href("530-555-0100") == "tel:5305550100"
    site = load_site(REPO_ROOT)
    assert address_lines(site.locations[0].address) == ("Mount Shasta, CA",)


def test_stylesheet_is_self_contained_and_accessible() -> None:
    css = stylesheet_text()
    assert "@import" not in css
    assert "url(" not in css
    assert ":focus-visible" in css
    assert "prefers-reduced-motion" in css
    assert "@media print" in css
    assert "text-decoration: underline" in css


def test_shared_environment_is_kept_until_a_template_changes(tmp_path: Path) -> None:
    from nmt_content.render.environment import shared_environment

    assert shared_environment() is shared_environment()
    (tmp_path / "article.html").write_text("one", encoding="utf-8")
    first = shared_environment(tmp_path)
    assert shared_environment(tmp_path) is first
    assert first.get_template("article.html").render() == "one"
    (tmp_path / "article.html").write_text("two!", encoding="utf-8")
    second = shared_environment(tmp_path)
    assert second is not first
    assert second.get_template("article.html").render() == "two!"
    (tmp_path / "extra.html").write_text("", encoding="utf-8")
    assert shared_environment(tmp_path) is not second
