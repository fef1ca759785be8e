"""Admin for correcting entities: names, types, roles and aliases."""

from django.contrib import admin

from entities.models import Entity, EntityAlias, Mention
from newsapi.admin_mixins import MarkEditedAdminMixin


class EntityAliasInline(admin.TabularInline):
    model = EntityAlias
    extra = 0
    fields = ["name"]


@admin.register(Entity)
class EntityAdmin(MarkEditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "type", "role", "is_edited", "updated_at"]
    list_filter = ["type", "is_edited"]
    search_fields = ["name", "aliases__name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["edited_fields", "created_at", "updated_at"]
    inlines = [EntityAliasInline]


@admin.register(EntityAlias)
class EntityAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "entity"]
    search_fields = ["name", "entity__name"]
    autocomplete_fields = ["entity"]
    list_select_related = ["entity"]


@admin.register(Mention)
class MentionAdmin(MarkEditedAdminMixin, admin.ModelAdmin):
    list_display = ["text", "entity", "article", "start", "end", "is_edited"]
    list_filter = ["is_edited", "entity__type"]
    search_fields = ["text", "entity__name", "article__title"]
    autocomplete_fields = ["entity", "article"]
    list_select_related = ["entity", "article"]
    readonly_fields = ["edited_fields", "created_at", "updated_at"]
