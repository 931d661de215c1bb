"""Chunks respect structure and carry the citation metadata."""

from __future__ import annotations

from ingest.chunking import chunk_document, split_section
from ingest.loaders import Section, SourceDocument, load_file
from tests.conftest import REPO

REQUIRED = {"doc_id", "doc_title", "doc_kind", "section_title", "section_path", "page", "page_label", "source_path",
            "content_hash"}


def test_policy_chunks_carry_metadata_and_stay_in_their_slide():
    doc = load_file(REPO / "corpus/documents/politique-action-communautaire.md", source_path="corpus/x.md")
    nodes = chunk_document(doc, max_chars=900, overlap_chars=150)
    assert nodes and all(REQUIRED <= set(n.metadata) for n in nodes)
    sections = {(s.title, s.page): s.text for s in doc.sections}
    for node in nodes:
        # never spans two sections: every chunk is inside its own section's text
        own = sections[(node.metadata["section_title"], node.metadata["page"])]
        assert all(part in own for part in node.text.split("\n\n"))
        assert node.metadata["page_label"] == "diapositive" and node.metadata["source_path"] == "corpus/x.md"
        assert node.ref_doc_id == "politique-action-communautaire"
    slide20 = [n for n in nodes if n.metadata["page"] == 20]
    assert slide20 and slide20[0].metadata["section_path"] == "Types de soutien et gestion > Types de soutien (suite)"


def test_long_section_splits_on_paragraphs_with_overlap():
    paragraphs = [f"Paragraphe {i}. " + "mot " * 40 for i in range(8)]
    chunks = split_section("\n\n".join(paragraphs), max_chars=500, overlap_chars=300)
    assert len(chunks) > 2
    assert all(len(c) <= 500 for c in chunks)
    for previous, current in zip(chunks, chunks[1:]):
        assert current.split("\n\n")[0] == previous.split("\n\n")[-1]  # the overlap is a whole paragraph
    assert all(p.strip() in "\n\n".join(chunks) for p in paragraphs)


def test_list_items_are_split_units_not_cut_mid_item():
    items = "\n".join(f"- élément numéro {i} " + "détail " * 12 for i in range(30))
    chunks = split_section(items, max_chars=400, overlap_chars=0)
    assert len(chunks) > 1
    for chunk in chunks:
        for line in chunk.splitlines():
            assert line.startswith("- élément numéro")


def test_ids_are_stable_and_content_derived():
    doc = SourceDocument(doc_id="d", title="T", kind="document", source_path="a.md",
                         sections=[Section(title="S", path=["S"], text="Un texte.")])
    first = chunk_document(doc, 900, 150)[0]
    again = chunk_document(doc, 900, 150)[0]
    assert first.node_id == again.node_id
    doc.sections[0].text = "Un autre texte."
    assert chunk_document(doc, 900, 150)[0].node_id != first.node_id
