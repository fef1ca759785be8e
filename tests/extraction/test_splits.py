"""The development sets' tune and check parts never share a story, across sets either."""

import csv
import json

import pytest

from benchmarks.splits import CHECK, EVAL, TUNE, _title_key, news_cluster_split, split_of

LABELS = EVAL / "news-cluster-dev" / "labels.tsv"
FIVE_W = EVAL / "5w1h-dev"


def test_split_is_a_stable_half():
    keys = [str(number) for number in range(2000)]
    parts = [split_of(key) for key in keys]
    assert parts == [split_of(key) for key in keys]
    assert 0.4 < parts.count(TUNE) / len(parts) < 0.6


@pytest.mark.skipif(not (LABELS.exists() and FIVE_W.is_dir()), reason="the development sets are not present")
def test_an_article_in_both_crawled_sets_is_in_the_same_part_of_each():
    """news-cluster-dev and 5w1h-dev come from one crawl: an article both hold (same title) is on the
    same side in both, so tuning on one set's tune part never reads the other's check articles."""
    five_w_part = {}
    for path in FIVE_W.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        five_w_part[_title_key(gold["title"])] = split_of(gold["category"])
    with LABELS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    shared = [row for row in rows if _title_key(row["title"]) in five_w_part]
    assert shared, "the two sets no longer share articles: this test has nothing to check"
    for row in shared:
        assert news_cluster_split(row["event_id"]) == five_w_part[_title_key(row["title"])], row["title"]
    # Every article of an event goes with it, and the plain hash still decides the other events.
    events = {row["event_id"] for row in rows} - {row["event_id"] for row in shared}
    assert all(news_cluster_split(event) == split_of(event) for event in events)
    assert {news_cluster_split(row["event_id"]) for row in shared} <= {TUNE, CHECK}


def test_news_cluster_split_refuses_to_guess_without_the_sets(tmp_path):
    """Without 5w1h-dev beside it the split of the shared events cannot be known: a clear error, not
    a different split."""
    from benchmarks.splits import _shared_event_parts

    with pytest.raises(FileNotFoundError, match="5w1h-dev"):
        _shared_event_parts(tmp_path)


@pytest.mark.skipif(not (LABELS.exists() and FIVE_W.is_dir()), reason="the development sets are not present")
def test_the_main_event_hand_labels_are_tune_material_only():
    """The hand-labelled main events (benchmarks/data/main_event_hand_labels.tsv) come from
    news-cluster-dev's tune part, polnear-train and timebank-dev's tune part only, and name a text
    that exists."""
    from benchmarks.eval_5w1h import HAND_LABEL_TEXTS, read_hand_labels

    with LABELS.open(encoding="utf-8") as handle:
        event_of = {row["file"]: row["event_id"] for row in csv.DictReader(handle, delimiter="\t")}
    rows = read_hand_labels()
    assert len(rows) >= 150
    for row in rows:
        assert row["set"] in ("news-cluster-dev", "polnear-train", "timebank-dev"), row
        if row["set"] == "news-cluster-dev":
            assert news_cluster_split(event_of[row["file"]]) == TUNE, row
        if row["set"] == "timebank-dev":
            assert split_of(row["file"]) == TUNE, row
        assert (EVAL / row["set"] / HAND_LABEL_TEXTS[row["set"]].format(file=row["file"])).exists(), row
        assert row["when"] or row["where"], row


@pytest.mark.skipif(not (LABELS.exists() and FIVE_W.is_dir()), reason="the development sets are not present")
def test_the_event_type_labels_are_the_selected_tune_material_split_by_story():
    """The hand-labelled event types (benchmarks/data/event_type_labels.tsv) are exactly the articles
    the stated selection rule picks, all tune material of their sets, each in the half its story's
    hash gives, with a documented type."""
    from benchmarks.eval_event_types import NONE, TEXTS, label_part, read_labels, select
    from newsapi.extraction.lexicon import EVENT_TYPES

    rows = read_labels()
    assert [(r["set"], r["file"]) for r in rows] == [(r["set"], r["file"]) for r in select()]
    assert {r["part"] for r in rows} == {TUNE, CHECK}
    for row in rows:
        assert row["part"] == label_part(row["set"], row["story"]), row
        if row["set"] == "news-cluster-dev":
            assert news_cluster_split(row["story"]) == TUNE, row
        elif row["set"] in ("5w1h-dev", "timebank-dev"):
            assert split_of(row["story"]) == TUNE, row
        assert (EVAL / TEXTS[row["set"]].format(file=row["file"])).exists(), row
        assert row["type"] == NONE or set(row["type"].split(";")) <= set(EVENT_TYPES), row


@pytest.mark.skipif(not (LABELS.exists() and FIVE_W.is_dir()), reason="the development sets are not present")
def test_the_main_event_check_labels_are_check_material_only():
    """The held-back main-event labels (benchmarks/data/main_event_check_labels.tsv) come from
    timebank-dev's check part and polnear-dev only, name a text that exists, never an article of
    the tune labels, and say in their header that they are check-only."""
    from benchmarks.eval_5w1h import CHECK_LABELS, HAND_LABEL_TEXTS, read_hand_labels

    assert CHECK_LABELS.read_text(encoding="utf-8").startswith("# CHECK-ONLY")
    rows = read_hand_labels(CHECK_LABELS)
    assert len(rows) >= 60
    tune_files = {row["file"] for row in read_hand_labels()}
    for row in rows:
        assert row["set"] in ("timebank-dev", "polnear-dev"), row
        if row["set"] == "timebank-dev":
            assert split_of(row["file"]) == CHECK, row
        assert row["file"] not in tune_files, row
        assert (EVAL / row["set"] / HAND_LABEL_TEXTS[row["set"]].format(file=row["file"])).exists(), row
        assert row["when"] or row["where"], row
    assert len({(row["set"], row["file"]) for row in rows}) == len(rows)
