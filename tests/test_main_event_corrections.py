"""An editor chooses which event is an article's main one (or that it has none): in the API, on the report
page and the event page's inline in the admin. An article keeps one main event at most, and re-extraction
and re-ingest never undo the choice; an article nobody corrected keeps getting its main event from
extraction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, EventReport
from articles.services import (
    article_ingest,
    article_reextract,
    event_report_create,
    event_report_update,
)
from newsapi.extraction import lexicon
from newsapi.extraction.types import DAY, ArticleExtraction, EventCandidate
from newsapi.roles import EDITORS, VIEWERS
from tests.factories import ArticleFactory, EventFactory, EventReportFactory
from tests.test_admin import inline_management, staff_user
from tests.test_reextraction_ids import LEAD, MONDAY, SAID, SYBIHA, UMEROV, _extraction, _reextract

pytestmark = pytest.mark.django_db


def _event(title: str, kind: str, sentence: int, *, main: bool, speaker: str) -> EventCandidate:
    """An event reported by the ``sentence``-th sentence after the lead of ``_extraction(SAID)``'s body."""
    body = _extraction(SAID).cleaned.body
    start = len(LEAD) + 1
    for _ in range(sentence):
        start = body.index('".', start) + 3
    return EventCandidate(
        title=title,
        type=lexicon.STATEMENT,
        date=MONDAY,
        date_precision=DAY,
        date_text=None,
        location_name=None,
        participant_names=[speaker],
        start=start,
        end=body.index('".', start) + 2,
        kind=kind,
        main=main,
    )


def _found(*, main: str = "talks", new_event: bool = False) -> ArticleExtraction:
    """What extraction finds: the talks (the lead) and Sybiha's offer, ``main`` the main one; with
    ``new_event`` Umerov's announcement too, as the main event (a better reading of a later extractor),
    read twice: from his second sentence, then as the main event from his first (one event)."""
    extraction = _extraction(SAID)
    (talks,) = extraction.events
    talks.main = main == "talks"
    offer = _event("Sybiha offers talks", "offer", 0, main=main == "offer", speaker=SYBIHA)
    extraction.events = [talks, offer]
    if new_event:
        talks.main = offer.main = False
        extraction.events += [
            _event("Umerov announces a trip", "trip", sentence, main=sentence == 1, speaker=UMEROV)
            for sentence in (2, 1)
        ]
    return extraction


@pytest.fixture
def pipeline_finds(monkeypatch):
    """The pipeline, as re-extraction and re-ingest call it, finds what the test sets here."""
    from newsapi.extraction import pipeline

    found = {"extraction": _found()}
    monkeypatch.setattr(pipeline, "extract_article", lambda raw_text, **kwargs: found["extraction"])
    return found


def _store(title: str = "Talks in Geneva") -> Article:
    extraction = _found()
    extraction.raw_text = f"{title}\n\n{extraction.cleaned.body}"
    article, created = article_ingest(raw_text=extraction.raw_text, extraction=extraction)
    assert created
    return article


def _report(article: Article, title: str) -> EventReport:
    return EventReport.objects.select_related("event").get(article=article, event__title=title)


def _main(article: Article) -> list[str]:
    """The titles of the article's main events."""
    return list(
        EventReport.objects.filter(article=article, is_main=True).values_list("event__title", flat=True)
    )


def _reingest(article: Article) -> None:
    stored, created = article_ingest(raw_text=article.raw_text, published_at=MONDAY + timedelta(days=1))
    assert (stored.pk, created) == (article.pk, False)


def test_a_report_an_editor_makes_main_stays_the_only_main_one_through_reextraction_and_reingest(
    pipeline_finds,
):
    """The offer made main unmarks the talks, both marked edited; neither re-extraction nor re-ingest
    (which find the talks main) mark the talks again (before, is_main was not a field an editor could
    change)."""
    article = _store()
    assert _main(article) == ["Talks in Geneva"]
    offer, talks = _report(article, "Sybiha offers talks"), _report(article, "Talks in Geneva")
    event_report_update(report=offer, data={"is_main": True})
    assert _main(article) == ["Sybiha offers talks"]
    assert EventReport.objects.get(pk=talks.pk).edited_fields == ["is_main"]
    assert EventReport.objects.get(pk=offer.pk).edited_fields == ["is_main"]
    article_reextract(article=Article.objects.get(pk=article.pk))
    assert _main(article) == ["Sybiha offers talks"]
    _reingest(article)
    assert _main(article) == ["Sybiha offers talks"]
    assert sorted(EventReport.objects.filter(article=article).values_list("id", flat=True)) == sorted(
        [offer.pk, talks.pk]
    )


def test_unmarking_the_main_report_leaves_the_article_without_one_even_when_extraction_finds_a_new_one(
    pipeline_finds,
):
    """An editor's "no main event" holds through re-extraction, also when a later extraction finds a new
    event it reads as the main one (stored, not main); an article nobody corrected takes that event as its
    main one, as before."""
    article, untouched = _store(), _store("Talks in Geneva, again")
    event_report_update(report=_report(article, "Talks in Geneva"), data={"is_main": False})
    assert _main(article) == []
    pipeline_finds["extraction"] = _found(new_event=True)
    for stored in (article, untouched):
        article_reextract(article=Article.objects.get(pk=stored.pk))
    assert _main(article) == []
    assert _report(article, "Umerov announces a trip").is_main is False
    assert _main(untouched) == ["Umerov announces a trip"]
    assert EventReport.objects.filter(article=untouched).count() == 3
    _reingest(article)
    assert _main(article) == []


def test_an_article_nobody_corrected_follows_extraction_s_main_event(pipeline_finds):
    """Extraction reading the offer as the main event moves the mark there on re-extraction."""
    article = _store()
    pipeline_finds["extraction"] = _found(main="offer")
    article_reextract(article=Article.objects.get(pk=article.pk))
    assert _main(article) == ["Sybiha offers talks"]


def test_a_report_added_as_main_unmarks_the_other_and_one_added_as_not_main_decides_nothing():
    """Adding a report as main is a choice of the main event; adding one unticked leaves extraction to
    choose it (its edit marks say so)."""
    article = _store()
    added = event_report_create(event=EventFactory(title="Ceasefire"), article=article, start=0, end=10)
    assert added.edited_fields == ["article", "end", "event", "start"]
    assert _main(article) == ["Talks in Geneva"]
    _reextract(article, _found(main="offer"))
    assert _main(article) == ["Sybiha offers talks"]
    chosen = event_report_create(
        event=EventFactory(title="Truce"), article=article, start=0, end=len(LEAD), is_main=True
    )
    assert _main(article) == ["Truce"]
    assert "is_main" in chosen.edited_fields
    assert _report(article, "Sybiha offers talks").edited_fields == ["is_main"]
    _reextract(article, _found(main="offer"))
    assert _main(article) == ["Truce"]


def test_making_a_report_main_costs_the_same_queries_however_many_main_reports_the_article_had():
    """One read and one update unmark the others (no query per report), and the article ends with one
    main event even when it had several."""

    def queries_to_make_main(main_reports: int) -> int:
        article = ArticleFactory(body="x" * 100)
        for _ in range(main_reports):
            EventReportFactory(article=article, is_main=True)
        chosen = EventReportFactory(article=article, start=20, end=30)
        chosen = EventReport.objects.get(pk=chosen.pk)
        with CaptureQueriesContext(connection) as queries:
            event_report_update(report=chosen, data={"is_main": True})
        mains = EventReport.objects.filter(article=article, is_main=True)
        assert list(mains.values_list("pk", flat=True)) == [chosen.pk]
        assert (
            EventReport.objects.filter(article=article, edited_fields=["is_main"]).count() == main_reports + 1
        )
        return len(queries)

    assert queries_to_make_main(1) == queries_to_make_main(5)


# --- the API: PATCH /articles/{id}/ {"main_event": ...} -------------------------------------------------


def _article_url(article: Article) -> str:
    return f"/api/v1/articles/{article.pk}/"


def test_an_editor_chooses_the_main_event_in_the_api_and_every_read_shows_it(
    pipeline_finds, api_client, editor_client
):
    """The article's detail names the offer, the event list marks its report main (``main`` filter
    included), and the API's re-extraction keeps it; null leaves the article with none."""
    article = _store()
    offer = _report(article, "Sybiha offers talks").event
    talks = _report(article, "Talks in Geneva").event
    response = editor_client.patch(_article_url(article), {"main_event": offer.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["main_event"]["id"] == offer.pk
    events = api_client.get("/api/v1/events/", {"article": article.pk}).json()["results"]
    assert {event["id"]: [r["is_main"] for r in event["reports"]] for event in events} == {
        offer.pk: [True],
        talks.pk: [False],
    }
    main = api_client.get("/api/v1/events/", {"article": article.pk, "main": "true"}).json()["results"]
    assert [event["id"] for event in main] == [offer.pk]
    response = editor_client.post(f"{_article_url(article)}reextract/")
    assert response.status_code == 200 and response.json()["main_event"]["id"] == offer.pk
    response = editor_client.patch(_article_url(article), {"main_event": None}, format="json")
    assert response.status_code == 200 and response.json()["main_event"] is None
    editor_client.post(f"{_article_url(article)}reextract/")
    assert api_client.get(_article_url(article)).json()["main_event"] is None


def test_an_event_the_article_does_not_report_is_a_400_naming_main_event(editor_client):
    """Nothing changes; the message lists the events the article reports."""
    article = _store()
    elsewhere = EventFactory(title="Ceasefire")
    response = editor_client.patch(_article_url(article), {"main_event": elsewhere.pk}, format="json")
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "main_event"
    assert str(_report(article, "Talks in Geneva").event_id) in error["message"]
    assert _main(article) == ["Talks in Geneva"]
    assert not EventReport.objects.filter(article=article, is_edited=True).exists()


def test_choosing_the_main_event_in_the_api_is_refused_to_anonymous_clients_and_viewers(api_client):
    """Anonymous is a 401, a viewer a 403, and the main event stays."""
    article = _store()
    body = {"main_event": _report(article, "Sybiha offers talks").event_id}
    assert api_client.patch(_article_url(article), body, format="json").status_code == 401
    api_client.force_authenticate(get_user_model().objects.create_user(username="viewer"))
    assert api_client.patch(_article_url(article), body, format="json").status_code == 403
    assert _main(article) == ["Talks in Geneva"]
    assert not EventReport.objects.filter(article=article, is_edited=True).exists()


def test_the_schema_documents_main_event_in_the_article_correction(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    body = schema["components"]["schemas"]["PatchedArticleUpdateRequest"]["properties"]["main_event"]
    assert body["nullable"] is True and "main event" in body["description"]


# --- the admin: the report page and the event page's inline ------------------------------------------


def _report_form(report: EventReport, **changes) -> dict:
    fields = {
        "event": report.event_id,
        "article": report.article_id,
        "start": report.start,
        "end": report.end,
    }
    if report.is_main:
        fields["is_main"] = "on"
    fields.update(changes)
    return {name: value for name, value in fields.items() if value is not None}


def _inline_form(report: EventReport, **changes) -> dict:
    """The event page of the report's event, posting its one report row."""
    event = report.event
    row = _report_form(report, **changes)
    return {
        "title": event.title,
        "type": event.type,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "location": event.location_id or "",
        "participants": list(event.participants.values_list("pk", flat=True)),
        **inline_management("reports", 1, 1),
        "reports-0-id": report.pk,
        **{f"reports-0-{name}": value for name, value in row.items()},
    }


def test_an_editor_ticks_main_on_the_report_page_and_unticks_it_in_the_event_page_s_inline(client):
    """Both go through event_report_update: the offer becomes the only main report, then none is."""
    client.force_login(staff_user("editor", EDITORS))
    article = _store()
    offer = _report(article, "Sybiha offers talks")
    url = reverse("admin:articles_eventreport_change", args=[offer.pk])
    assert 'name="is_main"' in client.get(url).content.decode()
    assert client.post(url, _report_form(offer, is_main="on")).status_code == 302
    assert _main(article) == ["Sybiha offers talks"]
    offer = _report(article, "Sybiha offers talks")
    event_url = reverse("admin:articles_event_change", args=[offer.event_id])
    response = client.post(event_url, _inline_form(offer, is_main=None))
    assert response.status_code == 302, response.content[:2000]
    assert _main(article) == []
    assert EventReport.objects.get(pk=offer.pk).edited_fields == ["is_main"]
    listed = client.get(reverse("admin:articles_eventreport_changelist"), {"is_main__exact": "0"})
    assert listed.status_code == 200


def test_ticking_main_in_the_admin_is_refused_to_anonymous_users_and_viewers(client):
    """Signed out, the report page and the event page send to the login; a viewer gets 403; the main event
    stays."""
    article = _store()
    offer = _report(article, "Sybiha offers talks")
    url = reverse("admin:articles_eventreport_change", args=[offer.pk])
    event_url = reverse("admin:articles_event_change", args=[offer.event_id])
    forms = ((url, _report_form(offer, is_main="on")), (event_url, _inline_form(offer, is_main="on")))
    for target, form in forms:
        response = client.post(target, form)
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    client.force_login(staff_user("viewer", VIEWERS))
    for target, form in forms:
        assert client.post(target, form).status_code == 403
    assert _main(article) == ["Talks in Geneva"]
    assert not EventReport.objects.filter(article=article, is_edited=True).exists()


# --- at once: an editor's choice and a re-extraction of the same article ------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_choice_made_while_a_reextraction_stores_the_article_waits_for_it_and_holds(monkeypatch):
    """The re-extraction has read the article's reports (the talks main, no choice made) and is about to
    rewrite the talks' report (new evidence); the editor's choice of the offer waits for it, then unmarks
    the talks. Without the wait the re-extraction wrote the talks main again after the editor's commit:
    two main events."""
    import threading

    from django.db import connections

    from articles import services

    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: this race is a PostgreSQL matter")
    article = _store()
    offer = _report(article, "Sybiha offers talks")
    found = _found()
    talks = found.events[0]
    talks.date_start = LEAD.index("on Monday")
    talks.date_end = talks.date_start + len("on Monday")
    about_to_write, go_on = threading.Event(), threading.Event()
    rows_update = services._rows_update

    def paused_before_the_reports(model, rows, fields):
        if model is EventReport:
            about_to_write.set()
            assert go_on.wait(30)
        rows_update(model, rows, fields)

    monkeypatch.setattr(services, "_rows_update", paused_before_the_reports)
    errors: list[BaseException] = []

    def run(work):
        try:
            work()
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    reextraction = threading.Thread(target=run, args=(lambda: _reextract(article, found),))
    choice = threading.Thread(
        target=run,
        args=(
            lambda: event_report_update(report=EventReport.objects.get(pk=offer.pk), data={"is_main": True}),
        ),
    )
    reextraction.start()
    try:
        assert about_to_write.wait(30)
        choice.start()
        choice.join(1)
        waited = choice.is_alive()
    finally:
        go_on.set()
        reextraction.join(30)
        if choice.ident is not None:
            choice.join(30)
    assert not errors, errors
    assert waited, "the choice did not wait for the re-extraction storing the article"
    assert _main(article) == ["Sybiha offers talks"]
    assert _report(article, "Talks in Geneva").evidence["date"] == [talks.date_start, talks.date_end]
