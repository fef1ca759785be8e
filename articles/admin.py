"""Admin for correcting articles, quotes, events and stories."""

from django.contrib import admin
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from articles import services
from articles.models import Article, Event, EventReport, Quote, QuoteGroup, Source, Story
from entities.models import Mention
from newsapi.admin_mixins import CorrectionAdmin, run_service


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["entity", "text", "start", "end", "is_edited"]
    readonly_fields = ["is_edited"]
    autocomplete_fields = ["entity"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    fields = ["text", "kind", "speaker", "speaker_text", "cue", "start", "end", "is_edited"]
    readonly_fields = ["is_edited"]
    autocomplete_fields = ["speaker"]


class EventReportInline(admin.TabularInline):
    model = EventReport
    extra = 0
    fields = ["event", "article", "start", "end", "text"]
    autocomplete_fields = ["event", "article"]


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
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(Story)
class StoryAdmin(CorrectionAdmin):
    list_display = ["title", "is_edited", "created_at"]
    search_fields = ["title"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]


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
    inlines = [MentionInline, QuoteInline, EventReportInline]
    actions = ["verify_publication_date", "reextract"]
    update_fields = services.ARTICLE_EDITABLE_FIELDS
    update_service = staticmethod(lambda article, data: services.article_update(article=article, data=data))

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

    @admin.action(description="Mark publication date as verified")
    def verify_publication_date(self, request, queryset):
        for article in queryset:
            services.article_verify_publication_date(article=article)
        self.message_user(request, f"Verified the publication date of {queryset.count()} article(s).")

    @admin.action(description="Re-run extraction (corrections are kept)")
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
    update_fields = services.QUOTE_EDITABLE_FIELDS
    update_service = staticmethod(lambda quote, data: services.quote_update(quote=quote, data=data))


@admin.register(QuoteGroup)
class QuoteGroupAdmin(admin.ModelAdmin):
    search_fields = ["quotes__text"]
    inlines = [QuoteInline]


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
    update_fields = services.EVENT_EDITABLE_FIELDS
    update_service = staticmethod(lambda event, data: services.event_update(event=event, data=data))


@admin.register(EventReport)
class EventReportAdmin(admin.ModelAdmin):
    list_display = ["event", "article", "start", "end"]
    list_select_related = ["event", "article"]
    search_fields = ["event__title", "article__title", "text"]
    autocomplete_fields = ["event", "article"]
