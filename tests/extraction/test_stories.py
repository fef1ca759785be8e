"""Story fingerprints, incremental and batch grouping, and quote grouping."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsapi.extraction.stories import (
    article_fingerprint,
    assign_story,
    cluster_articles,
    fingerprint_similarity,
    group_quotes,
    quote_similarity,
    same_quote,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval" / "news-cluster-dev"
PUBLISHED = date(2025, 5, 28)

UNRELATED_TITLE = "Heavy snow closes schools across Erie as record falls"
UNRELATED_BODY = (
    "Erie, Pennsylvania, was buried under more than five feet of snow over the Christmas holiday, "
    "breaking the city's two-day snowfall record. The National Weather Service said lake-effect bands "
    "off Lake Erie dropped 34 inches on Monday alone. Crews worked around the clock to clear roads, "
    "and the county declared a disaster emergency as residents dug out cars and shovelled roofs. "
    "Forecasters expect more lake-effect snow later in the week."
)

UMEROV_000 = (
    "We are not opposed to further meetings... but we are awaiting their memorandum so that the meeting "
    "won't be empty and can truly move us closer to ending the war."
)
UMEROV_001 = (
    "We are not opposed to further meetings with the Russians and are awaiting their “memorandum”, so that "
    "the meeting won’t be empty and can truly move us closer to ending the war"
)
UMEROV_002 = (
    "However, we expect the Russian side to submit its memorandum in advance so the meeting can be productive "
    "and not merely symbolic. They still have at least four days to share the document."
)
LAVROV_HOPE_001 = (
    "We hope that all those sincerely interested in the success of the peace process will support holding "
    "a new round of negotiations"
)
LAVROV_HOPE_003 = (
    "We hope that all those who are sincerely, and not just in words, interested in the success of the peace "
    "process will support holding a new round of direct Russian-Ukrainian negotiations in Istanbul"
)
LAVROV_HOPE_004 = "who are sincerely, and not just in words, interested in the success of the peace process"
LAVROV_LAWS_002 = (
    "During the May 16 negotiations, we pushed for the abolition of all discriminatory legislation"
)
LAVROV_SUPPORT_004 = (
    "With the support of the United States, Saudi Arabia and Türkiye, it was possible to create conditions "
    "for the resumption of direct Russian-Ukrainian negotiations."
)


def _seed_fingerprints() -> list[dict[str, float]]:
    try:
        from newsapi.extraction.cleaning import clean_article
    except ImportError:
        clean_article = None
    prints = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        if clean_article is None:
            title, _, body = raw.strip().partition("\n")
        else:
            cleaned = clean_article(raw)
            title, body = cleaned.title, cleaned.body
        prints.append(article_fingerprint(title, body, []))
    return prints


def test_a_fingerprint_is_plain_json_with_unit_length():
    fingerprint = article_fingerprint(
        "Peace talks in Istanbul", "Russia proposed talks in Istanbul.", ["Istanbul"]
    )
    assert json.loads(json.dumps(fingerprint)) == fingerprint
    assert sum(v * v for v in fingerprint.values()) == pytest.approx(1.0, abs=1e-3)
    assert "e:istanbul" in fingerprint


def test_a_fingerprint_ignores_function_words_and_weighs_common_news_words_less():
    fingerprint = article_fingerprint("", "The officials said the ceasefire was discussed.", [])
    assert "the" not in fingerprint and "was" not in fingerprint
    assert fingerprint["ceasefire"] > fingerprint["official"]


def test_similarity_is_one_for_itself_and_zero_for_nothing_shared():
    a = article_fingerprint("Peace talks", "Russia and Ukraine negotiate in Istanbul.", [])
    b = article_fingerprint("Snow record", "Erie shovels five feet of snow.", [])
    assert fingerprint_similarity(a, a) == pytest.approx(1.0)
    assert fingerprint_similarity(a, b) == 0.0
    assert fingerprint_similarity({}, a) == 0.0


def test_the_five_seed_articles_form_one_story():
    prints = _seed_fingerprints()
    labels = cluster_articles([(fp, PUBLISHED) for fp in prints])
    assert len(set(labels)) == 1


def test_an_unrelated_article_starts_its_own_story():
    prints = _seed_fingerprints()
    unrelated = article_fingerprint(UNRELATED_TITLE, UNRELATED_BODY, ["Erie", "National Weather Service"])
    labels = cluster_articles([(fp, PUBLISHED) for fp in [*prints, unrelated]])
    assert len(set(labels[:5])) == 1
    assert labels[5] != labels[0]
    earlier = [(f"seed-{i}", fp, PUBLISHED) for i, fp in enumerate(prints)]
    assert assign_story(unrelated, PUBLISHED, earlier) is None


def test_assign_story_joins_the_most_similar_earlier_story():
    prints = _seed_fingerprints()
    unrelated = article_fingerprint(UNRELATED_TITLE, UNRELATED_BODY, [])
    earlier = [("snow", unrelated, PUBLISHED), ("talks", prints[0], PUBLISHED)]
    assert assign_story(prints[3], PUBLISHED, earlier) == "talks"


def test_assign_story_needs_more_similarity_the_further_apart_the_dates():
    prints = _seed_fingerprints()
    score = fingerprint_similarity(prints[0], prints[3])
    assert score > 0.3
    assert assign_story(prints[3], PUBLISHED, [("talks", prints[0], date(2025, 5, 30))]) == "talks"
    assert assign_story(prints[3], PUBLISHED, [("talks", prints[0], None)]) == "talks"
    # The same words a decade earlier are another story (another round of talks).
    assert assign_story(prints[3], PUBLISHED, [("talks", prints[0], date(2015, 5, 28))]) is None


def test_cluster_labels_are_numbered_by_first_appearance():
    a = article_fingerprint("Peace talks", "Russia and Ukraine negotiate in Istanbul over a ceasefire.", [])
    b = article_fingerprint("Snow record", "Erie shovels five feet of lake-effect snow.", [])
    assert cluster_articles([(b, None), (a, None), (b, None)]) == [0, 1, 0]
    assert cluster_articles([]) == []


def test_the_translated_umerov_quotes_of_seeds_000_and_001_are_one_quote():
    assert same_quote(UMEROV_000, UMEROV_001, same_speaker=False)
    assert same_quote(UMEROV_000, UMEROV_001, same_speaker=True)


def test_two_different_lavrov_quotes_are_not_one_quote_even_from_the_same_speaker():
    assert not same_quote(LAVROV_HOPE_001, LAVROV_LAWS_002, same_speaker=True)
    assert not same_quote(LAVROV_HOPE_003, LAVROV_SUPPORT_004, same_speaker=True)


def test_a_fragment_quoted_inside_a_longer_rendering_is_the_same_quote():
    assert same_quote(LAVROV_HOPE_004, LAVROV_HOPE_003, same_speaker=True)
    assert quote_similarity(LAVROV_HOPE_004, LAVROV_HOPE_003) > quote_similarity(LAVROV_HOPE_004, UMEROV_001)


def test_a_loose_rendering_joins_only_when_the_speaker_is_the_same():
    assert same_quote(UMEROV_001, UMEROV_002, same_speaker=True)
    assert not same_quote(UMEROV_001, UMEROV_002, same_speaker=False)


def test_group_quotes_links_renderings_across_outlets_and_keeps_speakers_apart():
    items = [
        ("000", "umerov", UMEROV_000),
        ("001", "umerov", UMEROV_001),
        ("001-lavrov", "lavrov", LAVROV_HOPE_001),
        ("003-lavrov", "lavrov", LAVROV_HOPE_003),
        ("004-lavrov", None, LAVROV_HOPE_004),
        ("002-lavrov", "lavrov", LAVROV_LAWS_002),
        ("x", "someone-else", UMEROV_001),
    ]
    labels = group_quotes(items)
    assert labels[0] == labels[1]
    assert labels[2] == labels[3] == labels[4]
    assert len({labels[0], labels[2], labels[5], labels[6]}) == 4


@pytest.mark.slow
@pytest.mark.skipif(not (EVAL_DIR / "labels.tsv").exists(), reason="news-cluster dev set not present")
def test_story_grouping_on_the_news_cluster_dev_half_reaches_its_target():
    from benchmarks.eval_news_cluster import score_news_cluster

    scores = score_news_cluster(EVAL_DIR)
    assert scores["f1"] >= 0.9
    assert scores["precision"] >= 0.9
