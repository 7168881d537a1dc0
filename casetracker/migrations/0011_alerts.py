"""Following (issue 16): the outbox of changes, alerts and what they sent, webhook endpoints with their deliveries
and attempts; and the "member" group that sign-up puts new accounts in."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MEMBER_GROUP = "member"


def member_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=MEMBER_GROUP)


def no_member_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MEMBER_GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('casetracker', '0010_date_filed_precision'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Alert',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(blank=True, choices=[('plaintiff', 'as plaintiff'), ('defendant', 'as defendant'), ('accuser', 'as accuser (distillation)'), ('accused', 'as accused (distillation)')], max_length=10)),
                ('query', models.CharField(blank=True, help_text="a search URL's query string", max_length=2000)),
                ('frequency', models.CharField(choices=[('realtime', 'real time'), ('daily', 'daily digest'), ('weekly', 'weekly digest')], default='realtime', max_length=10)),
                ('note', models.CharField(blank=True, help_text='why you follow it (shown in each alert)', max_length=1000)),
                ('email', models.BooleanField(default=True, help_text='send it by email')),
                ('webhook', models.BooleanField(default=True, help_text='send it to your webhook endpoints')),
                ('paused', models.BooleanField(default=False)),
                ('since', models.DateTimeField(help_text='changes from this moment on are sent (creation or resumption)')),
                ('seen', models.JSONField(blank=True, default=list, help_text="a search's results at its last run")),
                ('last_checked_at', models.DateTimeField(blank=True, null=True)),
                ('last_fired_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='alerts', to='casetracker.case')),
                ('party', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='alerts', to='casetracker.party')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='alerts', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Change',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=200, unique=True)),
                ('kind', models.CharField(choices=[('event', 'new event'), ('document', 'new source'), ('status', 'status changed'), ('stage', 'stage changed'), ('party_role', 'new case for a party'), ('allegation', 'new allegation')], max_length=12)),
                ('role', models.CharField(blank=True, help_text="the party's role: plaintiff, defendant, accuser, accused", max_length=10)),
                ('summary', models.CharField(max_length=1000)),
                ('sentence', models.TextField(blank=True)),
                ('source_url', models.URLField(blank=True, help_text="the source's own http(s) URL", max_length=2000)),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, help_text='when it was recorded, just before its transaction commits')),
                ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='casetracker.case')),
                ('document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='casetracker.document')),
                ('evidence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='casetracker.evidence')),
                ('party', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='casetracker.party')),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='AlertSent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=100)),
                ('sent_at', models.DateTimeField(auto_now_add=True)),
                ('alert', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sent', to='casetracker.alert')),
                ('change', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='sent', to='casetracker.change')),
            ],
        ),
        migrations.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('msg_id', models.CharField(max_length=60, unique=True)),
                ('event_type', models.CharField(max_length=40)),
                ('payload', models.TextField(help_text='the JSON body exactly as signed')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('delivered', 'Delivered'), ('failed', 'Failed')], default='pending', max_length=10)),
                ('attempts', models.PositiveIntegerField(default=0, help_text='attempts in the current retry schedule')),
                ('next_attempt_at', models.DateTimeField(blank=True, db_index=True, null=True)),
                ('last_status_code', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('last_error', models.CharField(blank=True, max_length=1000)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('delivered_at', models.DateTimeField(blank=True, null=True)),
                ('alert', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='deliveries', to='casetracker.alert')),
            ],
            options={
                'ordering': ['-id'],
            },
        ),
        migrations.CreateModel(
            name='WebhookAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('status_code', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('error', models.CharField(blank=True, max_length=1000)),
                ('response', models.CharField(blank=True, help_text='the start of the response body', max_length=1000)),
                ('duration_ms', models.PositiveIntegerField(default=0)),
                ('delivery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attempt_log', to='casetracker.webhookdelivery')),
            ],
            options={
                'ordering': ['-id'],
            },
        ),
        migrations.CreateModel(
            name='WebhookEndpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000)),
                ('description', models.CharField(blank=True, max_length=300)),
                ('secret', models.CharField(help_text='"whsec_" and the base64 of the signing key', max_length=100)),
                ('enabled', models.BooleanField(default=True)),
                ('disabled_at', models.DateTimeField(blank=True, null=True)),
                ('disabled_reason', models.CharField(blank=True, max_length=500)),
                ('consecutive_failures', models.PositiveIntegerField(default=0)),
                ('failing_since', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='webhook_endpoints', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.AddField(
            model_name='webhookdelivery',
            name='endpoint',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='casetracker.webhookendpoint'),
        ),
        migrations.AddIndex(
            model_name='alert',
            index=models.Index(fields=['frequency', 'paused'], name='alert_frequency'),
        ),
        migrations.AddConstraint(
            model_name='alert',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('case__isnull', False), ('party__isnull', True), ('query', '')), models.Q(('case__isnull', True), ('party__isnull', False), ('query', '')), models.Q(('case__isnull', True), ('party__isnull', True), models.Q(('query', ''), _negated=True)), _connector='OR'), name='alert_follows_one_thing'),
        ),
        migrations.AddIndex(
            model_name='change',
            index=models.Index(fields=['party', 'role'], name='change_party_role'),
        ),
        migrations.AddConstraint(
            model_name='alertsent',
            constraint=models.UniqueConstraint(fields=('alert', 'key'), name='alertsent_unique'),
        ),
        migrations.AddIndex(
            model_name='webhookdelivery',
            index=models.Index(fields=['status', 'next_attempt_at'], name='delivery_due'),
        ),
        migrations.RunPython(member_group, no_member_group),
    ]
