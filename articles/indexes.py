"""The quote and event indexes (``QuoteKey``, ``EventKey``) built for rows stored already.

Ingest and the editing services keep the indexes up to date row by row; this builds them whole,
for the migration that introduced them, after ``loaddata`` (the fixture holds the rows, not their
keys) and after the key functions change (``manage.py reindex_keys``). The keys come from pure
Python (stemming), so the rows are read in batches and their keys bulk-inserted.
"""

from __future__ import annotations

from django.apps import apps as global_apps

from newsapi.extraction import event_keys, stories

BATCH = 20000


def index_keys_rebuild(apps=global_apps) -> tuple[int, int]:
    """Replace every quote and event key; returns how many quote and event keys were written.

    ``apps`` is the app registry (a migration passes its historical one).
    """
    Quote = apps.get_model("articles", "Quote")
    QuoteKey = apps.get_model("articles", "QuoteKey")
    Event = apps.get_model("articles", "Event")
    EventKey = apps.get_model("articles", "EventKey")
    QuoteKey.objects.all().delete()
    EventKey.objects.all().delete()
    quotes = (
        Quote.objects.filter(speaker__isnull=False).order_by("pk").values_list("pk", "speaker_id", "text")
    )
    quote_keys = _bulk_insert(
        QuoteKey,
        (
            QuoteKey(quote_id=pk, speaker_id=speaker_id, key=key)
            for pk, speaker_id, text in quotes.iterator(chunk_size=2000)
            for key in stories.quote_keys(text)
        ),
    )
    events = Event.objects.order_by("pk").values_list("pk", "title", "type", "kind", "date")
    event_rows = _bulk_insert(
        EventKey,
        (
            EventKey(event_id=pk, key=key, date=day)
            for pk, title, type_, kind, day in events.iterator(chunk_size=2000)
            for key in event_keys.event_keys(title, type_, kind)
        ),
    )
    return quote_keys, event_rows


def _bulk_insert(model, rows) -> int:
    batch: list = []
    written = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    model.objects.bulk_create(batch)
    return written + len(batch)
