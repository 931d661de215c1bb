"""The measurements that need a fresh process: ``python -m bench.workers NAME 'JSON ARGS'`` prints one JSON object.

Nothing is imported at the top but the standard library, so that what a worker times (imports, first answer) is
what a real process would pay. Called by ``bench.run``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

DOCUMENTS = {"record_type": ["chunk", "unit"]}  # what a documents question searches (assistant.api._retrieve)
FIRST_QUESTION = "Quels sont les trois types de soutien?"
DIRECTORY_QUESTION = "Quels organismes pour les aînés à Verdun?"
TEXT_QUERIES = ["Maison des aînés", "alimentaire", "Carrefour jeunesse", "Comite logement", "entraide", "Atelier",
                "femmes immigrantes", "santé mentale", "Chainon", "Coopérative d'habitation", "Centre des femmes",
                "soutien scolaire", "itinérance", "proches aidants", "petite enfance", "Regroupement des locataires",
                "sécurité alimentaire", "nouveaux arrivants", "personnes handicapées", "alphabétisation"]
FACET_QUERIES = [("aînés", "Verdun"), ("alimentaire", "Montréal-Nord"), ("jeunesse", "Ville-Marie"),
                 ("logement", "Le Sud-Ouest"), ("femmes", "Ahuntsic-Cartierville"), ("entraide", "Lachine"),
                 ("familles", "Saint-Laurent"), ("loisirs", "Anjou"), ("santé mentale", "Le Plateau-Mont-Royal"),
                 ("immigrants", "Côte-des-Neiges–Notre-Dame-de-Grâce"), ("locataires", "Rosemont–La Petite-Patrie"),
                 ("itinérance", "Mercier–Hochelaga-Maisonneuve"), ("culturel", "Villeray–Saint-Michel–Parc-Extension"),
                 ("emploi", "LaSalle"), ("environnement", "Outremont"), ("alphabétisation", "Rivière-des-Prairies–"
                 "Pointe-aux-Trembles"), ("aînés", "Pierrefonds-Roxboro"), ("jeunesse", "Saint-Léonard"),
                 ("alimentaire", "Verdun"), ("handicapées", "Ville-Marie")]


def vm(field_name: str) -> float:
    """A memory figure of this process in MiB (VmHWM: peak RSS; VmRSS: now)."""
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field_name)) / 1024


class _Steps:
    """Seconds per named step of a worker, and in all."""

    def __init__(self):
        self.marks: dict[str, float] = {}
        self.started = self.last = time.perf_counter()

    def mark(self, name: str) -> None:
        now = time.perf_counter()
        self.marks[name], self.last = now - self.last, now

    def total(self) -> float:
        return time.perf_counter() - self.started


def w_import(args: dict) -> dict:
    started = time.perf_counter()
    __import__(args["module"])
    return {"seconds": time.perf_counter() - started, "gradio": "gradio" in sys.modules}


def w_first_answer(args: dict) -> dict:
    """A fresh process's first answer, step by step."""
    steps = _Steps()
    mark = steps.mark

    from assistant.api import Assistant
    mark("import assistant.api")
    assistant = Assistant()
    mark("Assistant() (settings, embedder weights)")
    import chromadb  # noqa: F401 - what opening the store imports, timed on its own
    mark("import chromadb")
    assistant.cache.get()
    mark("open the store (client, manifest, collection, lexical index)")
    assistant.embedder.embed_query(args["question"])
    mark("first query embedding")
    assistant.embedder.forget_queries()
    answer = assistant.ask(args["question"])
    mark("first ask (the question embedded again)")
    return {"marks": steps.marks, "total": steps.total(), "answer": answer.answer[:200]}


def w_warm(args: dict) -> dict:
    """Warm latencies over the evaluation questions: documents retrieval top-5 (ids kept, for comparing stores)
    and the whole ``ask``; directory search (text, text + borough); the process's peak RSS."""
    from assistant.api import Assistant

    started = time.perf_counter()
    assistant = Assistant()
    assistant.warm_up()
    first_view_s = time.perf_counter() - started  # with a server: includes rebuilding the lexical index
    cases = args["cases"]
    for case in cases[:20]:
        assistant.ask(case["question"])
    retrieval, ask, ids, scores, answers, failures = [], [], {}, {}, {}, []
    for case in cases:
        assistant.embedder.forget_queries()  # each timed step embeds its question, as a new question would
        t = time.perf_counter()
        hits = assistant.retriever.search(case["question"], k=5, filters=DOCUMENTS)
        retrieval.append((time.perf_counter() - t) * 1000)
        ids[case["id"]] = [h.id for h in hits]
        scores[case["id"]] = [float(h.score) for h in hits]
        assistant.embedder.forget_queries()
        t = time.perf_counter()
        try:
            answers[case["id"]] = assistant.ask(case["question"]).answer
        except Exception as exc:  # noqa: BLE001 - counted and reported, not hidden
            failures.append(f"{case['id']}: {type(exc).__name__}: {exc}")
        ask.append((time.perf_counter() - t) * 1000)
    text, facet = [], []
    for _ in range(3):
        for query in TEXT_QUERIES:
            t = time.perf_counter()
            assistant.directory.search(query, limit=20)
            text.append((time.perf_counter() - t) * 1000)
        for query, borough in FACET_QUERIES:
            t = time.perf_counter()
            assistant.directory.search(query, region=borough, limit=20)
            facet.append((time.perf_counter() - t) * 1000)
    return {"retrieval_ms": retrieval, "ask_ms": ask, "ids": ids, "scores": scores, "answers": answers,
            "failures": failures,
            "search_text_ms": text, "search_facet_ms": facet, "first_view_s": first_view_s,
            "vmhwm_mib": vm("VmHWM")}


class _LlamaEmbedding:
    """Repère's embedder behind llama-index's BaseEmbedding interface (built lazily: llama-index is imported only
    by the llama-index measurements)."""

    @staticmethod
    def make(inner):
        from llama_index.core.embeddings import BaseEmbedding
        from pydantic import PrivateAttr

        class RepereEmbedding(BaseEmbedding):
            _inner = PrivateAttr()

            def __init__(self, inner_embedder):
                super().__init__(model_name=inner_embedder.model_name)
                self._inner = inner_embedder

            def _get_query_embedding(self, query: str) -> list[float]:
                return self._inner.embed_query(query).tolist()

            async def _aget_query_embedding(self, query: str) -> list[float]:
                return self._get_query_embedding(query)

            def _get_text_embedding(self, text: str) -> list[float]:
                return self._inner.embed_passages([text])[0].tolist()

        return RepereEmbedding(inner)


def _llama_retriever(settings, embedder, k: int):
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core import VectorStoreIndex
    from llama_index.core.vector_stores.types import FilterOperator, MetadataFilter, MetadataFilters
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.core.store import Store

    LlamaSettings.llm = None  # no OpenAI: retrieval only
    store = ChromaVectorStore(chroma_collection=Store(settings).active_collection())
    index = VectorStoreIndex.from_vector_store(store, embed_model=_LlamaEmbedding.make(embedder))
    filters = MetadataFilters(filters=[MetadataFilter(key="record_type", value=DOCUMENTS["record_type"],
                                                      operator=FilterOperator.IN)])
    return index.as_retriever(similarity_top_k=k, filters=filters)


def w_cold_dense(args: dict) -> dict:
    """A fresh process's first dense top-k (same question, filter and embedder) through llama-index or directly."""
    steps = _Steps()
    mark = steps.mark

    if args["mode"] == "llama":
        import llama_index.core  # noqa: F401
        from llama_index.vector_stores.chroma import ChromaVectorStore  # noqa: F401
    from assistant.core.config import load_settings
    from assistant.core.embeddings import get_embedder
    from assistant.retrieval.index import GenerationCache
    mark("imports")
    settings = load_settings()
    embedder = get_embedder(settings)
    if args["mode"] == "llama":
        retriever = _llama_retriever(settings, embedder, args["k"])
    else:
        view = GenerationCache(settings).get()
    mark("open the store and build the retriever")
    if args["mode"] == "llama":
        ids = [n.node.node_id for n in retriever.retrieve(args["question"])]
    else:
        ids = [r.id for r, _ in view.dense(embedder.embed_query(args["question"]), args["k"], DOCUMENTS)]
    mark("first query (embedding included)")
    return {"marks": steps.marks, "total": steps.total(), "ids": ids}


def w_dense_compare(args: dict) -> dict:
    """Warm dense top-k of every evaluation question through both paths, interleaved, with the question's vector
    computed once (so neither side pays for embedding): k=5 with text and metadata (what a caller reads), and the
    hybrid retriever's candidate pool (k=40; ids and distances only on the direct path — the llama-index retriever
    always returns whole nodes)."""
    from llama_index.core.schema import QueryBundle

    from assistant.core.config import load_settings
    from assistant.core.embeddings import get_embedder
    from assistant.retrieval.hybrid import POOL
    from assistant.retrieval.index import GenerationCache

    settings = load_settings()
    embedder = get_embedder(settings)
    view = GenerationCache(settings).get()
    questions = [c["question"] for c in args["cases"]]
    vectors = [embedder.embed_query(q) for q in questions]
    out = {}
    for k in (5, POOL):
        retriever = _llama_retriever(settings, embedder, k)
        direct, llama, differ = [], [], 0
        for question, vector in zip(questions[:10], vectors[:10]):  # warm both
            retriever.retrieve(QueryBundle(question, embedding=vector.tolist()))
            view.dense(vector, k, DOCUMENTS)
        for n, (question, vector) in enumerate(zip(questions, vectors)):
            runs = []
            for side in (("direct", "llama") if n % 2 else ("llama", "direct")):
                t = time.perf_counter()
                if side == "llama":
                    got = [x.node.node_id for x in retriever.retrieve(QueryBundle(question, embedding=vector.tolist()))]
                elif k == 5:
                    got = [r.id for r, _ in view.dense(vector, k, DOCUMENTS)]
                else:
                    got = list(view.dense_ids(vector, k, DOCUMENTS))
                (llama if side == "llama" else direct).append((time.perf_counter() - t) * 1000)
                runs.append(set(got))
            differ += runs[0] != runs[1]
        out[str(k)] = {"direct_ms": direct, "llama_ms": llama, "different_results": differ}
    return out


def w_embedder(args: dict) -> dict:
    """The embedder's own batch throughput on the first ``n`` records of the given files (their embedding text,
    in batches of the configured size), nothing else in the loop."""
    from assistant.core.config import load_settings
    from assistant.core.embeddings import get_embedder
    from ingest.loaders import load_file
    from ingest.records import iter_records

    settings = load_settings()
    texts = []
    for path in args["files"]:
        doc = load_file(Path(path))
        for record in iter_records(doc, settings.chunk_max_chars, settings.chunk_overlap_chars):
            texts.append(record.embed_text)
            if len(texts) == args["n"]:
                break
        if len(texts) == args["n"]:
            break
    embedder = get_embedder(settings)
    embedder.embed_passages(texts[:settings.embed_batch_size])  # first call loads the engine
    started = time.perf_counter()
    for i in range(0, len(texts), settings.embed_batch_size):
        embedder.embed_passages(texts[i:i + settings.embed_batch_size])
    seconds = time.perf_counter() - started
    return {"records": len(texts), "seconds": seconds, "records_per_s": len(texts) / seconds}


def w_directory(args: dict) -> dict:
    """A fresh app process on a (large) directory: its first search, then warm searches, and its memory."""
    started = time.perf_counter()
    from assistant.api import Assistant

    imported = time.perf_counter() - started
    assistant = Assistant()
    first = assistant.directory.search(args["first"][0], region=args["first"][1], limit=20)
    first_s = time.perf_counter() - started
    rss_after_first = vm("VmRSS")
    for query in TEXT_QUERIES:  # one pass: first time each query
        assistant.directory.search(query, limit=20)
    for query, borough in FACET_QUERIES:
        assistant.directory.search(query, region=borough, limit=20)
    text, facet = [], []
    for _ in range(3):
        for query in TEXT_QUERIES:
            t = time.perf_counter()
            assistant.directory.search(query, limit=20)
            text.append((time.perf_counter() - t) * 1000)
        for query, borough in FACET_QUERIES:
            t = time.perf_counter()
            assistant.directory.search(query, region=borough, limit=20)
            facet.append((time.perf_counter() - t) * 1000)
    return {"import_s": imported, "first_s": first_s, "first_total": first.total, "text_ms": text,
            "facet_ms": facet, "rss_after_first_mib": rss_after_first, "vmhwm_mib": vm("VmHWM"),
            "vmrss_mib": vm("VmRSS")}


def w_building(args: dict) -> dict:
    """How many records the half-built generation of a killed ingest holds."""
    from assistant.core.config import load_settings
    from assistant.core.store import Store

    store = Store(load_settings())
    building = store.building()
    if not building:
        return {"name": "", "written": 0}
    return {"name": building["name"], "written": store.collection(building["name"]).count()}


WORKERS = {"import": w_import, "first_answer": w_first_answer, "warm": w_warm, "cold_dense": w_cold_dense,
           "dense_compare": w_dense_compare, "embedder": w_embedder, "directory": w_directory,
           "building": w_building}


if __name__ == "__main__":
    from assistant.core import env  # noqa: F401 - offline settings before any model or Chroma import

    given = sys.argv[2] if len(sys.argv) > 2 else "{}"
    if given.startswith("@"):  # (bench.run passes its arguments in a file)
        given = Path(given[1:]).read_text(encoding="utf-8")
    print(json.dumps(WORKERS[sys.argv[1]](json.loads(given))))
