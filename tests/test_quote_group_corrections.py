"""An editor's quote-group corrections hold: a dissolved group's members, or a quote taken out of its
group, are never grouped again by a later ingest or re-extraction; a group left with one article's
quotes is dissolved without marking them; the admin shows only what really changed; only editors may
dissolve or take out; a dissolve and an ingest merging into the group serialise on the store lock
(SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.urls import reverse

from articles import services
from articles.models import Quote, QuoteGroup
from articles.services import _store_reextraction, article_delete
from benchmarks.story_assignment_cost import synthetic_extraction
from newsapi.extraction.types import PERSON, EntityCandidate, QuoteCandidate
from newsapi.roles import EDITORS, VIEWERS
from tests.test_admin import staff_user
from tests.test_quote_groups import DAY, FIRST_HALF, FULL, REWORDED, _group_ids, _group_texts, _ingest

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


def _grouped_trio():
    """Three outlets' renderings of one statement in one group; returns the articles and the group id."""
    first, second, group_id = _grouped_pair()
    third = _ingest("Geneva talks next week", [(SPEAKER, THIRD)])
    assert Quote.objects.get(article=third).group_id == group_id
    return first, second, third, group_id


def _dissolve_in_admin(client, group_id):
    return client.post(reverse("admin:articles_quotegroup_delete", args=[group_id]), {"post": "yes"})


def _take_out_in_admin(client, quotes):
    return client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "take_out_of_group", "_selected_action": [quote.pk for quote in quotes]},
    )


def _shown(client, response) -> list[tuple[str, str]]:
    """The messages (level, text) on the page the admin sends the editor to after the write."""
    assert response.status_code == 302
    page = client.get(response["Location"])
    return [(message.level_tag, message.message) for message in page.context["messages"]]


def _meanwhile(monkeypatch, change) -> None:
    """Run ``change`` once, as another writer (an ingest, a re-extraction) that held the store lock and
    committed while the service waited for it. Here its writes share the service's transaction, so a
    refusal rolls them back too (a real writer's would stay): the tests check what the editor's
    service changed and showed."""
    lock, pending = services.lock_article_store, [change]

    def lock_after_the_other_writer():
        while pending:
            pending.pop()()
        lock()

    monkeypatch.setattr(services, "lock_article_store", lock_after_the_other_writer)


def _merge_away(group_id: int) -> int:
    """What an ingest's merge does to a group: its quotes move to another group, it is deleted."""
    survivor = QuoteGroup.objects.create()
    Quote.objects.filter(group_id=group_id).update(group=survivor)
    QuoteGroup.objects.filter(pk=group_id).delete()
    return survivor.pk


def _unmarked(quote: Quote) -> bool:
    quote.refresh_from_db()
    return not quote.is_edited and "group" not in quote.edited_fields


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
    """The quote list's action takes one of three renderings out; the two others stay one group, a
    fourth rendering joins it and leaves the one taken out alone."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, third, group_id = _grouped_trio()
    taken = Quote.objects.get(article=third)
    response = _take_out_in_admin(client, [taken])
    assert response.status_code == 302
    assert _shown(client, response) == [("success", "Took 1 quote(s) out of their groups.")]
    taken.refresh_from_db()
    assert taken.group_id is None and "group" in taken.edited_fields
    fourth = _ingest("Sybiha repeats offer", [(SPEAKER, THIRD + ".")])
    assert set(_group_ids(api_client, fourth).values()) == {group_id}
    assert [article for article, _ in _group_texts(api_client, group_id)] == [first.id, second.id, fourth.id]
    assert Quote.objects.get(pk=taken.pk).group_id is None


def test_taking_one_quote_out_of_a_pair_dissolves_the_group_of_one_left_without_marking_it(
    client, api_client
):
    """A group is the same words in several articles: taking one of two out leaves no group in the
    API or the admin, the remaining quote is not an editor's correction, and a new rendering groups
    with it again (never with the quote taken out)."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    taken, left = Quote.objects.get(article=second), Quote.objects.get(article=first)
    response = _take_out_in_admin(client, [taken])
    assert _shown(client, response) == [
        (
            "success",
            "Took 1 quote(s) out of their groups; dissolved 1 group(s) left with one article's quotes "
            "(those quotes may be grouped again by a later ingest).",
        )
    ]
    assert not QuoteGroup.objects.filter(pk=group_id).exists()
    assert _group_texts(api_client, group_id) == []
    row = api_client.get(f"/api/v1/quotes/{left.pk}/").json()
    assert (row["group"], row["reported_by"]) == (None, [])
    groups_page = client.get(reverse("admin:articles_quotegroup_changelist")).content.decode()
    assert f"Quote group {group_id}" not in groups_page
    assert _unmarked(left) and left.history.first().history_type == "~"
    third = _ingest("Geneva talks next week", [(SPEAKER, THIRD)])
    (regrouped,) = set(_group_ids(api_client, third).values())
    assert regrouped is not None
    assert [article for article, _ in _group_texts(api_client, regrouped)] == [first.id, third.id]
    assert Quote.objects.get(pk=taken.pk).group_id is None


def test_a_pair_taken_out_together_is_marked_on_both_sides(client, api_client):
    """Both members selected: both are the editor's correction (not one of them dissolved as a
    remainder first), the group is gone, and a third rendering joins neither."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    response = _take_out_in_admin(client, Quote.objects.filter(article__in=[first, second]))
    assert _shown(client, response) == [("success", "Took 2 quote(s) out of their groups.")]
    assert not QuoteGroup.objects.exists()
    for quote in Quote.objects.filter(article__in=[first, second]):
        assert quote.group_id is None and "group" in quote.edited_fields
    third = _ingest("Geneva talks next week", [(SPEAKER, THIRD)])
    assert set(_group_ids(api_client, third).values()) == {None}


def test_a_group_left_with_one_articles_quotes_is_dissolved(client, api_client):
    """One article quotes a fragment and the whole sentence, another rewords it: taking the other
    article's quote out leaves two quotes of one article, no longer reported across outlets."""
    client.force_login(staff_user("editor", EDITORS))
    first = _ingest("Kyiv ready for talks", [(SPEAKER, "resume the talks"), (SPEAKER, FULL)])
    second = _ingest("Talks may resume in Geneva", [(SPEAKER, REWORDED)])
    group_id = Quote.objects.get(article=second).group_id
    assert len(_group_texts(api_client, group_id)) == 3
    _take_out_in_admin(client, [Quote.objects.get(article=second)])
    assert not QuoteGroup.objects.filter(pk=group_id).exists()
    for quote in Quote.objects.filter(article=first):
        assert quote.group_id is None and _unmarked(quote)


def test_deleting_a_quote_or_an_article_dissolves_the_group_it_leaves_alone(client, api_client):
    """The same rule when a member goes away: the quote's delete page in the admin, then the article
    service; the other member stays, ungrouped and unmarked."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    deleted = Quote.objects.get(article=second)
    response = client.post(reverse("admin:articles_quote_delete", args=[deleted.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Quote.objects.filter(pk=deleted.pk).exists()
    assert not QuoteGroup.objects.filter(pk=group_id).exists()
    assert _unmarked(Quote.objects.get(article=first))
    third = _ingest("Geneva talks next week", [(SPEAKER, THIRD)])
    (group,) = set(_group_ids(api_client, third).values())
    assert group is not None and Quote.objects.get(article=first).group_id == group
    article_delete(article=third)
    assert not QuoteGroup.objects.exists()
    assert _unmarked(Quote.objects.get(article=first))


def test_a_dissolve_refused_on_the_group_page_shows_only_the_refusal(client, monkeypatch):
    """An ingest merged the group into another while the editor confirmed: the page says it was not
    dissolved, with no "deleted successfully" beside it and no deletion in the admin log."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    _meanwhile(monkeypatch, lambda: _merge_away(group_id))
    response = _dissolve_in_admin(client, group_id)
    assert response["Location"] == reverse("admin:articles_quotegroup_changelist")
    ((level, message),) = _shown(client, response)
    assert level == "error" and f"Quote group {group_id} no longer exists" in message
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()
    assert not Quote.objects.filter(is_edited=True).exists()


def test_dissolving_selected_groups_is_one_outcome(client, monkeypatch):
    """Two groups selected on the list, one merged away meanwhile: only the refusal shows, nothing is
    dissolved and nothing logged; without the merge both are dissolved and counted."""
    client.force_login(staff_user("editor", EDITORS))
    _, _, group_id = _grouped_pair()
    _ingest("Delegation to travel", [("Rustem Umerov", FIRST_HALF)])
    other = _ingest("Umerov to Geneva", [("Rustem Umerov", FIRST_HALF + " morning")])
    other_group = Quote.objects.get(article=other).group_id
    assert other_group not in {None, group_id}
    selected = {"action": "delete_selected", "_selected_action": [group_id, other_group], "post": "yes"}
    changelist = reverse("admin:articles_quotegroup_changelist")
    _meanwhile(monkeypatch, lambda: _merge_away(group_id))
    response = client.post(changelist, selected)
    assert [level for level, _ in _shown(client, response)] == ["error"]
    assert QuoteGroup.objects.filter(pk=other_group).exists()
    assert not Quote.objects.filter(is_edited=True).exists()
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()
    monkeypatch.undo()
    response = client.post(changelist, selected)
    assert _shown(client, response) == [("success", "Successfully deleted 2 quote groups.")]
    assert not QuoteGroup.objects.exists() and Quote.objects.filter(is_edited=True).count() == 4


def test_a_take_out_refused_because_a_quote_went_away_changes_nothing_and_says_so(client, monkeypatch):
    """One selected quote was deleted by a re-extraction while the action waited for the store lock:
    the whole selection is refused with one error, the other quote stays in its group, unmarked."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    kept, gone = Quote.objects.get(article=first), Quote.objects.get(article=second)
    _meanwhile(monkeypatch, lambda: Quote.objects.filter(pk=gone.pk).delete())
    response = _take_out_in_admin(client, [kept, gone])
    assert response.status_code == 302
    assert _shown(client, response) == [
        (
            "error",
            f"Quote(s) {gone.pk} no longer exist (an article was re-extracted or deleted meanwhile); no "
            "quote was taken out of its group.",
        )
    ]
    kept.refresh_from_db()
    assert kept.group_id == group_id and not kept.is_edited


def test_the_take_out_message_counts_only_what_changed(client):
    """Two of a trio and a quote in no group selected: two taken out, the group of one left dissolved,
    one message; a selection of ungrouped quotes only says that nothing changed."""
    client.force_login(staff_user("editor", EDITORS))
    first, second, third, group_id = _grouped_trio()
    loose = _ingest("Umerov speaks", [("Rustem Umerov", FIRST_HALF)])
    selection = [*Quote.objects.filter(article__in=[second, third]), Quote.objects.get(article=loose)]
    response = _take_out_in_admin(client, selection)
    assert _shown(client, response) == [
        (
            "success",
            "Took 2 quote(s) out of their groups; dissolved 1 group(s) left with one article's quotes "
            "(those quotes may be grouped again by a later ingest).",
        )
    ]
    assert not QuoteGroup.objects.exists() and _unmarked(Quote.objects.get(article=first))
    assert _unmarked(Quote.objects.get(article=loose))
    response = _take_out_in_admin(client, [Quote.objects.get(article=loose)])
    assert _shown(client, response) == [
        ("warning", "None of the selected quotes was in a group: nothing changed.")
    ]


def test_anonymous_and_viewer_are_refused_the_dissolve(client):
    """Neither a visitor who is not logged in nor a viewer can dissolve a group, take a quote out or
    delete a member (which would dissolve what it leaves): the group keeps its quotes."""
    first, second, group_id = _grouped_pair()
    member = Quote.objects.get(article=second)
    for response in (
        _dissolve_in_admin(client, group_id),
        client.post(
            reverse("admin:articles_quotegroup_changelist"),
            {"action": "delete_selected", "_selected_action": [group_id], "post": "yes"},
        ),
        _take_out_in_admin(client, [member]),
        client.post(reverse("admin:articles_quote_delete", args=[member.pk]), {"post": "yes"}),
    ):
        assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(staff_user("viewer", VIEWERS))
    assert (
        client.post(reverse("admin:articles_quote_delete", args=[member.pk]), {"post": "yes"}).status_code
        == 403
    )
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


def _while_an_ingest_adds_to(group_id: int, service) -> tuple[Quote, float]:
    """Run ``service()`` while another thread's ingest, holding the store lock, adds a new article's
    quote (the group's speaker's) to the group and commits half a second later (PostgreSQL only);
    returns that quote and how long ``service()`` took."""
    import threading
    import time

    from django.db import connection, transaction

    from newsapi.db import lock_article_store
    from tests.factories import QuoteFactory

    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: concurrent writers are a PostgreSQL matter")
    speaker = Quote.objects.filter(group_id=group_id).first().speaker
    locked, added = threading.Event(), []

    def ingest():
        try:
            with transaction.atomic():
                lock_article_store()
                added.append(QuoteFactory(group_id=group_id, speaker=speaker, start=0, end=5))
                locked.set()
                time.sleep(0.5)
        finally:
            locked.set()
            connection.close()

    writer = threading.Thread(target=ingest)
    writer.start()
    assert locked.wait(10)
    started = time.monotonic()
    service()
    waited = time.monotonic() - started
    writer.join()
    (quote,) = added
    return quote, waited


@pytest.mark.django_db(transaction=True)
def test_a_dissolve_during_an_ingest_merging_into_the_group_waits_and_dissolves_its_quote_too():
    """An ingest holding the store lock adds a quote to the group: the dissolve waits for its commit,
    then takes that quote out as well, and both succeed (before: one of them failed on the key)."""
    from articles.services import quote_group_delete

    first, second, group_id = _grouped_pair()
    quote, waited = _while_an_ingest_adds_to(
        group_id, lambda: quote_group_delete(group=QuoteGroup.objects.get(pk=group_id))
    )
    assert waited >= 0.3
    assert not QuoteGroup.objects.filter(pk=group_id).exists()
    members = Quote.objects.filter(article__in=[first, second, quote.article])
    assert members.count() == 3
    for member in members:
        assert member.group_id is None and "group" in member.edited_fields


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("removal", ["take_out", "delete"])
def test_a_removal_during_an_ingest_adding_to_the_group_counts_the_new_member(removal):
    """An ingest holding the store lock adds a third article's quote to a pair's group; taking one
    member out (or deleting it) waits for the commit and counts the new member: the group keeps two
    articles and stays (without the lock, the delete dissolved it under the ingest's feet)."""
    from articles.services import quote_delete, quote_ungroup

    first, second, group_id = _grouped_pair()
    member = Quote.objects.get(article=second)
    removals = {
        "take_out": lambda: quote_ungroup(quotes=[member]),
        "delete": lambda: quote_delete(quote=member),
    }
    new, waited = _while_an_ingest_adds_to(group_id, removals[removal])
    assert waited >= 0.3
    assert QuoteGroup.objects.filter(pk=group_id).exists()
    assert sorted(Quote.objects.filter(group_id=group_id).values_list("article_id", flat=True)) == sorted(
        [first.id, new.article_id]
    )
