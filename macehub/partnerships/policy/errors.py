"""Errors of a policy pack, worded for the person who edits the TOML file."""

from __future__ import annotations


class PackIssues(ValueError):
    """Raised inside validation for problems that span the pack (a rule naming a forum
    the pack does not define). Carries (dotted path, problem) pairs so the loader can
    report each at its own field rather than at the top of the pack."""

    def __init__(self, issues: list[tuple[str, str]]) -> None:
        self.issues = issues
        super().__init__("; ".join(f"{path}: {problem}" for path, problem in issues))


class PolicyError(Exception):
    """A policy pack that cannot be used. The message names the file, the field and the
    problem, one line each: `policies/dudley.toml: forums.mace.cadence: ...`."""

    def __init__(self, origin: str, problems: list[tuple[str, str]]) -> None:
        self.origin = origin
        self.problems = problems  # (dotted field, problem); field "" for the whole file
        self.lines = [
            f"{origin}: {field}: {problem}" if field else f"{origin}: {problem}"
            for field, problem in problems
        ]
        super().__init__("\n".join(self.lines))

    @classmethod
    def merge(cls, errors: list[PolicyError]) -> PolicyError:
        """One error for several files (validating every pack reports them all)."""
        if len(errors) == 1:
            return errors[0]
        merged = cls(errors[0].origin, errors[0].problems)
        merged.lines = [line for error in errors for line in error.lines]
        merged.args = ("\n".join(merged.lines),)
        return merged
