"""Ethnic group in the 2021 Census's detail. A top-level group recorded before becomes
its heading's "Any other … background" (no detail is invented); anything else is kept as
it was. Going back turns each category into its heading again."""

from typing import Any

from django.db import migrations, models

DETAIL = {"asian": "asian_other", "black": "black_other", "mixed": "mixed_other",
          "white": "white_other", "other": "other_any", "": "unknown"}
HEADINGS = ("asian", "black", "mixed", "white", "other")


def forwards(apps: Any, schema_editor: Any) -> None:
    rows = apps.get_model("concerns", "Concern").objects
    for old, new in DETAIL.items():
        rows.filter(ethnicity=old).update(ethnicity=new)


def backwards(apps: Any, schema_editor: Any) -> None:
    rows = apps.get_model("concerns", "Concern").objects
    for top in HEADINGS:
        rows.filter(ethnicity__startswith=f"{top}_").update(ethnicity=top)
    rows.filter(ethnicity="refused").update(ethnicity="unknown")


class Migration(migrations.Migration):

    dependencies = [
        ('concerns', '0004_concern_gender_ethnicity_setting'),
    ]

    operations = [
        migrations.AlterField(
            model_name='concern',
            name='ethnicity',
            field=models.CharField(choices=[('asian_bangladeshi', 'Bangladeshi'), ('asian_chinese', 'Chinese'), ('asian_indian', 'Indian'), ('asian_pakistani', 'Pakistani'), ('asian_other', 'Any other Asian background'), ('black_african', 'African'), ('black_caribbean', 'Caribbean'), ('black_other', 'Any other Black, Black British or Caribbean background'), ('mixed_white_asian', 'White and Asian'), ('mixed_white_black_african', 'White and Black African'), ('mixed_white_black_caribbean', 'White and Black Caribbean'), ('mixed_other', 'Any other Mixed or multiple ethnic background'), ('white_british', 'English, Welsh, Scottish, Northern Irish or British'), ('white_irish', 'Irish'), ('white_gypsy_irish_traveller', 'Gypsy or Irish Traveller'), ('white_roma', 'Roma'), ('white_other', 'Any other White background'), ('other_arab', 'Arab'), ('other_any', 'Any other ethnic group'), ('unknown', 'Not known'), ('refused', 'Prefers not to say')], default='unknown', max_length=40),
        ),
        migrations.RunPython(forwards, backwards),
    ]
