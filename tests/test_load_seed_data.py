"""load_seed_data run again and on a database that holds articles: it says what it did, loads nothing twice."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from articles.management.commands import load_seed_data
from articles.models import Article
from entities.models import Entity
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db]

LOADED = "Loaded the seed data: 5 articles, 35 entities, 69 quotes, 12 events."


def run() -> str:
    out = io.StringIO()
    call_command("load_seed_data", stdout=out)
    return out.getvalue().strip()


def test_an_empty_database_gets_the_five_seed_articles():
    """The fixture is loaded whole and the command says how much it loaded."""
    assert run().splitlines()[-1] == LOADED
    assert Article.objects.count() == 5


def test_a_second_run_says_the_seed_is_there_and_loads_nothing():
    """Run again (``./dev serve`` runs it at every start) it names what it found; nothing is written."""
    run()
    entities = Entity.objects.count()
    assert run() == "The 5 seed articles are already present: nothing loaded."
    assert (Article.objects.count(), Entity.objects.count()) == (5, entities)


def test_the_seed_beside_other_articles_is_reported_as_present():
    """Other articles stored after the seed are counted beside it."""
    run()
    ArticleFactory()
    assert run() == "The 5 seed articles are already present beside 1 other article(s): nothing loaded."


def test_a_database_with_other_articles_only_keeps_them_and_says_why_nothing_was_loaded():
    """The fixture's fixed ids would overwrite other rows: nothing is loaded, and the message says how to
    add the seed anyway; it is not a failure (exit 0)."""
    other = ArticleFactory(title="Our own article")
    assert run() == (
        "The database holds 1 article(s), 0 of the 5 seed articles among them: nothing loaded (the seed "
        "fixture loads only into a database without articles, its fixed ids would overwrite rows). "
        "`manage.py ingest seeds/` adds the missing ones."
    )
    assert list(Article.objects.values_list("id", "title")) == [(other.id, "Our own article")]


def test_a_failure_while_loading_is_a_sentence_and_leaves_nothing_half_loaded(monkeypatch):
    """An error after the rows were written (here the recount) rolls the whole load back."""

    def broken():
        raise OperationalError("disk full")

    monkeypatch.setattr(load_seed_data, "entity_recount", broken)
    with pytest.raises(CommandError, match=r"^Could not load the seed data, nothing was loaded: disk full$"):
        run()
    assert not Article.objects.exists() and not Entity.objects.exists()


def test_an_unreadable_fixture_is_a_sentence_naming_it(monkeypatch, tmp_path):
    """A damaged fixture file is named, not a traceback."""
    damaged = tmp_path / "seed.json"
    damaged.write_text("[{", encoding="utf-8")
    monkeypatch.setattr(load_seed_data, "FIXTURE", damaged)
    with pytest.raises(CommandError, match=f"^Cannot read the seed fixture {damaged}: "):
        run()
    assert not Article.objects.exists()
