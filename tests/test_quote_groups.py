"""Quote groups as ingest builds them, read through the API: one statement's renderings end in one group,
whichever articles and how many quotes of one article carry it; another speaker's words never join."""

from __future__ import annotations

from datetime import date

import pytest

from articles.models import Quote, QuoteGroup
from articles.services import _store_reextraction, article_ingest, quote_update
from benchmarks.story_assignment_cost import synthetic_extraction
from newsapi.extraction.types import DIRECT, INDIRECT, PERSON, EntityCandidate, QuoteCandidate

pytestmark = pytest.mark.django_db

DAY = date(2025, 6, 2)
FULL = "We are ready to resume the talks in Geneva next week without any preconditions"
REWORDED = "We are prepared to resume the talks in Geneva next week, with no preconditions at all"
FIRST_HALF = "Our delegation will travel to Geneva on Monday"
SECOND_HALF = "and it will bring a written proposal for a lasting ceasefire"


def _ingest(title: str, said: list[tuple[str, str]], kind: str = DIRECT):
    """Store an article whose body reports each (speaker, words) in turn; returns the article."""
    body = "Diplomats met again this week as the two governments weighed another round of talks."
    quotes = []
    for speaker, text in said:
        body += f' {speaker} said: "{text}".'
        quotes.append(
            QuoteCandidate(
                text=text, kind=kind, start=len(body) - len(text) - 2, end=len(body) - 2, speaker_name=speaker
            )
        )
    speakers = sorted({speaker for speaker, _ in said})
    extraction = synthetic_extraction(title, body, [], DAY)
    extraction.entities = [EntityCandidate(name=name, type=PERSON) for name in speakers]
    extraction.quotes = quotes
    article, created = article_ingest(raw_text=extraction.raw_text, extraction=extraction)
    assert created
    return article


def _group_ids(api_client, article) -> dict[str, int | None]:
    """Each quote's text -> its group, read through the API (the group is the list's ``group`` filter)."""
    rows = api_client.get("/api/v1/quotes/", {"article": article.id}).json()["results"]
    return {row["text"]: Quote.objects.get(pk=row["id"]).group_id for row in rows}


def _group_texts(api_client, group_id: int) -> list[tuple[int, str]]:
    rows = api_client.get("/api/v1/quotes/", {"group": group_id}).json()["results"]
    return sorted((row["article"], row["text"]) for row in rows)


def test_a_fragment_and_its_full_quote_in_one_article_join_the_other_articles_rendering(api_client):
    """The lead quotes two words, the body the whole sentence; another outlet rewords the sentence: the
    three are one group, and each lists the other two as reported with it."""
    first = _ingest("Kyiv ready for talks", [("Andriy Sybiha", "resume the talks"), ("Andriy Sybiha", FULL)])
    second = _ingest("Talks may resume in Geneva", [("Andriy Sybiha", REWORDED)])
    groups = _group_ids(api_client, first) | _group_ids(api_client, second)
    assert set(groups.values()) != {None} and len(set(groups.values())) == 1
    (group_id,) = set(groups.values())
    assert _group_texts(api_client, group_id) == sorted(
        [(first.id, "resume the talks"), (first.id, FULL), (second.id, REWORDED)]
    )
    quote = Quote.objects.get(text=REWORDED)
    reported = api_client.get(f"/api/v1/quotes/{quote.id}/").json()["reported_by"]
    assert sorted(report["text"] for report in reported) == sorted(["resume the talks", FULL])


def test_a_quote_that_ties_two_groups_together_merges_them(api_client):
    """Two outlets quote the first half of a statement, two others its second half: two groups. An
    article quoting all of it matches both; they become one group, and the emptied group is gone."""
    speaker = "Rustem Umerov"
    for title, text in (("Delegation to travel", FIRST_HALF), ("Umerov to Geneva", FIRST_HALF + " morning")):
        _ingest(title, [(speaker, text)])
    for title, text in (
        ("Ceasefire proposal", SECOND_HALF),
        ("A written proposal", "it will " + SECOND_HALF),
    ):
        _ingest(title, [(speaker, text)])
    assert QuoteGroup.objects.count() == 2
    whole = _ingest("Umerov sets out plan", [(speaker, f"{FIRST_HALF}, {SECOND_HALF}")])
    (group_id,) = set(_group_ids(api_client, whole).values())
    assert group_id is not None
    assert len(_group_texts(api_client, group_id)) == 5
    assert list(QuoteGroup.objects.values_list("pk", flat=True)) == [group_id]


def test_the_same_words_by_another_speaker_never_join_the_group(api_client):
    """Another speaker repeating the words, in the same article as a rendering and in one of their own,
    stays out of the group (quotes are compared with the same speaker's only)."""
    first = _ingest("Kyiv ready for talks", [("Andriy Sybiha", FULL)])
    second = _ingest("Moscow answers", [("Andriy Sybiha", REWORDED), ("Maria Zakharova", FULL)])
    third = _ingest("Zakharova repeats", [("Maria Zakharova", "We are ready to resume the talks, she said")])
    group_id = _group_ids(api_client, first)[FULL]
    assert group_id is not None
    assert _group_texts(api_client, group_id) == sorted([(first.id, FULL), (second.id, REWORDED)])
    assert _group_ids(api_client, second)[FULL] != group_id
    assert group_id not in _group_ids(api_client, third).values()
    for group in QuoteGroup.objects.prefetch_related("quotes"):
        assert len({quote.speaker_id for quote in group.quotes.all()}) == 1


def test_a_corrected_quote_keeps_its_group_and_its_words_when_its_article_is_extracted_again(api_client):
    """An editor's correction of a grouped quote survives re-extraction of its article (the storing step,
    with the extraction given), in its group; the article's other quotes are stored again and rejoin
    theirs."""
    first = _ingest("Kyiv ready for talks", [("Andriy Sybiha", FULL), ("Andriy Sybiha", FIRST_HALF)])
    second = _ingest(
        "Talks may resume", [("Andriy Sybiha", REWORDED), ("Andriy Sybiha", FIRST_HALF)], INDIRECT
    )
    corrected = Quote.objects.get(article=second, text=REWORDED)
    group_id = corrected.group_id
    assert group_id is not None and Quote.objects.get(article=first, text=FULL).group_id == group_id
    quote_update(quote=corrected, data={"text": REWORDED + "."})
    extraction = synthetic_extraction(second.title, second.body, ["Andriy Sybiha"], DAY)
    extraction.entities = [EntityCandidate(name="Andriy Sybiha", type=PERSON)]
    stored = Quote.objects.filter(article=second).order_by("start")
    extraction.quotes = [
        QuoteCandidate(text=q.text, kind=q.kind, start=q.start, end=q.end, speaker_name="Andriy Sybiha")
        for q in stored
    ]
    _store_reextraction(article=second, extraction=extraction, source_name=None)
    corrected.refresh_from_db()
    assert (corrected.text, corrected.is_edited, corrected.group_id) == (REWORDED + ".", True, group_id)
    assert len(_group_texts(api_client, group_id)) == 2
    halves = Quote.objects.filter(text=FIRST_HALF)
    assert halves.count() == 2 and len(set(halves.values_list("group_id", flat=True))) == 1
    assert halves.first().group_id is not None


def test_the_evaluations_in_memory_index_groups_as_ingest_does():
    """``stories.MemoryQuoteIndex`` (what benchmarks/eval_quote_groups.py runs) and ingest make the same
    groups of the same articles: both run ``stories.QuoteGrouping``."""
    from newsapi.extraction import stories

    articles = [
        [("Rustem Umerov", FIRST_HALF)],
        [("Rustem Umerov", SECOND_HALF), ("Andriy Sybiha", "resume the talks"), ("Andriy Sybiha", FULL)],
        [("Rustem Umerov", "it will " + SECOND_HALF), ("Andriy Sybiha", REWORDED)],
        [("Rustem Umerov", FIRST_HALF + " morning"), ("Maria Zakharova", FULL)],
        [("Rustem Umerov", f"{FIRST_HALF}, {SECOND_HALF}"), ("Andriy Sybiha", FULL)],
    ]
    memory = stories.MemoryQuoteIndex()
    stored = []
    for number, said in enumerate(articles):
        memory.add(number, said)
        stored.append(_ingest(f"Talks, day {number + 1}", said))

    def partition(labels: list) -> set[frozenset[int]]:
        groups: dict = {}
        for row, label in enumerate(labels):
            if label is not None:
                groups.setdefault(label, set()).add(row)
        return {frozenset(rows) for rows in groups.values()}

    in_order = Quote.objects.filter(article__in=stored).order_by("article_id", "start")
    assert partition(list(in_order.values_list("group_id", flat=True))) == partition(memory.group)
    assert len(partition(memory.group)) == 2
