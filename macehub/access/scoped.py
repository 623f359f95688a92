"""The scoped kernel: the one way records that hold person or case data are loaded.

Every such model inherits `Scoped`: it carries its partnership (the tenant) and its
manager refuses to run a query that was not scoped. A query is scoped when it comes from

- `Model.objects.for_actor(actor)`: the actor's partnership, narrowed by need to know
  (macehub.access.reach), widened only by the sharing hook (macehub.access.sharing);
- `Model.objects.get_for(actor, pk)`: one record through `for_actor`, or Http404 — the
  same answer for "not yours" as for "does not exist" — and the read is audited when the
  model holds a person's record (`read_action`);
- a related manager of a record already reached (`case.plans.all()`);
- `unscoped(reason)`: for migrations, the platform's own checks and tests only.

Pages, the API, importers and scheduled jobs (as a system actor for one partnership) all
load records this way. An unscoped query raises `ScopeError` rather than answering with
every partnership's rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from django.db import models
from django.http import Http404

from macehub.access import reach

if TYPE_CHECKING:
    from macehub.access.actor import Actor

M = TypeVar("M", bound="Scoped")

# Whether unscoped queries raise. On everywhere: requests, commands, the shell. Test
# bodies turn it off to arrange and inspect data; every request they make turns it on.
_enforcing: ContextVar[bool] = ContextVar("macehub_scope_enforcing", default=True)


class ScopeError(RuntimeError):
    """A query on person or case data that did not go through the kernel."""


@contextmanager
def unscoped(reason: str) -> Iterator[None]:
    """Allow unscoped queries for a block. `reason` says why, for the reader."""
    assert reason, "Say why the block needs unscoped queries."
    token = _enforcing.set(False)
    try:
        yield
    finally:
        _enforcing.reset(token)


@contextmanager
def enforcing() -> Iterator[None]:
    """Refuse unscoped queries for a block (every request runs inside one)."""
    token = _enforcing.set(True)
    try:
        yield
    finally:
        _enforcing.reset(token)


# Set by the audit app when Django starts: records that an actor read one record.
ReadLog = Callable[["Actor", "Scoped", str], None]
_read_log: list[ReadLog] = []


def register_read_log(log: ReadLog) -> None:
    _read_log[:] = [log]


# Set by apps that widen reach for a stated reason (break-glass, SECURITY S10). For a read
# through get_for, `annotate` gives expressions loaded with the record in the same query
# (or None), and `describe` turns the read's purpose into the one audited ("break-glass 7").
Annotate = Callable[["Actor", type["Scoped"]], "dict[str, Any] | None"]
Describe = Callable[["Actor", "Scoped", str], str]
_read_purpose: list[tuple[Annotate, Describe]] = []


def register_read_purpose(annotate: Annotate, describe: Describe) -> None:
    if (annotate, describe) not in _read_purpose:
        _read_purpose.append((annotate, describe))


class ScopedQuerySet(models.QuerySet[M], Generic[M]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._scope = ""

    def _clone(self) -> ScopedQuerySet[M]:
        clone: ScopedQuerySet[M] = super()._clone()  # type: ignore[assignment,misc]
        clone._scope = self._scope
        return clone

    def _mark(self, how: str) -> ScopedQuerySet[M]:
        clone = self._chain()  # type: ignore[attr-defined]
        clone._scope = how
        return clone  # type: ignore[no-any-return]

    def _check(self) -> None:
        if not self._scope and _enforcing.get():
            raise ScopeError(
                f"Unscoped query on {self.model.__name__}: load records with "
                f"{self.model.__name__}.objects.for_actor(actor) or .get_for(actor, pk).")

    # Every way a queryset reaches the database passes one of these.
    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check()
        super()._fetch_all()  # type: ignore[misc]

    def iterator(self, chunk_size: int | None = None) -> Iterator[M]:
        self._check()
        return super().iterator(chunk_size=chunk_size)

    def count(self) -> int:
        self._check()
        return super().count()

    def exists(self) -> bool:
        self._check()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._check()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        self._refuse_if_unchangeable("changed")
        self._check()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_if_unchangeable("deleted")
        self._check()
        return super().delete()

    def _refuse_if_unchangeable(self, what: str) -> None:
        if self.model.unchangeable:
            raise ValueError(f"{self.model.__name__} entries are never {what}")

    def explain(self, *args: Any, **kwargs: Any) -> str:
        self._check()
        return super().explain(*args, **kwargs)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[M]:
        objs = list(objs)
        for obj in objs:
            obj.fill_partnership()
        return super().bulk_create(objs, *args, **kwargs)

    # The kernel's two ways in.
    def for_actor(self, actor: Actor) -> ScopedQuerySet[M]:
        where = reach.where(actor, self.model)
        if where is None:
            return self.none()._mark(f"actor:{actor.partnership.pk}")  # type: ignore[attr-defined]
        return self.filter(where)._mark(f"actor:{actor.partnership.pk}")  # type: ignore[attr-defined]

    def for_bookkeeping(self, actor: Actor, *, why: str) -> ScopedQuerySet[M]:
        """Every record of the actor's partnership, whatever the actor's own reach, for
        bookkeeping that spans the partnership (numbering, a rule's count) and is never
        shown to the actor. `why` says what it is for, for the reader."""
        assert why, "Say what the bookkeeping is."
        return self.filter(partnership=actor.partnership)._mark("bookkeeping")  # type: ignore[attr-defined]

    def get_for(self, actor: Actor, pk: object, *, purpose: str = "") -> M:
        """The record with this id if the actor reaches it, else Http404. A read of a
        person's record is audited here, once, whatever road it came by."""
        key = str(pk)
        if not key.isdigit():
            raise Http404("Not found")
        query = self.for_actor(actor).filter(pk=int(key))
        for annotate, _describe in _read_purpose:
            query = query.annotate(**(annotate(actor, self.model) or {}))
        record = query.first()
        if record is None:
            raise Http404("Not found")
        if record.read_action:
            if not _read_log:
                raise ScopeError("No read log is registered: is macehub.audit installed?")
            for _annotate, describe in _read_purpose:
                purpose = describe(actor, record, purpose)
            _read_log[0](actor, record, purpose)
        return record


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> ScopedQuerySet[Any]:
        queryset: ScopedQuerySet[Any] = super().get_queryset()
        instance = getattr(self, "instance", None)
        if instance is not None:
            # A related manager (case.plans): the record it hangs from was reached already.
            queryset._scope = "related"
            # Its records are in the parent's partnership (_check_tenant): say so in the
            # statement too, so every statement on a scoped table names its partnership
            # (and a database distributed by partnership can route it to one node).
            partnership_id = getattr(instance, "partnership_id", None)
            if partnership_id is not None:
                queryset = queryset.filter(partnership_id=partnership_id)
                queryset._scope = "related"
        return queryset


class Scoped(models.Model):
    """A record that holds person or case data, and the partnership it belongs to.

    `partnership_from` names the parent the partnership is taken from when a service
    creates the record without one; a record whose loaded parents belong to another
    partnership is refused, so no row can ever link two tenants."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT,
                                    related_name="+")

    partnership_from: ClassVar[str] = ""
    # For a person's record, the audit action of a read ("case.view"): every read through
    # get_for is audited with it. Empty for records that are not read on their own.
    read_action: ClassVar[str] = ""
    # True for a record of what was said or decided: never changed or deleted, in bulk too.
    unchangeable: ClassVar[bool] = False

    objects = ScopedManager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_partnership()
        super().save(*args, **kwargs)

    def fill_partnership(self) -> None:
        if self.partnership_id is None and self.partnership_from:  # type: ignore[attr-defined]
            parent = getattr(self, self.partnership_from)
            self.partnership_id = parent.partnership_id  # type: ignore[attr-defined]
        self._check_tenant()

    def _check_tenant(self) -> None:
        for field in self._meta.concrete_fields:
            if not (field.is_relation and field.many_to_one) or field.name == "partnership":
                continue
            related = field.related_model
            if not (isinstance(related, type) and issubclass(related, Scoped)):
                continue
            parent = self._state.fields_cache.get(field.name)
            if parent is not None and parent.partnership_id != self.partnership_id:
                raise ScopeError(f"{type(self).__name__}.{field.name} belongs to another "
                                 "partnership.")

    # Uniqueness checks look across the unique key only to answer yes or no.
    def validate_unique(self, exclude: Any = None) -> None:
        with unscoped("uniqueness check"):
            super().validate_unique(exclude)

    def validate_constraints(self, exclude: Any = None) -> None:
        with unscoped("constraint check"):
            super().validate_constraints(exclude)


def scoped_models() -> list[type[Scoped]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, Scoped)]
