"""Admin for correcting articles, quotes, events and stories."""

from django.contrib import admin
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from articles import services
from articles.models import Article, Event, EventReport, Quote, QuoteGroup, Source, Story
from entities import services as entity_services
from entities.models import Mention
from newsapi.admin_mixins import CHANGE, CorrectionAdmin, ServiceAdmin, ServiceInline, run_service


class MentionInline(ServiceInline, admin.TabularInline):
    model = Mention
    fields = ["entity", "text", "start", "end", "is_edited"]
    readonly_fields = ["is_edited"]
    autocomplete_fields = ["entity"]
    create_fields = update_fields = entity_services.MENTION_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: entity_services.mention_create(**data))
    update_service = staticmethod(
        lambda mention, data: entity_services.mention_update(mention=mention, data=data)
    )
    delete_service = staticmethod(lambda mention: entity_services.mention_delete(mention=mention))


class QuoteInline(ServiceInline, admin.StackedInline):
    """Quotes are corrected here; a new quote is marked on the quote list's add page (it needs a span)."""

    model = Quote
    fields = ["text", "kind", "speaker", "speaker_text", "cue", "start", "end", "is_edited"]
    readonly_fields = ["is_edited"]
    autocomplete_fields = ["speaker"]
    update_fields = services.QUOTE_EDITABLE_FIELDS
    update_service = staticmethod(lambda quote, data: services.quote_update(quote=quote, data=data))
    delete_service = staticmethod(lambda quote: services.quote_delete(quote=quote))


class GroupedQuoteInline(QuoteInline):
    """A group's quotes: removing one from the group is an edit of the quote, not a deletion."""

    delete_service = None


class EventReportInline(ServiceInline, admin.TabularInline):
    model = EventReport
    fields = ["event", "article", "start", "end", "text"]
    autocomplete_fields = ["event", "article"]
    create_fields = update_fields = services.EVENT_REPORT_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.event_report_create(**data))
    update_service = staticmethod(lambda report, data: services.event_report_update(report=report, data=data))
    delete_service = staticmethod(lambda report: services.event_report_delete(report=report))


def highlight_body(article: Article) -> str:
    """The body as HTML with entity mentions and quotes marked, so evidence sits beside the data."""
    body = article.body
    marks: list[tuple[int, int, str, str]] = []  # start, end, opening tag, closing tag
    for quote in article.quotes.all():
        speaker = quote.speaker.name if quote.speaker_id else (quote.speaker_text or "unknown speaker")
        title = escape(f"{quote.kind} quote #{quote.pk} by {speaker}")
        marks.append((quote.start, quote.end, f'<mark class="quote" title="{title}">', "</mark>"))
    for mention in article.mentions.all():
        title = escape(f"{mention.entity.name} ({mention.entity.type}) #{mention.entity_id}")
        marks.append(
            (
                mention.start,
                mention.end,
                f'<span class="mention {mention.entity.type}" title="{title}">',
                "</span>",
            )
        )
    # Tags open at start and close at end; spans that cross each other are closed and reopened by
    # the browser's parser leniently, which is acceptable for a reading aid.
    events: dict[int, list[str]] = {}
    for start, end, opening, closing in marks:
        if 0 <= start < end <= len(body):
            events.setdefault(start, []).append(opening)
            events.setdefault(end, []).insert(0, closing)
    pieces, cursor = [], 0
    for position in sorted(events):
        pieces.append(escape(body[cursor:position]))
        closings = [tag for tag in events[position] if tag.startswith("</")]
        openings = [tag for tag in events[position] if not tag.startswith("</")]
        pieces.extend(closings + openings)
        cursor = position
    pieces.append(escape(body[cursor:]))
    return "".join(pieces)


EVIDENCE_STYLE = (
    "<style>.evidence{white-space:pre-wrap;max-width:60em;line-height:1.6}"
    ".evidence mark.quote{background:#fff3b0}.evidence .mention{border-bottom:2px solid #888}"
    ".evidence .person{border-color:#2a7ae2}.evidence .organization{border-color:#d9822b}"
    ".evidence .location{border-color:#3aa655}</style>"
)


@admin.register(Source)
class SourceAdmin(ServiceAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]
    create_fields = update_fields = services.SOURCE_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.source_create(**data))
    update_service = staticmethod(lambda source, data: services.source_update(source=source, data=data))
    delete_service = staticmethod(lambda source: services.source_delete(source=source))


@admin.register(Story)
class StoryAdmin(CorrectionAdmin):
    list_display = ["title", "is_edited", "created_at"]
    search_fields = ["title"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]
    create_fields = update_fields = services.STORY_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.story_create(**data))
    update_service = staticmethod(lambda story, data: services.story_update(story=story, data=data))
    delete_service = staticmethod(lambda story: services.story_delete(story=story))


@admin.register(Article)
class ArticleAdmin(CorrectionAdmin):
    list_display = [
        "title",
        "source",
        "published_at",
        "published_at_confidence",
        "language",
        "story",
        "is_edited",
    ]
    list_filter = ["source", "language", "published_at_verified", "is_edited"]
    list_select_related = ["source", "story"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["source", "story"]
    fields = [
        "title",
        "url",
        "source",
        "story",
        "language",
        "published_at",
        "published_at_verified",
        "published_at_confidence",
        "published_at_evidence",
        "published_at_conflicts",
        "evidence",
        "is_edited",
        "edited_fields",
        "content_hash",
        "removed_lines",
        "raw_text",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "evidence",
        "content_hash",
        "raw_text",
        "published_at_verified",
        "published_at_confidence",
        "published_at_evidence",
        "published_at_conflicts",
        "removed_lines",
        "is_edited",
        "edited_fields",
        "created_at",
        "updated_at",
    ]
    # A new article is ingested from its raw text like any other; extraction fills the rest.
    add_fields = ["raw_text", "url", "source", "published_at"]
    inlines = [MentionInline, QuoteInline, EventReportInline]
    actions = ["verify_publication_date", "reextract"]
    create_fields = tuple(add_fields)
    update_fields = services.ARTICLE_EDITABLE_FIELDS
    create_service = staticmethod(
        lambda data: services.article_ingest(
            raw_text=data["raw_text"],
            url=data.get("url") or "",
            source_name=data["source"].name if data.get("source") else None,
            published_at=data.get("published_at"),
        )[0]
    )
    update_service = staticmethod(lambda article, data: services.article_update(article=article, data=data))
    delete_service = staticmethod(lambda article: services.article_delete(article=article))

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else super().get_fields(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_change"):
            queryset = queryset.prefetch_related("mentions__entity", "quotes__speaker")
        return queryset

    @admin.display(description="Body with mentions and quotes")
    def evidence(self, article: Article) -> str:
        if not article.pk:
            return ""
        return format_html(
            '{}<div class="evidence">{}</div>', mark_safe(EVIDENCE_STYLE), mark_safe(highlight_body(article))
        )

    @admin.action(description="Mark publication date as verified", permissions=CHANGE)
    def verify_publication_date(self, request, queryset):
        for article in queryset:
            services.article_verify_publication_date(article=article)
        self.message_user(request, f"Verified the publication date of {queryset.count()} article(s).")

    @admin.action(description="Re-run extraction (corrections are kept)", permissions=CHANGE)
    def reextract(self, request, queryset):
        for article in queryset:
            run_service(
                self,
                request,
                lambda article=article: services.article_reextract(article=article),
                f"Re-extracted '{article}'.",
            )


@admin.register(Quote)
class QuoteAdmin(CorrectionAdmin):
    list_display = ["text", "speaker", "speaker_text", "kind", "article", "is_edited"]
    list_filter = ["kind", "is_edited"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "speaker_text"]
    autocomplete_fields = ["speaker", "article", "group"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]
    create_fields = ("article", "speaker", "speaker_text", "text", "kind", "start", "end", "cue")
    update_fields = services.QUOTE_EDITABLE_FIELDS
    create_service = staticmethod(
        lambda data: services.quote_create(
            article=data["article"], data={k: v for k, v in data.items() if k != "article"}
        )
    )
    update_service = staticmethod(lambda quote, data: services.quote_update(quote=quote, data=data))
    delete_service = staticmethod(lambda quote: services.quote_delete(quote=quote))


@admin.register(QuoteGroup)
class QuoteGroupAdmin(ServiceAdmin):
    search_fields = ["quotes__text"]
    inlines = [GroupedQuoteInline]
    create_service = staticmethod(lambda data: services.quote_group_create())
    delete_service = staticmethod(lambda group: services.quote_group_delete(group=group))
    # The group row itself has nothing to change; its quotes are corrected inline.
    update_service = staticmethod(lambda group, data: group)


@admin.register(Event)
class EventAdmin(CorrectionAdmin):
    list_display = ["title", "type", "date", "date_precision", "location", "is_edited"]
    list_filter = ["type", "date_precision", "is_edited"]
    list_select_related = ["location"]
    search_fields = ["title", "date_text", "location__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["location", "participants"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]
    inlines = [EventReportInline]
    create_fields = update_fields = services.EVENT_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.event_create(data=data))
    update_service = staticmethod(lambda event, data: services.event_update(event=event, data=data))
    delete_service = staticmethod(lambda event: services.event_delete(event=event))


@admin.register(EventReport)
class EventReportAdmin(ServiceAdmin):
    list_display = ["event", "article", "start", "end"]
    list_select_related = ["event", "article"]
    search_fields = ["event__title", "article__title", "text"]
    autocomplete_fields = ["event", "article"]
    create_fields = update_fields = services.EVENT_REPORT_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.event_report_create(**data))
    update_service = staticmethod(lambda report, data: services.event_report_update(report=report, data=data))
    delete_service = staticmethod(lambda report: services.event_report_delete(report=report))
