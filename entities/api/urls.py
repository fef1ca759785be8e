"""Routes of the entities app."""

from rest_framework.routers import SimpleRouter

from entities.api import views

app_name = "entities-api"

router = SimpleRouter()
router.register("entities", views.EntityViewSet, basename="entity")

urlpatterns = router.urls
