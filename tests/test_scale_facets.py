"""Each entity's article count per source (EntitySource) and each event report's copy of its article's
source are kept by every write that adds, moves or removes mentions or reports or changes an article's
source, and the entity and event lists' ``source`` filters read them with the meaning they had over the
articles."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext

from articles.models import Article, EntityArticle, EntityDay, EntitySource, EventReport, Mention, Source
from articles.services import (
    article_apply_metadata,
    article_delete,
    article_ingest,
    article_reextract,
    article_update,
    entity_recount,
    mention_create,
    mention_delete,
    mention_update,
    source_delete,
)
from entities.models import Entity, EntityAlias
from entities.services import entity_delete, entity_merge, entity_split_alias
from tests.conftest import SEEDS_DIR
from tests.factories import ArticleFactory, EntityFactory, MentionFactory, SourceFactory

pytestmark = pytest.mark.django_db


def counted_from_mentions() -> dict[tuple[int, int], int]:
    """(entity, source) -> articles, as a fresh count over the mentions and their articles computes it."""
    rows = (
        Mention.objects.filter(article__source__isnull=False)
        .values_list("entity_id", "article__source_id")
        .annotate(articles=Count("article_id", distinct=True))
        .order_by()
    )
    return {(entity_id, source_id): articles for entity_id, source_id, articles in rows}


def maintained() -> dict[tuple[int, int], int]:
    rows = EntitySource.objects.values_list("entity_id", "source_id", "article_count")
    return {(entity_id, source_id): articles for entity_id, source_id, articles in rows}


def days_counted_from_mentions() -> dict[tuple[int, date], int]:
    """(entity, day) -> articles published that day, as a fresh count over the mentions computes it."""
    rows = (
        Mention.objects.filter(article__published_at__isnull=False)
        .values_list("entity_id", "article__published_at")
        .annotate(articles=Count("article_id", distinct=True))
        .order_by()
    )
    return {(entity_id, day): articles for entity_id, day, articles in rows}


def days_maintained() -> dict[tuple[int, date], int]:
    rows = EntityDay.objects.values_list("entity_id", "day", "article_count")
    return {(entity_id, day): articles for entity_id, day, articles in rows}


def pairs_from_mentions() -> set[tuple[int, int, date | None]]:
    """(entity, article, the article's day) of every article that mentions an entity, from the mentions."""
    return set(Mention.objects.values_list("entity_id", "article_id", "article__published_at").distinct())


def pairs_maintained() -> set[tuple[int, int, date | None]]:
    rows = list(EntityArticle.objects.values_list("entity_id", "article_id", "published_at"))
    assert len(rows) == len(set(rows))
    return set(rows)


def articles_by_mentions(entity_id: int) -> list[int]:
    """The article list's ``entity`` as the mentions give it, in the list's order."""
    rows = Article.objects.filter(mentions__entity_id=entity_id).distinct()
    return list(rows.order_by(F("published_at").desc(nulls_last=True), "-id").values_list("id", flat=True))


def by_mentions_published(after: date | None = None, before: date | None = None) -> list[int]:
    """The entity list's ``published_*`` as they were read before the maintained rows: through the mentions."""
    rows = Entity.objects.all()
    if after:
        rows = rows.filter(mentions__article__published_at__gte=after)
    if before:
        rows = rows.filter(mentions__article__published_at__lte=before)
    return list(rows.distinct().order_by("name", "id").values_list("id", flat=True))


def by_mentions(source_id: int) -> list[int]:
    """The entity list's ``source`` as it was read before the maintained rows: through the mentions."""
    return list(
        Entity.objects.filter(mentions__article__source_id=source_id)
        .distinct()
        .order_by("name", "id")
        .values_list("id", flat=True)
    )


def listed(api_client, params: dict) -> list[int]:
    response = api_client.get("/api/v1/entities/", {"page_size": 200, **params})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.slow
def test_counts_per_source_and_day_kept_through_every_write(ingested_seeds, api_client, monkeypatch):
    """After ingest, re-extraction, a new outlet at re-ingest and by an editor, new dates, corrections,
    merge, split, article, entity and source deletes, the rows per source and per day equal a fresh count,
    the list's ``source`` and ``published_*`` equal the entities named in the matching articles, the
    (entity, article) pairs with their day equal the mentions' and the article list's ``entity`` lists an
    entity's articles, and every report names its article's source and its event's date."""

    from articles import filtersets

    monkeypatch.setattr(filtersets, "ENTITY_DAYS_READ", filtersets.ENTITY_DAYS_READ)

    def check(step: str) -> None:
        assert maintained() == counted_from_mentions(), step
        assert days_maintained() == days_counted_from_mentions(), step
        assert pairs_maintained() == pairs_from_mentions(), step
        for entity_id in Entity.objects.order_by("-mention_count").values_list("id", flat=True)[:3]:
            response = api_client.get("/api/v1/articles/", {"entity": entity_id, "page_size": 200})
            found = [row["id"] for row in response.json()["results"]]
            assert found == articles_by_mentions(entity_id), (step, entity_id)
        for after, before in (
            (date(2025, 5, 28), None),
            (None, date(2025, 5, 27)),
            (date(2025, 1, 1), date(2025, 5, 28)),
        ):
            params = {
                key: str(day)
                for key, day in (("published_after", after), ("published_before", before))
                if day
            }
            for bound in (0, 100_000):  # walked and probed, and a short window read at once (PostgreSQL)
                filtersets.ENTITY_DAYS_READ = bound
                assert listed(api_client, params) == by_mentions_published(after, before), (step, params)
        reports = EventReport.objects.values_list(
            "id", "source_id", "article__source_id", "event_date", "event__date"
        )
        stale = [row for row in reports if row[1] != row[2] or row[3] != row[4]]
        assert not stale, f"{step}: reports whose source or date is not their article's or event's: {stale}"
        for source_id in Source.objects.values_list("id", flat=True):
            assert listed(api_client, {"source": source_id}) == by_mentions(source_id), step

    check("after ingest")
    assert len({source for _, source in maintained()}) >= 2
    first, second, third, fourth = Article.objects.order_by("id")[:4]

    article_reextract(article=first)
    check("after re-extraction")
    article_reextract(article=first, source_name="A New Outlet")
    check("after re-extraction with another outlet")
    article_apply_metadata(article=fourth, source_name="Another Outlet")
    check("after an outlet given at re-ingest")
    article_update(article=second, data={"source": Source.objects.get(name="A New Outlet")})
    check("after an editor changed the outlet")
    article_update(article=second, data={"source": None})
    check("after an editor removed the outlet")
    article_update(article=second, data={"published_at": date(2025, 5, 20)})
    check("after an editor re-dated an article")
    article_update(article=fourth, data={"published_at": None})
    check("after an editor cleared a date")

    lavrov = Entity.objects.filter(name__icontains="Lavrov").order_by("-mention_count").first()
    others = list(
        Entity.objects.filter(type=lavrov.type).exclude(pk=lavrov.pk).order_by("-mention_count")[:2]
    )
    entity_merge(survivor=lavrov, merged=others)
    check("after a merge")
    split = entity_split_alias(alias=EntityAlias.objects.filter(entity=lavrov, name="Lavrov").first())
    check("after an alias split")

    start = third.body.index(third.body.split()[0])
    added = mention_create(article=third, entity=split, start=start, end=start + 3)
    check("after a mention added")
    mention_update(mention=added, data={"entity": lavrov})
    check("after a mention moved")
    mention_delete(mention=Mention.objects.filter(article=third).first())
    check("after a mention deleted")

    article_delete(article=third)
    check("after an article delete")
    entity_delete(entity=Entity.objects.order_by("-mention_count").first())
    check("after an entity delete")
    source_delete(source=Source.objects.get(name="A New Outlet"))
    check("after a source delete")
    article_reextract(article=fourth)
    check("after re-extracting an article with a corrected neighbour")
    assert entity_recount() == 0


@pytest.mark.slow
def test_an_ingest_reads_only_its_own_articles_counts_per_source(ingested_seeds):
    """An ingest writes the counts per source of its own mentions in one statement, whatever the table
    holds: no read of another article's mentions, no recount."""
    Article.objects.order_by("-id").first().delete()
    entity_recount()
    text = sorted(SEEDS_DIR.glob("*.txt"))[-1].read_text(encoding="utf-8")
    from newsapi.extraction.pipeline import extract_article

    extraction = extract_article(text)
    with CaptureQueriesContext(connection) as queries:
        article_ingest(raw_text=text, source_name="Seed Outlet", extraction=extraction)
    table = EntitySource._meta.db_table
    writes = [q["sql"] for q in queries if table in q["sql"]]
    assert len(writes) == 1 and writes[0].startswith(f'INSERT INTO "{table}"'), writes
    assert maintained() == counted_from_mentions()


def test_recount_rebuilds_rows_written_around_the_services():
    """Rows written around the services (bulk SQL, loaddata) are repaired by ``entity_recount``."""
    outlet = SourceFactory()
    article = ArticleFactory(source=outlet)
    entity = EntityFactory()
    MentionFactory(article=article, entity=entity)  # the factory recounts its entity, as a merge would
    assert maintained()[(entity.id, outlet.id)] == 1
    EntitySource.objects.all().delete()
    Mention.objects.filter(article=article).update(entity=EntityFactory())
    entity_recount()
    assert maintained() == counted_from_mentions()


def test_the_source_filter_reads_the_counts_per_source_in_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries
):
    """One query for the page however many entities and articles the source has, and none of the
    mentions."""
    outlet, elsewhere = SourceFactory(), SourceFactory()
    named, other = EntityFactory(name="Hakan Fidan"), EntityFactory(name="Marco Rubio")
    MentionFactory(article=ArticleFactory(source=outlet), entity=named)
    MentionFactory(article=ArticleFactory(source=elsewhere), entity=other)
    with CaptureQueriesContext(connection) as queries:
        assert listed(api_client, {"source": outlet.id}) == [named.id]
    assert not [q["sql"] for q in queries if Mention._meta.db_table in q["sql"]]
    few = len(queries)
    for index in range(30):
        MentionFactory(article=ArticleFactory(source=outlet), entity=EntityFactory(name=f"Person {index}"))
    with django_assert_max_num_queries(few):
        assert len(listed(api_client, {"source": outlet.id})) == 31
    assert listed(api_client, {"source": elsewhere.id}) == [other.id]


def test_event_reports_copy_their_articles_source_and_events_date_when_made_moved_or_redated():
    """A report made or moved by an editor names its article's source and its event's date, and follows
    an editor's new date for the event."""
    from articles.services import event_report_create, event_report_update, event_update
    from tests.factories import EventFactory

    outlet, elsewhere = SourceFactory(), SourceFactory()
    article = ArticleFactory(source=outlet, body="Talks resume in Istanbul on Monday.")
    other = ArticleFactory(source=elsewhere, body="Talks resume in Istanbul on Monday.")
    event, later = EventFactory(date=date(2025, 6, 2)), EventFactory(date=date(2025, 7, 1))
    report = event_report_create(event=event, article=article, start=0, end=12)
    assert (report.source_id, report.event_date) == (outlet.id, date(2025, 6, 2))
    event_report_update(report=report, data={"article": other, "event": later})
    report.refresh_from_db()
    assert (report.source_id, report.event_date) == (elsewhere.id, date(2025, 7, 1))
    event_update(event=later, data={"date": date(2025, 7, 3)})
    report.refresh_from_db()
    assert report.event_date == date(2025, 7, 3)
    event_update(event=later, data={"date": None})
    report.refresh_from_db()
    assert report.event_date is None


@pytest.mark.parametrize("undated", [False, True])
def test_the_event_source_filter_keeps_undated_events(api_client, undated):
    """``source`` on events matches dated and undated events alike (PostgreSQL reads a source with no
    undated event through the copied dates, one with any through the ids)."""
    from tests.factories import EventReportFactory

    outlet = SourceFactory()
    dated = EventReportFactory(article__source=outlet, event__date=date(2025, 6, 2))
    EventReportFactory(article__source=SourceFactory(), event__date=date(2025, 6, 2))
    expected = [dated.event_id]
    if undated:
        expected.append(EventReportFactory(article__source=outlet, event__date=None).event_id)
    response = api_client.get("/api/v1/events/", {"source": outlet.id})
    assert [row["id"] for row in response.json()["results"]] == expected


def test_the_event_source_filter_reads_the_reports_copy(api_client):
    """``source`` on events: the reports' own source column, no join of each report's article."""
    from tests.factories import EventReportFactory

    report = EventReportFactory(article__source=SourceFactory())
    miss = EventReportFactory(article__source=SourceFactory())
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/events/", {"source": report.source_id})
    assert [row["id"] for row in response.json()["results"]] == [report.event_id]
    page = next(q["sql"] for q in queries if 'FROM "articles_event"' in q["sql"] and "ORDER BY" in q["sql"])
    assert "articles_eventreport" in page and "articles_article" not in page
    assert miss.event_id != report.event_id


def test_the_event_entity_filter_reads_participants_and_places_as_one_id_set(api_client):
    """``entity`` on events: the events it took part in or took place at, read as one set of ids (a UNION
    ALL), not an OR tested on every event walked."""
    from tests.factories import EventFactory

    city, person = EntityFactory(type="location"), EntityFactory(type="person")
    located = EventFactory(location=city)
    taking_part = EventFactory(participants=[city])
    both = EventFactory(location=city, participants=[city, person])
    EventFactory(participants=[person])
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/events/", {"entity": city.id, "page_size": 200})
    assert sorted(row["id"] for row in response.json()["results"]) == sorted(
        [located.id, taking_part.id, both.id]
    )
    page = next(q["sql"] for q in queries if 'FROM "articles_event"' in q["sql"] and "ORDER BY" in q["sql"])
    assert "UNION ALL" in page and " OR " not in page.split("ORDER BY")[0]


def test_the_quote_entity_filter_reads_quote_ids_from_the_article_index(api_client):
    """``entity`` on quotes (an entity in few articles, PostgreSQL): the quotes' ids come from the
    (article, id) index alone, and the page reads the primary key through them, newest first."""
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    from tests.factories import QuoteFactory

    entity = EntityFactory()
    named = [QuoteFactory() for _ in range(3)]
    for quote in named:
        MentionFactory(article=quote.article, entity=entity)
    QuoteFactory()
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/quotes/", {"entity": entity.id})
    assert [row["id"] for row in response.json()["results"]] == sorted((q.id for q in named), reverse=True)
    page = next(q["sql"] for q in queries if 'FROM "articles_quote"' in q["sql"] and "ORDER BY" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "SELECT id FROM articles_quote WHERE article_id = ANY(ARRAY(" in page
    # An index of the quotes' article: (article, id) at scale; on a table of a few rows the unique span
    # index, which also leads with the article, ties with it (which one wins moved with the statistics
    # earlier tests left once the page's ids were read in a subquery).
    assert "quote_article_id_idx" in plan or "articles_quote_unique_span" in plan, plan
