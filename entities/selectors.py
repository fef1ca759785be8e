"""Read queries for entities: the query plan lives here, not in views."""

from django.db.models import Count, QuerySet

from entities.models import Entity


def entity_list() -> QuerySet[Entity]:
    """Entities with their aliases prefetched and mention/article counts annotated."""
    return (
        Entity.objects.prefetch_related("aliases")
        .annotate(
            mention_count=Count("mentions", distinct=True),
            article_count=Count("mentions__article", distinct=True),
        )
        .order_by("name", "id")
    )
