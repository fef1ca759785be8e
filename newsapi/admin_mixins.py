"""Admin behaviour shared by the apps: corrections go through the same service functions as the API."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin


class CorrectionAdmin(SimpleHistoryAdmin):
    """Saves an editor's change through ``update_service`` so it is marked as edited (and kept by
    re-extraction) exactly as a PATCH through the API would be; the history tab shows who changed
    what and can revert it."""

    # Big tables: no second COUNT(*) over the whole table on every filtered list page.
    show_full_result_count = False

    # service(instance=..., data=...) -> instance; None means a plain save marked as edited.
    update_service: Callable | None = None
    update_fields: tuple[str, ...] = ()

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        changed = [name for name in form.changed_data if name in self.update_fields]
        other = [name for name in form.changed_data if name not in self.update_fields]
        if self.update_service is not None and changed:
            fresh = type(obj).objects.get(pk=obj.pk)
            for name in other:
                setattr(fresh, name, getattr(obj, name))
            data = {name: form.cleaned_data[name] for name in changed}
            try:
                self.update_service(fresh, data)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return
        if form.changed_data:
            obj.mark_edited(*form.changed_data)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Inline edits (mentions, quotes) are corrections too.
        for formset in formsets:
            for inline_form in formset.forms:
                instance = inline_form.instance
                if inline_form.has_changed() and hasattr(instance, "mark_edited") and instance.pk:
                    instance.mark_edited(*inline_form.changed_data)
                    instance.save(update_fields=["is_edited", "edited_fields", "updated_at"])


def run_service(modeladmin: admin.ModelAdmin, request, action: Callable[[], object], success: str) -> bool:
    """Run one service call for an admin action, turning a ValidationError into an error message."""
    try:
        action()
    except ValidationError as error:
        modeladmin.message_user(request, "; ".join(error.messages), messages.ERROR)
        return False
    modeladmin.message_user(request, success, messages.SUCCESS)
    return True
