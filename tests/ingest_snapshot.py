"""What a run of ingest leaves in the database, independent of row ids and of the order of arrival."""

from __future__ import annotations


def database_snapshot() -> dict:
    """Articles (date, outlet, title), stories, mentions, quotes, quote groups and events, each keyed by
    the content hashes of the articles they belong to instead of ids."""
    from articles.models import Article, Event, Mention, Quote, Story

    articles = {a.pk: a for a in Article.objects.select_related("source")}
    hash_of = {pk: article.content_hash for pk, article in articles.items()}
    stories: dict[int, set[str]] = {}
    for article in articles.values():
        if article.story_id:
            stories.setdefault(article.story_id, set()).add(article.content_hash)
    groups: dict[int, set[tuple]] = {}
    quotes = set()
    for quote in Quote.objects.select_related("speaker"):
        key = (hash_of[quote.article_id], quote.start, quote.end)
        quotes.add((*key, quote.speaker.name if quote.speaker_id else None, quote.kind))
        if quote.group_id:
            groups.setdefault(quote.group_id, set()).add(key)
    events = set()
    for event in Event.objects.select_related("location").prefetch_related("participants", "reports"):
        events.add(
            (
                event.title,
                event.type,
                event.date,
                event.location.name if event.location_id else None,
                frozenset(p.name for p in event.participants.all()),
                frozenset(hash_of[r.article_id] for r in event.reports.all()),
            )
        )
    return {
        "articles": {
            a.content_hash: (
                a.title,
                a.published_at,
                round(a.published_at_confidence, 3),
                a.source.name if a.source_id else None,
            )
            for a in articles.values()
        },
        "stories": {frozenset(members) for members in stories.values()},
        "empty stories": Story.objects.filter(articles__isnull=True).count(),
        "mentions": {
            (hash_of[m.article_id], m.start, m.end, m.entity.name, m.entity.type)
            for m in Mention.objects.select_related("entity")
        },
        "quotes": quotes,
        "quote groups": {frozenset(members) for members in groups.values()},
        "events": events,
    }


def clear_ingested_rows() -> None:
    """Delete everything ingest writes, so another run starts from an empty database."""
    from articles.models import Article, Event, Mention, Quote, QuoteGroup, Source, Story
    from entities.models import DeletedEntityName, Entity

    for model in (Event, Quote, QuoteGroup, Mention, Article, Story, Entity, Source, DeletedEntityName):
        model.objects.all().delete()
