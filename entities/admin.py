"""Admin for correcting entities: names, types, roles, aliases, merges and splits."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path

from entities import selectors, services
from entities.choices import EntityType
from entities.extensions import cooccurrence_source
from entities.models import DeletedEntityName, DuplicateDismissal, Entity, EntityAlias
from newsapi.admin_mixins import CHANGE, CorrectionAdmin, ServiceAdmin, ServiceInline, run_service

ALIASES_SHOWN = 5
DUPLICATES_SHOWN = 50


class EntityAliasInline(ServiceInline, admin.TabularInline):
    model = EntityAlias
    fields = ["name"]
    create_fields = update_fields = ("entity", "name")
    create_service = staticmethod(lambda data: services.entity_alias_create(**data))
    update_service = staticmethod(lambda alias, data: services.entity_alias_update(alias=alias, data=data))
    delete_service = staticmethod(lambda alias: services.entity_alias_delete(alias=alias))


def _change_type_action(entity_type: str, label: str):
    def change_type(modeladmin, request, queryset):
        for entity in queryset:
            services.entity_update(entity=entity, data={"type": entity_type})
        modeladmin.message_user(
            request, f"{queryset.count()} entities are now {label.lower()}s.", messages.SUCCESS
        )

    change_type.__name__ = f"make_{entity_type}"
    return admin.action(description=f"Change type to {label.lower()}", permissions=CHANGE)(change_type)


@admin.register(Entity)
class EntityAdmin(CorrectionAdmin):
    list_display = ["name", "type", "role", "alias_names", "mention_count", "article_count", "is_edited"]
    list_filter = ["type", "is_edited"]
    change_list_template = "admin/entities/entity/change_list.html"
    search_fields = ["name", "aliases__name", "role"]
    readonly_fields = ["slug", "edited_fields", "created_at", "updated_at"]
    inlines = [EntityAliasInline]
    # Explicit, so that the autocomplete (speaker, mention entity, event location) pages in a stable order.
    ordering = ["name", "id"]
    actions = ["merge_entities"] + [_change_type_action(value, label) for value, label in EntityType.choices]
    create_fields = update_fields = services.EDITABLE_ENTITY_FIELDS
    create_service = staticmethod(lambda data: services.entity_create(**data))
    update_service = staticmethod(lambda entity, data: services.entity_update(entity=entity, data=data))
    delete_service = staticmethod(lambda entity: services.entity_delete(entity=entity))

    def get_queryset(self, request):
        # The counts are the entity's own columns and the aliases one prefetch: the list costs the same
        # for 1 row or 100.
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_names(self, entity: Entity) -> str:
        names = [alias.name for alias in entity.aliases.all() if alias.name != entity.name]
        shown = ", ".join(names[:ALIASES_SHOWN])
        return f"{shown} (+{len(names) - ALIASES_SHOWN})" if len(names) > ALIASES_SHOWN else shown

    def get_urls(self):
        view = self.admin_site.admin_view(self.duplicates_view)
        return [path("duplicates/", view, name="entities_entity_duplicates"), *super().get_urls()]

    def duplicates_view(self, request):
        """Pairs that may be one entity, each with a one-click merge through ``entity_merge``."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_merge = self.has_change_permission(request)
        if request.method == "POST":
            if not can_merge:
                raise PermissionDenied
            survivor = Entity.objects.filter(pk=request.POST.get("keep")).first()
            merged = Entity.objects.filter(pk=request.POST.get("merge")).first()
            if survivor is None or merged is None or survivor.pk == merged.pk:
                self.message_user(request, "Those entities no longer exist.", messages.ERROR)
            elif "dismiss" in request.POST:
                run_service(
                    self,
                    request,
                    lambda: services.entity_duplicate_dismiss(first=survivor, second=merged),
                    f"{survivor.name} and {merged.name} are not duplicates: the pair will not be offered again.",
                )
            else:
                run_service(
                    self,
                    request,
                    lambda: services.entity_merge(survivor=survivor, merged=[merged]),
                    f"Merged {merged.name} into {survivor.name}.",
                )
            return HttpResponseRedirect(request.path)
        candidates = selectors.entity_duplicate_candidates(limit=DUPLICATES_SHOWN)
        involved = {c.keep.pk for c in candidates} | {c.other.pk for c in candidates}
        aliases: dict[int, list[str]] = {}
        for entity_id, name in EntityAlias.objects.filter(entity_id__in=involved).values_list(
            "entity_id", "name"
        ):
            aliases.setdefault(entity_id, []).append(name)
        rows = [
            {
                "candidate": c,
                "keep_aliases": aliases.get(c.keep.pk, [])[:ALIASES_SHOWN],
                "other_aliases": aliases.get(c.other.pk, [])[:ALIASES_SHOWN],
            }
            for c in candidates
        ]
        source = cooccurrence_source()
        context = {
            **self.admin_site.each_context(request),
            "title": "Possible duplicates",
            "opts": self.model._meta,
            "rows": rows,
            "can_merge": can_merge,
            "shared_label": source.label if source else "",
        }
        return TemplateResponse(request, "admin/entities/entity/duplicates.html", context)

    @admin.action(description="Merge selected entities into one", permissions=CHANGE)
    def merge_entities(self, request, queryset):
        entities = list(queryset.order_by("-mention_count", "id"))
        if len(entities) < 2:
            self.message_user(request, "Select at least two entities to merge.", messages.WARNING)
            return None
        survivor_id = request.POST.get("survivor")
        if survivor_id:
            survivor = next((e for e in entities if str(e.pk) == survivor_id), None)
            if survivor is None:
                self.message_user(
                    request, "Choose the surviving entity among the selected ones.", messages.ERROR
                )
                return None
            merged = [e for e in entities if e.pk != survivor.pk]
            entity_type = request.POST.get("type") or None
            run_service(
                self,
                request,
                lambda: services.entity_merge(survivor=survivor, merged=merged, entity_type=entity_type),
                f"Merged {', '.join(e.name for e in merged)} into {survivor.name}.",
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge entities",
            "entities": entities,
            # Entities of different types merge only once the editor picks the result's type.
            "mixed_types": len({e.type for e in entities}) > 1,
            "types": EntityType.choices,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/entities/entity/merge.html", context)


@admin.register(EntityAlias)
class EntityAliasAdmin(CorrectionAdmin):
    list_display = ["name", "entity"]
    search_fields = ["name", "entity__name"]
    autocomplete_fields = ["entity"]
    list_select_related = ["entity"]
    actions = ["split_alias"]
    create_fields = update_fields = services.ALIAS_EDITABLE_FIELDS
    create_service = staticmethod(lambda data: services.entity_alias_create(**data))
    update_service = staticmethod(lambda alias, data: services.entity_alias_update(alias=alias, data=data))
    delete_service = staticmethod(lambda alias: services.entity_alias_delete(alias=alias))

    @admin.action(description="Split off into an entity of its own", permissions=CHANGE)
    def split_alias(self, request, queryset):
        for alias in queryset.select_related("entity"):
            run_service(
                self,
                request,
                lambda alias=alias: services.entity_split_alias(alias=alias),
                f"'{alias.name}' is now an entity of its own, apart from {alias.entity.name}.",
            )


@admin.register(DeletedEntityName)
class DeletedEntityNameAdmin(ServiceAdmin):
    """Names extraction will not turn into entities again; delete a row to allow the name back."""

    list_display = ["name", "type", "deleted_at"]
    search_fields = ["name"]
    readonly_fields = ["name", "name_key", "type", "deleted_at"]
    delete_service = staticmethod(lambda row: services.deleted_entity_name_forget(deleted_name=row))


@admin.register(DuplicateDismissal)
class DuplicateDismissalAdmin(ServiceAdmin):
    """Pairs marked "not a duplicate" in the duplicates view; delete a row to have the pair offered again."""

    list_display = ["first", "second", "dismissed_at"]
    list_select_related = ["first", "second"]
    search_fields = ["first__name", "second__name"]
    readonly_fields = ["first", "second", "dismissed_at"]
    delete_service = staticmethod(lambda row: services.entity_duplicate_undismiss(dismissal=row))
