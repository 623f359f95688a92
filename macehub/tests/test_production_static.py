"""Issue 10 fix 11: production deployment as docs/deployment.md describes it. The asset
build, then `collectstatic` with MACEHUB_ENV=production (manifest storage, which follows
every url() and sourceMappingURL reference), then the sign-in page and the static files it
links to served through WhiteNoise, all in subprocesses with production settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVE = """
import re, django
django.setup()
from django.core.management import call_command
call_command("migrate", "--no-input", verbosity=0)
from django.test import Client
from django.urls import reverse
client = Client()
page = client.get(reverse("accounts:login"), secure=True)
assert page.status_code == 200, page.status_code
html = page.content.decode()
assert "Sign in" in html
links = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html)))
assert any(re.search(r"govuk-frontend\\.min\\.[0-9a-f]{12}\\.css$", u) for u in links), links
for url in links:
    served = client.get(url, secure=True)
    assert served.status_code == 200, (url, served.status_code)
    body = b"".join(served.streaming_content) if served.streaming else served.content
    assert body, url
print("served", len(links))
"""


def test_production_collectstatic_then_serves_the_sign_in_page_and_static_files(
        tmp_path: Path) -> None:
    env = {**os.environ, "MACEHUB_ENV": "production", "DEBUG": "false",
           "SECRET_KEY": "test-only-production-key-" + "x" * 40,
           "ALLOWED_HOSTS": "testserver", "SITE_URL": "https://macehub.example.org",
           "STATIC_ROOT": str(tmp_path / "static"),
           "SQLITE_PATH": str(tmp_path / "production.sqlite3")}
    env.pop("DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "macehub.settings"

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
        return done.stdout

    run("scripts/build_assets.py")
    run("manage.py", "collectstatic", "--no-input", "-v", "0")
    assert (tmp_path / "static" / "staticfiles.json").is_file()
    assert "served" in run("-c", SERVE)
