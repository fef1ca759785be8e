"""python manage.py entity_merge_same_key [--apply]: merge the entities that came to share a name key and a
type (after an upgrade whose name keys fold more forms together, e.g. "U.S." and "United States"), as an
editor would in the duplicates view. Without --apply it only prints what it would merge."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from entities.choices import EntityType
from entities.models import Entity
from entities.selectors import SameKeyGroup, entity_same_key_groups
from entities.services import SameKeyGroupChanged, entity_merge_same_key
from newsapi.db import error_first_line


def _described(entity: Entity) -> str:
    edited = ", edited" if entity.is_edited else ""
    return f"{entity.name!r} (#{entity.pk}, {entity.mention_count} mention(s){edited})"


def _plan(group: SameKeyGroup) -> str:
    into = _described(group.survivor)
    if group.new_name is not None:
        into += f", renamed {group.new_name!r}"
    return f"{', '.join(_described(entity) for entity in group.merged)} into {into}"


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return f"{' '.join(error.messages)} Nothing of it was merged."
    if isinstance(error, SameKeyGroupChanged):
        return str(error)
    first_line = error_first_line(error)
    return f"the database refused the merge ({first_line}); nothing of it was merged."


class Command(BaseCommand):
    help = (
        "Merge entities of one type that share a name key (stored apart before the key function folded "
        "their names together, e.g. 'U.S.' and 'United States') through the same merge as the admin's "
        "duplicates view. The survivor is the one entity an editor edited, else the most mentioned; a group "
        "with two or more edited entities, or with a pair dismissed as not duplicates, is left alone. "
        "Prints what it would do unless --apply is given. With --apply each group is merged in a transaction "
        "of its own, its rows locked and read again first: a group that changed since it was read (an ingest "
        "added an entity meanwhile) is not merged and is reported, the others are; the command then exits "
        "with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="Merge (without it: a dry run)")
        parser.add_argument("--type", dest="entity_type", help="Only entities of this type")

    def handle(self, *args, **options) -> None:
        entity_type = options["entity_type"]
        if entity_type is not None and entity_type not in EntityType.values:
            raise CommandError(
                f"Unknown entity type {entity_type!r}: choose one of {', '.join(EntityType.values)}."
            )
        apply = options["apply"]
        groups = entity_same_key_groups(entity_type=entity_type)
        merged_groups = merged_entities = 0
        left: dict[str, int] = {}
        failed: list[str] = []
        for group in groups:
            label = f"{group.type} {group.name_key!r}"
            if group.survivor is None:
                names = ", ".join(_described(entity) for entity in group.entities)
                self.stdout.write(f"{label}: left {names}: {group.left}.")
                edited = sum(entity.is_edited for entity in group.entities) > 1
                reason = (
                    "with two or more edited entities"
                    if edited
                    else "with a pair dismissed as not duplicates"
                )
                left[reason] = left.get(reason, 0) + 1
                continue
            plan = _plan(group)
            if apply:
                try:  # one transaction per group (the service's), its rows locked
                    entity_merge_same_key(group=group)
                except (SameKeyGroupChanged, ValidationError, DatabaseError) as error:
                    reason = _reason(error)
                    failed.append(f"{label}: {reason}")
                    self.stderr.write(f"{label}: not merged ({plan}): {reason}")
                    continue
            self.stdout.write(f"{label}: {'merged' if apply else 'would merge'} {plan}.")
            merged_groups += 1
            merged_entities += len(group.merged)
        reasons = "; ".join(f"{count} {reason}" for reason, count in sorted(left.items()))
        summary = (
            f"{merged_groups} group(s) {'merged' if apply else 'to merge'} ({merged_entities} entities "
            f"into {merged_groups}); {sum(left.values())} group(s) left"
            + (f" ({reasons})" if reasons else "")
        )
        if failed:
            summary += f"; {len(failed)} group(s) failed"
        if apply and failed:
            raise CommandError(f"{summary}. Not merged: " + " ".join(failed))
        if apply:
            self.stdout.write(self.style.SUCCESS(f"{summary}."))
        else:
            self.stdout.write(f"Dry run, nothing changed: {summary}. Run with --apply to merge.")
