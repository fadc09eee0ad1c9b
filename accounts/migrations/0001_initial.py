import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import accounts.models


class Migration(migrations.Migration):
    """Take over tracker's Profile without touching the table (tracker_profile)."""

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("tracker", "0002_profile_moves_to_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Profile",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("timezone", models.CharField(default="UTC", max_length=64, validators=[accounts.models.validate_timezone])),
                        ("language", models.CharField(choices=[("en", "English"), ("id", "Bahasa Indonesia")], default="en", max_length=2)),
                        ("email_alerts", models.BooleanField(default=True)),
                        ("weekly_digest", models.BooleanField(default=True)),
                        ("log_reminders", models.BooleanField(default=False)),
                        ("birth_year", models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1900), django.core.validators.MaxValueValidator(2100)])),
                        ("sex", models.CharField(blank=True, choices=[("female", "Female"), ("male", "Male"), ("other", "Other")], max_length=8)),
                        ("evaluation_requested_at", models.DateTimeField(blank=True, db_index=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="profile", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"db_table": "tracker_profile"},
                ),
            ],
        ),
    ]
