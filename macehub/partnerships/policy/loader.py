"""Finding, parsing and validating policy packs (`policies/<key>.toml`).

The rest of the product calls load_pack(), pack_keys(), load_all() and validate_file();
every failure is a PolicyError naming the file, the field and the problem.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from macehub.partnerships.policy.errors import PackIssues, PolicyError
from macehub.partnerships.policy.schema import PolicyPack

# macehub/partnerships/policy/loader.py → the repository root holds policies/.
DEFAULT_POLICY_DIR = Path(__file__).resolve().parents[3] / "policies"
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def policy_dir() -> Path:
    """settings.POLICY_DIR when Django is set up, else <repo>/policies, so the packs can
    be validated without Django (read lazily: this module imports no Django models)."""
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is a dependency; kept pure on purpose
        return DEFAULT_POLICY_DIR
    if settings.configured or os.environ.get("DJANGO_SETTINGS_MODULE"):
        configured = getattr(settings, "POLICY_DIR", None)
        if configured:
            return Path(configured)
    return DEFAULT_POLICY_DIR


def _display(path: Path) -> str:
    """A path as people type it: relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def pack_keys() -> list[str]:
    """Keys of the packs in the policy directory, sorted."""
    directory = policy_dir()
    if not directory.is_dir():
        return []
    return sorted(p.stem for p in directory.glob("*.toml") if _KEY.match(p.stem))


def load_pack(key: str) -> PolicyPack:
    """The pack `policies/<key>.toml`, validated; cached until the file changes."""
    directory = policy_dir()
    path = directory / f"{key}.toml"
    # The key becomes a file name: refuse anything that is not a plain identifier. One
    # look at the file (pages and imports ask for the pack many times a request).
    found = _file_stat(path) if _KEY.match(key) else None
    if found is None:
        known = ", ".join(pack_keys()) or "none"
        raise PolicyError(_display(directory), [("", f"no policy pack {key!r} (known: {known})")])
    pack = _load_cached(str(path), found.st_mtime_ns)
    if pack.partnership.key != key:
        raise PolicyError(
            _display(path),
            [("partnership.key", f"is {pack.partnership.key!r} but the file is {key}.toml")],
        )
    return pack


def _file_stat(path: Path) -> os.stat_result | None:
    """The file's status, or None when there is no regular file there."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found if stat.S_ISREG(found.st_mode) else None


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int) -> PolicyPack:
    # mtime_ns is part of the cache key only: an edited file is read again.
    return validate_file(path)


def clear_cache() -> None:
    _load_cached.cache_clear()


def load_all() -> dict[str, PolicyPack]:
    """Every pack, checked one by one and then against each other (sharing partners must
    be packs too). All problems are reported together."""
    packs: dict[str, PolicyPack] = {}
    errors: list[PolicyError] = []
    for key in pack_keys():
        try:
            packs[key] = load_pack(key)
        except PolicyError as exc:
            errors.append(exc)
    for key, pack in packs.items():
        unknown = [p for p in pack.sharing.partners if p not in packs and p not in _failed(errors)]
        for partner in unknown:
            path = _display(policy_dir() / f"{key}.toml")
            errors.append(PolicyError(path, [("sharing.partners", f"no pack {partner!r}")]))
    if errors:
        raise PolicyError.merge(errors)
    return packs


def _failed(errors: list[PolicyError]) -> set[str]:
    # A partner whose own pack failed is reported once, under its own file.
    return {Path(e.origin).stem for e in errors}


def validate_file(path: str | os.PathLike[str]) -> PolicyPack:
    """Parse and validate one TOML file (any path; not cached)."""
    file = Path(path)
    origin = _display(file)
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise PolicyError(origin, [("", f"cannot read: {exc.strerror or exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(origin, [("", f"not valid TOML: {exc}")]) from None
    return validate_data(data, origin=origin)


def validate_data(data: dict[str, Any], *, origin: str = "<policy>") -> PolicyPack:
    """Validate an already-parsed pack; `origin` names it in error messages."""
    try:
        return PolicyPack.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(origin, _problems(exc)) from None


def _problems(exc: ValidationError) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    bad_names = {_dotted(e["loc"][:-1]) for e in exc.errors() if e["loc"][-1:] == ("[key]",)}
    for error in exc.errors():
        where = _dotted(error["loc"])
        if error["loc"][-1:] == ("key",) and _dotted(error["loc"][:-1]) in bad_names:
            continue  # the table name is reported already; its copy in `key` adds nothing
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, PackIssues):
            problems.extend((_join(where, path), problem) for path, problem in cause.issues)
            continue
        if error["type"] == "value_error" and where.endswith(".value"):
            # A rule's value is the rule: "forums.mace.review_interval.high: must be a
            # positive interval" reads better than naming the wrapper's `value` key.
            where = where.removesuffix(".value")
        problems.append((where, _wording(error)))
    return problems


def _dotted(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part == "[key]":
            path += " (table name)"
        else:
            path = _join(path, part)
    return path


def _join(prefix: str, path: str) -> str:
    return f"{prefix}.{path}" if prefix and path else prefix or path


def _wording(error: Any) -> str:
    kind, message = error["type"], str(error["msg"])
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against docs/policy-packs.md)"
    if kind in ("value_error", "assertion_error"):
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"wrong type: {message[:1].lower()}{message[1:]} (got {error.get('input')!r})"
    if kind == "string_pattern_mismatch":
        return "use lower-case letters, digits and underscores, starting with a letter"
    if kind in ("literal_error", "enum"):
        return f"unknown value {error.get('input')!r}: {message[:1].lower()}{message[1:]}"
    return message[:1].lower() + message[1:]
