"""``python manage.py evaluate [--user NAME]``: run the pattern rules now, in this process."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from alerts.services import alerts_evaluate


class Command(BaseCommand):
    help = (
        "Evaluate the alert rules for one user (--user NAME) or for every active user, "
        "without the queue, and print the alerts raised."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", metavar="NAME", help="the username to evaluate")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects.filter(is_active=True).order_by("id")
        if options["user"]:
            users = users.filter(username=options["user"])
            if not users.exists():
                raise CommandError(f"No active user named {options['user']!r}.")
        evaluated = raised = 0
        for user in users.iterator():
            created = alerts_evaluate(user=user, now=timezone.now())
            evaluated += 1
            raised += len(created)
            for alert in created:
                self.stdout.write(f"{user.username}: {alert.rule} ({alert.level}) #{alert.id}")
        self.stdout.write(
            self.style.SUCCESS(f"Evaluated {evaluated} user(s), raised {raised} alert(s).")
        )
