"""The active generation as the query path sees it: the Chroma collection (dense search, records) and the
generation's lexical index on disk (BM25, filter columns, names, vocabulary).

Nothing is loaded into memory but the lexical index's small files (memory-mapped scores); a running process
checks the manifest at most every ``refresh_s`` seconds and switches to a newly published generation between
requests. With a Chroma server, a process that has no lexical index for the generation yet rebuilds it once
from the collection and checks it against the checksum in the manifest.

Usage: ``view = GenerationCache(settings).get(); view.dense(vector, 10, {"doc_kind": "!directory"})``
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.core.config import Settings
from assistant.core.lexindex import FLAGGED, LexicalIndex, LexicalIndexBuilder, flag_key
from assistant.core.store import Manifest, Store, StoreError
from assistant.core.textnorm import fold

log = logging.getLogger("repere.retrieval")
NOTHING = {"record_type": "∅"}  # a clause no record matches (a filter value that exists nowhere)
IDS_LIMIT = 20_000  # a filter selecting at most this many records is passed to Chroma as their ids
RECENT = 4096  # records (and vectors) a process keeps: about 10 MB and 6 MB


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    metadata: dict


class GenerationView:
    """One published generation: its collection and its lexical index."""

    def __init__(self, manifest: Manifest, collection, lexical: LexicalIndex):
        self.generation = manifest.active
        self.embed_model = manifest.embed_model
        self.collection = collection
        self.loading = _load_in_background(collection)
        self.lexical = lexical
        self.is_directory = lexical.mask({"record_type": "org"})
        # A published generation never changes: records and vectors read from Chroma are kept (the most recently
        # used ones), since reading them is most of a warm query's time (Chroma: about 0.25 ms per record read).
        self._records = _Recent(RECENT)
        self._vectors = _Recent(RECENT)
        self._spelled: dict[tuple[str, str], str] = {}
        self._texts: dict[str, _Words] = {}
        self._sections = _Recent(RECENT // 16)  # the unit ids of a section: its `where` scan costs 4 ms a time

    def __len__(self) -> int:
        return len(self.lexical)

    @property
    def document_words(self) -> frozenset[str]:
        return self.lexical.document_words

    @property
    def document_vocabulary(self) -> frozenset[str]:
        return self.lexical.vocabulary

    @cached_property
    def place_words(self) -> frozenset[str]:
        """Every word of the boroughs' and round tables' names (folded), computed once per generation."""
        return frozenset(word for field in ("region", "table_name") for value in self.lexical.values(field)
                         for word in re.findall(r"[a-z0-9]+", fold(value)))

    def unclipped(self, word: str) -> str:
        """The one document word that ``word`` (folded, 4 to 6 letters, no word nor stem of the documents) begins and
        that is more than twice as long — a word clipped when typed fast (« agglo » → « agglomération », « gouv » →
        « gouvernement ») —; "" when there is none, when it is a place's word (« maison » is no « Maisonneuve »), or
        several that are no forms of one word (« admini » for « administration » and « administratif »)."""
        from assistant.core.lexical import analyse

        if not 4 <= len(word) <= 6 or word in self.document_words \
                or any(stem in self.document_vocabulary for stem in analyse(word, "fr")):
            return ""
        longer = sorted((w for w in self.document_words if w.startswith(word) and len(w) > 2 * len(word)), key=len)
        # (the forms of one word begin with the shortest but its last letter: « agglomeration », « agglomerations »)
        if not longer or longer[0] in self.place_words \
                or any(not w.startswith(longer[0][:len(longer[0]) - 1]) for w in longer):
            return ""
        return longer[0]

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """Full word -> the abbreviation the documents write for it (« Dév. communautaire »: « developpement » ->
        « dev »): a short word with a period before a lower-case word, standing for the commonest document word it
        begins (twice as common as any word of another family: « devenir » is no « développement »)."""
        words = self._unit_words("fr")
        counts = Counter(w for folded in words.folded for w in folded)
        out = {}
        for text in words.texts:
            for short in re.findall(r"\b([^\W\d_]{2,5})\.\s+(?=[a-zà-ÿ])", text):
                short = fold(short)
                longer = Counter({w: n for w, n in counts.items() if w.startswith(short) and len(w) >= len(short) + 3})
                if not longer:
                    continue
                top, n = longer.most_common(1)[0]
                family = top[:len(short) + 4]
                if all(n >= 2 * m for w, m in longer.items() if not w.startswith(family)):
                    out[top] = short
        return out

    def spelled_out(self, acronym: str, language: str = "fr") -> str:
        """The words of the documents that an acronym they never use stands for, by their initials (« CDC » →
        « corporations de développement communautaire »; "de", "du", "des", "of"… skipped), the commonest phrase
        if several; "" when none (or when the documents use the acronym itself)."""
        key = (fold(acronym).rstrip("s") if len(acronym) > 3 and acronym.endswith("s") else fold(acronym), language)
        if key not in self._spelled:
            # (an English question may use the French acronym: « DCD », for « défense collective des droits »)
            self._spelled[key] = _spell(key[0], self._unit_words(language)) or (
                _spell(key[0], self._unit_words("fr")) if language == "en" else "")
        return self._spelled[key]

    def _unit_words(self, language: str) -> "_Words":
        """The answer units' words in one language, read and folded once per generation (a scan of every unit for
        each acronym asked cost tens of milliseconds)."""
        if language not in self._texts:
            got = self.collection.get(where={"record_type": "unit"}, include=["documents", "metadatas"])
            self._texts[language] = _Words([(m or {}).get("text_en", "") if language == "en" else d or ""
                                            for d, m in zip(got["documents"], got["metadatas"])])
        return self._texts[language]

    @cached_property
    def latest_year(self) -> int:
        """The latest year the documents mention (they can say nothing of a later one), once per generation."""
        return max((int(w) for w in self.document_words if len(w) == 4 and w.isdigit() and w[:2] in ("19", "20")),
                   default=9999)

    def mask(self, filters: dict | None) -> np.ndarray:
        return self.lexical.mask(filters)

    def where(self, filters: dict | None) -> dict | None:
        """The same filters as Chroma ``where`` clauses (values resolved through the lexical index's columns,
        so both sides select exactly the same records)."""
        clauses = []
        for field, wanted in (filters or {}).items():
            if wanted in (None, "", [], ()):
                continue
            selected, negate = self.lexical.matching(field, wanted)
            if field in FLAGGED:
                flags = [{flag_key(field, v): True} for v in selected]
                if negate:
                    clauses += [{flag_key(field, v): {"$ne": True}} for v in selected]
                else:
                    clauses.append(flags[0] if len(flags) == 1 else {"$or": flags} if flags else NOTHING)
                continue
            key = "section_path" if field == "section" else field
            if negate:
                clauses.append({key: {"$nin": selected}} if selected else {})
            else:
                clauses.append({key: {"$in": selected}} if selected else NOTHING)
        clauses = [c for c in clauses if c]
        return None if not clauses else clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def dense(self, vector: np.ndarray, k: int, filters: dict | None = None) -> list[tuple[Record, float]]:
        """Top ``k`` records by cosine similarity, with their text and metadata."""
        sims = self.dense_ids(vector, k, filters)
        records = self.records(list(sims))
        return [(records[i], sim) for i, sim in sims.items() if i in records]

    def similarity(self, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        """Cosine similarity of the given records to ``vector`` (from their stored embeddings: the lexical index's
        copy for organisations, Chroma's for the others)."""
        exact = self._scan(vector, ids)
        if exact is not None:
            return exact
        vectors = self._vectors.get_many(ids)
        missing = [i for i in ids if i not in vectors]
        if missing:
            got = self.collection.get(ids=missing, include=["embeddings"])
            fetched = dict(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))
            self._vectors.put_many(fetched)
            vectors.update(fetched)
        if not vectors:
            return {}
        found = self._stored_order(vectors)
        sims = np.stack([vectors[i] for i in found]) @ np.asarray(vector, dtype=np.float32)
        return {i: float(v) for i, v in zip(found, sims)}

    def dense_ids(self, vector: np.ndarray, k: int, filters: dict | None = None) -> dict[str, float]:
        """Top ``k`` record ids by cosine similarity (Chroma's HNSW index): only ids and distances come back;
        ``records`` fetches the few that are kept.

        Filters select records through the lexical index's columns (the same values ``where`` would compare), and
        Chroma is given the selection as ids: its ``where`` clauses scan the metadata of every record (measured
        with 10,000 records: 160-250 ms a query, against 2 ms unfiltered and 8-12 ms with up to 6,000 ids). A
        selection of more than ``IDS_LIMIT`` records is searched unfiltered with enough extra results to keep
        ``k`` of them; ``where`` remains the fallback."""
        if k <= 0 or not len(self):
            return {}
        vector = [np.asarray(vector, dtype=np.float32)]
        selected = self.mask(filters) if filters else None
        if selected is None or selected.all():
            return self._query(vector, min(k, len(self)))
        positions = np.flatnonzero(selected)
        if not len(positions):
            return {}
        if len(positions) <= IDS_LIMIT:
            # organisations of a borough or a table: scored exactly from the lexical index's copy of their vectors
            exact = self._scan(vector[0], positions, k)
            if exact is not None:
                return exact
            return self._query(vector, min(k, len(positions)), ids=self.lexical.ids_at(positions))
        wanted = min(k, len(positions))
        n = min(len(self), 2 * wanted * -(-len(self) // len(positions)))
        while True:
            found = self._query(vector, n)
            kept = {i: sim for i, sim in found.items() if selected[self.lexical.position[i]]}
            if len(kept) >= wanted or n >= len(self):
                return dict(list(kept.items())[:wanted])
            if n >= 4 * IDS_LIMIT:
                return self._query(vector, wanted, where=self.where(filters))
            n = min(len(self), 4 * n)

    def nearest(self, vector: np.ndarray, ids: list[str], k: int) -> dict[str, float]:
        """The ``k`` records of ``ids`` most similar to ``vector``, by Chroma's index (distances only: cheaper
        than ``similarity`` when there are thousands of ids)."""
        if not ids or k <= 0:
            return {}
        exact = self._scan(vector, ids, k)
        if exact is not None:
            return exact
        return self._query([np.asarray(vector, dtype=np.float32)], min(k, len(ids)), ids=ids)

    def _scan(self, vector: np.ndarray, records, k: int | None = None) -> dict[str, float] | None:
        """The ``k`` (default: all) of ``records`` (ids or positions) most similar to ``vector``, best first, by an
        exact scan of the lexical index's copy of the organisations' vectors; None unless they are all
        organisations and the index holds their vectors (Chroma answers then)."""
        if self.lexical.org_vectors is None or not len(records):
            return None
        positions = np.asarray([self.lexical.position.get(i, -1) for i in records] if isinstance(records, list)
                               and isinstance(records[0], str) else records, dtype=np.int64)
        if positions.min() < 0:
            return None
        sims = self.lexical.org_similarity(vector, positions)
        if sims is None:
            return None
        if k is not None and k < len(sims):
            top = np.argpartition(-sims, k - 1)[:k]
            top = top[np.argsort(-sims[top], kind="stable")]
        else:
            top = np.argsort(-sims, kind="stable")
        return dict(zip(self.lexical.ids_at(positions[top]), sims[top].astype(float).tolist()))

    def _query(self, vector: list, n: int, **options) -> dict[str, float]:
        got = self.collection.query(query_embeddings=vector, n_results=n, include=["distances"], **options)
        return {i: 1.0 - float(dist) for i, dist in zip(got["ids"][0], got["distances"][0])}

    def section_units(self, doc_id: str, section_index: int) -> list[Record]:
        """Every answer unit of one section, in order (lists and continuation slides need their siblings)."""
        records = self._units((doc_id, int(section_index)), [{"doc_id": doc_id},
                                                             {"section_index": int(section_index)}])
        return sorted(records, key=lambda r: (r.metadata.get("unit_kind") == "list", int(r.metadata.get("order", 0))))

    def list_units(self, doc_id: str) -> list[Record]:
        """Every list unit of one document, in order (a « quels types de soutien ? » may name lists the search did
        not bring back)."""
        records = self._units(("lists", doc_id), [{"doc_id": doc_id}, {"unit_kind": "list"}])
        return sorted(records, key=lambda r: (int(r.metadata.get("section_index", 0)), int(r.metadata.get("order", 0))))

    def _units(self, key: tuple, where: list[dict]) -> list[Record]:
        """The answer units matching ``where``, read from Chroma once per generation (a `where` scan costs 4 ms)."""
        ids = self._sections.get_many([key]).get(key)
        if ids is not None:
            return list(self.records(ids).values())
        got = self.collection.get(where={"$and": [*where, {"record_type": "unit"}]}, include=["documents", "metadatas"])
        records = [Record(i, d or "", m or {}) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
        self._records.put_many({r.id: r for r in records})
        self._sections.put_many({key: [r.id for r in records]})
        return records

    def records(self, ids: list[str]) -> dict[str, Record]:
        """Text and metadata of the given records (shared: callers must not change them)."""
        out = self._records.get_many(ids)
        missing = [i for i in ids if i not in out]
        for start in range(0, len(missing), 2000):
            got = self.collection.get(ids=missing[start:start + 2000], include=["documents", "metadatas"])
            fetched = {i: Record(i, d or "", m or {}) for i, d, m in zip(got["ids"], got["documents"],
                                                                         got["metadatas"])}
            self._records.put_many(fetched)
            out.update(fetched)
        return {i: out[i] for i in self._stored_order(out)}

    def _stored_order(self, ids) -> list[str]:
        """``ids`` in the order Chroma returns them (its storage order, which is the lexical index's), whether they
        came from Chroma or from memory: rankings that meet equal scores keep one order."""
        return sorted(ids, key=self.lexical.position.__getitem__)


class _Recent:
    """A thread-safe map that keeps its ``size`` most recently used entries."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys) -> dict:
        with self._lock:
            found = {k: self._items[k] for k in keys if k in self._items}
            for k in found:
                self._items.move_to_end(k)
        return found

    def put_many(self, items: dict) -> None:
        with self._lock:
            self._items.update(items)
            for k in items:
                self._items.move_to_end(k)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def open_lexical(store: Store, manifest: Manifest, collection) -> LexicalIndex:
    """The generation's lexical index from this process's data folder, rebuilt from the collection if absent."""
    folder = store.lexical_folder(manifest.active)
    if not LexicalIndex.is_current(folder):
        from filelock import FileLock

        folder.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder) + ".lock"):
            if not LexicalIndex.is_current(folder):
                started = time.perf_counter()
                LexicalIndexBuilder.from_collection(collection, folder)
                log.info("rebuilt the lexical index of %s in %.1f s", manifest.active, time.perf_counter() - started)
    index = LexicalIndex.open(folder)
    if manifest.lexical_checksum and index.checksum != manifest.lexical_checksum:
        raise StoreError(f"the lexical index of {manifest.active} does not match the one ingest built (checksum "
                         "differs): this process runs other code than the ingest; run `repere ingest` with this "
                         "code (it rebuilds what changed), or update this process")
    return index


def _load_in_background(collection) -> threading.Thread:
    """Start loading the collection's vector index now, on a thread: Chroma loads it on a collection's first
    operation, whatever it is (0.3 s at 100k records), and releases the GIL meanwhile, so the load overlaps the rest
    of a fresh process's first answer (lexical index, question embedding, ranking). A call that comes before the
    load ends waits for it; Chroma never loads it twice."""
    def touch() -> None:
        try:
            collection.get(ids=["\0"], include=[])
        except Exception as exc:  # noqa: BLE001 - only a head start: the real call reports any error
            log.debug("loading %s ahead failed: %s", collection.name, exc)

    thread = threading.Thread(target=touch, name="repere-load-collection", daemon=True)
    thread.start()
    # A short command may end before the load does: interpreter shutdown must not run under a thread still in Chroma.
    atexit.register(thread.join, 10.0)
    return thread


class GenerationCache:
    """Process-wide holder of the current ``GenerationView``; thread-safe; switches on a new generation."""

    def __init__(self, settings: Settings, refresh_s: float = 2.0):
        self.settings = settings
        self.store = Store(settings)
        self.refresh_s = refresh_s
        self._view: GenerationView | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def get(self) -> GenerationView:
        if self._view is not None and time.monotonic() - self._checked < self.refresh_s:
            return self._view
        with self._lock:
            if self._view is not None and time.monotonic() - self._checked < self.refresh_s:
                return self._view
            manifest = self.store.read_manifest()
            if not manifest.active:
                raise StoreError("the store is empty: run `repere ingest` first")
            if self._view is None or self._view.generation != manifest.active:
                collection = self.store.collection(manifest.active)
                self._view = GenerationView(manifest, collection, open_lexical(self.store, manifest, collection))
            self._checked = time.monotonic()
            return self._view


_LINKING = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "a", "au", "aux", "en", "et", "pour", "of", "the",
                      "and", "for", "in", "on"})


class _Words:
    """Texts as words and folded words, with where each folded word starts a run (by its first letter)."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.words = [re.findall(r"[\w-]+", text) for text in texts]
        self.folded = [[fold(w) for w in words] for words in self.words]
        self.used = {w for folded in self.folded for w in folded}
        self.starts: dict[str, list[tuple[int, int]]] = {}
        for t, folded in enumerate(self.folded):
            for i, word in enumerate(folded):
                if word and word not in _LINKING:
                    self.starts.setdefault(word[0], []).append((t, i))


def spelled_before(acronym: str, text: str) -> str:
    """The words right before « (ACRONYM) » in ``text`` whose initials, linking words aside, spell it, as written
    (« … par le Service de la diversité et de l'inclusion sociale (SDIS) » → « Service de la diversité et de
    l'inclusion sociale »); "" when there are none."""
    match = re.search(r"([^():;,.]*?)\s*\(" + re.escape(acronym) + r"\)", text)
    phrase = _spell(fold(acronym), _Words([match.group(1)])) if match else ""
    if not phrase:
        return ""
    # (the words as the text writes them between each other: « l'inclusion », not « l inclusion »)
    written = re.search(r"[\W_]+".join(re.escape(w) for w in phrase.split()), match.group(1))
    return written.group(0) if written else phrase


def _spell(acronym: str, texts: _Words) -> str:
    """The commonest run of words in ``texts`` whose initials, linking words aside, spell ``acronym`` (folded)."""
    if not 2 <= len(acronym) <= 6 or not acronym.isalpha() or acronym in texts.used:
        return ""  # (the documents use the acronym itself)
    found: dict[str, int] = {}
    for t, start in texts.starts.get(acronym[0], []):
        folded = texts.folded[t]
        spelled, end = 0, start
        while end < len(folded) and spelled < len(acronym):
            if folded[end] in _LINKING and spelled:
                end += 1
                continue
            if not folded[end].startswith(acronym[spelled]):
                break
            spelled, end = spelled + 1, end + 1
        if spelled == len(acronym):
            phrase = " ".join(texts.words[t][start:end])
            found[phrase] = found.get(phrase, 0) + 1
    return max(found, key=lambda p: (found[p], -len(p)), default="")
