"""Routes of the jobs app."""

from rest_framework.routers import SimpleRouter

from jobs.api import views

app_name = "jobs-api"

router = SimpleRouter()
router.register("jobs", views.JobViewSet, basename="job")

urlpatterns = router.urls
