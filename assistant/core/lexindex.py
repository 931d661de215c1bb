"""The lexical side of a generation, built once at ingest and opened in milliseconds by every process.

One folder per generation (``<data_dir>/indexes/<generation>/``) holds:
- ``fr/``: a BM25 index (bm25s, saved) over every record's French analysed text;
- ``en/``: a BM25 index over the aligned English text of records that have one (English stemming);
- ``ids.json``: record id of each position; ``en_positions.npy``: position of each English entry;
- ``columns.npy``/``.json``: for each filterable field, value → positions (the same filters Chroma's ``where``
  applies), as one flat array and each value's bounds in it;
- ``names/``: a BM25 index over character trigrams of directory names, and the folded names, so a typo'd name
  finds its candidates without scanning every name;
- ``own/``: a BM25 index over each organisation's own words (name, other spellings, description), so a directory
  search knows which records *contain* a query word without fetching them (a table's name is in every member's
  record, and must not make them all text matches);
- ``sectors.npy``/``.json``: for each inferred sector, the confidence of each of its records (aligned with
  ``columns``);
- ``org_vectors.npy``: each organisation's embedding (float16, rows aligned with ``name_positions``), so that a
  directory search filtered to a borough or a table scores its records exactly (a scan of a few thousand rows
  takes milliseconds; Chroma's HNSW, given a selective filter, took 10–60 ms at 100k records and its ``where``
  300–700 ms); written only when every organisation's vector was given;
- ``vocabulary.json``: the words of the documents (not the directory), for the abstention check;
- ``meta.json``: generation, counts and the checksum of the analysed content.

Why a folder beside Chroma rather than a rebuild at start: a 100k directory took 37 s to load into memory.
bm25s builds the index at ingest; queries read its score matrix with numpy memory maps (no bm25s/scipy import on
the query path). With a Chroma server, each app process keeps the folder in its own data folder: if it is
missing, the process rebuilds it once from the collection's documents and metadata and checks the checksum
recorded in the manifest, so every process ranks the same way (no shared file system needed).

Usage: ``builder = LexicalIndexBuilder(); builder.add(id, document, metadata); checksum = builder.write(folder)``;
``index = LexicalIndex.open(folder); scores = index.scores(["soutien"], "fr")``
"""

from __future__ import annotations

import functools
import hashlib
import json
import mmap
import os
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from assistant.core.lexical import ANALYSER_VERSION, analyse
from assistant.core.taxonomy import decode
from assistant.core.textnorm import fold, slugify

FORMAT_VERSION = 5
SCAN_STEP = 256  # organisation vectors read between two releases of their pages (see org_similarity)
BM25_K1, BM25_B = 1.2, 0.5  # b=0.5: slides are short and directory records long (measured in v1's evaluation)
MULTI_VALUED = ("region", "table", "table_name", "sector", "territory", "area")
# table_name is for listing; filters on table match ids and names. region: the boroughs or cities a record is
# listed in; territory: the multi-city territory of its table(s); area: both, with the territory's cities.
FLAGGED = ("region", "table", "sector", "territory", "area")
# filter name -> metadata field holding its single value
SINGLE_VALUED = {"doc_kind": "doc_kind", "doc_id": "doc_id", "record_type": "record_type",
                 "membership_kind": "membership_kind", "section": "section_path", "unit_kind": "unit_kind"}


def filter_values(meta: dict) -> dict[str, list[str]]:
    """Values of every filterable field of a record, as stored (compared case- and accent-blind)."""
    out: dict[str, list[str]] = {}
    for key, field in SINGLE_VALUED.items():
        raw = meta.get(field, "")
        if raw not in ("", None):
            out[key] = [str(raw)]
    if meta.get("record_type") == "org":
        # An organisation's "section" is its own name (a value per record): no filter needs it, and a 100k
        # directory's index would open 1 s slower with it.
        out.pop("section", None)
        out["region"] = [v for v in str(meta.get("region", "")).split(";") if v]
        out["table_name"] = [v for v in str(meta.get("tables", "")).split(";") if v]
        out["table"] = [v for v in str(meta.get("table_ids", "")).split(";") if v] + out["table_name"]
        out["sector"] = [p.split(":")[0] for p in str(meta.get("sectors", "")).split(";") if p]
        out["territory"] = [v for v in str(meta.get("territory", "")).split(";") if v]
        out["area"] = out["region"] + [v for v in str(meta.get("territory_regions", "")).split(";")
                                       if v and v not in out["region"]]
    return out


def flag_key(field: str, value: str) -> str:
    """Metadata key of a boolean flag for one value of a multi-valued field: ``f_region_verdun``."""
    return f"f_{field}_{slugify(value)}"


def flags(meta: dict) -> dict[str, bool]:
    """The boolean flags Chroma filters multi-valued fields on (it compares scalars only)."""
    return {flag_key(field, value): True for field, values in filter_values(meta).items()
            if field in FLAGGED for value in values}


def lexical_text(document: str, meta: dict) -> str:
    """What French BM25 sees: titles and the record (a directory record in full)."""
    if meta.get("record_type") == "org":
        return document
    heading = meta.get("heading", "")
    # (with the words the unit abbreviates, in full: « Dév. » is « développement »)
    return f"{meta.get('doc_title', '')} — {meta.get('section_path', '')}\n{heading}\n{document}\n" \
           f"{meta.get('expanded', '')}"


def english_text(meta: dict) -> str:
    """What English BM25 sees: the aligned English titles and text ("" when the record has no translation)."""
    if not meta.get("text_en"):
        return ""
    return f"{meta.get('section_title_en', '')}\n{meta.get('heading_en', '')}\n{meta['text_en']}\n" \
           f"{meta.get('expanded_en', '')}"


def own_text(meta: dict) -> str:
    """An organisation's own words: its name, other spellings and description (not its tables or borough)."""
    return f"{meta.get('org_name', '')} {meta.get('alternate_name', '')} {meta.get('description', '')}"


def top_positions(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` best positive scores, best first, ties in position order: the same as
    ``np.argsort(-scores, kind="stable")[:k]`` without sorting every record (a 100k directory)."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) > k:
        kth = np.partition(scores[positive], len(positive) - k)[len(positive) - k]
        above = positive[scores[positive] > kth]
        positive = np.concatenate([above, positive[scores[positive] == kth][:k - len(above)]])
    return positive[np.argsort(-scores[positive], kind="stable")]


def _interned(tokens: list[str]) -> list[str]:
    """The tokens as shared strings (a 100k directory has a few thousand distinct tokens: one copy of each instead
    of one per occurrence keeps the builder's memory to the lists' pointers); an empty text gets a placeholder."""
    return [sys.intern(t) for t in tokens] or ["∅"]


def _trigrams(name: str) -> list[str]:
    padded = f"  {re.sub(r'[^a-z0-9]+', ' ', fold(name)).strip()}  "
    return [padded[i:i + 3] for i in range(len(padded) - 2)] if padded.strip() else []


class LexicalIndexBuilder:
    """Collects records (any order) and writes the folder; memory is a few tokens per record."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.tokens: list[list[str]] = []
        self.en_positions: list[int] = []
        self.en_tokens: list[list[str]] = []
        self.columns: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.names: list[str] = []
        self.name_positions: list[int] = []
        self.own_tokens: list[list[str]] = []
        self.sector_confidence: dict[str, list[float]] = defaultdict(list)
        self.vocabulary: set[str] = set()
        self.vocabulary_en: set[str] = set()
        self.document_words: set[str] = set()
        # organisations' vectors, spooled to a temporary file as they come (a 100k directory's are 77 MB: not in
        # the ingest's memory); None once one organisation came without its vector
        self._vectors = tempfile.TemporaryFile()
        self._dim = 0

    def add(self, record_id: str, document: str, meta: dict, vector=None) -> None:
        """One record; ``vector`` (its embedding) is kept for an organisation."""
        position = len(self.ids)
        self.ids.append(record_id)
        tokens = _interned(analyse(lexical_text(document or "", meta)))
        self.tokens.append(tokens)
        english = english_text(meta)
        if english:
            self.en_positions.append(position)
            self.en_tokens.append(_interned(analyse(english, "en")))
            self.vocabulary_en.update(self.en_tokens[-1])
        for field, values in filter_values(meta).items():
            for value in values:
                self.columns[field][value].append(position)
        if meta.get("record_type") == "org":
            self.names.append(fold(str(meta.get("org_name", ""))))
            self.name_positions.append(position)
            self._spool(vector)
            self.own_tokens.append(_interned(analyse(own_text(meta))))
            # Same order as columns["sector"][code]: both are appended here, record by record.
            confidence = {g.code: g.confidence for g in decode(str(meta.get("sectors", "")))}
            for code in filter_values(meta).get("sector", []):
                self.sector_confidence[code].append(float(confidence.get(code, 0.0)))
            # Borough and table names are places the questions may name, not unknown words.
            self.document_words.update(re.findall(r"[a-z0-9]+", fold(f"{meta.get('region', '')} {meta.get('tables', '')}")))
        else:
            self.vocabulary.update(tokens)
            self.document_words.update(re.findall(r"[a-z0-9]+", fold(
                f"{document} {meta.get('doc_title', '')} {meta.get('section_path', '')} {meta.get('text_en', '')} "
                f"{meta.get('section_title_en', '')}")))

    @classmethod
    def from_collection(cls, collection, folder: Path, heartbeat=lambda: None) -> str:
        """Write the index of a whole generation read back from its collection (documents, metadata and the
        organisations' vectors); returns the checksum."""
        from assistant.core.store import fetch_all

        builder = cls()
        for page in fetch_all(collection, include=("documents", "metadatas", "embeddings")):
            for record_id, document, meta, vector in zip(page["ids"], page["documents"], page["metadatas"],
                                                         page["embeddings"]):
                builder.add(record_id, document or "", meta or {}, vector)
            heartbeat()
        return builder.write(folder)

    def _spool(self, vector) -> None:
        if self._vectors is None:
            return
        if vector is None:
            self._vectors.close()
            self._vectors = None
            return
        row = np.asarray(vector, dtype=np.float16)
        self._dim = self._dim or len(row)
        self._vectors.write(row.tobytes())

    def _write_vectors(self, path: Path) -> None:
        if self._vectors is None or not self.names or not self._dim:
            return
        rows = np.lib.format.open_memmap(path, mode="w+", dtype=np.float16, shape=(len(self.names), self._dim))
        self._vectors.seek(0)
        step = 8192
        for start in range(0, len(self.names), step):
            count = min(step, len(self.names) - start)
            rows[start:start + count] = np.frombuffer(self._vectors.read(count * self._dim * 2),
                                                      dtype=np.float16).reshape(count, self._dim)
        rows.flush()
        del rows
        self._vectors.close()
        self._vectors = None

    def checksum(self) -> str:
        # The analyser decides the ranking, the file format does not: a new format is rewritten from the
        # collection without a new ingest.
        digest = hashlib.sha256(f"{ANALYSER_VERSION}".encode())
        for record_id, tokens in zip(self.ids, self.tokens):
            digest.update(f"{record_id}\x00{' '.join(tokens)}\x01".encode())
        for position, tokens in zip(self.en_positions, self.en_tokens):
            digest.update(f"{position}\x00{' '.join(tokens)}\x02".encode())
        return digest.hexdigest()

    def write(self, folder: Path) -> str:
        """Write the index atomically (a temporary folder renamed into place); returns the checksum. The builder
        is spent: each token list is released once indexed, so that indexing a 100k directory's names does not
        add to the memory of its texts."""
        folder = Path(folder)
        tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        checksum = self.checksum()
        _save_bm25(tmp / "fr", self.tokens)
        self.tokens = []
        _save_bm25(tmp / "en", self.en_tokens)
        self.en_tokens = []
        _save_bm25(tmp / "own", self.own_tokens)
        self.own_tokens = []
        _save_bm25(tmp / "names", [_interned(_trigrams(n)) for n in self.names])
        (tmp / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
        np.save(tmp / "en_positions.npy", np.asarray(self.en_positions, dtype=np.int64))
        np.save(tmp / "name_positions.npy", np.asarray(self.name_positions, dtype=np.int64))
        (tmp / "names.json").write_text(json.dumps(self.names, ensure_ascii=False), encoding="utf-8")
        self._write_vectors(tmp / "org_vectors.npy")
        _save_ragged(tmp / "columns", self.columns, np.int32)
        _save_ragged(tmp / "sectors", {"sector": self.sector_confidence}, np.float32)
        (tmp / "vocabulary.json").write_text(json.dumps({"tokens": sorted(self.vocabulary),
                                                         "tokens_en": sorted(self.vocabulary_en),
                                                         "words": sorted(self.document_words)}), encoding="utf-8")
        (tmp / "meta.json").write_text(json.dumps({"format": FORMAT_VERSION, "analyser": ANALYSER_VERSION,
                                                   "records": len(self.ids), "english": len(self.en_positions),
                                                   "names": len(self.names), "checksum": checksum}),
                                       encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        return checksum


def _save_ragged(stem: Path, table: dict[str, dict[str, list]], dtype) -> None:
    """``{field: {value: list}}`` as one flat array (``<stem>.npy``) and each list's bounds in it
    (``<stem>.json``): a 100k directory's filter columns took 250 ms to read as JSON lists, and take 5 ms so."""
    bounds: dict[str, dict[str, list[int]]] = {}
    parts, start = [], 0
    for field, values in table.items():
        bounds[field] = {}
        for value, items in values.items():
            bounds[field][value] = [start, start + len(items)]
            parts.append(np.asarray(items, dtype=dtype))
            start += len(items)
    np.save(stem.with_suffix(".npy"), np.concatenate(parts) if parts else np.zeros(0, dtype=dtype))
    stem.with_suffix(".json").write_text(json.dumps(bounds, ensure_ascii=False), encoding="utf-8")


def _load_ragged(stem: Path) -> dict[str, dict[str, np.ndarray]]:
    flat = np.load(stem.with_suffix(".npy"))
    bounds = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
    return {field: {value: flat[a:b] for value, (a, b) in values.items()} for field, values in bounds.items()}


def _save_bm25(folder: Path, corpus: list[list[str]]) -> None:
    """A bm25s index of ``corpus``, saved. Documents go to bm25s as arrays of token ids: the same index as from
    the tokens (checked), with less memory at its peak (measured: 100,000 names' trigrams, 250 → 190 MB)."""
    if not corpus:
        return
    import bm25s  # build-time only

    vocabulary: dict[str, int] = {}
    ids = [np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for t in doc), dtype=np.int32, count=len(doc))
           for doc in corpus]
    model = bm25s.BM25(k1=BM25_K1, b=BM25_B)
    model.index((ids, vocabulary), show_progress=False)
    model.save(str(folder), show_progress=False)


class _Mapped:
    """A saved ``.npy`` array read through a read-only memory map whose pages a caller can drop from the process's
    resident set (they stay in the page cache: reading them again costs minor faults, not disk reads)."""

    def __init__(self, path: Path):
        with open(path, "rb") as fh:
            version = np.lib.format.read_magic(fh)
            read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else \
                np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read_header(fh)
            offset = fh.tell()
            size = os.fstat(fh.fileno()).st_size
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size > offset else None
        count = int(np.prod(shape))
        # (a plain ndarray over the map: np.memmap adds Python overhead to every slice)
        self.array = (np.frombuffer(self._map, dtype=dtype, count=count, offset=offset) if self._map is not None
                      else np.empty(0, dtype=dtype)).reshape(shape, order="F" if fortran else "C")

    def release(self) -> None:
        if self._map is not None:
            self._map.madvise(mmap.MADV_DONTNEED)


class _Bm25:
    """A saved bm25s index read through memory maps: the scores of a query are sums of matrix columns."""

    def __init__(self, folder: Path):
        self.vocab: dict[str, int] = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        # Plain ndarray views of the maps: still read from the page cache, without np.memmap's per-slice Python
        # overhead (a query slices a few dozen columns; that overhead was a millisecond per question).
        self._maps = [_Mapped(folder / f"{name}.csc.index.npy") for name in ("data", "indices", "indptr")]
        self.data, self.indices, self.indptr = (m.array for m in self._maps)
        self.num_docs = int(json.loads((folder / "params.index.json").read_text(encoding="utf-8"))["num_docs"])

    def df(self, token: str) -> int:
        """How many records hold ``token`` (the length of its column)."""
        column = self.vocab.get(token)
        return 0 if column is None else int(self.indptr[column + 1] - self.indptr[column])

    def scores(self, tokens: list[str]) -> np.ndarray:
        out = np.zeros(self.num_docs, dtype=np.float32)
        for token in tokens:
            column = self.vocab.get(token)
            if column is None:
                continue
            start, end = int(self.indptr[column]), int(self.indptr[column + 1])
            # A column lists each record once, so a plain indexed add is right (and 10x faster than np.add.at).
            out[self.indices[start:end]] += self.data[start:end]
        # The columns a query read leave the resident set (a long-running server would otherwise end up holding
        # every column it ever read: 61 MB of files at 100k records); they stay in the page cache.
        for mapped in self._maps:
            mapped.release()
        return out


class LexicalIndex:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        self.ids: list[str] = json.loads((self.folder / "ids.json").read_text(encoding="utf-8"))
        self._fr = _Bm25(self.folder / "fr") if (self.folder / "fr").exists() else None
        self._en = _Bm25(self.folder / "en") if (self.folder / "en").exists() else None
        self.en_positions = np.load(self.folder / "en_positions.npy")
        self._names_index = _Bm25(self.folder / "names") if (self.folder / "names").exists() else None
        self._own = _Bm25(self.folder / "own") if (self.folder / "own").exists() else None
        self.name_positions = np.load(self.folder / "name_positions.npy")
        vectors = self.folder / "org_vectors.npy"
        self._org_map = _Mapped(vectors) if vectors.exists() else None
        self.org_vectors = self._org_map.array if self._org_map else None
        self.columns = _load_ragged(self.folder / "columns")
        # (folded, stored) values of each field, made on first use: a 100k directory has 100k section values, and
        # folding them all at open took 2.7 s.
        self._folded: dict[str, list[tuple[str, str]]] = {}
        self.sector_confidence = _load_ragged(self.folder / "sectors").get("sector", {})
        vocabulary = json.loads((self.folder / "vocabulary.json").read_text(encoding="utf-8"))
        self.vocabulary = frozenset(vocabulary["tokens"])
        self.vocabulary_en = frozenset(vocabulary.get("tokens_en", []))
        self.document_words = frozenset(vocabulary["words"])

    @functools.cached_property
    def position(self) -> dict[str, int]:
        """Position of each record id (made on first use, as the names: 50 ms each at 100k records)."""
        return {record_id: n for n, record_id in enumerate(self.ids)}

    @functools.cached_property
    def org_rows(self) -> np.ndarray:
        """Row of ``org_vectors`` of each position (-1: not an organisation)."""
        rows = np.full(len(self.ids), -1, dtype=np.int32)
        rows[self.name_positions] = np.arange(len(self.name_positions), dtype=np.int32)
        return rows

    def org_similarity(self, vector: np.ndarray, positions: np.ndarray) -> np.ndarray | None:
        """Cosine similarity of ``vector`` to the organisations at ``positions`` (their stored vectors are
        normalised), or None when this index holds no vectors or a position is not an organisation."""
        if self.org_vectors is None:
            return None
        rows = self.org_rows[np.asarray(positions, dtype=np.int64)]
        if len(rows) and rows.min() < 0:
            return None
        out = np.empty(len(rows), dtype=np.float32)
        query = np.asarray(vector, dtype=np.float32)
        # The rows of a borough lie all over the file, and the kernel maps the pages around each one read (fault-
        # around): one scan mapped the whole copy (77 MB at 100k records) into the process's RSS. Scanning in small
        # steps and releasing the pages after each bounds that to a few MB; they stay in the page cache.
        for start in range(0, len(rows), SCAN_STEP):
            out[start:start + SCAN_STEP] = self.org_vectors[rows[start:start + SCAN_STEP]].astype(np.float32) @ query
            self._org_map.release()
        return out

    def ids_at(self, positions) -> list[str]:
        """Record ids of many positions at once (a borough of a 100k directory: thousands of them)."""
        return self._ids_array[np.asarray(positions, dtype=np.int64)].tolist()

    @functools.cached_property
    def _ids_array(self) -> np.ndarray:
        return np.asarray(self.ids, dtype=object)

    @functools.cached_property
    def names(self) -> list[str]:
        """Folded directory names, aligned with ``name_positions``."""
        return json.loads((self.folder / "names.json").read_text(encoding="utf-8"))

    @classmethod
    def open(cls, folder: Path) -> "LexicalIndex":
        return cls(folder)

    @staticmethod
    def is_current(folder: Path) -> bool:
        """Whether ``folder`` holds an index written by this code's format and analyser (else: rebuild it)."""
        try:
            meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return meta.get("format") == FORMAT_VERSION and meta.get("analyser") == ANALYSER_VERSION

    @property
    def checksum(self) -> str:
        return self.meta["checksum"]

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, tokens: list[str], language: str = "fr") -> np.ndarray:
        """BM25 score of every record (positions as in ``ids``); English scores land on their records."""
        out = np.zeros(len(self.ids), dtype=np.float32)
        if language == "en":
            if self._en is not None and tokens:
                out[self.en_positions] = self._en.scores(tokens)
            return out
        return self._fr.scores(tokens) if self._fr is not None and tokens else out

    def specificity(self, token: str, language: str = "fr") -> float:
        """How rare a token is in the corpus (1 / records holding it; 0 when absent)."""
        index = self._en if language == "en" else self._fr
        count = index.df(token) if index is not None else 0
        return 1.0 / count if count else 0.0

    def name_candidates(self, query: str, limit: int = 300) -> np.ndarray:
        """Positions (in ``ids``) of the directory names sharing the most character trigrams with ``query``."""
        if self._names_index is None:
            return np.zeros(0, dtype=np.int64)
        return self.name_positions[top_positions(self._names_index.scores(_trigrams(query)), limit)]

    def own_word_hits(self, tokens: list[str]) -> np.ndarray:
        """Whether each record's own words (``own_text``) hold one of ``tokens`` (a boolean per position)."""
        out = np.zeros(len(self.ids), dtype=bool)
        if self._own is not None and tokens:
            out[self.name_positions] = self._own.scores(tokens) > 0
        return out

    def sector_scores(self, codes: list[str]) -> np.ndarray:
        """Each record's best confidence among the inferred sectors ``codes`` (0 when it has none of them)."""
        out = np.zeros(len(self.ids), dtype=np.float32)
        for code in codes:
            positions = self.columns.get("sector", {}).get(code)
            if positions is not None:
                out[positions] = np.maximum(out[positions], self.sector_confidence[code])
        return out

    def values(self, field: str) -> list[str]:
        return list(self.columns.get(field, {}))

    def matching(self, field: str, wanted) -> tuple[list[str], bool]:
        """(stored values a filter selects, negated?). A filter value may be a list (any of) or ``"!value"``
        (exclude); ``section`` matches a substring of the section path; comparison is case- and accent-blind."""
        values = [fold(str(v)) for v in (wanted if isinstance(wanted, (list, tuple, set)) else [wanted])]
        negate = len(values) == 1 and values[0].startswith("!")
        values = [values[0][1:]] if negate else values
        folded_values = self._folded.get(field)
        if folded_values is None:
            folded_values = self._folded[field] = [(fold(value), value) for value in self.columns.get(field, {})]
        if field == "section":
            return [raw for folded, raw in folded_values if any(v in folded for v in values)], negate
        return [raw for folded, raw in folded_values if folded in values], negate

    def mask(self, filters: dict | None) -> np.ndarray:
        """Records passing every filter (see ``matching``)."""
        keep = np.ones(len(self.ids), dtype=bool)
        for field, wanted in (filters or {}).items():
            if wanted in (None, "", [], ()):
                continue
            selected, negate = self.matching(field, wanted)
            hit = np.zeros(len(self.ids), dtype=bool)
            for value in selected:
                hit[self.columns[field][value]] = True
            keep &= ~hit if negate else hit
        return keep
