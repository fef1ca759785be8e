"""The editors and viewers groups, created after every migrate."""

from django.contrib.auth.models import Group, Permission

EDITORS = "editors"
VIEWERS = "viewers"

# Editors correct extracted data; they do not manage users or groups.
EDITABLE_MODELS = {
    "articles": ["article", "mention", "quote", "event", "eventreport", "story", "source", "quotegroup"],
    "entities": ["entity", "entityalias", "deletedentityname", "duplicatedismissal"],
    "jobs": ["job"],
}


def ensure_groups(**kwargs) -> None:
    """Create or refresh the groups' permissions (idempotent)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    viewers, _ = Group.objects.get_or_create(name=VIEWERS)
    editor_perms, viewer_perms = [], []
    for app_label, models in EDITABLE_MODELS.items():
        for model in models:
            perms = Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
            editor_perms += list(perms)
            viewer_perms += [perm for perm in perms if perm.codename.startswith("view_")]
    editors.permissions.set(editor_perms)
    viewers.permissions.set(viewer_perms)
