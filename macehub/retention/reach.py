"""Who reaches retention records. Proposals and their items name records by type and id
only: the partnership admin, who approves them, reaches every one of the partnership.
Legal holds: the hub coordinator (who keeps the children's records) and the partnership
admin (who acts for the partnership on a legal request) place and lift them."""

from macehub.access.reach import grant
from macehub.access.roles import Role

for _model in ("retention.RetentionReview", "retention.RetentionItem"):
    grant(_model, name="The partnership admin: every retention proposal, to approve it",
          roles=(Role.PARTNERSHIP_ADMIN,))
grant("retention.LegalHold", name="The hub and the partnership admin: every legal hold",
      roles=(Role.HUB_COORDINATOR, Role.PARTNERSHIP_ADMIN))
