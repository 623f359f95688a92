"""How much the synthetic data generator makes at each scale. "county" and "england" are
the sizes a county partnership (about 2.6% of England's children) and England accumulate
over ten years; "demo" is a first run's worth, "tiny" is for tests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    children: int          # children known to the partnership
    missing_children: int  # of whom reported missing at least once
    episodes: int          # missing episodes (a heavy tail: a few children, many episodes)
    concerns: int          # concerns, each screened unless recent
    cases: int             # MACE cases, `open_cases` of them open now
    open_cases: int
    meetings: int          # MACE meetings over the years, each with an agenda and minutes
    actions: int           # actions agreed at them
    persons: int           # persons of interest, with `aliases` other names
    aliases: int
    vehicles: int
    phones: int
    locations: int         # places, with points, and `located` links to them
    located: int
    links: int             # links between records (besides `located`)
    groups: int            # groups, with `members` "member of" links
    members: int
    accounts: int          # online accounts, each used by a person
    audit: int             # audit events, in proportion to use
    years: int = 10


SCALES = {
    "tiny": Scale(children=60, missing_children=15, episodes=80, concerns=30, cases=12,
                  open_cases=6, meetings=4, actions=20, persons=10, aliases=20, vehicles=5,
                  phones=8, locations=6, located=20, links=60, groups=3, members=12,
                  accounts=5, audit=200, years=2),
    "demo": Scale(children=2_000, missing_children=400, episodes=3_000, concerns=800,
                  cases=300, open_cases=60, meetings=30, actions=600, persons=200,
                  aliases=600, vehicles=200, phones=400, locations=100, located=1_000,
                  links=4_000, groups=20, members=300, accounts=100, audit=20_000,
                  years=3),
    "county": Scale(children=100_000, missing_children=20_000, episodes=200_000,
                    concerns=60_000, cases=20_000, open_cases=2_000, meetings=1_700,
                    actions=65_000, persons=20_000, aliases=60_000, vehicles=20_000,
                    phones=40_000, locations=10_000, located=100_000, links=400_000,
                    groups=500, members=8_000, accounts=10_000, audit=1_000_000),
    "england": Scale(children=2_000_000, missing_children=370_000, episodes=2_100_000,
                     concerns=1_500_000, cases=400_000, open_cases=40_000, meetings=35_000,
                     actions=1_300_000, persons=500_000, aliases=1_500_000,
                     vehicles=400_000, phones=1_000_000, locations=250_000,
                     located=1_000_000, links=4_000_000, groups=10_000, members=150_000,
                     accounts=250_000, audit=20_000_000),
}
