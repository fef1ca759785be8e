"""Admin for correcting articles, quotes, events and stories."""

from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import services
from articles.models import Article, Event, EventReport, Mention, Quote, QuoteGroup, Source, Story
from newsapi.admin_mixins import CHANGE, CorrectionAdmin, ServiceAdmin, ServiceInline, run_service


class MentionInline(ServiceInline, admin.TabularInline):
    """Adds a mention on the article page; existing ones are in the facts list and the mention list."""

    model = Mention
    verbose_name = "mention to add"
    verbose_name_plural = "Add mentions"
    classes = ["collapse"]
    fields = ["entity", "text", "start", "end", "is_edited"]
    readonly_fields = ["is_edited"]
    autocomplete_fields = ["entity"]
    create_fields = update_fields = services.MENTION_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.mention_create(**data))
    update_service = staticmethod(lambda mention, data: services.mention_update(mention=mention, data=data))
    delete_service = staticmethod(lambda mention: services.mention_delete(mention=mention))

    def get_queryset(self, request):
        # Dozens of rows made the page thousands of pixels tall; they are listed compactly instead.
        return super().get_queryset(request).none()


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
    fields = ["event", "article", "start", "end", "text", "is_main", "is_edited"]
    readonly_fields = ["is_edited"]
    autocomplete_fields = ["event", "article"]
    create_fields = update_fields = services.EVENT_REPORT_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.event_report_create(**data))
    update_service = staticmethod(lambda report, data: services.event_report_update(report=report, data=data))
    delete_service = staticmethod(lambda report: services.event_report_delete(report=report))


class ArticleEventReportInline(EventReportInline):
    """Adds an event report on the article page; existing ones are in the facts list, each with a link
    to its own page (rows here cost a query per autocomplete widget)."""

    verbose_name = "event report to add"
    verbose_name_plural = "Add event reports"
    classes = ["collapse"]

    def get_queryset(self, request):
        return super().get_queryset(request).none()


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


FACTS_PER_PAGE = 12
# The highlight colours, named once: the template's legend and CSS read them from here.
LEGEND = [
    ("person", "Person", "#2a7ae2"),
    ("organization", "Organisation", "#d9822b"),
    ("location", "Place", "#3aa655"),
    ("other", "Other name", "#8a8a8a"),
]
QUOTE_COLOUR = "#fff3b0"


@dataclass
class Fact:
    """One row of the article page's facts list: what was found where, and what an editor can do."""

    kind: str
    start: int
    label: str
    detail: str
    edited: bool
    actions: list[tuple[str, str]] = field(default_factory=list)


def _admin_url(obj, view: str) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def article_facts(article: Article, *, can_delete: bool) -> list[Fact]:
    """Mentions, quotes and event reports of ``article`` in body order, each with its admin actions
    (from the prefetched rows: no query per fact)."""
    facts: list[Fact] = []
    for mention in article.mentions.all():
        entity = mention.entity
        actions = [
            ("edit", _admin_url(mention, "change")),
            (f"entity #{entity.pk}", _admin_url(entity, "change")),
        ]
        if can_delete:
            actions.append(("delete", _admin_url(mention, "delete")))
        facts.append(
            Fact(
                "mention",
                mention.start,
                entity.name,
                f"{entity.type}: “{mention.text}”",
                mention.is_edited,
                actions,
            )
        )
    for quote in article.quotes.all():
        speaker = quote.speaker.name if quote.speaker_id else (quote.speaker_text or "unknown speaker")
        text = quote.text if len(quote.text) <= 160 else quote.text[:157] + "…"
        actions = [("edit / re-attribute", _admin_url(quote, "change"))]
        if can_delete:
            actions.append(("delete", _admin_url(quote, "delete")))
        facts.append(Fact(f"{quote.kind} quote", quote.start, speaker, f"“{text}”", quote.is_edited, actions))
    for report in article.event_reports.all():
        event = report.event
        when = event.date.isoformat() if event.date else "no date"
        actions = [("edit event", _admin_url(event, "change")), ("report", _admin_url(report, "change"))]
        detail = f"{event.type}, {when}" + (", the article's main event" if report.is_main else "")
        facts.append(Fact("event", report.start, event.title, detail, event.is_edited, actions))
    facts.sort(key=lambda fact: (fact.start, fact.kind))
    return facts


@admin.register(Source)
class SourceAdmin(ServiceAdmin):
    list_display = ["name", "domain", "article_count"]
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


class AuthorsField(forms.CharField):
    """An article's authors edited as text, one name a line (the field holds a JSON list)."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            "One name a line. Read from the byline or the page's declared author; once corrected here, "
            "re-extraction keeps it.",
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def validate(self, value):
        try:
            services.validate_authors(value)
        except Exception as error:  # the service's ValidationError, shown on the field
            raise forms.ValidationError(
                error.messages if hasattr(error, "messages") else str(error)
            ) from None

    def has_changed(self, initial, data):
        return self.to_python(data) != list(initial or [])


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
    change_form_template = "admin/articles/article/change_form.html"
    fields = [
        "title",
        "url",
        "source",
        "authors",
        "story",
        "language",
        "published_at",
        "published_at_verified",
        "published_at_confidence",
        "published_at_evidence",
        "date_conflicts",
        "is_edited",
        "edited_fields",
        "content_hash",
        "supplied_title",
        "removed_lines",
        "raw_text",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "date_conflicts",
        "supplied_title",
        "content_hash",
        "raw_text",
        "published_at_verified",
        "published_at_confidence",
        "published_at_evidence",
        "removed_lines",
        "is_edited",
        "edited_fields",
        "created_at",
        "updated_at",
    ]
    # The body and its facts sit above the form (see the template); the form keeps what is edited
    # most in view and folds the record-keeping away.
    change_fieldsets = [
        (None, {"fields": ["title", ("source", "language"), "authors", "story", "url"]}),
        (
            "Publication date",
            {
                "fields": [
                    ("published_at", "published_at_verified", "published_at_confidence"),
                    "published_at_evidence",
                    "date_conflicts",
                ]
            },
        ),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    ("is_edited", "edited_fields"),
                    ("created_at", "updated_at"),
                    "content_hash",
                    "supplied_title",
                    "removed_lines",
                    "raw_text",
                ],
            },
        ),
    ]
    # A new article is ingested from its raw text like any other; extraction fills the rest.
    add_fields = ["raw_text", "title", "url", "source", "published_at"]
    # Quotes are corrected from the facts list (each has its own page); mentions can be added here.
    inlines = [MentionInline, ArticleEventReportInline]
    actions = ["verify_publication_date", "reextract"]
    create_fields = tuple(add_fields)
    update_fields = services.ARTICLE_EDITABLE_FIELDS
    create_service = staticmethod(
        lambda data: services.article_ingest(
            raw_text=data["raw_text"],
            url=data.get("url") or "",
            source_name=data["source"].name if data.get("source") else None,
            published_at=data.get("published_at"),
            title=data.get("title") or "",
        )[0]
    )
    update_service = staticmethod(lambda article, data: services.article_update(article=article, data=data))
    delete_service = staticmethod(lambda article: services.article_delete(article=article))

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else super().get_fields(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            return AuthorsField(label="Authors")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": self.add_fields})]
        return self.change_fieldsets

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {**(extra_context or {}), **self.workspace(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        # change_view and the workspace share one fetch (with its prefetches) per request.
        cache = request.__dict__.setdefault("_article_admin_objects", {})
        if object_id not in cache:
            cache[object_id] = super().get_object(request, object_id, from_field)
        return cache[object_id]

    def workspace(self, request, article: Article) -> dict:
        """What the article page shows above its form: the title, the highlighted body with a legend,
        and one page of facts with their actions and links to the full filtered lists."""
        can_delete = request.user.has_perm("articles.delete_mention") and request.user.has_perm(
            "articles.delete_quote"
        )
        facts = article_facts(article, can_delete=can_delete)
        page = Paginator(facts, FACTS_PER_PAGE).get_page(request.GET.get("facts"))
        return {
            "title": article.title or f"Article {article.pk}",
            "subtitle": None,
            "article_meta": " · ".join(
                part
                for part in (
                    article.source.name if article.source_id else "",
                    article.published_at.isoformat() if article.published_at else "no date",
                    f"story #{article.story_id}" if article.story_id else "",
                )
                if part
            ),
            "evidence_html": mark_safe(highlight_body(article)),
            "legend": LEGEND,
            "quote_colour": QUOTE_COLOUR,
            "facts_page": page,
            "fact_lists": [
                (
                    "mentions",
                    reverse("admin:articles_mention_changelist") + f"?article__id__exact={article.pk}",
                ),
                ("quotes", reverse("admin:articles_quote_changelist") + f"?article__id__exact={article.pk}"),
                (
                    "event reports",
                    reverse("admin:articles_eventreport_changelist") + f"?article__id__exact={article.pk}",
                ),
            ],
        }

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_change"):
            queryset = queryset.select_related("source").prefetch_related(
                "mentions__entity", "quotes__speaker", "event_reports__event"
            )
        return queryset

    @admin.display(description="Contradicting clues")
    def date_conflicts(self, article: Article) -> str:
        conflicts = article.published_at_conflicts or []
        if not conflicts:
            return "None"
        return format_html(
            '<ul class="date-conflicts">{}</ul>',
            format_html_join("", "<li>{}</li>", ((str(conflict),) for conflict in conflicts)),
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
    actions = ["group_together", "take_out_of_group"]

    @admin.action(
        description="Group as the same words (several outlets' renderings of one quote)", permissions=CHANGE
    )
    def group_together(self, request, queryset):
        # Read now: a selected quote deleted while the service waits for the store lock is then noticed.
        selected = list(queryset)
        run_service(self, request, lambda: services.quote_group_join(quotes=selected), grouped_message)

    @admin.action(description="Take out of their groups (ingest never groups them again)", permissions=CHANGE)
    def take_out_of_group(self, request, queryset):
        # Read now: a selected quote deleted while the service waits for the store lock is then noticed.
        selected = list(queryset)
        run_service(self, request, lambda: services.quote_ungroup(quotes=selected), ungrouped_message)


def grouped_message(outcome: services.QuotesGrouped) -> tuple[str, int]:
    """What the grouping action changed, counted by the service."""
    if not outcome.joined:
        return (
            f"The selected quotes were already in quote group {outcome.group.pk}: nothing changed.",
            messages.WARNING,
        )
    message = f"Put {outcome.joined} quote(s) in quote group {outcome.group.pk}"
    if outcome.merged:
        message += f", which took in the quotes of {outcome.merged} other group(s)"
    return message + ".", messages.SUCCESS


def ungrouped_message(outcome: services.QuotesUngrouped) -> tuple[str, int]:
    """What the take-out action changed, counted by the service."""
    if not outcome.taken_out:
        return "None of the selected quotes was in a group: nothing changed.", messages.WARNING
    message = f"Took {outcome.taken_out} quote(s) out of their groups"
    if outcome.dissolved:
        message += (
            f"; dissolved {outcome.dissolved} group(s) left with one article's quotes (those quotes may "
            "be grouped again by a later ingest)"
        )
    return message + ".", messages.SUCCESS


QUOTE_GROUP_HELP = (
    "Quotes of one speaker's words as several outlets reported them, grouped at ingest or by an editor "
    '(the action "Group as the same words" on the quote list, which makes or joins a group). Deleting the '
    "group dissolves it: its quotes stay, ungrouped, and are marked as an editor's correction, so a "
    "later ingest never puts any of them in a group again (a new rendering of the words still groups "
    "with other outlets' new ones). To take out single quotes, use the action \"Take out of their "
    "groups\" on the quote list; a group it leaves with one article's quotes (or none) is dissolved, "
    "and the quotes left in it are not marked, so a later ingest may group them again."
)


@admin.register(QuoteGroup)
class QuoteGroupAdmin(ServiceAdmin):
    search_fields = ["quotes__text"]
    inlines = [GroupedQuoteInline]
    fieldsets = [(None, {"fields": ["created_at"], "description": QUOTE_GROUP_HELP})]
    readonly_fields = ["created_at"]
    # No add page: an empty group would have nothing to fill it. Groups are made by ingest and by the
    # quote list's "Group as the same words" action.
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
    list_display = ["event", "article", "start", "end", "is_main", "is_edited"]
    list_filter = ["is_main", "is_edited"]
    list_select_related = ["event", "article"]
    search_fields = ["event__title", "article__title", "text"]
    autocomplete_fields = ["event", "article"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]
    create_fields = update_fields = services.EVENT_REPORT_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.event_report_create(**data))
    update_service = staticmethod(lambda report, data: services.event_report_update(report=report, data=data))
    delete_service = staticmethod(lambda report: services.event_report_delete(report=report))


@admin.register(Mention)
class MentionAdmin(CorrectionAdmin):
    list_display = ["text", "entity", "article", "start", "end", "is_edited"]
    list_filter = ["is_edited", "entity__type"]
    search_fields = ["text", "entity__name", "article__title"]
    autocomplete_fields = ["entity", "article"]
    list_select_related = ["entity", "article"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]
    create_fields = ("article", *services.MENTION_EDITABLE_FIELDS)
    update_fields = services.MENTION_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.mention_create(**data))
    update_service = staticmethod(lambda mention, data: services.mention_update(mention=mention, data=data))
    delete_service = staticmethod(lambda mention: services.mention_delete(mention=mention))
