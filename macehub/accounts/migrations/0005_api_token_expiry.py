"""Every API token gets an expiry: tokens made before this change expire 90 days after
they were made (or at once, if that has passed), so none lasts for ever."""

from datetime import timedelta

from django.db import migrations, models


def backfill(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=token.created_at + timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_chair_standing")]

    operations = [
        migrations.AlterModelOptions(name="apitoken",
                                     options={"ordering": ["-created_at", "-pk"]}),
        migrations.AddField(model_name="apitoken", name="expires_at",
                            field=models.DateTimeField(null=True)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(model_name="apitoken", name="expires_at",
                              field=models.DateTimeField()),
    ]
