"""Admin behaviour shared by the apps."""

from django.contrib import admin


class MarkEditedAdminMixin(admin.ModelAdmin):
    """Marks the fields an editor changed, so re-ingest and re-extraction keep them."""

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            obj.mark_edited(*form.changed_data)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Inline edits (mentions, quotes, event reports) are corrections too.
        for formset in formsets:
            for inline_form in formset.forms:
                instance = inline_form.instance
                if inline_form.has_changed() and hasattr(instance, "mark_edited") and instance.pk:
                    instance.mark_edited(*inline_form.changed_data)
                    instance.save(update_fields=["is_edited", "edited_fields", "updated_at"])
