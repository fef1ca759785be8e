"""Full-text search on SQLite: an FTS5 index of article titles and bodies, kept in sync by triggers,
and the translation of the web-search syntax PostgreSQL reads (``"a phrase"``, ``-word``, ``or``)
into an FTS5 query, so ``q`` means the same on both databases."""

from __future__ import annotations

import re

TABLE = "articles_article_fts"
# Porter stemming and folded diacritics come closest to PostgreSQL's 'english' configuration.
CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(title, body, content='articles_article', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
)
# Triggers, not the ingest service, keep the index in sync: every write path (admin, fixtures,
# bulk updates, deletes by cascade) goes through them.
TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO {TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF title, body ON articles_article BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO {TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
)
REBUILD = f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"
DROP = (
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TABLE IF EXISTS {TABLE}",
)
# Title hits weigh more than body hits, as weight A over B does on PostgreSQL.
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def install(connection) -> None:
    """Create the index and its triggers (idempotent); fill the index when it was just made."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
        existed = cursor.fetchone() is not None
        cursor.execute(CREATE_TABLE)
        # A table rebuilt by a later migration loses its triggers: they are made again here.
        for trigger in TRIGGERS:
            cursor.execute(trigger)
        if not existed:
            cursor.execute(REBUILD)


def uninstall(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in DROP:
            cursor.execute(statement)


_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")


def _literal(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def websearch_to_fts5(text: str) -> tuple[str | None, str | None]:
    """``(required, excluded)`` FTS5 queries for PostgreSQL's web-search syntax.

    Words and quoted phrases are all required; ``or`` between two terms makes either do; a leading
    ``-`` excludes a word or phrase. Either part is None when the text has none. Terms without a
    letter or digit are dropped, as PostgreSQL's parser drops them.
    """
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    for match in _TERM.finditer(text):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.lower() == "or":
            join_next = bool(groups)
            continue
        if word is not None and word.startswith("-"):
            negated, word = "-", word[1:]
        term = phrase if phrase is not None else word
        if not term or not _WORD.search(term):
            continue
        literal = _literal(term)
        if negated:
            excluded.append(literal)
        elif join_next:
            groups[-1].append(literal)
        else:
            groups.append([literal])
        join_next = False
    required = " AND ".join("(" + " OR ".join(group) + ")" for group in groups) or None
    return required, (" OR ".join(excluded) or None)
