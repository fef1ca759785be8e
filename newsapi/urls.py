"""Root URLs: the API under /api/v1/, its schema and docs, and the admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("newsapi.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="newsapi/redoc.html"),
        name="redoc",
    ),
]

handler400 = "newsapi.api.errors.json_400"
handler403 = "newsapi.api.errors.json_403"
handler404 = "newsapi.api.errors.json_404"
handler500 = "newsapi.api.errors.json_500"
