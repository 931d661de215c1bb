"""Exports: HSDS 3.0 validated with frictionless against the official descriptor (copied into the repo with its
licence and provenance), the round trip through the importer, the official example read back, and spreadsheet
formula neutralisation in every export path."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from assistant.directory.export import OFFICIAL_DESCRIPTOR, hsds_uuid, neutralise, write_csv, write_hsds
from assistant.directory.search import Directory, OrgResult
from ingest.hsds import read_package
from tests.conftest import REPO

EXAMPLE = REPO / "tests/assistant/directory/hsds_example"


def validate(folder: Path):
    from frictionless import Package, system

    with system.use_context(trusted=True):
        return Package(str(folder / "datapackage.json")).validate()


def export_sample(store, tmp_path: Path) -> tuple[list[OrgResult], Path]:
    directory = Directory(store)
    items = directory.search("", region="Rivière-des-Prairies–Pointe-aux-Trembles", limit=None).items
    items += directory.search("", region="Verdun", limit=None).items
    return items, write_hsds(items, directory.sector_labels(), tmp_path / "hsds")


def test_the_official_descriptor_is_in_the_repo_with_its_licence():
    folder = OFFICIAL_DESCRIPTOR.parent
    assert json.loads(OFFICIAL_DESCRIPTOR.read_text())["version"] == "3.0.0"
    assert "Attribution-ShareAlike" in (folder / "LICENSE").read_text() and (folder / "PROVENANCE.md").exists()


def test_hsds_export_validates_with_zero_errors(shipped_store, tmp_path):
    items, folder = export_sample(shipped_store, tmp_path)
    report = validate(folder)
    errors = [(task.name, e.type, e.note) for task in report.tasks for e in task.errors]
    assert report.valid and errors == [], errors[:10]
    written = {p.name for p in folder.glob("*.csv")}
    assert written == {"organizations.csv", "organization_identifiers.csv", "locations.csv", "taxonomies.csv",
                       "taxonomy_terms.csv", "attributes.csv"}
    official = {r["name"]: r for r in json.loads(OFFICIAL_DESCRIPTOR.read_text())["resources"]}
    derived = json.loads((folder / "datapackage.json").read_text())
    for resource in derived["resources"]:  # the official schemas, unchanged
        assert resource["schema"] == official[resource["name"]]["schema"]
        header = next(csv.reader((folder / resource["path"]).open(encoding="utf-8")))
        assert header == [f["name"] for f in resource["schema"]["fields"]]  # HSDS columns only, no x_
    organizations = list(csv.DictReader((folder / "organizations.csv").open(encoding="utf-8")))
    assert organizations[0]["id"] == hsds_uuid("organization", items[0].org_id)  # stable UUID5
    assert all(not o["legal_status"] for o in organizations)  # the membership kind is an attribute, not this
    attributes = list(csv.DictReader((folder / "attributes.csv").open(encoding="utf-8")))
    assert any(a["value"].startswith("inferred;confidence=") for a in attributes)
    assert any(a["value"].startswith("derived;rule=") for a in attributes)
    assert not (folder / "addresses.csv").exists()  # no address known, no address row
    territory = [loc for loc in csv.DictReader((folder / "locations.csv").open(encoding="utf-8"))
                 if loc["name"] == "Pointe-aux-Trembles et Montréal-Est"]
    assert territory and "Montréal-Est" in territory[0]["alternate_name"]


def test_a_broken_package_is_caught_by_the_same_validation(shipped_store, tmp_path):
    """The validation is not vacuous: a dangling attribute (foreign key) and a non-UUID id fail it."""
    _, folder = export_sample(shipped_store, tmp_path)
    path = folder / "attributes.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["taxonomy_term_id"] = hsds_uuid("term", "nowhere")
    rows[1]["id"] = "org-not-a-uuid"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = validate(folder)
    types = {e.type for task in report.tasks for e in task.errors}
    assert not report.valid and {"foreign-key", "type-error"} <= types


def test_round_trip_export_then_import_gives_the_same_records(shipped_store, tmp_path):
    items, folder = export_sample(shipped_store, tmp_path)
    archive = write_hsds(items, Directory(shipped_store).sector_labels(), tmp_path / "hsds.zip")
    for source in (folder, archive):
        rows = {r["organization.id"]: r for r in read_package(source)}
        assert set(rows) == {o.org_id for o in items}
        for org in items:
            row = rows[org.org_id]
            assert row["organization.name"] == org.name
            assert row["organization.alternate_name"] == org.alternate_name
            assert row["address.region"].split(";") == org.regions or (not row["address.region"] and not org.regions)
            assert row["x_territory"] == ";".join(org.territory)
            assert row["x_territory_regions"] == ";".join(org.territory_regions)
            assert row["x_tables_de_quartier.name"].split(";") == org.tables
            assert row["x_tables_de_quartier.id"].split(";") == org.table_ids
            assert row["x_categories_publiees"] == org.categories
            assert row["x_membership_kind"] == org.membership_kind
            assert row["x_membership_kind_rule"] == org.membership_rule
            assert row["x_sectors"] == ";".join(f"{s['code']}:{s['confidence']:.2f}:{s['method']}"
                                                for s in org.sectors)
            assert row["x_sources"] == org.record_sources
            assert row["organization.description"] == org.description


def test_the_official_example_is_read_without_loss():
    """The Open Referral example (examples-csv, copied beside this test with the descriptor's licence): every
    organisation and every one of its filled fields comes back."""
    rows = read_package(EXAMPLE)
    with (EXAMPLE / "organizations.csv").open(encoding="utf-8") as fh:
        originals = list(csv.DictReader(fh))
    assert len(rows) == len(originals)
    for row, original in zip(rows, originals):
        assert row["organization.id"] == original["id"] and row["organization.name"] == original["name"]
        assert row["organization.alternate_name"] == original["alternate_name"]
        assert row["organization.description"] == original["description"]
        for name, value in original.items():
            if name not in ("id", "name", "alternate_name", "description") and value:
                assert row[f"hsds.{name}"] == value, name


def test_every_export_neutralises_spreadsheet_formulas(tmp_path):
    hostile = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
    assert [neutralise(v) for v in hostile] == ["'" + v for v in hostile] and neutralise("Le Chaînon") == "Le Chaînon"
    items = [OrgResult(org_id=f"org-{n}", name=name, regions=["Verdun"], tables=["=cmd|' /C calc'!A0"],
                       membership_kind="member_unspecified", categories="", record_sources="test")
             for n, name in enumerate(hostile)]
    rows = list(csv.DictReader(write_csv(items, tmp_path / "flat.csv").open(encoding="utf-8", newline="")))
    assert [r["organization.name"] for r in rows] == ["'" + v for v in hostile]
    assert all(r["x_tables_de_quartier"].startswith("'=") for r in rows)
    folder = write_hsds(items, {}, tmp_path / "hsds")
    names = [r["name"] for r in csv.DictReader((folder / "organizations.csv").open(encoding="utf-8", newline=""))]
    assert names == ["'" + v for v in hostile]
    assert validate(folder).valid
    assert [r["organization.name"] for r in read_package(folder)] == hostile  # the importer restores them
    with zipfile.ZipFile(write_hsds(items, {}, tmp_path / "h.zip")) as archive:
        text = archive.read("organizations.csv").decode()
    assert [r["name"] for r in csv.DictReader(io.StringIO(text, newline=""))] == ["'" + v for v in hostile]
