"""Corrections stick: every editor action survives re-ingest and re-extraction."""

import datetime as dt

import pytest
from django.core.management import call_command

from articles.models import Article, Event, EventReport, Mention, Quote
from articles.services import (
    article_ingest,
    article_reextract,
    article_update,
    article_verify_publication_date,
    event_report_update,
    quote_reattribute,
)
from entities.models import Entity, EntityAlias
from entities.services import entity_delete, entity_merge, entity_split_alias, entity_update
from tests.conftest import SEEDS_DIR

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def reingest_everything() -> None:
    """What an operator does: ingest the same files again, then re-run extraction on all of them."""
    call_command("ingest", str(SEEDS_DIR), verbosity=0)
    for article in Article.objects.all():
        article_reextract(article=article)


def person(name_part: str) -> Entity:
    return Entity.objects.filter(type="person", name__icontains=name_part).order_by("-id").first()


def test_merge_moves_mentions_quotes_and_names_and_survives_reingest(ingested_seeds):
    """Merging Umerov into Lavrov (a deliberate test merge) moves everything and is not undone."""
    lavrov, umerov = person("Lavrov"), person("Umerov")
    umerov_mentions = Mention.objects.filter(entity=umerov).count()
    umerov_quotes = Quote.objects.filter(speaker=umerov).count()
    lavrov_mentions = Mention.objects.filter(entity=lavrov).count()
    entity_merge(survivor=lavrov, merged=[umerov])
    assert not Entity.objects.filter(pk=umerov.pk).exists()
    assert Mention.objects.filter(entity=lavrov).count() == lavrov_mentions + umerov_mentions
    assert Quote.objects.filter(speaker=lavrov).count() >= umerov_quotes
    assert EntityAlias.objects.filter(entity=lavrov, name=umerov.name).exists()
    reingest_everything()
    assert not Entity.objects.filter(name__icontains="Umerov").exists(), "the merged entity came back"
    assert Mention.objects.filter(entity=lavrov, text__icontains="Umerov").exists()


def test_split_alias_makes_a_separate_entity_that_survives_reextraction(ingested_seeds):
    """Splitting the alias 'Lavrov' off leaves its mentions on the new entity."""
    lavrov = person("Lavrov")
    alias = EntityAlias.objects.filter(entity=lavrov, name="Lavrov").first()
    assert alias is not None
    new_entity = entity_split_alias(alias=alias)
    assert Mention.objects.filter(entity=new_entity, text="Lavrov").exists()
    assert not Mention.objects.filter(entity=lavrov, text="Lavrov").exists()
    reingest_everything()
    assert Mention.objects.filter(entity=new_entity, text="Lavrov").exists()
    assert not Mention.objects.filter(entity=lavrov, text="Lavrov").exists(), "the split was undone"
    assert not EntityAlias.objects.filter(entity=lavrov, name="Lavrov").exists()


def test_reattributed_quote_keeps_its_speaker_after_reextraction(ingested_seeds):
    """A quote given to another person keeps that speaker through re-ingest and re-extraction."""
    quote = Quote.objects.filter(speaker__name__icontains="Lavrov").first()
    zakharova = person("Zakharova") or person("Medinsky")
    quote_reattribute(quote=quote, speaker=zakharova)
    reingest_everything()
    quote.refresh_from_db()
    assert quote.speaker_id == zakharova.id
    assert quote.is_edited
    assert Quote.objects.filter(article=quote.article, start=quote.start, end=quote.end).count() == 1


def test_a_moved_and_a_corrected_event_report_survive_reingest_and_reextraction(ingested_seeds):
    """A main report moved to another article's event, and another report's span corrected, keep their
    rows and values through re-ingest (a new date: extracted again) and re-extraction."""
    moved = EventReport.objects.filter(is_main=True).select_related("article").order_by("id").first()
    other = Event.objects.exclude(reports__article=moved.article).order_by("id").first()
    event_report_update(report=moved, data={"event": other})
    corrected = EventReport.objects.filter(article=moved.article).exclude(pk=moved.pk).first() or moved
    event_report_update(report=corrected, data={"end": corrected.end - 1})
    columns = ("id", "event_id", "article_id", "start", "end", "text", "is_edited")
    edited = sorted(EventReport.objects.filter(pk__in=[moved.pk, corrected.pk]).values_list(*columns))
    reingest_everything()
    article = Article.objects.get(pk=moved.article_id)
    stored, created = article_ingest(raw_text=article.raw_text, published_at=dt.date(2025, 5, 26))
    assert (stored.pk, created) == (article.pk, False)
    assert sorted(EventReport.objects.filter(pk__in=[moved.pk, corrected.pk]).values_list(*columns)) == edited
    events = list(EventReport.objects.filter(article=article).values_list("event_id", flat=True))
    assert len(events) == len(set(events))


def test_a_main_event_an_editor_chose_survives_reingest_and_reextraction(ingested_seeds):
    """An article's other event made its main one stays its only main event through re-ingest (a new
    date: extracted again) and re-extraction, which read the lead's event as the main one."""
    article = next(
        article
        for article in Article.objects.order_by("id")
        if article.event_reports.filter(is_main=False).exists()
        and article.event_reports.filter(is_main=True).exists()
    )
    extracted_main = article.event_reports.get(is_main=True)
    chosen = article.event_reports.filter(is_main=False).order_by("id").first()
    article_update(article=article, data={"main_event": chosen.event})
    reingest_everything()
    stored, created = article_ingest(raw_text=article.raw_text, published_at=dt.date(2025, 5, 26))
    assert (stored.pk, created) == (article.pk, False)
    mains = EventReport.objects.filter(article=article, is_main=True)
    assert list(mains.values_list("id", "event_id")) == [(chosen.pk, chosen.event_id)]
    assert EventReport.objects.get(pk=extracted_main.pk).edited_fields == ["is_main"]


def test_changed_type_and_name_survive_reingest(ingested_seeds):
    """An entity's corrected type and name are kept when the same articles are ingested again."""
    kyiv = Entity.objects.filter(name="Kyiv").first()
    entity_update(entity=kyiv, data={"type": "organization", "name": "Kyiv (government)"})
    reingest_everything()
    kyiv.refresh_from_db()
    assert (kyiv.type, kyiv.name) == ("organization", "Kyiv (government)")
    assert not Entity.objects.filter(name="Kyiv").exists(), "re-ingest made a duplicate"


def test_verified_and_corrected_dates_survive_reextraction(ingested_seeds):
    """A verified publication date, and a date set by hand, are not changed by re-extraction."""
    first, second = Article.objects.order_by("id")[:2]
    article_verify_publication_date(article=first)
    article_update(article=second, data={"published_at": dt.date(2025, 5, 27)})
    verified_date = first.published_at
    reingest_everything()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.published_at == verified_date and first.published_at_verified
    assert second.published_at == dt.date(2025, 5, 27)


def test_deleted_entity_is_not_brought_back(ingested_seeds):
    """An entity an editor deleted is not created again by re-ingest or re-extraction."""
    berlin = Entity.objects.filter(name="Berlin").first() or Entity.objects.filter(type="location").last()
    name = berlin.name
    entity_delete(entity=berlin)
    reingest_everything()
    assert not Entity.objects.filter(name=name).exists()


def test_reextraction_without_corrections_gives_the_same_rows(ingested_seeds):
    """Re-running extraction on an uncorrected article reproduces its mentions and quotes."""
    article = Article.objects.order_by("id").first()
    mentions = sorted(Mention.objects.filter(article=article).values_list("start", "end", "entity_id"))
    quotes = sorted(Quote.objects.filter(article=article).values_list("start", "end", "speaker_id"))
    article_reextract(article=article)
    assert (
        sorted(Mention.objects.filter(article=article).values_list("start", "end", "entity_id")) == mentions
    )
    assert sorted(Quote.objects.filter(article=article).values_list("start", "end", "speaker_id")) == quotes


def test_every_correction_is_recorded_in_history_and_can_be_undone(ingested_seeds):
    """The history records a rename; reverting to the earlier record restores the old name."""
    entity = person("Medinsky")
    old_name = entity.name
    entity_update(entity=entity, data={"name": "V. Medinsky"})
    latest, previous = entity.history.order_by("-history_date")[:2]
    assert latest.name == "V. Medinsky" and previous.name == old_name
    previous.instance.save()
    entity.refresh_from_db()
    assert entity.name == old_name


def test_reextract_through_the_api_keeps_a_correction(ingested_seeds, editor_client):
    """POST /articles/{id}/reextract/ runs the same service: an edited quote keeps its speaker."""
    quote = Quote.objects.filter(speaker__isnull=False).select_related("article").first()
    other = Entity.objects.filter(type="person").exclude(pk=quote.speaker_id).first()
    assert (
        editor_client.patch(f"/api/v1/quotes/{quote.id}/", {"speaker": other.id}, format="json").status_code
        == 200
    )
    response = editor_client.post(f"/api/v1/articles/{quote.article_id}/reextract/")
    assert response.status_code == 200
    assert any(q["id"] == quote.id and q["speaker"]["id"] == other.id for q in response.json()["quotes"])
