from django.db import migrations


class Migration(migrations.Migration):
    """Profile now belongs to the accounts app; its table (tracker_profile) stays as it is."""

    dependencies = [("tracker", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Profile")],
            database_operations=[],
        ),
    ]
