"""Add up the JUnit XML of every pytest stage into one closing line."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own test output, not untrusted input
from pathlib import Path


def main(folder: str) -> int:
    passed = failed = skipped = 0
    for path in sorted(Path(folder).glob("*.xml")):
        root = ET.parse(path).getroot()  # noqa: S314
        for suite in root.iter("testsuite"):
            tests, fails = int(suite.get("tests", 0)), int(suite.get("failures", 0))
            errors, skips = int(suite.get("errors", 0)), int(suite.get("skipped", 0))
            print(f"  {path.stem:<12} {tests - fails - errors - skips} passed, "
                  f"{fails + errors} failed, {skips} skipped")
            passed += tests - fails - errors - skips
            failed += fails + errors
            skipped += skips
    print(f"total: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
