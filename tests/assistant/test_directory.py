"""Directory search, sectors, facets, map, exports and HSDS import on the shipped directory."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import zipfile
from pathlib import Path

from assistant.directory.search import Directory
from assistant.directory.export import write_csv, write_hsds
from assistant.directory.facets import GEOJSON_FILE, borough_map, facet_counts
from ingest.pipeline import ingest_paths
from ingest.sectors import SectorInference
from evals.sectors import evaluate_sectors
from tests.conftest import REPO, repere_bin


def test_name_search_tolerates_accents_and_typos(shipped_store):
    directory = Directory(shipped_store)
    for query in ("Chainon", "chaînon", "Le Chainonn", "LE CHAINON"):
        assert directory.search(query, limit=3).items[0].name == "Le Chaînon", query
    assert directory.search("Moison Montreal", limit=3).items[0].name == "Moisson Montréal"


def test_free_text_and_facets(shipped_store):
    directory = Directory(shipped_store)
    food = directory.search("aide alimentaire", limit=10)
    assert food.total > 0 and any("aliment" in o.name.lower() for o in food.items[:5])
    verdun = directory.search("", region="Verdun", limit=None)
    assert verdun.total == len(verdun.items) > 20 and all("Verdun" in o.regions for o in verdun.items)
    table = directory.search("", table="CDC Centre-Sud", limit=None)
    assert table.total > 10 and all("CDC Centre-Sud" in o.tables for o in table.items)
    aca = directory.search("", kind="aca", limit=None)
    assert aca.total > 10 and {o.membership_kind for o in aca.items} == {"aca"}
    health = directory.search("", sector="sante", region="Verdun", limit=None)
    assert health.total and all(any(s["code"] == "sante" and s["inferred"] for s in o.sectors) for o in health.items)


def test_parse_question_extracts_facets(shipped_store):
    text, facets = Directory(shipped_store).parse_question("Quels organismes pour les aînés sur le Plateau?")
    assert facets == {"region": "Le Plateau-Mont-Royal"} and "aines" in text


def test_facet_counts_and_borough_map(shipped_store):
    items = Directory(shipped_store).search("", limit=None).items
    counts = facet_counts(items)
    assert sum(counts["membership_kind"].values()) == len(items)
    assert counts["region"]["Verdun"] == len([o for o in items if "Verdun" in o.regions])
    figure = borough_map(counts["region"], REPO / "corpus/reference" / GEOJSON_FILE)
    shaded = [v for v in figure.axes[0].collections[0].get_array() if v > 0]
    assert len(shaded) >= 26  # every borough or linked city that has a round table gets a count


def test_exports_csv_and_hsds(shipped_store, tmp_path):
    directory = Directory(shipped_store)
    items = directory.search("", region="Verdun", limit=None).items
    rows = list(csv.DictReader(write_csv(items, tmp_path / "v.csv").open(encoding="utf-8")))
    assert len(rows) == len(items) and rows[0]["x_region_inferred"] == "true"
    archive = zipfile.ZipFile(write_hsds(items, directory.sector_labels(), tmp_path / "v.zip"))
    assert set(archive.namelist()) == {f"{n}.csv" for n in ("organization", "location", "address", "taxonomy",
                                                              "taxonomy_term", "attribute")}
    addresses = list(csv.DictReader(io.StringIO(archive.read("address.csv").decode())))
    assert {a["region"] for a in addresses} >= {"Verdun"}
    attributes = list(csv.DictReader(io.StringIO(archive.read("attribute.csv").decode())))
    assert attributes and all(a["value"].startswith("inferred;confidence=") for a in attributes)
    hsds = REPO / "../shared/data/raw/hsds_3.0_schema_simple.csv"
    if hsds.exists():  # every exported column is a field of its HSDS 3.0 table
        fields = {}
        for row in csv.DictReader(hsds.open(encoding="utf-8")):
            fields.setdefault(row["table_name"], set()).add(row["name"])
        for name in ("organization", "location", "address", "taxonomy", "taxonomy_term", "attribute"):
            header = archive.read(f"{name}.csv").decode().splitlines()[0].split(",")
            assert set(header) <= fields[name], (name, set(header) - fields[name])


def test_hsds_csv_imports_through_ingest(make_settings, tmp_path):
    folder = tmp_path / "hsds"
    folder.mkdir()
    (folder / "organization.csv").write_text("id,name,description\nh-1,Groupe Entraide Exemple,Cuisine collective\n",
                                             encoding="utf-8")
    settings = make_settings()
    assert ingest_paths(settings, [folder], progress=False).published
    assert Directory(settings).search("Entraide Exemple", limit=1).items[0].org_id == "h-1"


def test_sector_inference_precision_on_the_hand_labelled_samples(shipped_assistant):
    inference = SectorInference.from_reference(REPO / "corpus/reference", shipped_assistant.embedder)
    main = evaluate_sectors(inference, REPO / "evals/sector_labels.csv")
    held_out = evaluate_sectors(inference, REPO / "evals/sector_labels_heldout.csv")
    assert main["organisations"] >= 100
    assert main["micro_precision"] >= 0.85 and held_out["micro_precision"] >= 0.75
    assert len(inference.domains) == 13 and inference.labels["arts_culture_medias"] == "Arts, culture et médias"


def test_search_cli_json_and_exports(shipped_store, tmp_path):
    env = {**os.environ, "REPERE_CHROMA_PATH": str(shipped_store.chroma_path)}
    out = subprocess.run([repere_bin(), "search", "--borough", "Verdun", "--json", "--limit", "5"],
                         capture_output=True, text=True, env=env, cwd=REPO, check=True).stdout
    data = json.loads(out)
    assert data["total"] > 20 and len(data["items"]) == 5
    subprocess.run([repere_bin(), "search", "logement", "--csv", str(tmp_path / "l.csv"), "--hsds",
                    str(tmp_path / "l.zip")], capture_output=True, text=True, env=env, cwd=REPO, check=True)
    assert Path(tmp_path / "l.csv").stat().st_size > 100 and zipfile.is_zipfile(tmp_path / "l.zip")
