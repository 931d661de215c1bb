"""Repère benchmarks: prints figures (and, with --write, docs/benchmarks.md). Not a test: timings are noisy.

Measures, on this machine: ingest of the shipped corpus (fresh store) and a no-op re-ingest (end-to-end CLI
runs); embedding throughput; cold start to first answer; warm retrieval and ask latency p50/p95; directory
search p95; peak RSS of the server under 20 concurrent asks; a plain llama-index pipeline as the reference
(VectorStoreIndex over the same chunks, same embedder, default retriever, top 5) with Repère's latency and
recall@5 as ratios to it; and, with a generated directory of N organisations (marked synthetic): ingest
throughput, search p95 and store size on disk.

Usage: ``python -m bench.run [--synthetic 100000] [--write]``  (``make bench``)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.core import env  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_cli(args: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run([str(BIN / "repere"), *args], capture_output=True, text=True, env=env, cwd=REPO, check=True)
    return time.perf_counter() - started, out.stdout


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def du(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def questions() -> list[dict]:
    from evals.runner import load_cases

    return load_cases(REPO / "evals/cases.json")["cases"]


def bench_ingest(work: Path, lines: list[str]) -> Path:
    env = {**os.environ, "REPERE_CHROMA_PATH": str(work / "chroma")}
    seconds, out = run_cli(["ingest", "--json"], env)
    report = json.loads(out)
    noop, out2 = run_cli(["ingest", "--json"], env)
    second = json.loads(out2)
    lines += [
        f"| Ingest of the shipped corpus, fresh store (`repere ingest`, end to end) | {seconds:.1f} s "
        f"({report['chunks_embedded']} chunks embedded, {len(report['added'])} files) |",
        f"| Embedding throughput during that ingest | {report['chunks_embedded'] / report['seconds']:.1f} chunks/s |",
        f"| No-op re-ingest (`repere ingest`, end to end) | {noop:.2f} s ({second['chunks_embedded']} embeddings "
        f"computed; {second['seconds']:.2f} s inside the pipeline) |",
    ]
    return work / "chroma"


def bench_cold_start(chroma: Path, lines: list[str]) -> None:
    code = ("import time; t=time.perf_counter(); from assistant.api import Assistant; "
            "a=Assistant(); a.ask('Quels sont les trois types de soutien?'); print(time.perf_counter()-t)")
    env = {**os.environ, "REPERE_CHROMA_PATH": str(chroma)}
    inside = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
                                  check=True).stdout.strip())
    cli, _ = run_cli(["ask", "Quels sont les trois types de soutien?"], env)
    lines.append(f"| Cold start to first answer | {inside:.2f} s in-process (imports, store, models); "
                 f"{cli:.2f} s for a whole `repere ask` |")


def bench_warm(chroma: Path, lines: list[str]) -> dict:
    from assistant.api import Assistant
    from assistant.core.config import load_settings

    assistant = Assistant(load_settings(chroma_path=chroma, root=REPO))
    assistant.warm_up()
    cases = [c for c in questions() if not c.get("history")]
    for c in cases[:10]:
        assistant.ask(c["question"])
    retrieve, total = [], []
    for _ in range(3):
        for c in cases:
            started = time.perf_counter()
            assistant.retriever.search(c["question"], k=5, filters={"doc_kind": "!directory"})
            retrieve.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            assistant.ask(c["question"])
            total.append((time.perf_counter() - started) * 1000)
    search_times = []
    for query in ["Chainon", "aide alimentaire", "aînés", "femmes immigrantes", "logement", "YMCA", "jeunesse"] * 10:
        started = time.perf_counter()
        assistant.directory.search(query, limit=20)
        search_times.append((time.perf_counter() - started) * 1000)
    lines += [
        f"| Warm hybrid retrieval, {len(retrieve)} queries | p50 {pct(retrieve, .5):.1f} ms, "
        f"p95 {pct(retrieve, .95):.1f} ms |",
        f"| Warm `ask` (retrieval + answer), {len(total)} questions | p50 {pct(total, .5):.1f} ms, "
        f"p95 {pct(total, .95):.1f} ms |",
        f"| Directory search, shipped directory ({len(search_times)} queries) | p50 {pct(search_times, .5):.1f} ms, "
        f"p95 {pct(search_times, .95):.1f} ms |",
    ]
    return {"assistant": assistant, "retrieve": retrieve}


def bench_reference(assistant, lines: list[str]) -> None:
    """A plain llama-index pipeline over the same chunks and embedder, against Repère's retriever."""
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core import VectorStoreIndex
    from llama_index.core.vector_stores.types import MetadataFilter, MetadataFilters, FilterOperator
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from evals.runner import _source_matches

    LlamaSettings.llm = None
    collection = assistant.cache.store.active_collection()
    index = VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=collection),
                                               embed_model=assistant.embedder)
    docs_only = MetadataFilters(filters=[MetadataFilter(key="doc_kind", value="directory",
                                                        operator=FilterOperator.NE)])
    reference = index.as_retriever(similarity_top_k=5, filters=docs_only)
    cases = [c for c in questions() if not c["abstain"] and not c.get("history")
             and "doc_id" in (c["expected_sources"] or [{}])[0]]
    results = {"reference": ([], 0), "repere": ([], 0)}
    for _ in range(2):
        ref_times, ref_hits, rep_times, rep_hits = [], 0, [], 0
        for case in cases:
            started = time.perf_counter()
            nodes = reference.retrieve(case["question"])
            ref_times.append((time.perf_counter() - started) * 1000)
            ref_hits += any(_source_matches(e, n.node.metadata) for n in nodes for e in case["expected_sources"])
            started = time.perf_counter()
            hits = assistant.retriever.search(case["question"], k=5, filters={"doc_kind": "!directory"})
            rep_times.append((time.perf_counter() - started) * 1000)
            rep_hits += any(_source_matches(e, h.metadata) for h in hits for e in case["expected_sources"])
        results = {"reference": (ref_times, ref_hits), "repere": (rep_times, rep_hits)}
    n = len(cases)
    ref_times, ref_hits = results["reference"]
    rep_times, rep_hits = results["repere"]
    lines += [
        f"| Plain llama-index (VectorStoreIndex, same chunks and embedder, top 5), {n} document questions | "
        f"recall@5 {ref_hits / n:.3f}; p50 {pct(ref_times, .5):.1f} ms, p95 {pct(ref_times, .95):.1f} ms |",
        f"| Repère hybrid retriever, same questions | recall@5 {rep_hits / n:.3f} "
        f"(×{(rep_hits / max(ref_hits, 1)):.2f} the reference); p50 {pct(rep_times, .5):.1f} ms "
        f"(×{pct(rep_times, .5) / pct(ref_times, .5):.2f}), p95 {pct(rep_times, .95):.1f} ms "
        f"(×{pct(rep_times, .95) / pct(ref_times, .95):.2f}) |",
    ]


def bench_server(chroma: Path, lines: list[str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client

    port = 7900 + random.randint(0, 80)
    env = {**os.environ, "REPERE_CHROMA_PATH": str(chroma)}
    server = subprocess.Popen([str(BIN / "repere"), "serve", "--port", str(port)], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        client = None
        while client is None:
            try:
                client = Client(f"http://127.0.0.1:{port}/", verbose=False)
            except Exception:  # noqa: BLE001 - not up yet
                if time.time() > deadline:
                    raise
                time.sleep(1)
        cases = [c["question"] for c in questions() if not c.get("history")][:20]

        def ask(question):
            started = time.perf_counter()
            client.submit(question, None, api_name="/ask").result(timeout=120)
            return (time.perf_counter() - started) * 1000

        with ThreadPoolExecutor(max_workers=20) as pool:
            latencies = list(pool.map(ask, cases))
        with open(f"/proc/{server.pid}/status") as fh:
            hwm = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM")) / 1024
        lines += [f"| 20 simultaneous `ask` calls through gradio_client on loopback | all completed; "
                  f"p50 {statistics.median(latencies):.0f} ms, p95 {pct(latencies, .95):.0f} ms |",
                  f"| Peak RSS of the server (`repere serve`, VmHWM after those calls) | {hwm:.0f} MiB |"]
    finally:
        server.terminate()
        server.wait(timeout=30)


SYN_PREFIX = ["Centre", "Maison", "Association", "Comité", "Carrefour", "Regroupement", "Collectif", "Réseau",
              "Groupe", "Service", "Coopérative", "Table", "Fondation", "Club", "Atelier"]
SYN_THEME = ["des aînés", "des femmes", "jeunesse", "alimentaire", "du logement", "des familles", "interculturel",
             "d'entraide", "de loisirs", "en environnement", "d'alphabétisation", "en santé mentale", "des locataires",
             "d'insertion à l'emploi", "des personnes handicapées", "des nouveaux arrivants", "culturel"]


def bench_synthetic(n: int, work: Path, lines: list[str]) -> None:
    """Ingest (once per work folder: the figures are kept in ingest.json) then search N synthetic records."""
    from assistant.core.config import load_settings
    from assistant.directory.search import Directory
    from ingest.pipeline import ingest_paths
    from tests.conftest import write_directory

    random.seed(42)
    regions = ["Verdun", "Lachine", "Anjou", "Ville-Marie", "Le Sud-Ouest", "Saint-Laurent", "Outremont",
               "Le Plateau-Mont-Royal", "Montréal-Nord", "LaSalle"]
    rows = [(f"syn-{i:06d}", f"{random.choice(SYN_PREFIX)} {random.choice(SYN_THEME)} {random.choice(regions)} "
                             f"n° {i} (synthétique)", random.choice(regions)) for i in range(n)]
    folder = work / f"synthetic-{n}"
    folder.mkdir(exist_ok=True)
    write_directory(folder / "annuaire-synthetique.csv", rows)
    settings = load_settings(chroma_path=work / f"syn-chroma-{n}", root=REPO)
    saved = folder / "ingest.json"
    if not saved.exists():
        started = time.perf_counter()
        report = ingest_paths(settings, [folder], progress=False)
        saved.write_text(json.dumps({"seconds": time.perf_counter() - started, "embedded": report.chunks_embedded}))
    figures = json.loads(saved.read_text())
    seconds = figures["seconds"]
    directory = Directory(settings)
    started = time.perf_counter()
    directory.search("Chainon", limit=5)
    load = time.perf_counter() - started
    queries = ["Maison des aînés", "alimentaire", "Carrefour jeunesse", "Comite logement", "entraide", "Atelier"]
    first = []
    for query in queries:  # first time each: builds per-generation caches (sector index, ...)
        started = time.perf_counter()
        directory.search(query, limit=20)
        first.append((time.perf_counter() - started) * 1000)
    times = []
    for query in queries * 5:
        started = time.perf_counter()
        directory.search(query, limit=20)
        times.append((time.perf_counter() - started) * 1000)
    facet = []
    for region in regions * 2:
        started = time.perf_counter()
        directory.search("aînés", region=region, limit=20)
        facet.append((time.perf_counter() - started) * 1000)
    lines += [
        f"| Synthetic directory: {n:,} organisations (generated, names marked « synthétique ») — ingest | "
        f"{seconds:.0f} s, {figures['embedded'] / seconds:.0f} records/s (timed by the run that built the store) |",
        f"| Synthetic directory — first search (loads the index into memory) | {load:.1f} s |",
        f"| Synthetic directory — warm search ({len(times)} text queries / {len(facet)} text+borough queries) | "
        f"p50 {pct(times, .5):.0f} ms, p95 {pct(times, .95):.0f} ms / p95 {pct(facet, .95):.0f} ms |",
        f"| Synthetic directory — first run of each of those {len(first)} queries | max {max(first):.0f} ms |",
        f"| Synthetic directory — store size on disk | {du(work / f'syn-chroma-{n}'):.0f} MiB |",
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=100_000, help="size of the synthetic directory (0: skip)")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    parser.add_argument("--workdir", type=Path, help="keep stores here (the synthetic ingest is then done once)")
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="repere-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if (work / "chroma").exists():  # the shipped-corpus ingest is always measured on a fresh store
        shutil.rmtree(work / "chroma")
    lines = ["| What | Figure |", "|---|---|"]
    try:
        chroma = bench_ingest(work, lines)
        bench_cold_start(chroma, lines)
        warm = bench_warm(chroma, lines)
        bench_reference(warm["assistant"], lines)
        bench_server(chroma, lines)
        if args.synthetic:
            bench_synthetic(args.synthetic, work, lines)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    command = "python -m bench.run" + (f" --synthetic {args.synthetic}" if args.synthetic != 100_000 else "")
    text = "\n".join([
        "# Repère — benchmarks", "",
        f"Produced by `{command} --write` (`make bench`) on {time.strftime('%Y-%m-%d')}.",
        f"Machine: {machine()}. Shared and noisy: compare ratios within one run, not across runs.", "",
        *lines, ""])
    print(text)
    if args.write:
        (REPO / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
