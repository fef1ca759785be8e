"""python manage.py entity_split_foreign_aliases [--apply]: undo the merges of people that ingest made before
its linking asked for a name that names the entity (until 2026-12-02 a surname or first name two people
shared was enough: "Bill Clinton" became an alias of "Hillary Clinton"). Without --apply it only prints
what it would split."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from entities.selectors import entity_foreign_aliases
from entities.services import entity_split_foreign_aliases
from newsapi.db import error_first_line


class Command(BaseCommand):
    help = (
        "List the people holding another person's full name as an alias (a name of two words or more that "
        "neither names the person in full or in part nor differs from it only by a nickname: 'Bill Clinton' "
        "held by 'Hillary Clinton'), as ingest merged them before 2026-12-02; people whose aliases an editor "
        "changed are left out. With --apply each such alias becomes an entity of its own, with the mentions "
        "and quotes that wrote it, as the admin's 'split alias' does, or joins the entity that already bears "
        "that name. Each person is split in a transaction of its own, read again under the store lock; one "
        "that fails is reported and the command then exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="Split (without it: a dry run)")

    def handle(self, *args, **options) -> None:
        apply = options["apply"]
        found = entity_foreign_aliases()
        split = 0
        failed: list[str] = []
        for item in found:
            names = ", ".join(repr(alias.name) for alias in item.aliases)
            label = f"{item.entity.name!r} (#{item.entity.pk}, {item.entity.mention_count} mention(s))"
            if not apply:
                self.stdout.write(f"would split {names} off {label}")
                continue
            try:
                made = entity_split_foreign_aliases(entity=item.entity)
            except DatabaseError as error:
                first_line = error_first_line(error)
                failed.append(
                    f"{label}: the database refused the split ({first_line}); nothing of it was split"
                )
                continue
            split += len(made)
            for entity in made:
                self.stdout.write(f"split {entity.name!r} (#{entity.pk}) off {label}")
        aliases = sum(len(item.aliases) for item in found)
        if not apply:
            self.stdout.write(
                f"{aliases} alias(es) of {len(found)} people would be split; nothing was changed (--apply splits)."
            )
            return
        summary = f"{split} alias(es) split off {len(found) - len(failed)} people"
        if failed:
            raise CommandError(f"{summary}; not split: " + "; ".join(failed) + ".")
        self.stdout.write(self.style.SUCCESS(f"{summary}."))
