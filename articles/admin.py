"""Admin for correcting articles, quotes, events and stories."""

from django.contrib import admin

from articles.models import Article, Event, EventReport, Quote, QuoteGroup, Source, Story
from entities.models import Mention
from newsapi.admin_mixins import MarkEditedAdminMixin


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
    fields = ["event", "start", "end", "text"]
    autocomplete_fields = ["event"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(Story)
class StoryAdmin(MarkEditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "is_edited", "created_at"]
    search_fields = ["title"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]


@admin.register(Article)
class ArticleAdmin(MarkEditedAdminMixin, admin.ModelAdmin):
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
    readonly_fields = [
        "content_hash",
        "raw_text",
        "published_at_evidence",
        "published_at_conflicts",
        "published_at_clues",
        "removed_lines",
        "edited_fields",
        "created_at",
        "updated_at",
    ]
    inlines = [MentionInline, QuoteInline, EventReportInline]


@admin.register(Quote)
class QuoteAdmin(MarkEditedAdminMixin, admin.ModelAdmin):
    list_display = ["text", "speaker", "speaker_text", "kind", "article", "is_edited"]
    list_filter = ["kind", "is_edited"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "speaker_text"]
    autocomplete_fields = ["speaker", "article", "group"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]


@admin.register(QuoteGroup)
class QuoteGroupAdmin(admin.ModelAdmin):
    search_fields = ["quotes__text"]
    inlines = [QuoteInline]


@admin.register(Event)
class EventAdmin(MarkEditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "type", "date", "date_precision", "location", "is_edited"]
    list_filter = ["type", "date_precision", "is_edited"]
    list_select_related = ["location"]
    search_fields = ["title", "date_text", "location__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["location", "participants"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]
    inlines = [EventReportInline]


@admin.register(EventReport)
class EventReportAdmin(admin.ModelAdmin):
    list_display = ["event", "article", "start", "end"]
    list_select_related = ["event", "article"]
    search_fields = ["event__title", "article__title", "text"]
    autocomplete_fields = ["event", "article"]
