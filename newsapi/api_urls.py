"""/api/v1/: each app's routes from its own ``api/urls.py``, and one root listing every resource."""

from importlib import import_module

from django.urls import include, path
from rest_framework.routers import APIRootView

API_APPS = ["articles", "entities", "jobs"]


def _root_view():
    """The root names each resource with a list route, from every app's router (as DefaultRouter would
    for one router)."""
    listed = {}
    for app in API_APPS:
        module = import_module(f"{app}.api.urls")
        for prefix, viewset, basename in module.router.registry:
            if hasattr(viewset, "list"):
                listed.setdefault(prefix, f"{module.app_name}:{basename}-list")
    return APIRootView.as_view(api_root_dict=listed)


urlpatterns = [
    path("", _root_view(), name="api-root"),
    *[path("", include(f"{app}.api.urls")) for app in API_APPS],
]
