"""Copy the built front-end files from node_modules into static/vendor/.

GOV.UK Frontend's stylesheet points at /assets/...; here it is served under
/static/vendor/govuk/, so those URLs are made relative while copying."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

FILES = {
    "govuk-frontend/dist/govuk/govuk-frontend.min.css": "govuk/govuk-frontend.min.css",
    "govuk-frontend/dist/govuk/govuk-frontend.min.js": "govuk/govuk-frontend.min.js",
    "@ministryofjustice/frontend/moj/moj-frontend.min.css": "moj/moj-frontend.min.css",
    "@ministryofjustice/frontend/moj/moj-frontend.min.js": "moj/moj-frontend.min.js",
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    "axe-core/axe.min.js": "axe/axe.min.js",
}
TREES = {
    "govuk-frontend/dist/govuk/assets": "govuk/assets",
    "@ministryofjustice/frontend/moj/assets": "moj/assets",
}


def main() -> int:
    if not NODE.is_dir():
        print("node_modules is missing: run npm ci first", file=sys.stderr)
        return 1
    for source, target in FILES.items():
        dest = VENDOR / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        text_or_bytes = (NODE / source).read_bytes()
        if dest.suffix == ".css":
            text_or_bytes = text_or_bytes.replace(b"url(/assets/", b"url(assets/")
        dest.write_bytes(text_or_bytes)
    for source, target in TREES.items():
        if (NODE / source).is_dir():
            shutil.copytree(NODE / source, VENDOR / target, dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
