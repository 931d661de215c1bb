"""Loaders: one file in, one ``SourceDocument`` (titled sections with page/slide numbers) out.

The loader is chosen by file type. Bad input raises ``LoadError`` naming the file (and row) and the fix;
recoverable row problems are kept as ``warnings`` on the document so the rest of the file still loads.

Usage: ``doc = load_file(Path("corpus/documents/politique-action-communautaire.md"))``
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.textnorm import slugify

DIRECTORY_REQUIRED = ("organization.id", "organization.name")
HSDS_REQUIRED = ("id", "name")


class LoadError(Exception):
    """A file that cannot be ingested; the message names the file (and row) and the fix."""

    def __init__(self, path: Path | str, problem: str, fix: str, row: int | None = None):
        where = f"{path}" + (f", row {row}" if row is not None else "")
        super().__init__(f"{where}: {problem} — fix: {fix}")
        self.path, self.row, self.problem, self.fix = str(path), row, problem, fix


@dataclass
class Section:
    title: str
    path: list[str]
    text: str
    page: int = 0  # 1-based page or slide number; 0 when the source has none
    page_label: str = ""  # "page" or "diapositive"
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class SourceDocument:
    doc_id: str
    title: str
    kind: str  # policy | declaration | fact_sheet | directory | document
    source_path: str
    sections: list[Section]
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".pdf", ".csv")


def load_file(path: Path, source_path: str | None = None) -> SourceDocument:
    """Load one file with the loader its type calls for."""
    source_path = source_path or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(source_path, f"unsupported file type '{suffix or '(none)'}'",
                        f"convert it to one of {', '.join(SUPPORTED_SUFFIXES)}")
    if path.stat().st_size == 0:
        raise LoadError(source_path, "the file is empty", "add content or remove the file")
    if suffix == ".pdf":
        return load_pdf(path, source_path)
    text = read_text(path, source_path)
    if not text.strip():
        raise LoadError(source_path, "the file has no text (only whitespace)", "add content or remove the file")
    if suffix == ".csv":
        return load_csv(text, source_path, path.stem)
    if suffix == ".txt":
        return load_plain_text(text, source_path, path.stem)
    return load_markdown(text, source_path, path.stem)


def read_text(path: Path, source_path: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(source_path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                        "re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`)") from None


# --- Markdown -----------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PAGE_MARK = re.compile(r"<!--\s*(diapositive|page|slide)\s*:\s*(\d+)\s*-->", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    meta = {}
    for line in text[4:end].splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip()] = value.strip()
    return meta, text[end + 4:].lstrip("\n")


def is_translation(path: Path) -> bool:
    """A Markdown file whose front matter says ``translation_of: <doc_id>``."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return False
    with path.open("rb") as fh:
        head = fh.read(2048).decode("utf-8", "replace")
    meta, _ = _front_matter(head if "\n---" in head[4:] else head + "\n---")
    return bool(meta.get("translation_of"))


def load_markdown(text: str, source_path: str, stem: str) -> SourceDocument:
    """Sections from headings; the section path is the heading stack; ``<!-- diapositive: N -->`` sets N."""
    meta, body = _front_matter(text)
    title = meta.get("title", "")
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    current: list[str] = []
    page, label = 0, ""

    def flush():
        content = _COMMENT.sub("", "\n".join(current)).strip()
        if content:
            path = [t for _, t in stack] or [title or stem]
            sections.append(Section(title=path[-1], path=path, text=content, page=page, page_label=label))
        current.clear()

    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            flush()
            level, heading_text = len(heading.group(1)), heading.group(2)
            if level == 1 and not title:
                title = heading_text
            if level == 1:
                stack.clear()
                continue
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading_text))
            page, label = 0, ""
            continue
        mark = _PAGE_MARK.search(line)
        if mark:
            label = "diapositive" if mark.group(1).lower() in ("diapositive", "slide") else "page"
            page = int(mark.group(2))
        current.append(line)
    flush()
    if not sections:
        raise LoadError(source_path, "no text found outside headings and comments", "add content under a heading")
    return SourceDocument(doc_id=meta.get("doc_id") or slugify(stem), title=title or stem,
                          kind=meta.get("kind", "document"), source_path=source_path, sections=sections, meta=meta)


def load_plain_text(text: str, source_path: str, stem: str) -> SourceDocument:
    """Blocks separated by a form feed or three blank lines are pages; a block's first line is its title."""
    blocks = re.split(r"\f|\n[ \t]*\n[ \t]*\n[ \t]*\n", text)
    sections = []
    for number, block in enumerate(blocks, start=1):
        block = block.strip()
        if not block:
            continue
        first, _, rest = block.partition("\n")
        title = first.strip()[:120]
        sections.append(Section(title=title, path=[title], text=(rest.strip() or first.strip()),
                                page=number if len(blocks) > 1 else 0, page_label="page" if len(blocks) > 1 else ""))
    return SourceDocument(doc_id=slugify(stem), title=stem.replace("-", " ").replace("_", " "),
                          kind="document", source_path=source_path, sections=sections)


# --- PDF ------------------------------------------------------------------------------------------

def _normalise_line(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def clean_pdf_pages(pages: list[str]) -> list[str]:
    """Remove headers/footers repeated on most pages, join hyphenated words, collapse spaces."""
    split = [[ln for ln in page.splitlines()] for page in pages]
    edge_counts: Counter[str] = Counter()
    for lines in split:
        stripped = [ln for ln in lines if ln.strip()]
        for ln in set(stripped[:2] + stripped[-2:]):
            edge_counts[_normalise_line(ln)] += 1
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {ln for ln, n in edge_counts.items() if n >= threshold and ln}
    cleaned = []
    for lines in split:
        stripped = [ln for ln in lines if ln.strip()]
        edges = set(stripped[:2] + stripped[-2:])
        kept = [ln for ln in lines if not (ln in edges and _normalise_line(ln) in repeated)]
        text = "\n".join(kept)
        text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)  # hyphenation at line end
        text = re.sub(r"[ \t]+", " ", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
        cleaned.append(text.strip())
    return cleaned


def load_pdf(path: Path, source_path: str) -> SourceDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several kinds for unsupported encryption
                opened = 0
            if not opened:
                raise LoadError(source_path, "the PDF is encrypted (password-protected)",
                                "save an unencrypted copy (e.g. `qpdf --decrypt in.pdf out.pdf`) and ingest that")
        raw_pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata and reader.metadata.title else "") or ""
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(source_path, f"the PDF is corrupt or unreadable ({type(exc).__name__}: {exc})",
                        "re-export the PDF from its source application") from None
    if not raw_pages:
        raise LoadError(source_path, "the PDF has no pages", "re-export the PDF from its source application")
    pages = clean_pdf_pages(raw_pages)
    if not any(p.strip() for p in pages):
        raise LoadError(source_path, "the PDF has no text layer (scanned images?)",
                        "run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) and ingest the result")
    title = title or path.stem.replace("-", " ").replace("_", " ")
    sections = []
    for number, text in enumerate(pages, start=1):
        if not text.strip():
            continue
        first_line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        section_title = first_line[:100] if len(first_line) <= 100 else f"Page {number}"
        sections.append(Section(title=section_title, path=[title, section_title], text=text,
                                page=number, page_label="page"))
    return SourceDocument(doc_id=slugify(path.stem), title=title, kind="document",
                          source_path=source_path, sections=sections)


# --- CSV: the Repère directory, or an HSDS organization table -----------------------------------------

def load_csv(text: str, source_path: str, stem: str) -> SourceDocument:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if set(DIRECTORY_REQUIRED) <= set(header):
        id_col, name_col, shape = "organization.id", "organization.name", "directory"
    elif set(HSDS_REQUIRED) <= set(header):
        id_col, name_col, shape = "id", "name", "hsds"
    else:
        wanted = " + ".join(DIRECTORY_REQUIRED)
        missing = [c for c in DIRECTORY_REQUIRED if c not in header]
        raise LoadError(source_path, f"missing required column(s) {', '.join(missing)} (header: {', '.join(header)})",
                        f"add the columns {wanted} (Repère directory) or id + name (HSDS organization.csv)")
    doc = SourceDocument(doc_id=slugify(stem), title=f"Annuaire : {stem}", kind="directory",
                         source_path=source_path, sections=[], meta={"shape": shape})
    seen: dict[str, int] = {}
    for row_number, row in enumerate(reader, start=2):  # row 1 is the header
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        org_id, name = row.get(id_col, ""), row.get(name_col, "")
        if not name:
            doc.warnings.append(str(LoadError(source_path, f"empty {name_col}", "fill in the name or delete the row",
                                              row=row_number)))
            continue
        if not org_id:
            doc.warnings.append(str(LoadError(source_path, f"empty {id_col}", "give the row a unique id",
                                              row=row_number)))
            continue
        if org_id in seen:
            doc.warnings.append(str(LoadError(
                source_path, f"duplicate {id_col} '{org_id}' (first on row {seen[org_id]}); row skipped",
                "give each organisation a unique id", row=row_number)))
            continue
        seen[org_id] = row_number
        record = _directory_record(row) if shape == "directory" else _hsds_record(row)
        doc.sections.append(Section(title=name, path=["Annuaire", name], text=directory_text(record),
                                    page=row_number, page_label="ligne", extra=record))
    if not doc.sections:
        raise LoadError(source_path, "no valid organisation rows", "see the row messages above")
    return doc


def _directory_record(row: dict[str, str]) -> dict[str, str]:
    return {
        "org_id": row["organization.id"],
        "org_name": row["organization.name"],
        "alternate_name": row.get("organization.alternate_name", ""),
        "tables": row.get("x_tables_de_quartier.name", ""),
        "table_ids": row.get("x_tables_de_quartier.id", ""),
        "region": row.get("address.region", ""),
        "membership_kind": row.get("x_membership_kind", ""),
        "categories": row.get("x_categories_publiees", ""),
        "description": row.get("organization.description", ""),
        "record_sources": row.get("x_sources", ""),
        "sectors": row.get("x_sectors", ""),
    }


def _hsds_record(row: dict[str, str]) -> dict[str, str]:
    return {
        "org_id": row["id"],
        "org_name": row["name"],
        "alternate_name": row.get("alternate_name", ""),
        "tables": "",
        "table_ids": "",
        "region": row.get("region", "") or row.get("address.region", ""),
        "membership_kind": row.get("legal_status", ""),
        "categories": "",
        "description": row.get("description", ""),
        "record_sources": "hsds",
        "sectors": "",
    }


def directory_text(record: dict[str, str]) -> str:
    """The searchable text of a directory record (French labels, one fact per line)."""
    lines = [f"Organisme : {record['org_name']}"]
    if record.get("alternate_name"):
        lines.append(f"Autres graphies : {record['alternate_name']}")
    if record.get("description"):
        lines.append(f"Description : {record['description']}")
    if record.get("tables"):
        lines.append(f"Tables de quartier : {record['tables'].replace(';', ', ')}")
    if record.get("region"):
        lines.append(f"Arrondissement ou ville liée : {record['region'].replace(';', ', ')}")
    if record.get("categories"):
        lines.append(f"Catégorie de membre : {record['categories']}")
    return "\n".join(lines)
