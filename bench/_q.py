import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macehub.settings")
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from macehub.accounts.models import User
from macehub.partnerships.models import Partnership
from macehub.tests.factories import sign_in
slug, url = sys.argv[1], sys.argv[2]
p = Partnership.objects.get(slug=slug)
c = sign_in(Client(), User.objects.get(username=f"{slug}-coordinator"), p)
c.get(url)
with CaptureQueriesContext(connection) as q:
    r = c.get(url)
print(r.status_code, len(q))
for x in q.captured_queries: print(f"{float(x['time'])*1000:7.1f}", x["sql"][:140])
