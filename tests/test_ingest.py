"""Ingest of the five seed articles, end to end: files in, rows and JSON out."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Event, Mention, Quote, Story
from articles.services import article_ingest, article_reextract
from entities.models import Entity

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "seed.json"


def table_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Article, Story, Entity, Mention, Quote, Event)
    }


@pytest.fixture
def lavrov(ingested_seeds) -> Entity:
    return Entity.objects.get(aliases__name="Lavrov")


def test_the_five_seeds_become_five_articles_in_one_story(ingested_seeds):
    """Every seed is stored once and all five report the same story."""
    assert Article.objects.count() == 5
    assert Article.objects.values("story").distinct().count() == 1
    assert Article.objects.filter(story__isnull=True).count() == 0


def test_lavrov_is_one_person_across_seeds_with_quotes(lavrov):
    """Sergei/Sergey Lavrov is one person entity, mentioned in every seed, with direct quotes."""
    assert lavrov.type == "person"
    assert "Lavrov" in lavrov.name
    assert Mention.objects.filter(entity=lavrov).values("article").distinct().count() == 5
    assert Quote.objects.filter(speaker=lavrov, kind="direct").count() >= 4


def test_quotes_endpoint_filters_lavrovs_quotes_from_the_seeds(api_client, lavrov):
    """/api/v1/quotes/?speaker=<Lavrov> returns only his quotes, each with its span in the body."""
    response = api_client.get("/api/v1/quotes/", {"speaker": lavrov.id, "page_size": 100})
    rows = response.json()["results"]
    assert rows, "Lavrov has quotes"
    assert {row["speaker"]["id"] for row in rows} == {lavrov.id}
    assert any("peace process" in row["text"] for row in rows)
    for row in rows:
        body = Article.objects.get(pk=row["article"]).body
        assert body[row["start"] : row["end"]] == row["text"]


def test_istanbul_talks_are_one_event_dated_2_june_2025(ingested_seeds):
    """The planned talks in Istanbul are stored once, dated 2025-06-02, reported by several seeds."""
    talks = Event.objects.filter(date=dt.date(2025, 6, 2), location__name__icontains="istanbul")
    assert talks.count() >= 1
    event = max(talks, key=lambda e: e.reports.count())
    assert event.reports.count() >= 4
    for report in event.reports.select_related("article"):
        assert report.article.body[report.start : report.end] == report.text


def test_seed_000_publication_date_overrides_its_wrong_dateline(ingested_seeds):
    """Seed 000's 2 January 2024 header is contradicted by its MENAFN id: the date is 28 May 2025."""
    article = Article.objects.get(raw_text__startswith="Tuesday, 02 January 2024")
    assert article.published_at == dt.date(2025, 5, 28)
    assert article.published_at_conflicts, "the contradiction is recorded on the article"


def test_ingesting_the_same_files_again_changes_nothing(ingested_seeds):
    """A second ingest of the seeds creates and changes no row."""
    before = table_counts()
    call_command("ingest", str(SEEDS), verbosity=0)
    assert table_counts() == before


def test_ingest_command_fails_with_a_sentence_for_a_missing_path(ingested_seeds):
    """An unknown path is a clear error and nothing is stored."""
    before = table_counts()
    with pytest.raises(CommandError, match="No such file or folder"):
        call_command("ingest", "/no/such/folder", verbosity=0)
    assert table_counts() == before


def test_empty_text_is_rejected_naming_the_field():
    """Ingesting an empty text raises a validation error on raw_text."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        article_ingest(raw_text="   \n ")
    assert "raw_text" in error.value.message_dict


def test_reextraction_keeps_a_corrected_quote(ingested_seeds):
    """A quote a person re-attributed survives re-extraction of its article."""
    quote = Quote.objects.filter(speaker__isnull=False).select_related("article").first()
    other = Entity.objects.filter(type="person").exclude(pk=quote.speaker_id).first()
    quote.speaker = other
    quote.mark_edited("speaker")
    quote.save()
    article_reextract(article=quote.article)
    quote.refresh_from_db()
    assert quote.speaker_id == other.id
    assert Quote.objects.filter(article=quote.article, start=quote.start, end=quote.end).count() == 1


def test_seed_fixture_loads_into_an_empty_database_with_the_same_data(ingested_seeds, django_db_blocker):
    """fixtures/seed.json holds the five seeds' articles, entities, quotes and events."""
    data = json.loads(FIXTURE.read_text())
    models = {row["model"] for row in data}
    assert {"articles.article", "entities.entity", "articles.quote", "articles.event"} <= models
    from articles.models import QuoteGroup, Source

    for model in (Event, Quote, QuoteGroup, Mention, Article, Story, Entity, Source):
        model.objects.all().delete()
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert Article.objects.count() == 5
    assert Quote.objects.filter(speaker__aliases__name="Lavrov").exists()


def _comparable(rows: list[dict]) -> list[dict]:
    volatile = {"created_at", "updated_at"}
    return [
        {
            "model": row["model"],
            "pk": row["pk"],
            "fields": {k: v for k, v in row["fields"].items() if k not in volatile},
        }
        for row in rows
    ]


# The lead embeddings' weights (five decimals in the stored fingerprints) come out of a matrix product
# whose last digit depends on the CPU's summation order: one machine's 0.00429 is another's 0.0043.
EMBEDDING_TOLERANCE = 1e-4


def _differences(built, committed, path: str = "") -> list[str]:
    """Where ``built`` and ``committed`` differ; numbers within ``EMBEDDING_TOLERANCE`` are the same."""
    if isinstance(built, dict) and isinstance(committed, dict):
        keys = dict.fromkeys([*built, *committed])
        return [d for k in keys for d in _differences(built.get(k), committed.get(k), f"{path}.{k}")]
    if isinstance(built, list) and isinstance(committed, list) and len(built) == len(committed):
        return [
            d
            for i, (a, b) in enumerate(zip(built, committed, strict=True))
            for d in _differences(a, b, f"{path}[{i}]")
        ]
    if isinstance(built, float) and isinstance(committed, float):
        return [] if abs(built - committed) <= EMBEDDING_TOLERANCE else [f"{path}: {built} != {committed}"]
    return [] if built == committed else [f"{path}: {built!r:.80} != {committed!r:.80}"]


def test_committed_seed_fixture_is_what_the_documented_command_builds(tmp_path):
    """fixtures/seed.json is up to date: `manage.py build_seed_fixtures` rebuilds it identically (to the
    last digit of an embedding, which differs between CPUs)."""
    output = tmp_path / "seed.json"
    call_command("build_seed_fixtures", output=str(output), verbosity=0)
    differences = _differences(
        _comparable(json.loads(output.read_text())), _comparable(json.loads(FIXTURE.read_text()))
    )
    assert not differences, (
        "fixtures/seed.json is stale: run `python manage.py build_seed_fixtures`:\n"
        + "\n".join(differences[:10])
    )


def test_the_fixture_comparison_sees_a_change_beyond_an_embedding_s_last_digit():
    rows = [
        {"model": "articles.article", "pk": 1, "fields": {"title": "Talks", "fingerprint": {"v:1": 0.00429}}}
    ]
    assert (
        _differences(rows, [{**rows[0], "fields": {"title": "Talks", "fingerprint": {"v:1": 0.0043}}}]) == []
    )
    assert _differences(rows, [{**rows[0], "fields": {"title": "Talks", "fingerprint": {"v:1": 0.0053}}}])
    assert _differences(rows, [{**rows[0], "fields": {"title": "Talk", "fingerprint": {"v:1": 0.00429}}}])
    assert _differences(rows, [{**rows[0], "fields": {"title": "Talks", "fingerprint": {}}}])


def test_the_same_quote_reported_by_several_outlets_is_one_group(ingested_seeds):
    """Lavrov's "We hope ..." appears in four seeds in different translations: one group, one speaker."""
    hope = Quote.objects.filter(text__contains="We hope", speaker__aliases__name="Lavrov").exclude(group=None)
    groups = set(hope.values_list("group", flat=True))
    assert len(groups) == 1
    group_quotes = Quote.objects.filter(group__in=groups)
    assert group_quotes.values("article").distinct().count() >= 3
    umerov = Quote.objects.filter(text__startswith="We are not opposed to further meetings").exclude(
        group=None
    )
    assert umerov.values("article").distinct().count() >= 2
    assert len(set(umerov.values_list("group", flat=True))) == 1


def test_no_quote_group_mixes_speakers_or_stays_within_one_article(ingested_seeds):
    """Groups never chain different speakers' words; each spans two articles or more (an article's
    second rendering joins only a group other articles report)."""
    from articles.models import QuoteGroup

    for group in QuoteGroup.objects.prefetch_related("quotes"):
        quotes = list(group.quotes.all())
        assert len({q.speaker_id for q in quotes}) == 1
        assert len({q.article_id for q in quotes}) >= 2
