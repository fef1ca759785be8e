"""Read queries for entities: the query plans live here, not in views."""

from django.db.models import Count, F, Q, QuerySet

from entities.models import Entity, Mention


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


def entity_id_for_ref(*, ref: str) -> int | None:
    """The entity a URL names: its slug, else its name or any alias (the most mentioned entity when
    several share that alias), else None."""
    from django.utils.text import slugify

    from newsapi.extraction.names import name_key

    by_slug = Entity.objects.filter(slug__in={ref, slugify(ref)}).values_list("id", flat=True).first()
    if by_slug is not None:
        return by_slug
    key = name_key(ref.replace("-", " "))
    if not key:
        return None
    return (
        Entity.objects.filter(Q(name_key=key) | Q(aliases__name_key=key))
        .annotate(mention_total=Count("mentions", distinct=True))
        .order_by("-mention_total", "id")
        .values_list("id", flat=True)
        .first()
    )


def article_entities(*, article_id: int) -> QuerySet[Entity]:
    """The entities one article mentions, most mentioned first."""
    return (
        Entity.objects.filter(mentions__article_id=article_id)
        .annotate(mention_count=Count("mentions", filter=Q(mentions__article_id=article_id)))
        .order_by("-mention_count", "name")
    )


def entity_related(*, entity: Entity) -> QuerySet[Entity]:
    """Entities mentioned in the same articles as ``entity``, by number of shared articles."""
    article_ids = Mention.objects.filter(entity=entity).values("article_id")
    return (
        Entity.objects.filter(mentions__article_id__in=article_ids)
        .exclude(pk=entity.pk)
        .annotate(shared_article_count=Count("mentions__article", distinct=True))
        .order_by("-shared_article_count", "name")
    )


def entity_timeline(*, entity: Entity) -> QuerySet:
    """Mentions of ``entity`` per publication day (articles with no known date are left out), one row a day."""
    return (
        Mention.objects.filter(entity=entity, article__published_at__isnull=False)
        .values(date=F("article__published_at"))
        .annotate(mention_count=Count("id"), article_count=Count("article", distinct=True))
        .order_by("date")
    )
