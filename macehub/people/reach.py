"""Who reaches children's records (need to know, macehub.access.reach)."""

from macehub.access.reach import grant
from macehub.access.roles import Role

HUB = (Role.HUB_COORDINATOR, Role.CHAIR)

grant("people.Child", name="The hub and chairs: every child of the partnership", roles=HUB)
grant("people.ChildName", name="The hub and chairs: every child's names", roles=HUB)
grant("people.Relation", name="The hub and chairs: every child's relations", roles=HUB)
