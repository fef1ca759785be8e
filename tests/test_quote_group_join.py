"""An editor groups quotes ingest left apart (a loose translation shares too few words): the quote list's
action makes or joins one group, folds the selected quotes' groups together, refuses a selection that
is not one speaker's words in several articles, and holds over re-extraction; later renderings still
join the group. Only editors may group. Quote groups have no add page (an empty group would stay
empty). A re-extraction that drops a grouped quote dissolves the group of one article it leaves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Quote, QuoteGroup
from articles.services import _store_reextraction
from benchmarks.story_assignment_cost import synthetic_extraction
from newsapi.extraction.types import PERSON, EntityCandidate, QuoteCandidate
from newsapi.roles import EDITORS, VIEWERS
from tests.test_admin import staff_user
from tests.test_quote_group_corrections import SPEAKER, _grouped_pair, _meanwhile, _shown, _unmarked
from tests.test_quote_groups import DAY, FULL, _group_texts, _ingest

pytestmark = pytest.mark.django_db

# Two outlets' translations of one statement that share too few words for ingest to group them.
LITERAL = "We will never accept the terms of this ultimatum from Moscow"
LOOSE = "Kyiv rejects what amounts to an ultimatum dictated by the Kremlin"


def _group_in_admin(client, quotes):
    return client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "group_together", "_selected_action": [quote.pk for quote in quotes]},
    )


def _loose_pair():
    first = _ingest("Kyiv answers Moscow", [(SPEAKER, LITERAL)])
    second = _ingest("Ukraine rejects terms", [(SPEAKER, LOOSE)])
    quotes = [Quote.objects.get(article=first), Quote.objects.get(article=second)]
    assert [quote.group_id for quote in quotes] == [None, None], "ingest was expected to leave them apart"
    return first, second, quotes


def test_an_editor_groups_two_renderings_ingest_left_apart_and_a_later_rendering_joins_them(
    client, api_client
):
    client.force_login(staff_user("editor", EDITORS))
    first, second, quotes = _loose_pair()
    response = _group_in_admin(client, quotes)
    group_id = Quote.objects.get(pk=quotes[0].pk).group_id
    assert group_id is not None
    assert _shown(client, response) == [("success", f"Put 2 quote(s) in quote group {group_id}.")]
    assert [article for article, _ in _group_texts(api_client, group_id)] == [first.id, second.id]
    for quote in quotes:
        quote.refresh_from_db()
        assert quote.is_edited and "group" in quote.edited_fields
    # The grouped quotes are not "kept out": a third outlet's rendering of the literal words joins them.
    third = _ingest("Zelensky aide rejects terms", [(SPEAKER, LITERAL + ".")])
    assert Quote.objects.get(article=third).group_id == group_id


def test_a_loose_quote_joins_the_group_of_the_quote_selected_with_it(client):
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    loose = Quote.objects.get(article=_ingest("Kyiv answers Moscow", [(SPEAKER, LOOSE)]))
    assert loose.group_id is None
    response = _group_in_admin(client, [loose, Quote.objects.get(article=first)])
    assert _shown(client, response) == [("success", f"Put 1 quote(s) in quote group {group_id}.")]
    assert set(Quote.objects.filter(group_id=group_id).values_list("pk", flat=True)) == {
        *Quote.objects.filter(article__in=[first, second]).values_list("pk", flat=True),
        loose.pk,
    }
    # The member that was not selected moves nowhere and is not marked.
    assert _unmarked(Quote.objects.get(article=second))


def test_selecting_quotes_of_two_groups_folds_the_smaller_into_the_larger(client):
    client.force_login(staff_user("editor", EDITORS))
    first, second, large = _grouped_pair()
    third = _ingest("Geneva talks next week", [(SPEAKER, FULL + ".")])
    assert Quote.objects.get(article=third).group_id == large
    small_members = [
        Quote.objects.get(article=_ingest(title, [(SPEAKER, text)]))
        for title, text in (("Kyiv answers Moscow", LITERAL), ("Kyiv says no", LITERAL + "."))
    ]
    for quote in small_members:
        quote.refresh_from_db()
    small = small_members[0].group_id
    assert small is not None and small != large and small_members[1].group_id == small
    response = _group_in_admin(client, [small_members[0], Quote.objects.get(article=first)])
    assert _shown(client, response) == [
        ("success", f"Put 1 quote(s) in quote group {large}, which took in the quotes of 1 other group(s).")
    ]
    assert not QuoteGroup.objects.filter(pk=small).exists()
    assert Quote.objects.filter(group_id=large).count() == 5
    # The small group's other quote moved with it, unmarked (an ingest's merge moves quotes the same way).
    assert _unmarked(small_members[1])


def test_grouping_quotes_already_together_changes_nothing_and_says_so(client):
    client.force_login(staff_user("editor", EDITORS))
    first, second, group_id = _grouped_pair()
    response = _group_in_admin(client, list(Quote.objects.filter(group_id=group_id)))
    assert _shown(client, response) == [
        ("warning", f"The selected quotes were already in quote group {group_id}: nothing changed.")
    ]
    assert all(_unmarked(quote) for quote in Quote.objects.filter(group_id=group_id))


@pytest.mark.parametrize("case", ["one article", "two speakers", "no speaker", "gone meanwhile"])
def test_a_grouping_that_is_not_one_speakers_words_in_several_articles_is_refused(client, monkeypatch, case):
    client.force_login(staff_user("editor", EDITORS))
    first, second, quotes = _loose_pair()
    expected = {
        "one article": "Select quotes of at least two articles",
        "two speakers": "The selected quotes have different speakers (",
        "no speaker": f"Quote(s) {quotes[1].pk} have no speaker: set the speaker first",
        "gone meanwhile": f"Quote(s) {quotes[1].pk} no longer exist",
    }[case]
    if case == "one article":
        both = _ingest("Two statements", [(SPEAKER, "Geneva is our answer"), (SPEAKER, "Talks must be fair")])
        quotes = list(Quote.objects.filter(article=both))
    elif case == "two speakers":
        other = Quote.objects.get(article=_ingest("Peskov answers", [("Dmitry Peskov", LOOSE)]))
        quotes = [quotes[0], other]
    elif case == "no speaker":
        Quote.objects.filter(pk=quotes[1].pk).update(speaker=None)
    else:
        _meanwhile(monkeypatch, lambda: Quote.objects.filter(pk=quotes[1].pk).delete())
    response = _group_in_admin(client, quotes)
    ((level, message),) = _shown(client, response)
    assert level == "error" and message.startswith(expected), message
    assert not Quote.objects.exclude(group=None).exists()
    assert not Quote.objects.filter(is_edited=True).exists()
    assert not QuoteGroup.objects.exists()


def _reextract_with(article, quotes: list[Quote]):
    """Extract ``article`` again, finding exactly ``quotes`` (as they are stored) and nothing else."""
    extraction = synthetic_extraction(article.title, article.body, [SPEAKER], DAY)
    extraction.entities = [EntityCandidate(name=SPEAKER, type=PERSON)]
    extraction.quotes = [
        QuoteCandidate(
            text=quote.text, kind=quote.kind, start=quote.start, end=quote.end, speaker_name=SPEAKER
        )
        for quote in quotes
    ]
    _store_reextraction(article=article, extraction=extraction, source_name=None)


def test_an_editors_grouping_holds_when_the_article_is_extracted_again(client):
    client.force_login(staff_user("editor", EDITORS))
    first, second, quotes = _loose_pair()
    _group_in_admin(client, quotes)
    group_id = Quote.objects.get(pk=quotes[0].pk).group_id
    _reextract_with(second, [])
    assert list(Quote.objects.filter(article=second).values_list("pk", "group_id")) == [
        (quotes[1].pk, group_id)
    ]


def test_a_reextraction_that_drops_a_grouped_quote_dissolves_the_group_it_leaves_alone():
    first, second, group_id = _grouped_pair()
    _reextract_with(second, [])
    assert not Quote.objects.filter(article=second).exists()
    remaining = Quote.objects.get(article=first)
    assert remaining.group_id is None and _unmarked(remaining)
    assert not QuoteGroup.objects.exists()


def test_a_reextraction_that_finds_the_grouped_quote_again_keeps_its_group():
    first, second, group_id = _grouped_pair()
    member = Quote.objects.get(article=second)
    _reextract_with(second, [member])
    assert sorted(Quote.objects.filter(group_id=group_id).values_list("article_id", flat=True)) == [
        first.id,
        second.id,
    ]


def test_anonymous_and_viewer_are_refused_the_grouping(client):
    _, _, quotes = _loose_pair()
    response = _group_in_admin(client, quotes)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(staff_user("viewer", VIEWERS))
    response = _group_in_admin(client, quotes)
    # The list offers the viewer no action, and none ran.
    assert response.status_code == 200 and b'name="action"' not in response.content
    assert not Quote.objects.exclude(group=None).exists()


def test_quote_groups_have_no_add_page(client):
    """An empty group has nothing to fill it: groups come from ingest and the grouping action."""
    client.force_login(staff_user("editor", EDITORS))
    assert client.get(reverse("admin:articles_quotegroup_add")).status_code == 403
    page = client.get(reverse("admin:articles_quotegroup_changelist")).content.decode()
    assert reverse("admin:articles_quotegroup_add") not in page
    page = client.get(reverse("admin:articles_quote_changelist")).content.decode()
    assert 'value="group_together"' in page
    assert not QuoteGroup.objects.exists()
