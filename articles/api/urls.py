"""Routes of the articles app, including what it lists under an entity's address (its rows live here)."""

from rest_framework.routers import SimpleRouter

from articles.api import views

app_name = "articles-api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("events", views.EventViewSet, basename="event")
router.register("stories", views.StoryViewSet, basename="story")
router.register("sources", views.SourceViewSet, basename="source")
# /entities/{id}/articles/, quotes/, events/, related/, timeline/: the entity routes are entities' own.
router.register("entities", views.EntityNavigationViewSet, basename="entity")

urlpatterns = router.urls
