"""The article the project started from must always come out right."""

from __future__ import annotations

EXPECTED_ENTITIES = {
    ("Ventspils", "GPE"),
    ("UNESCO", "ORG"),
    ("UNESCO Izglītības pilsētu tīkls", "ORG"),
    ("Latvija", "GPE"),
    ("Odrija Azulē", "PERSON"),
    ("UNESCO Mūžizglītības institūts", "ORG"),
    ("Valmiera", "GPE"),
}
NETWORK = "UNESCO Izglītības pilsētu tīkls"


def test_structure(seed_article):
    assert seed_article.language == "lv"
    assert seed_article.section == "Izglītība"
    assert seed_article.captions == ["Ventspils. Publicitātes attēls."]


def test_entities_in_base_form(seed_article):
    found = {(e.canonical, e.label) for e in seed_article.entities}
    assert EXPECTED_ENTITIES <= found, EXPECTED_ENTITIES - found
    for e in seed_article.entities:
        assert seed_article.text[e.start:e.end] == e.text


def _facts(article, kind):
    return [f for f in article.facts if f.type == kind]


def test_member_counts(seed_article):
    counts = {(f.organization.canonical, f.count, f.unit, f.kind, f.of.value if f.of else None,
               f.of.unit if f.of else None) for f in _facts(seed_article, "member_count")}
    assert (NETWORK, 77, "pilsēta", "added", 44, "valsts") in counts
    assert (NETWORK, 294, "pilsēta", "total", 76, "valsts") in counts


def test_memberships(seed_article):
    members = {(f.member.canonical, f.organization.canonical, f.date) for f in _facts(seed_article, "membership")}
    assert ("Ventspils", NETWORK, None) in members
    assert ("Valmiera", NETWORK, "2016. gadā") in members


def test_role(seed_article):
    roles = {(f.person.canonical, f.role, f.organization.canonical if f.organization else None)
             for f in _facts(seed_article, "role")}
    assert ("Odrija Azulē", "ģenerāldirektore", "UNESCO") in roles


def test_quantities(seed_article):
    quantities = {(f.value, f.unit) for f in _facts(seed_article, "quantity")}
    assert {(77, "pilsēta"), (44, "valsts"), (294, "pilsēta"), (76, "valsts")} <= quantities
