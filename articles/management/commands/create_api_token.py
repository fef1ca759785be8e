"""python manage.py create_api_token USERNAME: a token for writing through the API."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser
from knox.models import AuthToken

from newsapi.roles import EDITORS, ensure_groups


class Command(BaseCommand):
    help = (
        "Create an API token for USERNAME, creating the user in the editors group if needed. "
        "Send it as 'Authorization: Token <key>'. Only a hash of the key is stored: it is shown once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="Revoke the user's other tokens")

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        user, created = User.objects.get_or_create(username=options["username"])
        if created:
            user.set_unusable_password()
            user.save()
            ensure_groups()
            user.groups.add(Group.objects.get(name=EDITORS))
        if options["rotate"]:
            AuthToken.objects.filter(user=user).delete()
        _, key = AuthToken.objects.create(user=user)
        self.stdout.write(key)
