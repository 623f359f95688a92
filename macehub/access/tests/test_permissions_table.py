"""The role and permission table the data protection officer reads (docs/) is generated
from the registries, so it cannot drift from what the product enforces."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command


def test_committed_roles_and_permissions_table_matches_the_registries() -> None:
    out = StringIO()
    call_command("permissions_table", stdout=out)
    committed = Path(settings.BASE_DIR, "docs", "roles-and-permissions.md")
    assert committed.read_text(encoding="utf-8") == out.getvalue(), (
        "run: manage.py permissions_table --output docs/roles-and-permissions.md")
    assert "| `missing.figures` |" in out.getvalue()
    assert "A panel member: the meetings they are invited to, once published" in out.getvalue()
