# The article list by title (``ordering=title`` / ``-title``, with or without ``q``) from an index of its
# order, each way (PostgreSQL only, as the list indexes of migration 0009; the keyset paginator's NULLS
# LAST and its ascending id make ``-title`` a different order from a backward scan of ``title``): at 1M
# articles every such page sorted the whole table, and an ordered search's window walked that sort.
#
# And four indexes no query reads on PostgreSQL, each a write on every stored article (BENCHMARKS.md,
# "Lists at scale", 2026-11-30): the single-column story and source indexes (the list indexes of migration
# 0009 begin with the same column and serve every lookup by it: a story's articles, an outlet's, the
# foreign keys' SET NULL on delete), and the varchar_pattern_ops copies Django makes for an indexed or unique
# CharField, which serve LIKE 'prefix%' only: content_hash is looked up by equality (its unique index),
# language by UPPER() = UPPER() (iexact) or, in the admin's filter, by equality (its plain index, kept).
# Django's state still has the fields indexed: it drops these by name with IF EXISTS when a field changes.

from django.db import migrations

from newsapi.migration_ops import no_statement_timeout, postgres_indexes, postgres_indexes_dropped

TITLE_ORDER = {
    "article_title_id_idx": "articles_article (title, id)",
    # ``-title`` is (title DESC NULLS LAST, id): the paginator ends every order with the id, ascending.
    "article_title_desc_id_idx": "articles_article (title DESC NULLS LAST, id)",
}
UNUSED = {
    "articles_article_story_id_6cfe4afe": "articles_article (story_id)",
    "articles_article_source_id_9a8869ea": "articles_article (source_id)",
    "articles_article_content_hash_19e034a5_like": "articles_article (content_hash varchar_pattern_ops)",
    "articles_article_language_5aeb8b73_like": "articles_article (language varchar_pattern_ops)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_quote_group_latest_members_index"),
    ]

    operations = [
        no_statement_timeout(),
        postgres_indexes_dropped(UNUSED),
        postgres_indexes(TITLE_ORDER),
    ]
