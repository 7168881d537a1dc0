"""``manage.py createeditor USERNAME [--email E]``: an editor account (or an existing account made an editor)."""
from __future__ import annotations

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from casetracker.accounts import EDITOR_GROUP, MEMBER_GROUP


class Command(BaseCommand):
    help = ("Make an editor: creates the account (password from --password-env's variable, else asked for) or adds "
            "an existing one to the editor group. Editors are members too (follow, API token).")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-env", default="", help="read the password from this environment variable")
        parser.add_argument("--remove", action="store_true", help="take the editor role away instead")

    def handle(self, *args, username, email, password_env, remove, **opts):
        User = get_user_model()
        editors = Group.objects.get_or_create(name=EDITOR_GROUP)[0]
        user = User.objects.filter(username=username).first()
        if remove:
            if user is None:
                raise CommandError(f"no account {username!r}")
            user.groups.remove(editors)
            self.stdout.write(f"{username} is no longer an editor")
            return
        if user is None:
            password = os.environ.get(password_env, "") if password_env else ""
            if password_env and not password:
                raise CommandError(f"the environment variable {password_env} is empty")
            if not password:
                if not sys.stdin.isatty():
                    raise CommandError("give --password-env VAR (no terminal to ask for a password)")
                password = getpass.getpass("Password: ")
            user = User(username=username, email=email)
            try:
                validate_password(password, user)
            except ValidationError as e:
                raise CommandError(" ".join(e.messages))
            user.set_password(password)
            user.save()
            created = True
        else:
            created = False
        user.groups.add(editors, Group.objects.get_or_create(name=MEMBER_GROUP)[0])
        self.stdout.write(f"{'created editor' if created else 'made an editor'}: {username}")
