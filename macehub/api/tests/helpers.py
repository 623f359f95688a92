"""Calling the API as a persona: a token bound to one role, and an outsider from another
partnership (who must get 404 for anything of Dudley's, as for a record that does not
exist)."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.test import Client


class Api:
    def __init__(self, username: str) -> None:
        out = StringIO()
        call_command("create_api_token", username, stdout=out)
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {out.getvalue().strip()}"}

    def get(self, url: str, **query: Any) -> Any:
        return self.client.get(f"/api/v1{url}", query, headers=self.headers)

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/api/v1{url}", body or {}, content_type="application/json",
                                headers=self.headers)

    def put(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.put(f"/api/v1{url}", body, content_type="application/json",
                               headers=self.headers)

    def patch(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.patch(f"/api/v1{url}", body, content_type="application/json",
                                 headers=self.headers)
