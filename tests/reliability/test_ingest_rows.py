"""Ingest never loses a row silently: every CSV row becomes a record or is reported with its line and the fix,
a file name that is not UTF-8 is reported while the rest is ingested, a PDF whose pages differ only by numbers
keeps its text, oversized files are refused with their size and the limit, and `repere ingest` exits 3 with the
problems listed. Real files (the PDF made here with fpdf2), the real CLI, a real Chroma store."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from fpdf import FPDF

from ingest.loaders import MAX_CELL_CHARS, MAX_FILE_MB, MAX_TEXT_CHARS, load_file
from tests.conftest import DIRECTORY_HEADER, repere_bin

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

GOOD_ROW = "{id},{name},t-1,Table test,Verdun,community_organization,Table test: Membres,test"


def directory_lines() -> tuple[list[str], dict[int, str]]:
    """A directory CSV (as lines) with one bad row of each kind; returns the lines and {line: what is wrong}."""
    lines = [",".join(DIRECTORY_HEADER)]
    bad: dict[int, str] = {}

    def add(text: str, problem: str | None = None):
        lines.append(text)
        if problem:
            bad[len(lines)] = problem

    add(GOOD_ROW.format(id="o-1", name="Premier organisme"))
    add(GOOD_ROW.format(id="o-2", name='"Guillemet jamais fermé'), "unbalanced quote")
    add(GOOD_ROW.format(id="o-3", name="Troisième organisme"))
    add(GOOD_ROW.format(id="o-4", name='"Nom sur deux lignes\nsuite du nom"'))  # a legitimate multi-line cell
    add(GOOD_ROW.format(id="o-5", name='"Virgule, entre guillemets"'))
    add(GOOD_ROW.format(id="o-6", name="Cellules en trop") + ",x,y", "cells where the header has")
    add(GOOD_ROW.format(id="o-7", name="Écran 5\" pouces"))  # a stray quote inside an unquoted cell is text
    add(GOOD_ROW.format(id="o-8", name="x" * (MAX_CELL_CHARS + 1)), "limit is")
    add(GOOD_ROW.format(id="o-9", name="y" * 200_000), "limit is")  # beyond the csv module's own field limit
    add(GOOD_ROW.format(id="o-10", name="Dixième organisme"))
    add(GOOD_ROW.format(id="o-11", name='Dernier "guillemet ouvert'))
    add(GOOD_ROW.format(id="o-12", name='"Ouvert à la fin'), "unbalanced quote")
    return lines, bad


def physical_line(lines: list[str], index: int) -> int:
    """The 1-based line of the file on which ``lines[index]`` starts (a cell may hold a line break)."""
    return 1 + sum(line.count("\n") + 1 for line in lines[:index])


def test_every_csv_row_is_a_record_or_a_reported_line(tmp_path):
    lines, bad = directory_lines()
    path = tmp_path / "annuaire.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = load_file(path)
    starts = {physical_line(lines, n - 1): n for n in range(2, len(lines) + 1)}
    loaded = {s.page for s in doc.sections}
    reported = {}
    for warning in doc.warnings:
        assert str(path) in warning and "fix:" in warning, warning
        row = int(warning.split(", row ")[1].split(":")[0])
        reported[row] = warning
    assert loaded.isdisjoint(reported)
    assert loaded | set(reported) == set(starts), "every row is a record or a reported line, none vanishes"
    for row, problem in bad.items():
        line = physical_line(lines, row - 1)
        assert problem in reported.get(line, ""), (line, reported)
    names = {s.extra["org_name"] for s in doc.sections}
    assert {"Troisième organisme", "Nom sur deux lignes\nsuite du nom", "Virgule, entre guillemets",
            'Écran 5" pouces', "Dixième organisme"} <= names
    assert not any("Troisième" in n and "Guillemet" in n for n in names)  # nothing was swallowed into a name


def make_numbers_only_pdf(path):
    """Pages whose every line differs from the other pages' only by its numbers (all of them look like
    'repeated headers/footers' once digits are ignored)."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for number in range(1, 5):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in (f"Rapport trimestriel {2020 + number}", f"Montant versé au trimestre {number} : {number * 1250} $",
                     f"Page {number}"):
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_cli_ingest_reports_every_skip_and_exits_3(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines, bad = directory_lines()
    (corpus / "annuaire.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "notes.md").write_text("# Notes\n\n## Soutien\n\nLe soutien locatif aide les organismes.\n",
                                     encoding="utf-8")
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9-latin1.md"), "w", encoding="utf-8") as fh:
        fh.write("# Café\n\n## Section\n\nUn fichier au nom en Latin-1.\n")
    make_numbers_only_pdf(corpus / "chiffres.pdf")
    (corpus / "enorme.txt").write_text("Un texte trop long. " * (MAX_TEXT_CHARS // 20 + 100), encoding="utf-8")
    with open(corpus / "geant.txt", "wb") as fh:
        fh.truncate((MAX_FILE_MB + 1) * 1024 * 1024)  # sparse: refused on its size before it is read

    env = {**os.environ, "REPERE_CHROMA_PATH": str(settings.chroma_path), "REPERE_DATA_DIR": str(settings.data_dir)}
    done = subprocess.run([repere_bin(), "ingest", "--json", str(corpus)], capture_output=True, env=env,
                          cwd=tmp_path, timeout=600)
    assert done.returncode == 3, done.stderr.decode("utf-8", "replace")[-2000:]
    report = json.loads(done.stdout)
    assert report["published"]
    skipped = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in report["skipped"]}
    assert set(skipped) == {"caf\\xe9-latin1.md", "enorme.txt", "geant.txt"}, skipped
    assert "not valid UTF-8" in skipped["caf\\xe9-latin1.md"] and "rename" in skipped["caf\\xe9-latin1.md"]
    assert f"limit is {MAX_TEXT_CHARS:,}" in skipped["enorme.txt"] and "characters" in skipped["enorme.txt"]
    assert f"the limit is {MAX_FILE_MB} MB" in skipped["geant.txt"] and "51.0 MB" in skipped["geant.txt"]
    added = {p.rsplit("/", 1)[-1] for p in report["added"]}
    assert added == {"annuaire.csv", "notes.md", "chiffres.pdf"}  # the rest is ingested
    assert len(report["warnings"]) == len(bad)
    assert all("annuaire.csv, row " in w and "fix:" in w for w in report["warnings"])

    from assistant.api import Assistant

    assistant = Assistant(settings)
    answer = assistant.ask("Quel est le montant versé au trimestre 3?")
    assert "3750" in answer.answer or any("3750" in c.quote for c in answer.citations), answer.answer
    helptext = subprocess.run([repere_bin(), "ingest", "--help"], capture_output=True, text=True, check=True).stdout
    assert "exit status" in helptext and "3 " in helptext and "skipped" in helptext


def test_numbers_only_pdf_keeps_its_text_and_headers_still_go(tmp_path):
    from tests.ingest.test_loaders import make_pdf

    doc = load_file(make_numbers_only_pdf(tmp_path / "chiffres.pdf"))
    text = "\n".join(s.text for s in doc.sections)
    assert [s.page for s in doc.sections] == [1, 2, 3, 4]
    for number in range(1, 5):
        assert f"{number * 1250} $" in text
    # A usual report: the header repeated verbatim still goes, the body stays.
    usual = load_file(make_pdf(tmp_path / "usuel.pdf", [["Premier paragraphe du rapport."],
                                                        ["Deuxième paragraphe du rapport."]]))
    assert "Ville de Montréal - Rapport annuel" not in "\n".join(s.text for s in usual.sections)
    assert "Deuxième paragraphe" in usual.sections[1].text
