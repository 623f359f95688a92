"""Copy the built front-end files from node_modules into static/vendor/.

GOV.UK Frontend's stylesheet points at /assets/...; here it is served under
/static/vendor/govuk/, so those URLs are made relative while copying. The minified files
end with a sourceMappingURL comment naming a .map file that is not shipped; production's
manifest storage follows that reference and stops `collectstatic` with MissingFileError,
so the comment is removed while copying. Each file is written whole (to a temporary name,
then renamed), so a page served during a rebuild never reads half a file."""

from __future__ import annotations

import os
import re
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
    "cytoscape/dist/cytoscape.esm.min.mjs": "cytoscape/cytoscape.esm.min.mjs",
    "leaflet/dist/leaflet-src.esm.js": "leaflet/leaflet-src.esm.mjs",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
}
# `/*# sourceMappingURL=x.css.map */` in CSS, `//# sourceMappingURL=x.js.map` in JS.
SOURCE_MAP = re.compile(rb"(/\*# sourceMappingURL=[^*]*\*/|//# sourceMappingURL=\S*)[ \t]*\n?")
TREES = {
    "govuk-frontend/dist/govuk/assets": "govuk/assets",
    "@ministryofjustice/frontend/moj/assets": "moj/assets",
    "leaflet/dist/images": "leaflet/images",
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
        text_or_bytes = SOURCE_MAP.sub(b"", text_or_bytes)
        partial = dest.with_name(dest.name + ".part")
        partial.write_bytes(text_or_bytes)
        os.replace(partial, dest)
    for source, target in TREES.items():
        if (NODE / source).is_dir():
            shutil.copytree(NODE / source, VENDOR / target, dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
