from django.db import migrations


class Migration(migrations.Migration):
    """Issue 16 (following) and issue 17 (CourtListener) were built side by side on 0010."""

    dependencies = [
        ("casetracker", "0011_alerts"),
        ("casetracker", "0011_courtlistener"),
    ]

    operations = []
