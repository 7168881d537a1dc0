"""manage.py send_alerts [--frequency realtime|daily|weekly]: send what is due now (beat runs the same code), then
deliver the webhook deliveries whose time has come."""
from django.core.management.base import BaseCommand

from casetracker import alerts, webhooks


class Command(BaseCommand):
    help = "Send the alerts that are due now (all frequencies unless --frequency) and deliver due webhooks."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=list(alerts.PERIODS), help="only alerts of this frequency")
        parser.add_argument("--no-webhooks", action="store_true", help="do not deliver due webhooks")

    def handle(self, *args, frequency=None, no_webhooks=False, **options):
        sent = alerts.send_due(frequency)
        self.stdout.write(f"alerts fired: {sent['alerts']}  items sent: {sent['items']}  errors: {sent['errors']}")
        if not no_webhooks:
            counts = webhooks.deliver_due()
            self.stdout.write("webhooks: " + ("  ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "none due"))
        if sent["errors"]:
            self.stderr.write("some alerts failed (see the log); they are tried again on the next run")
            raise SystemExit(1)
