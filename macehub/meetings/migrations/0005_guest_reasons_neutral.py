"""Guest invitations written with the item's title (which names the child) now name the
item by its number, as every invitee reads them."""

from typing import Any

from django.db import migrations


def neutral(apps: Any, schema_editor: Any) -> None:
    Invitation = apps.get_model("meetings", "Invitation")
    for invitation in (Invitation._base_manager.filter(basis="guest")
                       .select_related("item")):
        why = (f"Guest for agenda item {invitation.item.position}"
               if invitation.item is not None else "Guest")
        if invitation.why != why:
            Invitation._base_manager.filter(pk=invitation.pk).update(why=why)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_agenda_item_panel_answers")]
    operations = [migrations.RunPython(neutral, migrations.RunPython.noop)]
