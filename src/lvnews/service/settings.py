"""Service settings, read from the environment.

Every worker process builds its app from the environment (``create_app()``
with no arguments): with ``--workers > 1`` uvicorn imports the app factory in
fresh processes, so environment variables are the one channel that reaches all
of them. ``serve_command`` turns the CLI flags into these variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

ENV_PREFIX = "LVNEWS_"
DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_BATCH = 32
DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Settings:
    """What one worker needs to know; immutable so handlers can share it freely."""

    model: str | None = None
    backend: str = "spacy"
    max_bytes: int = DEFAULT_MAX_BYTES
    max_batch: int = DEFAULT_MAX_BATCH
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    warmup: bool = True

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes}")
        if self.max_batch < 1:
            raise ValueError(f"max_batch must be at least 1, not {self.max_batch}")
        if not self.timeout > 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")
        if self.api_key == "":
            raise ValueError("api_key must not be empty (leave it unset to turn authentication off)")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Settings from ``LVNEWS_*`` variables; a malformed value fails loudly at start-up."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(ENV_PREFIX + name)
            return value if value not in (None, "") else None

        def number(name: str, kind: type, default: float) -> float:
            raw = get(name)
            if raw is None:
                return default
            try:
                return kind(raw)
            except ValueError:
                raise ValueError(f"{ENV_PREFIX}{name}={raw!r} is not a valid {kind.__name__}") from None

        origins = tuple(o.strip() for o in (get("CORS_ORIGINS") or "").split(",") if o.strip())
        return cls(
            model=get("MODEL"),
            backend=get("BACKEND") or "spacy",
            max_bytes=int(number("MAX_BYTES", int, DEFAULT_MAX_BYTES)),
            max_batch=int(number("MAX_BATCH", int, DEFAULT_MAX_BATCH)),
            api_key=get("API_KEY"),
            timeout=float(number("TIMEOUT", float, DEFAULT_TIMEOUT)),
            cors_origins=origins,
            warmup=(get("WARMUP") or "1") not in ("0", "false", "no"),
        )

    def to_env(self) -> dict[str, str]:
        """The variables that make ``from_env`` rebuild these settings in a worker."""
        env = {
            "BACKEND": self.backend,
            "MAX_BYTES": str(self.max_bytes),
            "MAX_BATCH": str(self.max_batch),
            "TIMEOUT": repr(self.timeout),
            "CORS_ORIGINS": ",".join(self.cors_origins),
            "WARMUP": "1" if self.warmup else "0",
        }
        if self.model is not None:
            env["MODEL"] = self.model
        if self.api_key is not None:
            env["API_KEY"] = self.api_key
        return {ENV_PREFIX + k: v for k, v in env.items()}
