"""An editor's quote-group corrections hold: a dissolved group's members, or a quote taken out of its
group, are never grouped again by a later ingest or re-extraction; only editors may dissolve; a dissolve
and an ingest merging into the group serialise on the store lock (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Quote, QuoteGroup
from articles.services import _store_reextraction
from benchmarks.story_assignment_cost import synthetic_extraction
from newsapi.extraction.types import PERSON, EntityCandidate, QuoteCandidate
from newsapi.roles import EDITORS, VIEWERS
from tests.test_admin import staff_user
from tests.test_quote_groups import DAY, FULL, REWORDED, _group_ids, _ingest

pytestmark = pytest.mark.django_db

SPEAKER = "Andriy Sybiha"
THIRD = "We are ready to resume the talks in Geneva next week, without preconditions"


def _grouped_pair():
    """Two outlets' renderings of one statement, ingested into one group; returns the group id."""
    first = _ingest("Kyiv ready for talks", [(SPEAKER, FULL)])
    second = _ingest("Talks may resume in Geneva", [(SPEAKER, REWORDED)])
    group_id = Quote.objects.get(article=first).group_id
    assert group_id is not None and Quote.objects.get(article=second).group_id == group_id
    return first, second, group_id


def _dissolve_in_admin(client, group_id):
    return client.post(reverse("admin:articles_quotegroup_delete", args=[group_id]), {"post": "yes"})


def test_a_dissolved_groups_members_stay_apart_when_a_third_outlet_reports_the_words(client, api_client):
    """An editor dissolves the group in the admin; a third outlet's rendering matching both former
    members joins neither (before: it regrouped all three), and the members are marked edited."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    assert _dissolve_in_admin(client, group_id).status_code == 302
    assert not QuoteGroup.objects.filter(pk=group_id).exists()
    third = _ingest("Geneva talks next week", [(SPEAKER, THIRD)])
    for article in (first, second, third):
        assert set(_group_ids(api_client, article).values()) == {None}
    for quote in Quote.objects.filter(article__in=[first, second]):
        assert quote.is_edited and "group" in quote.edited_fields
        assert quote.history.first().history_type == "~"
    fourth = _ingest("Sybiha repeats offer", [(SPEAKER, THIRD + ".")])
    # The new renderings still group with each other, never with the dissolved members.
    (group,) = set(_group_ids(api_client, third).values()) | set(_group_ids(api_client, fourth).values())
    assert group is not None
    assert sorted(Quote.objects.filter(group_id=group).values_list("article_id", flat=True)) == [
        third.id,
        fourth.id,
    ]


def test_a_dissolved_member_stays_ungrouped_when_its_article_is_extracted_again(client):
    """Re-extraction of a former member's article keeps the quote (a correction) and its no-group."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    _dissolve_in_admin(client, group_id)
    member = Quote.objects.get(article=second)
    extraction = synthetic_extraction(second.title, second.body, [SPEAKER], DAY)
    extraction.entities = [EntityCandidate(name=SPEAKER, type=PERSON)]
    extraction.quotes = [
        QuoteCandidate(
            text=member.text, kind=member.kind, start=member.start, end=member.end, speaker_name=SPEAKER
        )
    ]
    _store_reextraction(article=second, extraction=extraction, source_name=None)
    assert list(Quote.objects.filter(article=second).values_list("pk", "group_id")) == [(member.pk, None)]
    assert Quote.objects.get(article=first).group_id is None


def test_a_quote_taken_out_of_its_group_is_not_put_back_but_the_others_stay_grouped(client, api_client):
    """The quote list's action takes one quote out; a third rendering joins the remaining member's
    group and leaves the one taken out alone."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    taken = Quote.objects.get(article=second)
    response = client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "take_out_of_group", "_selected_action": [taken.pk]},
    )
    assert response.status_code == 302
    taken.refresh_from_db()
    assert taken.group_id is None and "group" in taken.edited_fields
    third = _ingest("Geneva talks next week", [(SPEAKER, THIRD)])
    assert set(_group_ids(api_client, third).values()) == {group_id}
    assert sorted(Quote.objects.filter(group_id=group_id).values_list("article_id", flat=True)) == [
        first.id,
        third.id,
    ]
    assert Quote.objects.get(pk=taken.pk).group_id is None


def test_anonymous_and_viewer_are_refused_the_dissolve(client):
    """Neither a visitor who is not logged in nor a viewer can dissolve a group: it keeps its quotes."""
    first, second, group_id = _grouped_pair()
    response = _dissolve_in_admin(client, group_id)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(staff_user("viewer", VIEWERS))
    assert _dissolve_in_admin(client, group_id).status_code == 403
    response = client.post(
        reverse("admin:articles_quotegroup_changelist"),
        {"action": "delete_selected", "_selected_action": [group_id], "post": "yes"},
    )
    # The list offers the viewer no action, and none ran.
    assert response.status_code == 200 and b'name="action"' not in response.content
    response = client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "take_out_of_group", "_selected_action": [Quote.objects.get(article=first).pk]},
    )
    assert response.status_code == 200 and b'name="action"' not in response.content
    assert sorted(Quote.objects.filter(group_id=group_id).values_list("article_id", flat=True)) == [
        first.id,
        second.id,
    ]
    assert not Quote.objects.filter(is_edited=True).exists()


def test_the_group_page_tells_the_editor_what_dissolving_does(client):
    """The help text on the group's page says that dissolved members are never grouped again."""
    client.force_login(staff_user("editor", EDITORS))
    _, _, group_id = _grouped_pair()
    page = client.get(reverse("admin:articles_quotegroup_change", args=[group_id])).content.decode()
    assert "never puts any of them in a group again" in page


@pytest.mark.django_db(transaction=True)
def test_an_ingest_during_a_dissolve_waits_for_it_and_leaves_the_members_apart():
    """The editor's dissolve holds the store lock while an ingest of a third rendering starts: the
    ingest waits, then finds the members dissolved and does not regroup them (before: it inserted
    its quote into the deleted group and failed on the foreign key)."""
    import threading
    import time

    from django.db import connection, transaction

    from articles.services import quote_group_delete

    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: concurrent writers are a PostgreSQL matter")
    first, second, group_id = _grouped_pair()
    dissolving, failures = threading.Event(), []

    def dissolve():
        try:
            with transaction.atomic():
                quote_group_delete(group=QuoteGroup.objects.get(pk=group_id))
                dissolving.set()
                time.sleep(0.5)
        except Exception as error:  # reported by the assertion below
            failures.append(error)
        finally:
            dissolving.set()
            connection.close()

    editor = threading.Thread(target=dissolve)
    editor.start()
    assert dissolving.wait(10)
    started = time.monotonic()
    third = _ingest("Geneva talks next week", [(SPEAKER, THIRD)])
    waited = time.monotonic() - started
    editor.join()
    assert not failures
    assert waited >= 0.3
    assert list(
        Quote.objects.filter(article__in=[first, second, third]).values_list("group_id", flat=True)
    ) == [
        None,
        None,
        None,
    ]


@pytest.mark.django_db(transaction=True)
def test_a_dissolve_during_an_ingest_merging_into_the_group_waits_and_dissolves_its_quote_too():
    """An ingest holding the store lock adds a quote to the group: the dissolve waits for its commit,
    then takes that quote out as well, and both succeed (before: one of them failed on the key)."""
    import threading
    import time

    from django.db import connection, transaction

    from articles.services import quote_group_delete
    from newsapi.db import lock_article_store
    from tests.factories import QuoteFactory

    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: concurrent writers are a PostgreSQL matter")
    first, second, group_id = _grouped_pair()
    locked, added = threading.Event(), []

    def ingest():
        try:
            with transaction.atomic():
                lock_article_store()
                added.append(QuoteFactory(group_id=group_id, start=0, end=5))
                locked.set()
                time.sleep(0.5)
        finally:
            locked.set()
            connection.close()

    writer = threading.Thread(target=ingest)
    writer.start()
    assert locked.wait(10)
    started = time.monotonic()
    quote_group_delete(group=QuoteGroup.objects.get(pk=group_id))
    waited = time.monotonic() - started
    writer.join()
    assert waited >= 0.3
    (quote,) = added
    assert not QuoteGroup.objects.filter(pk=group_id).exists()
    members = Quote.objects.filter(article__in=[first, second, quote.article])
    assert members.count() == 3
    for member in members:
        assert member.group_id is None and "group" in member.edited_fields
