"""Articles as ingested, the outlets and stories they belong to, and the quotes and events they report."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from simple_history.models import HistoricalRecords

from articles.choices import DatePrecision, EventType, QuoteKind
from newsapi.db import ExtractedModel
from newsapi.extraction import stories
from newsapi.extraction.types import ENTITY_TYPES

# Article.entity_types holds one bit per entity type its mentions name: bit i for ENTITY_TYPES[i]
# (person 1, organization 2, location 4, other 8). Stored values depend on this order: a new type goes
# at the end, never in between.
ENTITY_TYPE_BITS = {entity_type: 1 << position for position, entity_type in enumerate(ENTITY_TYPES)}


def entity_type_sets(entity_type: str) -> list[int]:
    """Every ``Article.entity_types`` value that includes ``entity_type``: the filter reads them as an IN
    list, which the column's statistics estimate exactly (a bitwise test is a guess to the planner)."""
    bit = ENTITY_TYPE_BITS[entity_type]
    return [value for value in range(1 << len(ENTITY_TYPES)) if value & bit]


class FingerprintField(models.JSONField):
    """A story fingerprint or centroid (``stories.article_fingerprint``): stored with the embedding's
    dimensions packed into one entry (``stories.pack_fingerprint``), read back one entry per dimension,
    so that the code comparing them never sees the packing."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return stories.pack_fingerprint(value) if isinstance(value, dict) else value

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return stories.unpack_fingerprint(value) if isinstance(value, dict) else value


class Source(models.Model):
    """An outlet that publishes articles (Live Mint, MENAFN, ...)."""

    name = models.CharField(max_length=255, unique=True)
    domain = models.CharField(max_length=255, blank=True, default="")
    # Kept up to date by the services that store, re-extract, move or delete articles
    # (articles.services.source_counts_follow), so that the source list reads it instead of counting an
    # outlet's articles per request (169 ms a page at 1M articles); `manage.py entity_recount` recomputes it.
    article_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Articles stored from this outlet."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Story(ExtractedModel):
    """The articles that report the same news."""

    title = models.CharField(max_length=500)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class StoryCentroid(models.Model):
    """What online story grouping keeps of a story: the sum of its members' fingerprints, size and dates.

    The mean similarity of a new article to all members is one dot product with ``centroid``
    divided by ``size``; rows are updated under the story's row lock.
    """

    story = models.OneToOneField(Story, on_delete=models.CASCADE, primary_key=True, related_name="centroid")
    centroid = FingerprintField(default=dict, blank=True)
    size = models.PositiveIntegerField(default=0)
    first_day = models.DateField(null=True, blank=True, help_text="Earliest confident publication date.")
    last_day = models.DateField(null=True, blank=True, help_text="Latest confident publication date.")
    pinned = models.BooleanField(
        default=False, help_text="An editor put an article here: never merged into another story."
    )

    def __str__(self) -> str:
        return f"Centroid of story {self.story_id}"


class Article(ExtractedModel):
    """One news article: the raw text as captured, and what extraction made of it."""

    title = models.CharField(max_length=500, blank=True, default="")
    supplied_title = models.CharField(
        max_length=500,
        blank=True,
        default="",
        help_text="The headline the caller gave at ingest (a scraper's metadata): extraction takes it for "
        "the title, again at every re-extraction.",
    )
    body = models.TextField(
        help_text="Clean body; every character span of mentions, quotes and events points here."
    )
    raw_text = models.TextField(help_text="The text exactly as it was ingested.")
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the raw text: the same text is one article.",
    )
    url = models.URLField(max_length=1000, blank=True, default="")
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    authors = models.JSONField(
        default=list,
        blank=True,
        help_text="Its authors, person names: from the byline of the text, or the author an HTML page "
        "declares; the outlet, agencies and titles left out; empty when none is named.",
    )
    published_at = models.DateField(null=True, blank=True, db_index=True, help_text="Day of publication.")
    published_at_confidence = models.FloatField(default=0.0, help_text="0 (a guess) to 1 (certain).")
    published_at_evidence = models.TextField(blank=True, default="", help_text="Which clue decided the date.")
    published_at_conflicts = models.JSONField(
        default=list, blank=True, help_text="Clues that contradict the decided date, one sentence each."
    )
    published_at_clues = models.JSONField(default=list, blank=True, help_text="Every date clue found.")
    published_at_verified = models.BooleanField(default=False, help_text="A person checked the date.")
    language = models.CharField(max_length=8, default="und", db_index=True, help_text="ISO 639-1 code.")
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    fingerprint = FingerprintField(
        default=dict, blank=True, editable=False, help_text="Terms used to group stories."
    )
    removed_lines = models.JSONField(
        default=list, blank=True, help_text="Boilerplate lines dropped from the body."
    )
    extracted_dates = models.JSONField(
        default=list,
        blank=True,
        help_text="Every time expression of the body: span, text, TIMEX3 value, type and precision.",
    )
    # The role the article gave each entity it names ({entity id: role}), as counted in the entity's
    # ``role_counts``: an extraction of it again moves its count instead of adding one more.
    entity_roles = models.JSONField(default=dict, blank=True, editable=False)
    # Title (weight A) and body (weight B) as a tsvector, GIN-indexed; filled on PostgreSQL only,
    # SQLite searches title and body directly.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    # Kept by the services that write mentions or change an entity's type (articles.services
    # entity_counts_follow, article_entity_types_refresh), so that ``entity_type`` on the list is a test of the
    # row it walks: a semi-join through 42M mentions was misestimated at 1M articles (14.5 s).
    entity_types = models.PositiveSmallIntegerField(
        default=0,
        editable=False,
        help_text="The types of the entities its mentions name, one bit each (ENTITY_TYPE_BITS).",
    )
    # The long text columns never change by hand; keeping them out keeps history small.
    history = HistoricalRecords(
        excluded_fields=[
            "body",
            "raw_text",
            "fingerprint",
            "removed_lines",
            "extracted_dates",
            "entity_roles",
            "search_vector",
            "entity_types",
            "published_at_clues",
            "created_at",
            "updated_at",
        ]
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        # The list's order with each filter is indexed on PostgreSQL by migration 0009 (undated last,
        # which SQLite's indexes cannot express).

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"


class ArticleAuthor(models.Model):
    """One author of an article by a case-blind key (``articles.services.author_key``): the article list's
    ``author`` filter reads an author's articles from this table's indexes, whatever the archive holds. A JSON list has no index that serves a case-blind
    element match on both SQLite and PostgreSQL.

    Derived from ``Article.authors``, never edited: written by the services that write that field
    (ingest, re-extraction, a correction)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="author_keys")
    key = models.CharField(max_length=200, help_text="The author's name, casefolded, spaces collapsed.")
    # The article's publication day, kept with it (``entity_counts_follow``, which every write of an
    # article's date runs in): on PostgreSQL the filter reads a page of an author's articles in the list's
    # order from the index (key, published_at DESC NULLS LAST, article DESC) of migration 0028 and stops at
    # the page's end, as ``EntityArticle`` does for an entity.
    published_at = models.DateField(null=True, blank=True, help_text="The article's publication day.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "article"], name="articles_articleauthor_key_article"),
        ]

    def __str__(self) -> str:
        return f"{self.key} of article {self.article_id}"


class StoryKey(models.Model):
    """One index key of an article for finding candidate stories (a heavy term's hash), with its day.

    Looked up by key and nearest day with a per-key limit, so the stories compared with a new
    article come from a bounded number of rows however large the archive. Each posting carries the
    story its article was in when it was written (``story``; a story merged away since is followed
    through ``MergedStory``), so the candidate stories are read from the key index alone, never from
    the articles' rows.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="story_keys")
    key = models.BigIntegerField()
    day = models.DateField(null=True, blank=True, help_text="Confident publication date, else null.")
    # No database constraint and nothing done on delete: a story deleted by an editor leaves its
    # articles without one (and their postings are cleared by ``story_delete``); a posting naming a
    # story that no longer exists counts for no story.
    story = models.ForeignKey(
        Story,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        help_text="The article's story when the posting was written (followed through MergedStory).",
    )

    class Meta:
        # Every column a candidate read needs is in its index (key, order, article, story): the read
        # touches a few index pages per key, no table row.
        indexes = [
            models.Index(fields=["key", "day", "article", "story"], name="storykey_key_day_posting"),
            models.Index(fields=["key", "article", "story"], name="storykey_key_article_posting"),
            # A key's latest undated postings: (key, day) cannot give them in article order, and (key,
            # article) walks every dated posting of the key looking for them (52,000 rows, 0.5 s, per key
            # at 1M articles when the key has none).
            models.Index(
                fields=["key", "article", "story"],
                condition=models.Q(day__isnull=True),
                name="storykey_key_undated_posting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} of article {self.article_id}"


class MergedStory(models.Model):
    """A story merged into another (and deleted): the postings written while its articles were in it
    count for the story they are in now. Always one step: a story that is merged in turn passes on the
    stories merged into it."""

    story_id = models.BigIntegerField(primary_key=True, help_text="The story merged away.")
    # Without a database constraint, like the postings' story (whose table a scratch benchmark database
    # makes UNLOGGED, which a permanent table's constraint may not reference); deleting the story through
    # the ORM deletes its rows here.
    into = models.ForeignKey(Story, on_delete=models.CASCADE, db_constraint=False, related_name="+")

    def __str__(self) -> str:
        return f"Story {self.story_id} merged into {self.into_id}"


class Mention(ExtractedModel):
    """One place in an article's body that names an entity: ``article.body[start:end] == text``."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey("entities.Entity", on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=255)
    # The table (and its history's) kept the names they had when mentions lived in the entities app, so
    # moving the model changed no table (migrations articles 0012 / entities 0006).
    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at"], table_name="entities_historicalmention"
    )
    # The entity as written here: splitting an alias off an entity moves the mentions written that way.
    entity_name_fields = {"entity": "text"}

    class Meta:
        db_table = "entities_mention"
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "entity", "start", "end"], name="entities_mention_unique_span"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="entities_mention_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["entity", "article"], name="entities_mention_entity_art")]

    def __str__(self) -> str:
        return f"{self.text} @ {self.start}-{self.end}"


class EntitySource(models.Model):
    """How many articles of one source mention an entity: the entity list's ``source`` filter reads these
    rows instead of every mention of the source's articles.

    Derived from the mentions and their articles' sources, never edited: the services that add, move or
    remove mentions, or change an article's source, keep it (``articles.services.entity_counts_follow``);
    a row exists while its count is above 0. ``manage.py entity_recount`` rebuilds it."""

    # A hidden relation ("+"): a merge or split does not move these rows like a reference; they are made
    # again from the moved mentions (``references_moved`` -> ``entity_recount``).
    entity = models.ForeignKey("entities.Entity", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+", db_index=False)
    article_count = models.PositiveIntegerField(help_text="Articles of the source that mention the entity.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "entity"], name="articles_entitysource_unique"),
        ]

    def __str__(self) -> str:
        return f"Entity {self.entity_id} in source {self.source_id}"


class EntityDay(models.Model):
    """How many articles published on one day mention an entity: the entity list's ``published_after`` /
    ``published_before`` read these rows instead of every mention of the window's articles.

    Kept like ``EntitySource`` (the same tally, the same services, rebuilt by ``manage.py
    entity_recount``); articles without a publication date have no row."""

    # Hidden ("+"), like EntitySource's: made again from the mentions after a merge or split.
    entity = models.ForeignKey("entities.Entity", on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    article_count = models.PositiveIntegerField(help_text="Articles of that day that mention the entity.")

    class Meta:
        # Entity first: the list walks its entities probing each one's days in the window. Day first: a
        # short window's entities are read from the index alone.
        constraints = [models.UniqueConstraint(fields=["entity", "day"], name="articles_entityday_unique")]
        indexes = [models.Index(fields=["day", "entity"], name="entityday_day_entity_idx")]

    def __str__(self) -> str:
        return f"Entity {self.entity_id} on {self.day}"


class EntityArticle(models.Model):
    """One article that mentions an entity, with the article's publication day: the article list's
    ``entity`` filter reads an entity's articles newest first from these rows' index and stops at the page's
    end, and ``related_to`` on entities reads an entity's articles and their entities here (one row per
    pair, where the mentions hold one per span).

    Derived from the mentions and their articles, never edited: kept by the services with the entity counts
    (``articles.services.entity_counts_follow``: one row per pair, its day following the article's),
    rebuilt by ``manage.py entity_recount``."""

    # Hidden ("+") on the entity, like EntitySource's: made again from the moved mentions after a merge or
    # split. Its index is PostgreSQL's (migration 0021: entity, day newest first and undated last, article).
    entity = models.ForeignKey("entities.Entity", on_delete=models.CASCADE, related_name="+", db_index=False)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="entity_links", db_index=False
    )
    published_at = models.DateField(null=True, blank=True, help_text="The article's publication day.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "entity"], name="articles_entityarticle_unique"),
        ]

    def __str__(self) -> str:
        return f"Entity {self.entity_id} in article {self.article_id}"


class QuoteGroup(models.Model):
    """Quotes of one speaker's words as reported, possibly translated differently, by several articles."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Quote group {self.pk}"


class Quote(ExtractedModel):
    """Who said what in an article: ``article.body[start:end] == text``."""

    # No index of its own: quote_article_id_idx (article, id) and the unique span (article, start, end)
    # both lead with the article; a third index only cost writes and gave the planner a tie to break.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes", db_index=False)
    speaker = models.ForeignKey(
        "entities.Entity", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_text = models.CharField(
        max_length=255,
        blank=True,
        default="",
        help_text="The speaker as written ('he', 'a senior official').",
    )
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=QuoteKind.choices, db_index=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    cue = models.CharField(max_length=100, blank=True, default="", help_text="Reporting verb, e.g. 'said'.")
    # Indexed with the id (quote_group_id_idx): ingest reads a bounded number of a group's latest members.
    group = models.ForeignKey(
        QuoteGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes", db_index=False
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])
    # The speaker as written: splitting an alias off an entity moves the quotes it was written as.
    entity_name_fields = {"speaker": "speaker_text"}

    class Meta:
        ordering = ["article_id", "start", "id"]
        # The quote list is newest first (-id): by speaker and by kind too. The ids of an article's quotes
        # are read from an index alone by the list's ``entity`` filter.
        indexes = [
            models.Index(fields=["speaker", "-id"], name="quote_speaker_id_idx"),
            models.Index(fields=["kind", "-id"], name="quote_kind_id_idx"),
            models.Index(fields=["article", "id"], name="quote_article_id_idx"),
            models.Index(fields=["group", "-id"], name="quote_group_id_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="articles_quote_unique_span"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class QuoteKey(models.Model):
    """One index key of a quote with a speaker (a content term's hash) for finding the same words
    quoted elsewhere: looked up by speaker and key, the latest postings first, a bounded number."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="keys")
    # The quote's speaker, copied so that one index lookup reads one speaker's postings of a key.
    speaker = models.ForeignKey("entities.Entity", on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["speaker", "key", "quote"], name="articles_quotekey_lookup")]

    def __str__(self) -> str:
        return f"{self.key} of quote {self.quote_id}"


class Event(ExtractedModel):
    """Something that happened or is planned, stored once however many articles report it."""

    title = models.CharField(max_length=500)
    type = models.CharField(max_length=50, choices=EventType.choices, default=EventType.OTHER, db_index=True)
    kind = models.CharField(
        max_length=50,
        blank=True,
        default="",
        help_text="The finer kind the trigger word names ('talks', 'call', 'visit'); blank if none.",
    )
    date = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, blank=True, default="")
    date_text = models.CharField(
        max_length=255, blank=True, default="", help_text="The words that gave the date."
    )
    date_confidence = models.FloatField(
        default=1.0,
        help_text="1 for a date the text states; lower when the publication date stands in for it.",
    )
    location = models.ForeignKey(
        "entities.Entity", null=True, blank=True, on_delete=models.SET_NULL, related_name="events_located"
    )
    participants = models.ManyToManyField("entities.Entity", blank=True, related_name="events")
    articles = models.ManyToManyField(Article, through="EventReport", related_name="events")
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"], m2m_fields=[participants])

    class Meta:
        ordering = ["-date", "id"]
        # The list's order, whole and by type, is indexed on PostgreSQL by migration 0009.

    def __str__(self) -> str:
        return self.title


class EventKey(models.Model):
    """One index key of an event (its type, kind or a title word, hashed) with its date: the events a
    new report may describe are looked up by key and date, a bounded number per key."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="keys")
    key = models.BigIntegerField()
    date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["key", "date", "event"], name="articles_eventkey_lookup"),
            # A key's latest undated events in id order: the lookup index gives them unordered (every
            # undated posting of the key read and sorted).
            models.Index(
                fields=["key", "event"], condition=models.Q(date__isnull=True), name="eventkey_key_undated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} of event {self.event_id}"


class EventReport(ExtractedModel):
    """One article's report of an event, with the span that reports it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reports")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="event_reports")
    # The article's source and the event's date, copied (the services keep them when either changes): the
    # event list's ``source`` filter reads a source's reports in the list's order (-date, id) from one index
    # (migration 0014) instead of probing each report's article for every event walked.
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    event_date = models.DateField(null=True, blank=True, editable=False, help_text="The event's date.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(help_text="The reporting sentence: article.body[start:end].")
    is_main = models.BooleanField(
        default=False, db_index=True, help_text="The article's main event: what its lead reports."
    )
    evidence = models.JSONField(
        blank=True,
        default=dict,
        help_text="Spans in article.body for each field: date, location, participants (name -> span), "
        "actor (who acts as written when no entity names them).",
    )

    class Meta:
        ordering = ["event_id", "article_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "article"], name="articles_eventreport_unique_per_article"
            ),
        ]
        indexes = [
            models.Index(fields=["source", "event"], name="eventreport_source_event_idx"),
            # event_after / event_before on articles: one index-only probe per article the list walks.
            models.Index(fields=["article", "event_date"], name="eventreport_article_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} in {self.article}"
