"""Every loader on real files (PDFs made here with fpdf2/pypdf), and every bad input with its message."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from ingest.loaders import LoadError, load_file
from tests.conftest import REPO, write_directory


def make_pdf(path: Path, pages: list[list[str]], header: str = "Ville de Montréal - Rapport annuel",
             title: str = "Rapport de test") -> Path:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Page {number}")
    pdf.output(str(path))
    return path


def test_policy_markdown_keeps_slides_and_titles():
    doc = load_file(REPO / "corpus/documents/politique-action-communautaire.md")
    assert doc.kind == "policy" and doc.doc_id == "politique-action-communautaire"
    by_title = {s.title: s for s in doc.sections}
    suite = by_title["Types de soutien (suite)"]
    assert (suite.page, suite.page_label) == (20, "diapositive")
    assert suite.path == ["Types de soutien et gestion", "Types de soutien (suite)"]
    assert "Location de locaux et d'installations à des prix préférentiels" in suite.text
    assert by_title["Principe 2 - Respecter l'autonomie du milieu communautaire"].page == 15
    assert len(doc.sections) == 22  # slides 2-23; slide 1 (title page) has no text
    assert [s.page for s in doc.sections] == list(range(2, 24))


def test_fact_sheets_say_they_are_summaries_with_sources():
    for name in ("fiche-declaration-2018.md", "fiche-politique-2021.md"):
        doc = load_file(REPO / "corpus/documents" / name)
        assert doc.kind == "fact_sheet" and doc.meta["summary"] == "true"
        intro = doc.sections[0].text
        assert "résumé compilé à partir de sources publiques" in intro and "riocm.org" in intro


def test_plain_text_blocks_become_pages(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Premier titre\nPremier texte.\n\n\n\nSecond titre\nSecond texte.\n", encoding="utf-8")
    doc = load_file(path)
    assert [(s.title, s.page, s.text) for s in doc.sections] == [
        ("Premier titre", 1, "Premier texte."), ("Second titre", 2, "Second texte.")]


def test_pdf_pages_headers_footers_and_hyphenation(tmp_path):
    path = make_pdf(tmp_path / "rapport.pdf", [
        ["Introduction", "Les organismes commu-", "nautaires recoivent du soutien."],
        ["Financement", "Le budget est de 5 M$."],
        ["Conclusion", "Fin du rapport."],
    ])
    doc = load_file(path)
    assert doc.title == "Rapport de test"
    assert [s.page for s in doc.sections] == [1, 2, 3]
    first = doc.sections[0]
    assert "communautaires recoivent" in first.text
    assert first.title == "Introduction"
    for section in doc.sections:
        assert "Rapport annuel" not in section.text and "Page " not in section.text


def test_directory_csv_rows_become_records(tmp_path):
    path = write_directory(tmp_path / "annuaire.csv", [("a-1", "Le Chaînon", "Le Plateau-Mont-Royal"),
                                                       ("a-2", "Moisson Montréal", "Saint-Laurent")])
    doc = load_file(path)
    assert doc.kind == "directory" and len(doc.sections) == 2
    record = doc.sections[0].extra
    assert record["org_id"] == "a-1" and record["region"] == "Le Plateau-Mont-Royal"
    assert doc.sections[0].page == 2 and doc.sections[0].page_label == "ligne"


def test_shipped_directory_loads_whole(tmp_path):
    doc = load_file(REPO / "corpus/annuaire/organismes.csv")
    assert 1500 <= len(doc.sections) <= 1700 and not doc.warnings


def test_hsds_organization_csv(tmp_path):
    path = tmp_path / "organization.csv"
    path.write_text("id,name,description,email\nh-1,Groupe Entraide,Aide alimentaire,a@b.c\n", encoding="utf-8")
    doc = load_file(path)
    assert doc.meta["shape"] == "hsds"
    assert doc.sections[0].extra["org_name"] == "Groupe Entraide"
    assert "Aide alimentaire" in doc.sections[0].text


# --- bad input: one clear line naming the file (and row) and the fix --------------------------------

def _error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_file(path)
    message = str(info.value)
    assert str(path) in message and "fix:" in message
    return info.value


def test_empty_file(tmp_path):
    path = tmp_path / "vide.md"
    path.write_bytes(b"")
    assert "empty" in _error(path).problem


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "casse.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n%%EOF")
    assert "corrupt" in _error(path).problem


def test_encrypted_pdf(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf", [["Texte secret"]])
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "chiffre.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    error = _error(path)
    assert "encrypted" in error.problem and "decrypt" in error.fix


def test_pdf_without_text_layer(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # an "image": no text at all
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    error = _error(path)
    assert "no text layer" in error.problem and "OCR" in error.fix


def test_non_utf8_text(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("# Titre\n\nDonnées élevées".encode("cp1252"))
    error = _error(path)
    assert "UTF-8" in error.problem and "UTF-8" in error.fix


def test_csv_missing_required_column(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("nom,quartier\nA,B\n", encoding="utf-8")
    error = _error(path)
    assert "organization.id" in error.problem and "organization.name" in error.fix


def test_row_with_empty_name_and_duplicate_ids_are_reported_rest_loads(tmp_path):
    path = write_directory(tmp_path / "orgs.csv", [("a-1", "Premier", "Verdun"), ("a-2", "", "Verdun"),
                                                   ("a-1", "Doublon", "Verdun"), ("a-3", "Troisième", "Anjou")])
    doc = load_file(path)
    assert [s.extra["org_id"] for s in doc.sections] == ["a-1", "a-3"]
    assert len(doc.warnings) == 2
    empty, duplicate = doc.warnings
    assert f"{path}, row 3" in empty and "empty organization.name" in empty and "fix:" in empty
    assert f"{path}, row 4" in duplicate and "duplicate organization.id 'a-1'" in duplicate and "fix:" in duplicate


def test_unknown_type(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG")
    assert "unsupported file type '.png'" in _error(path).problem
