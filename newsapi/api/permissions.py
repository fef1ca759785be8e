"""Who may do what through the API: reads public unless closed by a setting, writes need a token."""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions


class ReadPublicWriteWithPermission(BasePermission):
    """Reads: anyone (or only authenticated users when NEWSAPI_PUBLIC_READ is off).
    Writes: an authenticated user holding the model's add/change permission (the editors group)."""

    model_permissions = DjangoModelPermissions()

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return settings.NEWSAPI_PUBLIC_READ or bool(request.user and request.user.is_authenticated)
        if not (request.user and request.user.is_authenticated):
            return False
        return self.model_permissions.has_permission(request, view)
