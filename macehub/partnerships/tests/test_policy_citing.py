"""Sources people can read: each pack declares its documents once (title, version, date,
owner) and every rule cites a document key and a section; users read the title, the date
and the section, never a file name, a pack path or a design document."""

from __future__ import annotations

import copy
import re
import tomllib
from typing import Any

import pytest

from macehub.partnerships.policy import PolicyError, load_all, load_pack, validate_data
from macehub.partnerships.policy.citing import INTERNAL, Document
from macehub.partnerships.policy.loader import DEFAULT_POLICY_DIR

ORIGIN = "policies/dudley.toml"
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def dudley_data() -> dict[str, Any]:
    with (DEFAULT_POLICY_DIR / "dudley.toml").open("rb") as handle:
        return copy.deepcopy(tomllib.load(handle))


def refused(data: dict[str, Any]) -> str:
    with pytest.raises(PolicyError) as caught:
        validate_data(data, origin=ORIGIN)
    return str(caught.value)


def test_dudley_cites_its_terms_of_reference_by_title_date_and_section() -> None:
    # Dudley ToR header: "MACE and CEOG Terms of Reference", "Draft V2 – July 2021".
    pack = load_pack("dudley")
    document = pack.documents["dudley_tor"]
    assert (document.version, document.date) == ("Draft V2", "2021-07")
    assert document.owner == "Dudley Safeguarding People Partnership"
    rule = pack.explain_rule("exploitation_types.cse").reason
    assert rule.source == ("Dudley MACE and CEOG Terms of Reference (July 2021), "
                           "section 'MACE Purpose'")
    numbered = load_pack("essex").explain_rule("forums.mace_1.entry").reason.source
    assert numbered == "Essex Child Exploitation and Missing Arrangements (September 2018), " \
        "section 6.1"


def test_an_undated_document_reads_as_its_title() -> None:
    # The Kirklees process document gives no version or date.
    source = load_pack("kirklees").explain_rule("partnership").reason.source
    assert source == ("Kirklees Missing and Child Exploitation (MACE) Multi-Agency Process "
                      "and Arrangements, section 'Annex A'")


def test_a_default_reads_as_the_partnerships_default() -> None:
    rule = load_pack("dudley").explain_rule("partnership.age_scope").reason
    assert rule.default and rule.source == "Partnership default (the document does not say)"


def test_a_default_that_points_at_a_document_names_it_by_title() -> None:
    why = load_pack("dudley").explain_rule("screening.tool.indicators.missing_episodes")
    assert why.why_default == ("Weight set by macehub; indicator from Dudley MACE and CEOG "
                               "Terms of Reference (July 2021), section 'Introduction'")


def test_every_sourced_rule_cites_a_declared_document() -> None:
    for pack in load_all().values():
        titles = tuple(doc.name for doc in pack.documents.values())
        for explained in pack.explain():
            rule = explained.reason
            assert rule.source.strip() and rule.rule.endswith("."), rule.path
            assert rule.default == bool(explained.why_default), rule.path
            if not rule.default:
                assert rule.source.startswith(titles), rule.path


def test_no_rule_explanation_shows_a_file_name_design_reference_or_code() -> None:
    # What pages, the API and the command line show of a rule: its sentence, value,
    # source, note and why a default was chosen.
    for pack in load_all().values():
        for explained in pack.explain():
            reason = explained.reason
            texts = [reason.rule, reason.source, explained.value, explained.note or "",
                     explained.why_default]
            for text in texts:
                assert not INTERNAL.search(text), (pack.key, reason.path, text)
                assert not CODE.search(text), (pack.key, reason.path, text)


def test_a_source_naming_an_unknown_document_is_refused() -> None:
    data = dudley_data()
    data["roles"]["hub_coordinator"]["source"] = "dudley_minutes §Introduction"
    assert (f"{ORIGIN}: roles.hub_coordinator.source: unknown document 'dudley_minutes'"
            in refused(data))


def test_a_default_pointing_at_an_unknown_document_is_refused() -> None:
    data = dudley_data()
    data["partnership"]["age_scope"]["source"] = "default: as in {dudley_minutes §2}"
    assert "partnership.age_scope.source: unknown document 'dudley_minutes'" in refused(data)


def test_a_source_naming_a_file_is_refused() -> None:
    data = dudley_data()
    data["roles"]["hub_coordinator"]["source"] = "003_b0ed44f03d8dc5c7.txt §Introduction"
    assert "roles.hub_coordinator.source: '003_b0ed44f03d8dc5c7.txt §Introduction' does not " \
        "cite a document" in refused(data)


def test_a_document_needs_a_title_and_an_owner() -> None:
    data = dudley_data()
    del data["documents"]["dudley_tor"]["owner"]
    assert "documents.dudley_tor.owner: required field" in refused(data)


@pytest.mark.parametrize(("written", "read"), [("2021-07", "July 2021"),
                                               ("2024-02-29", "29 February 2024"),
                                               (None, "")])
def test_a_documents_date_reads_in_words(written: str | None, read: str) -> None:
    assert Document(title="T", owner="O", date=written).dated == read


@pytest.mark.parametrize("written", ["July 2021", "2021-13", "21-07"])
def test_a_documents_date_is_year_and_month(written: str) -> None:
    with pytest.raises(ValueError, match="pattern"):
        Document(title="T", owner="O", date=written)
