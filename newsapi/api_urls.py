"""One router for the whole API, so /api/v1/ lists every resource."""

from rest_framework.routers import DefaultRouter

from articles.api.views import ArticleViewSet, EventViewSet, QuoteViewSet, SourceViewSet, StoryViewSet
from entities.api.views import EntityViewSet
from jobs.api.views import JobViewSet

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("entities", EntityViewSet, basename="entity")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("events", EventViewSet, basename="event")
router.register("stories", StoryViewSet, basename="story")
router.register("sources", SourceViewSet, basename="source")
router.register("jobs", JobViewSet, basename="job")

urlpatterns = router.urls
