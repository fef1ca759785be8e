"""python manage.py ensure_admin: create the 'admin' superuser with a generated password, once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Create a superuser with a random password if none exists, and print how to log in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        username = options["username"]
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"Admin login: an administrator already exists. Forgot the password? "
                f"Run: .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Created admin user '{username}' with password: {password}")
            + "\n(shown once; change it with: .venv/bin/python manage.py changepassword admin)"
        )
