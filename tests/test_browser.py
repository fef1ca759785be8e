"""Browser tests: an editor corrects data in the admin with real headless Chromium, and the API shows it.

Playwright drives Debian's /usr/bin/chromium (it never downloads a browser) against pytest-django's
``live_server``. The module is skipped when Chromium or the playwright package is missing.
"""

import json
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.factories import ArticleFactory, EntityFactory, MentionFactory, QuoteFactory

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips the module
    expect = None

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling home, and this network refuses every connection.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"
TIMEOUT_MS = 10_000


def _chromium_path() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="module", autouse=True)
def orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread, where the ORM would refuse to run.
    Allowed for this module only: set at import, it leaked into every later test (and into
    `manage.py check --deploy` run by another module, which rightly refuses it)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the whole module, or a skip saying why there is none."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed")
    executable = _chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (no /usr/bin/chromium, no chromium on PATH)")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except Exception as error:
        playwright.stop()
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        pytest.skip(f"Chromium at {executable} did not start: {first_line}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) per test, with every request's host recorded."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.requested_hosts = set()
    page.on("request", lambda request: page.requested_hosts.add(urlsplit(request.url).netloc))
    yield page
    context.close()


@pytest.fixture
def staff_editor(live_server, settings):
    """A staff user in the editors group, with a known password."""
    # The live server runs in this process, so it checks the password with the same fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from newsapi.roles import EDITORS, ensure_groups

    ensure_groups()
    user = get_user_model().objects.create_user(username="editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def log_in(page, user) -> None:
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    assert page.url.endswith("/admin/"), "the login did not reach the admin index"


def get_json(live_server, path: str) -> dict:
    """GET an API path as an anonymous client would (reads are public)."""
    request = urllib.request.Request(f"{live_server.url}{path}", headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_an_editor_merges_two_entities_and_the_api_shows_one_with_both_mentions(
    page, live_server, staff_editor
):
    """Merging "Zelenskyy" into "Volodymyr Zelensky" in the admin leaves one entity in the API."""
    # "Zelenskyy" has more mentions, so the confirmation page offers it as the survivor first;
    # the editor picks the other one.
    merged = EntityFactory(name="Zelenskyy")
    survivor = EntityFactory(name="Volodymyr Zelensky", role="President of Ukraine")
    MentionFactory.create_batch(2, entity=merged)
    MentionFactory(entity=survivor)
    merged_quote = QuoteFactory(speaker=merged, text="We are ready to talk.")
    survivor_quote = QuoteFactory(speaker=survivor, text="Ukraine wants peace.")

    log_in(page, staff_editor)
    page.goto("/admin/entities/entity/")
    page.check(f"input[name=_selected_action][value='{merged.pk}']")
    page.check(f"input[name=_selected_action][value='{survivor.pk}']")
    page.select_option("select[name=action]", label="Merge selected entities into one")
    page.click("button[name=index]")

    page.wait_for_selector("input[name=survivor]")
    assert page.locator("fieldset label strong").all_inner_texts() == ["Zelenskyy", "Volodymyr Zelensky"]
    labels = [" ".join(text.split()) for text in page.locator("fieldset label").all_inner_texts()]
    assert labels == [
        "Zelenskyy (Person) — 2 mentions",
        "Volodymyr Zelensky (Person, President of Ukraine) — 1 mention",
    ]
    assert page.is_checked(f"input[name=survivor][value='{merged.pk}']"), "most mentioned first"
    page.check(f"input[name=survivor][value='{survivor.pk}']")
    page.click("input[type=submit][value=Merge]")

    message = page.locator(".messagelist .success")
    message.wait_for()
    assert message.inner_text() == "Merged Zelenskyy into Volodymyr Zelensky."
    assert page.locator("#result_list th.field-name").all_inner_texts() == ["Volodymyr Zelensky"]
    assert page.locator("#result_list td.field-mention_count").all_inner_texts() == ["3"]

    entities = get_json(live_server, "/api/v1/entities/?q=zelensky")
    (entity,) = entities["results"]
    assert entity["id"] == survivor.pk
    assert entity["name"] == "Volodymyr Zelensky"
    assert entity["aliases"] == ["Zelenskyy"]
    assert entity["mention_count"] == 3
    assert entity["article_count"] == 3
    assert entity["is_edited"] is True

    with pytest.raises(urllib.error.HTTPError) as gone:
        get_json(live_server, f"/api/v1/entities/{merged.pk}/")
    assert gone.value.code == 404

    quote = get_json(live_server, f"/api/v1/quotes/{merged_quote.pk}/")
    assert quote["speaker"] == {"id": survivor.pk, "name": "Volodymyr Zelensky", "type": "person"}
    quotes = get_json(live_server, f"/api/v1/quotes/?speaker={survivor.pk}")
    assert sorted(item["id"] for item in quotes["results"]) == sorted([merged_quote.pk, survivor_quote.pk])


def test_an_editor_reattributes_a_quote_through_the_speaker_autocomplete(page, live_server, staff_editor):
    """Choosing another speaker in the select2 widget and saving marks the quote as edited."""
    wrong = EntityFactory(name="Dmitry Peskov")
    EntityFactory(name="Sergei Shoigu")  # created first: the results must still come in name order
    right = EntityFactory(name="Sergei Lavrov", role="Russian Foreign Minister")
    quote = QuoteFactory(speaker=wrong, speaker_text="the minister", text="The talks will be in Istanbul.")

    log_in(page, staff_editor)
    page.goto(f"/admin/articles/quote/{quote.pk}/change/")
    widget = page.locator(".field-speaker .select2-selection")
    assert widget.inner_text().strip().lstrip("×").strip() == "Dmitry Peskov"
    widget.click()
    page.fill(".select2-container--open .select2-search__field", "sergei")
    # The dropdown first lists every entity, then the matches once the search answers.
    expect(page.locator(".select2-results__option")).to_have_text(["Sergei Lavrov", "Sergei Shoigu"])
    page.locator(".select2-results__option", has_text="Sergei Lavrov").click()
    assert page.input_value("#id_speaker") == str(right.pk)
    page.click("input[name=_save]")

    message = page.locator(".messagelist .success")
    message.wait_for()
    assert "was changed successfully" in message.inner_text()

    data = get_json(live_server, f"/api/v1/quotes/{quote.pk}/")
    assert data["speaker"] == {"id": right.pk, "name": "Sergei Lavrov", "type": "person"}
    assert data["speaker_text"] == "the minister"
    assert data["text"] == "The talks will be in Istanbul."
    assert data["is_edited"] is True


def test_swagger_ui_renders_the_endpoints_from_local_assets(page, live_server):
    """/api/docs/ draws every API section with scripts and styles served by this server, not a CDN."""
    page.goto("/api/docs/")
    page.wait_for_selector(".opblock-tag")
    page.wait_for_selector(".opblock-summary-path")
    paths = {" ".join(text.split()) for text in page.locator(".opblock-summary-path").all_inner_texts()}
    for name in ("articles", "entities", "events", "quotes", "stories"):
        assert f"/api/v1/{name}/" in paths, f"no list of {name} in {sorted(paths)}"
        assert f"/api/v1/{name}/{{id}}/" in paths, f"no detail of {name} in {sorted(paths)}"
    assert page.locator(".info .title").inner_text().startswith("newsapi")
    assert page.requested_hosts == {urlsplit(live_server.url).netloc}


def test_the_article_change_page_highlights_mentions_and_quotes_in_the_body(page, live_server, staff_editor):
    """The evidence panel marks each quote and each mention where it sits in the body."""
    body = 'Sergei Lavrov said: "The talks will be in Istanbul." Turkey agreed to host them.'
    article = ArticleFactory(title="Talks in Istanbul", body=body)
    lavrov = EntityFactory(name="Sergei Lavrov")
    turkey = EntityFactory(name="Turkey", type="location")
    istanbul = EntityFactory(name="Istanbul", type="location")
    quote_text = "The talks will be in Istanbul."
    quote_start = body.index(quote_text)
    QuoteFactory(
        article=article, speaker=lavrov, text=quote_text, start=quote_start, end=quote_start + len(quote_text)
    )
    for entity in (lavrov, turkey, istanbul):
        start = body.index(entity.name)
        MentionFactory(
            article=article, entity=entity, text=entity.name, start=start, end=start + len(entity.name)
        )

    log_in(page, staff_editor)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    evidence = page.locator(".evidence")
    evidence.wait_for()
    assert evidence.inner_text() == body
    quotes = page.locator(".evidence mark.quote")
    assert quotes.all_inner_texts() == [quote_text]
    assert quotes.first.get_attribute("title") == f"direct quote #{article.quotes.get().pk} by Sergei Lavrov"
    assert page.locator(".evidence .mention").all_inner_texts() == ["Sergei Lavrov", "Istanbul", "Turkey"]
    assert page.locator(".evidence mark.quote .mention.location").all_inner_texts() == ["Istanbul"]
    assert (
        page.locator(".evidence .mention.person").get_attribute("title")
        == f"Sergei Lavrov (person) #{lavrov.pk}"
    )


# ---------------------------------------------------------------- the editor's workspace, at 1400x1000

WORKSPACE_VIEWPORT = {"width": 1400, "height": 1000}
# The article page used to be 18,000 px tall with 68 mentions and 16 quotes; it must fit a few screens.
WORKSPACE_MAX_HEIGHT = 2600


@pytest.fixture
def wide_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=WORKSPACE_VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def png_size(path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def busy_article():
    """An article as long as the seeds' worst: 68 mentions and 16 quotes."""
    from articles.models import Article

    sentence = 'Sergei Lavrov met Hakan Fidan in Istanbul. "We are ready for talks," Lavrov said. '
    body = sentence * 17
    article = ArticleFactory(
        title="Russia proposes direct talks with Ukraine in Istanbul on June 2", body=body
    )
    Article.objects.filter(pk=article.pk).update(
        published_at_conflicts=["The dateline says 27 May.", "A weekday in the lead points to 29 May."]
    )
    lavrov = EntityFactory(name="Sergei Lavrov")
    fidan = EntityFactory(name="Hakan Fidan")
    istanbul = EntityFactory(name="Istanbul", type="location")
    for index in range(17):
        offset = index * len(sentence)
        for entity, text in ((lavrov, "Sergei Lavrov"), (fidan, "Hakan Fidan"), (istanbul, "Istanbul")):
            start = offset + sentence.index(text)
            MentionFactory(article=article, entity=entity, text=text, start=start, end=start + len(text))
        start = offset + sentence.index("Lavrov said")
        MentionFactory(article=article, entity=lavrov, text="Lavrov", start=start, end=start + 6)
        if index < 16:
            start = offset + sentence.index("We are ready")
            QuoteFactory(
                article=article, speaker=lavrov, text="We are ready for talks,", start=start, end=start + 23
            )
    return article


def test_the_article_page_is_a_workspace_that_fits_a_few_screens(
    wide_page, live_server, staff_editor, tmp_path
):
    """Title in view, body with a legend beside a paginated facts list with actions, conflicts as a list."""
    article = busy_article()
    assert article.mentions.count() == 68 and article.quotes.count() == 16
    page = wide_page
    log_in(page, staff_editor)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector(".workspace")

    title = page.locator("h1.article-title")
    expect(title).to_have_text("Russia proposes direct talks with Ukraine in Istanbul on June 2")
    title_box, history_box = title.bounding_box(), page.locator(".object-tools").bounding_box()
    assert title_box["y"] + title_box["height"] <= history_box["y"], "the History button covers the title"

    legend = page.locator(".legend li")
    expect(legend).to_have_text(["Person", "Organisation", "Place", "Other name", "Quote"])
    assert page.locator(".legend").is_visible()

    evidence, facts = (
        page.locator(".evidence-panel").bounding_box(),
        page.locator(".facts-panel").bounding_box(),
    )
    assert facts["x"] >= evidence["x"] + evidence["width"], "the facts list is not beside the body"
    assert facts["y"] < WORKSPACE_VIEWPORT["height"], "the facts list starts below the first screen"

    expect(page.locator(".facts-panel h2")).to_have_text("Facts (84)")
    rows = page.locator("li.fact")
    expect(rows).to_have_count(12)
    assert rows.first.locator(".actions a").all_inner_texts()[:2] == [
        "edit",
        f"entity #{article.mentions.first().entity_id}",
    ]
    quote_row = page.locator("li.fact-direct-quote").first
    assert "edit / re-attribute" in quote_row.locator(".actions").inner_text()
    expect(page.locator("ul.date-conflicts li")).to_have_text(
        ["The dateline says 27 May.", "A weekday in the lead points to 29 May."]
    )

    height = page.evaluate("document.documentElement.scrollHeight")
    shot = Path(os.environ.get("NEWSAPI_SCREENSHOTS", tmp_path)) / "article-workspace.png"
    page.screenshot(path=str(shot), full_page=True)
    width, shot_height = png_size(shot)
    assert width == WORKSPACE_VIEWPORT["width"]
    assert shot_height == height
    assert shot_height < WORKSPACE_MAX_HEIGHT, f"the article page is {shot_height}px tall"

    page.click(".facts-pages a.next")
    page.wait_for_url("**?facts=2")
    expect(page.locator(".facts-pages")).to_contain_text("page 2 of 7")
    page.click("li.fact-direct-quote .actions a:text('edit / re-attribute')")
    page.wait_for_selector(".field-speaker")
    assert "/admin/articles/quote/" in page.url


def test_an_editor_merges_possible_duplicates_in_one_click(wide_page, live_server, staff_editor, tmp_path):
    """The duplicates view lists Turkey/Türkiye; one click merges them and the API shows one place;
    the other pair, marked "not a duplicate", is gone for good."""
    from entities.models import Entity
    from tests.factories import StoryFactory

    story = StoryFactory()
    turkey = EntityFactory(name="Turkey", type="location")
    turkiye = EntityFactory(name="Türkiye", type="location")
    EntityFactory(name="Foreign Ministry", type="organization")
    EntityFactory(name="Russian Foreign Ministry", type="organization")
    for entity in (turkey, turkey, turkiye):
        MentionFactory(article=ArticleFactory(story=story), entity=entity)

    page = wide_page
    log_in(page, staff_editor)
    page.goto("/admin/entities/entity/")
    page.click("text=Possible duplicates")
    page.wait_for_selector("#duplicates")
    rows = page.locator("tr.candidate")
    expect(rows).to_have_count(2)
    assert "Turkey" in rows.first.inner_text() and "Türkiye" in rows.first.inner_text()
    shot = Path(os.environ.get("NEWSAPI_SCREENSHOTS", tmp_path)) / "duplicates.png"
    page.screenshot(path=str(shot), full_page=True)
    width, height = png_size(shot)
    assert width == WORKSPACE_VIEWPORT["width"] and height < 1400

    rows.first.locator("input.merge").click()
    message = page.locator(".messagelist .success")
    message.wait_for()
    assert message.inner_text() == "Merged Türkiye into Turkey."
    expect(page.locator("tr.candidate")).to_have_count(1)

    places = get_json(live_server, "/api/v1/entities/?type=location")
    assert [(row["name"], row["aliases"], row["mention_count"]) for row in places["results"]] == [
        ("Turkey", ["Türkiye"], 3)
    ]

    # The remaining pair is two different ministries: "Not a duplicate" removes it for good.
    page.locator("tr.candidate").first.locator("input.dismiss").click()
    message = page.locator(".messagelist .success")
    message.wait_for()
    assert "are not duplicates" in message.inner_text()
    expect(page.locator("tr.candidate")).to_have_count(0)
    page.reload()
    page.wait_for_selector("#no-duplicates")
    assert Entity.objects.filter(name__endswith="Foreign Ministry").count() == 2
