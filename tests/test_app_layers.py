"""The apps' layering: entities is a leaf that knows nothing of articles; articles builds on it."""

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def imported_modules(app: str) -> dict[str, set[str]]:
    """Every module each .py file under ``app/`` imports (absolute names; relative ones resolved)."""
    found = {}
    for path in sorted((REPO_ROOT / app).rglob("*.py")):
        package = path.relative_to(REPO_ROOT).with_suffix("").parts[:-1]
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
                names.add(base)
                names.update(f"{base}.{alias.name}" for alias in node.names)
        found[str(path.relative_to(REPO_ROOT))] = names
    return found


def _from_app(names: set[str], app: str) -> set[str]:
    return {name for name in names if name == app or name.startswith(f"{app}.")}


def test_nothing_under_entities_imports_articles_or_jobs():
    """Models, services, selectors, filtersets, admin and API views of entities import no other app."""
    offenders = {
        path: sorted(_from_app(names, "articles") | _from_app(names, "jobs"))
        for path, names in imported_modules("entities").items()
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_articles_is_the_app_that_imports_entities():
    """The dependency runs one way: articles builds on entities (its mentions, quotes and events point there)."""
    assert any(_from_app(names, "entities") for names in imported_modules("articles").values())


def test_no_query_under_entities_reaches_through_the_mentions():
    """Not even a lookup string: how articles stores mentions (``mentions__article__...``) is articles'
    business; the entity list's filters over mentions are registered by articles."""
    for path in sorted((REPO_ROOT / "entities").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        assert "mentions__" not in path.read_text(encoding="utf-8"), path


def test_the_entity_list_still_filters_by_article_story_source_date_and_co_mention():
    """The filters articles registers are on the entity list's FilterSet (so in the schema too)."""
    from entities.filtersets import EntityFilterSet

    assert {"article", "story", "source", "published", "related_to"} <= set(EntityFilterSet.base_filters)


def test_entity_templates_name_no_article_admin_page():
    """The entities admin's templates link nothing of articles (no articles admin URL or model)."""
    templates = list((REPO_ROOT / "entities" / "templates").rglob("*.html"))
    assert templates
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert "admin:articles_" not in text and "articles." not in text, template


def test_the_layer_check_sees_an_import_of_articles(tmp_path, monkeypatch):
    """The check is not blind: a module importing articles (plainly, by name or relatively) is caught."""
    app = tmp_path / "leaf"
    (app / "api").mkdir(parents=True)
    (app / "api" / "views.py").write_text("from articles.models import Article\n")
    (app / "services.py").write_text("def f():\n    import articles.selectors\n")
    monkeypatch.setattr(f"{__name__}.REPO_ROOT", tmp_path)
    found = imported_modules("leaf")
    assert _from_app(found["leaf/api/views.py"], "articles") == {"articles.models", "articles.models.Article"}
    assert _from_app(found["leaf/services.py"], "articles") == {"articles.selectors"}


@pytest.mark.django_db
def test_the_api_root_lists_every_resource_from_each_apps_routes(api_client):
    """/api/v1/ names each listable resource although each app declares its own routes."""
    root = api_client.get("/api/v1/").json()
    assert sorted(root) == ["articles", "entities", "events", "quotes", "sources", "stories"]
    assert root["entities"].endswith("/api/v1/entities/") and root["articles"].endswith("/api/v1/articles/")
