"""Admin behaviour shared by the apps: every write goes through the same service functions as the API.

An admin (or inline) declares the services it writes with; what it does not declare it cannot do.
Adds, changes, deletes, inline rows, history reverts and actions all call a service, so the rules
the services keep (name keys, edited marks that re-extraction respects, spans inside the body) hold
whichever door an editor uses.
"""

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

CHANGE = ["change"]  # the permission every admin action that writes requires


class ServiceRefused(Exception):
    """A service refused a write the form had accepted; the whole save is rolled back."""

    def __init__(self, error: ValidationError) -> None:
        super().__init__("; ".join(error.messages))


def editable_model_fields(model: type[models.Model]) -> list[str]:
    """The fields a model form would offer for ``model``."""
    return [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and not field.auto_created
        and (field.concrete or field.many_to_many)
        and not (field.many_to_many and not field.remote_field.through._meta.auto_created)
    ]


class ServiceWrites:
    """The services an admin or an inline writes with.

    ``create_service(data)`` returns the new instance (an inline's ``data`` holds its parent under the
    foreign key's name), ``update_service(instance, data)`` is given every editable field of the form
    and changes only those that differ, ``delete_service(instance)``. A missing service means that
    kind of write is not offered. ``create_fields``/``update_fields`` are the fields each may set; the
    others are shown read-only.
    """

    create_service: Callable[[dict], models.Model] | None = None
    update_service: Callable[[models.Model, dict], object] | None = None
    delete_service: Callable[[models.Model], None] | None = None
    create_fields: tuple[str, ...] = ()
    update_fields: tuple[str, ...] = ()

    def _writable_fields(self, obj) -> tuple[str, ...]:
        return self.update_fields if obj is not None else self.create_fields

    def get_readonly_fields(self, request, obj=None):
        writable = self._writable_fields(obj)
        declared = [name for name in super().get_readonly_fields(request, obj) if name not in writable]
        names = list(self.fields) if self.fields else editable_model_fields(self.model)
        return declared + [name for name in names if name not in writable and name not in declared]


class ServiceModelAdminMixin(ServiceWrites):
    """A model admin whose every write, its inlines' included, goes through services."""

    # Big tables: no second COUNT(*) over the whole table on every filtered list page.
    show_full_result_count = False

    def has_add_permission(self, request):
        return self.create_service is not None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.update_service is not None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.delete_service is not None and super().has_delete_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_form(self, request, form, change):
        instance = form.save(commit=False)
        # Many-to-many fields are written by the services with the rest of the row.
        form.save_m2m = lambda: None
        return instance

    def save_model(self, request, obj, form, change):
        writable = self._writable_fields(obj if change else None)
        data = {name: form.cleaned_data[name] for name in writable if name in form.cleaned_data}
        try:
            if change:
                fresh = type(obj)._default_manager.get(pk=obj.pk)
                self.update_service(fresh, data)
            else:
                created = self.create_service(data)
                # The admin goes on with ``obj`` (messages, log entry, redirect to the new row).
                obj.__dict__.update(created.__dict__)
        except ValidationError as error:
            raise ServiceRefused(error) from error

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        inline = formset.service_writes
        parent = form.instance
        try:
            for inline_form in formset.initial_forms:
                if formset.can_delete and formset._should_delete_form(inline_form):
                    inline.delete_service(inline_form.instance)
                elif inline_form.has_changed():
                    fresh = formset.model._default_manager.get(pk=inline_form.instance.pk)
                    data = {
                        name: inline_form.cleaned_data[name]
                        for name in inline.update_fields
                        if name in inline_form.cleaned_data
                    }
                    inline.update_service(fresh, data)
            for inline_form in formset.extra_forms:
                if not inline_form.has_changed() or (
                    formset.can_delete and formset._should_delete_form(inline_form)
                ):
                    continue
                data = {
                    name: inline_form.cleaned_data[name]
                    for name in inline.create_fields
                    if name in inline_form.cleaned_data and name != formset.fk.name
                }
                inline.create_service({**data, formset.fk.name: parent})
        except ValidationError as error:
            raise ServiceRefused(error) from error
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def delete_view(self, request, object_id, extra_context=None):
        # Django's delete page runs in a transaction: a refused delete rolls back its log entry too,
        # and only the refusal is shown (not Django's "deleted successfully" beside it).
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def delete_model(self, request, obj):
        try:
            self.delete_service(obj)
        except ValidationError as error:
            raise ServiceRefused(error) from error

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (delete_selected, name, description)
        return actions


class ServiceAdmin(ServiceModelAdminMixin, admin.ModelAdmin):
    """For models without a history."""


class CorrectionAdmin(ServiceModelAdminMixin, SimpleHistoryAdmin):
    """For corrected models: the history tab shows who changed what; only editors may revert."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The revert form is shown to viewers too; saving it is a change.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except ServiceRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ServiceInline(ServiceWrites):
    """An inline whose rows are added, changed and deleted through services (see ``CorrectionAdmin``)."""

    extra = 0

    def get_readonly_fields(self, request, obj=None):
        # One form serves new and existing rows: a field is editable if both services may set it.
        declared = list(admin.options.InlineModelAdmin.get_readonly_fields(self, request, obj))
        writable = set(self.update_fields if self.update_service else self.create_fields)
        if self.create_service and self.update_service:
            writable &= set(self.create_fields)
        names = list(self.fields) if self.fields else editable_model_fields(self.model)
        return declared + [name for name in names if name not in writable and name not in declared]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.service_writes = self
        return formset

    def has_add_permission(self, request, obj):
        return self.create_service is not None and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.update_service is not None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.delete_service is not None and super().has_delete_permission(request, obj)


def delete_selected(modeladmin: admin.ModelAdmin, request, queryset):
    """Django's "Delete selected" action with one outcome: the confirmed deletes (each through the
    admin's delete service) and their log entries run in one transaction, so a refused row leaves every
    selected row as it was and only the refusal is shown, never Django's "Successfully deleted N"."""
    try:
        with transaction.atomic():
            return django_delete_selected(modeladmin, request, queryset)
    except ServiceRefused as refused:
        modeladmin.message_user(request, str(refused), messages.ERROR)
        return None


delete_selected.allowed_permissions = django_delete_selected.allowed_permissions


def run_service(
    modeladmin: admin.ModelAdmin,
    request,
    action: Callable[[], object],
    success: str | Callable[[object], tuple[str, int]],
) -> bool:
    """Run one service call for an admin action, turning a ValidationError into an error message.

    ``success`` is the message shown when the call went through, or a function of the call's result
    returning the message and its level (what the service reports it changed), so that only the
    true outcome is shown."""
    try:
        result = action()
    except ValidationError as error:
        modeladmin.message_user(request, "; ".join(error.messages), messages.ERROR)
        return False
    message, level = success(result) if callable(success) else (success, messages.SUCCESS)
    modeladmin.message_user(request, message, level)
    return True
