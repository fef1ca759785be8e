"""python manage.py create_editor USERNAME [--viewer]: a staff login for the admin, in the editors
(or viewers) group, with a generated password."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsapi.roles import EDITORS, VIEWERS, ensure_groups


class Command(BaseCommand):
    help = "Create an admin login that can correct data (editors) or only look at it (--viewer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--viewer", action="store_true", help="Read-only: the viewers group")

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"A user named {options['username']!r} exists already.")
        ensure_groups()
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=options["username"], password=password, is_staff=True)
        group = VIEWERS if options["viewer"] else EDITORS
        user.groups.add(Group.objects.get(name=group))
        self.stdout.write(f"Created {user.username} in the {group} group with password: {password}")
