"""Corrections by several editors at once: none loses another's fields; If-Match refuses a stale write."""

import pytest

from articles.choices import EventType
from articles.models import Event, Quote
from articles.services import event_update, quote_update
from entities.models import Entity
from entities.services import entity_update
from tests.factories import EntityFactory, EventFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_two_editors_correcting_different_fields_keep_both_changes():
    """Each editor holds the entity as it was before either wrote: both corrections survive, and
    both fields are marked edited."""
    entity = EntityFactory(name="Sergey Lavrov", role="")
    first, second = Entity.objects.get(pk=entity.pk), Entity.objects.get(pk=entity.pk)
    entity_update(entity=first, data={"name": "Sergei Lavrov"})
    entity_update(entity=second, data={"role": "Foreign Minister"})
    stored = Entity.objects.get(pk=entity.pk)
    assert (stored.name, stored.role) == ("Sergei Lavrov", "Foreign Minister")
    assert set(stored.edited_fields) == {"name", "role"}


def test_quote_and_event_corrections_write_only_their_fields():
    """The same holds for quotes and events."""
    quote = QuoteFactory(kind="direct", speaker_text="he")
    first, second = Quote.objects.get(pk=quote.pk), Quote.objects.get(pk=quote.pk)
    quote_update(quote=first, data={"kind": "indirect"})
    quote_update(quote=second, data={"speaker_text": "the minister"})
    stored = Quote.objects.get(pk=quote.pk)
    assert (stored.kind, stored.speaker_text) == ("indirect", "the minister")
    event = EventFactory(title="Talks", type=EventType.DIPLOMACY, date_text="")
    first, second = Event.objects.get(pk=event.pk), Event.objects.get(pk=event.pk)
    event_update(event=first, data={"title": "Istanbul talks"})
    event_update(event=second, data={"date_text": "on Monday"})
    stored = Event.objects.get(pk=event.pk)
    assert (stored.title, stored.date_text) == ("Istanbul talks", "on Monday")
    assert set(stored.edited_fields) == {"title", "date_text"}


def test_a_patch_with_the_current_etag_applies(api_client, editor_client):
    """If-Match with the ETag of the latest GET (plain or weak, as gzip sends it) lets the write through."""
    entity = EntityFactory(role="")
    url = f"/api/v1/entities/{entity.id}/"
    etag = api_client.get(url)["ETag"]
    response = editor_client.patch(url, {"role": "Mayor"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    etag = api_client.get(url)["ETag"]
    response = editor_client.patch(url, {"role": "Governor"}, format="json", HTTP_IF_MATCH=f"W/{etag}")
    assert response.status_code == 200
    assert Entity.objects.get(pk=entity.pk).role == "Governor"


def test_a_patch_with_a_stale_etag_is_a_412_and_writes_nothing(api_client, editor_client):
    """The second editor, who read the entity before the first one's correction, gets a 412."""
    entity = EntityFactory(role="")
    url = f"/api/v1/entities/{entity.id}/"
    etag = api_client.get(url)["ETag"]
    assert editor_client.patch(url, {"role": "Mayor"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    response = editor_client.patch(url, {"role": "Governor"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    body = response.json()
    assert (body["status"], body["code"]) == (412, "precondition_failed")
    assert Entity.objects.get(pk=entity.pk).role == "Mayor"


@pytest.mark.parametrize("resource", ["quotes", "events", "articles"])
def test_every_correctable_resource_honours_if_match(api_client, editor_client, resource):
    """Quotes, events and articles check If-Match the same way."""
    from tests.factories import ArticleFactory

    target = {"quotes": QuoteFactory, "events": EventFactory, "articles": ArticleFactory}[resource]()
    change = {"quotes": {"kind": "indirect"}, "events": {"title": "New"}, "articles": {"title": "New"}}[
        resource
    ]
    url = f"/api/v1/{resource}/{target.id}/"
    etag = api_client.get(url)["ETag"]
    assert editor_client.patch(url, change, format="json", HTTP_IF_MATCH='"stale"').status_code == 412
    assert editor_client.patch(url, change, format="json", HTTP_IF_MATCH=etag).status_code == 200
