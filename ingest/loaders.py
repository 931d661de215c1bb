"""Loaders: one file in, one ``SourceDocument`` (titled sections with page/slide numbers) out.

The loader is chosen by file type. Bad input raises ``LoadError`` naming the file (and row) and the fix;
recoverable row problems are kept as ``warnings`` on the document so the rest of the file still loads: every
CSV row becomes a record or a warning, never nothing. Rows are numbered by the line they start on (the header is
line 1), so an editor's line number finds them. Files over ``MAX_FILE_MB`` or ``MAX_TEXT_CHARS`` are refused
with their size and the limit.

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
# A file is read whole: 50 MB bounds the memory. Its text becomes ~1 segment per 800 characters, embedded at
# ~30 segments/s on two cores: 2 million characters is ~2,500 segments, a couple of minutes; a 50 MB text file
# would take hours.
MAX_FILE_MB = 50
MAX_TEXT_CHARS = 2_000_000
# A directory cell is a name, a list of tables or a description: 10,000 characters is far beyond any of them.
MAX_CELL_CHARS = 10_000


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
    size = path.stat().st_size
    if size == 0:
        raise LoadError(source_path, "the file is empty", "add content or remove the file")
    if size > MAX_FILE_MB * 1024 * 1024:
        raise LoadError(source_path, f"the file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_MB} MB",
                        "split it into smaller files")
    if suffix == ".pdf":
        doc = load_pdf(path, source_path)
        _check_text_size(source_path, sum(len(section.text) for section in doc.sections))
        return doc
    text = read_text(path, source_path)
    if not text.strip():
        raise LoadError(source_path, "the file has no text (only whitespace)", "add content or remove the file")
    _check_text_size(source_path, len(text))
    if suffix == ".csv":
        return load_csv(text, source_path, path.stem)
    if suffix == ".txt":
        return load_plain_text(text, source_path, path.stem)
    return load_markdown(text, source_path, path.stem)


def _check_text_size(source_path: str, chars: int) -> None:
    if chars > MAX_TEXT_CHARS:
        raise LoadError(source_path, f"the file holds {chars:,} characters of text; the limit is {MAX_TEXT_CHARS:,} "
                                     f"(about {MAX_TEXT_CHARS // 800:,} segments to embed)",
                        "split it into smaller files")


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


def translation_of(path: Path) -> str:
    """The doc_id a Markdown file translates (front matter ``translation_of:``), or ""."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return ""
    with path.open("rb") as fh:
        head = fh.read(4096).decode("utf-8", "replace")
    meta, _ = _front_matter(head if "\n---" in head[4:] else head + "\n---")
    return meta.get("translation_of", "")


def is_translation(path: Path) -> bool:
    return bool(translation_of(path))


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
    """Remove headers/footers repeated on most pages, join hyphenated words, collapse spaces.

    A line at a page's edge is a header/footer when most pages have it, numbers aside ("Page 3"). Pages whose
    lines differ only by numbers would lose everything that way, so the removal never empties a page that had
    text: such a page keeps the lines that are not repeated verbatim (only exact headers go, "Page 3" stays)."""
    split = [[ln for ln in page.splitlines()] for page in pages]
    edge_counts: Counter[str] = Counter()
    exact_counts: Counter[str] = Counter()
    for lines in split:
        stripped = [ln for ln in lines if ln.strip()]
        for ln in set(stripped[:2] + stripped[-2:]):
            edge_counts[_normalise_line(ln)] += 1
            exact_counts[ln.strip()] += 1
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {ln for ln, n in edge_counts.items() if n >= threshold and ln}
    verbatim = {ln for ln, n in exact_counts.items() if n >= threshold and ln}
    cleaned = []
    for lines in split:
        stripped = [ln for ln in lines if ln.strip()]
        edges = set(stripped[:2] + stripped[-2:])
        kept = [ln for ln in lines if not (ln in edges and _normalise_line(ln) in repeated)]
        if stripped and not any(ln.strip() for ln in kept):
            kept = [ln for ln in lines if not (ln in edges and ln.strip() in verbatim)]
        cleaned.append(_tidy("\n".join(kept)))
    if not any(cleaned):  # every line was a "header": the document is its headers, keep them
        return [_tidy(page) for page in pages]
    return cleaned


def _tidy(text: str) -> str:
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)  # hyphenation at line end
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


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
    header, rows, problems = split_csv(text)
    header = [h.strip() for h in header]
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
    skipped = [(line, problem, fix) for line, problem, fix in problems]
    seen: dict[str, int] = {}
    for row_number, cells in rows:
        long = next((n for n, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS), None)
        if long is not None:
            column = header[long] if long < len(header) else f"column {long + 1}"
            skipped.append((row_number, f"the cell '{column}' has {len(cells[long]):,} characters; the limit is "
                                        f"{MAX_CELL_CHARS:,}", "shorten the cell"))
            continue
        row = {name: (cells[n] if n < len(cells) else "").strip() for n, name in enumerate(header)}
        org_id, name = row.get(id_col, ""), row.get(name_col, "")
        if not name:
            skipped.append((row_number, f"empty {name_col}", "fill in the name or delete the row"))
            continue
        if not org_id:
            skipped.append((row_number, f"empty {id_col}", "give the row a unique id"))
            continue
        if org_id in seen:
            skipped.append((row_number, f"duplicate {id_col} '{org_id}' (first on row {seen[org_id]}); row skipped",
                            "give each organisation a unique id"))
            continue
        seen[org_id] = row_number
        record = _directory_record(row) if shape == "directory" else _hsds_record(row)
        doc.sections.append(Section(title=name, path=["Annuaire", name], text=directory_text(record),
                                    page=row_number, page_label="ligne", extra=record))
    doc.warnings += [str(LoadError(source_path, problem, fix, row=line)) for line, problem, fix in sorted(skipped)]
    if not doc.sections:
        first = "; ".join(f"row {line}: {problem}" for line, problem, _ in sorted(skipped)[:3])
        raise LoadError(source_path, "no valid organisation rows" + (f" ({first})" if first else ""),
                        "fix the rows named here, or add rows under the header")
    return doc


# A quoted cell may hold line breaks, but a record longer than this is an unclosed quote, not a cell.
MAX_RECORD_LINES = 200


def split_csv(text: str) -> tuple[list[str], list[tuple[int, list[str]]], list[tuple[int, str, str]]]:
    """(header, [(line, cells)], [(line, problem, fix)]): every non-blank line ends up in a row or a problem.

    The csv module alone would read an unbalanced quote as the start of a cell running to the next quote,
    swallowing the rows in between. So each record is read on its own (csv strict mode): its physical lines are
    gathered while its quotes are unbalanced, then parsed, and the lines the parser used are compared with the
    lines gathered. A record that spans several lines without the header's column count (or whose inner lines
    read as rows themselves), or whose quote never closes, is reported with its line, and the lines after it
    are read again as rows of their own."""
    lines = list(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    problems: list[tuple[int, str, str]] = []
    quote_fix = "close the quote, or double each quote inside a quoted cell (\"\")"
    i = 0
    while i < len(lines):
        start = i
        gathered = [lines[i]]
        quotes = lines[i].count('"')
        i += 1
        while quotes % 2 and i < len(lines) and i - start < MAX_RECORD_LINES:
            gathered.append(lines[i])
            quotes += lines[i].count('"')
            i += 1
        line = start + 1
        if not "".join(gathered).strip():
            continue
        reader = csv.reader(gathered, strict=True)  # strict: a quote left open at the end is an error
        try:
            cells = next(reader)
        except csv.Error as exc:
            if "field larger" in str(exc):
                problems.append((line, f"a cell is longer than {csv.field_size_limit():,} characters; the limit is "
                                       f"{MAX_CELL_CHARS:,}", "shorten the cell"))
            elif "unexpected end of data" in str(exc) or len(gathered) > 1:
                problems.append((line, "unbalanced quote: a quote opened on this row is not closed on it (the "
                                       "next rows would be read as part of one cell)", quote_fix))
            else:
                problems.append((line, f"malformed quoting ({exc})", quote_fix))
            i = start + 1
            continue
        if reader.line_num < len(gathered):  # a stray quote inside an unquoted cell: the record ended earlier
            i = start + reader.line_num
        spans = i - start
        width = len(header) if header is not None else len(cells)
        if spans > 1 and (quotes % 2 or len(cells) != width or _holds_rows(gathered[1:spans], width)):
            problems.append((line, "unbalanced quote: a quote opened on this row is not closed on it (the "
                                   f"next {spans - 1} line(s) would be read as part of one cell)", quote_fix))
            i = start + 1
            continue
        if header is None:
            header = cells
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problems.append((line, f"{len(cells)} cells where the header has {width}",
                             "quote the cell that contains a comma (\"…, …\"), or remove the extra cells"))
            continue
        rows.append((line, cells))
    return header or [], rows, problems


def _holds_rows(lines: list[str], width: int) -> bool:
    """Whether lines taken as the inside of one quoted cell read as rows of the table on their own."""
    for line in lines:
        try:
            if len(next(csv.reader([line]), [])) >= width:
                return True
        except csv.Error:
            continue
    return False


def _directory_record(row: dict[str, str]) -> dict[str, str]:
    return {
        "org_id": row["organization.id"],
        "org_name": row["organization.name"],
        "alternate_name": row.get("organization.alternate_name", ""),
        "tables": row.get("x_tables_de_quartier.name", ""),
        "table_ids": row.get("x_tables_de_quartier.id", ""),
        "region": row.get("address.region", ""),
        "territory": row.get("x_territory", ""),
        "territory_regions": row.get("x_territory_regions", ""),
        "membership_kind": row.get("x_membership_kind", ""),
        "membership_rule": row.get("x_membership_kind_rule", ""),
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
    if record.get("territory"):
        lines.append(f"Territoire de plusieurs villes ou arrondissements : {record['territory'].replace(';', ', ')} "
                     f"({record.get('territory_regions', '').replace(';', ', ')})")
    if record.get("categories"):
        lines.append(f"Catégorie de membre : {record['categories']}")
    return "\n".join(lines)
