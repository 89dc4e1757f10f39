"""Per-worker state: the loaded analyzer and its runner, set up by the lifespan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request

from .errors import ServiceError
from .runner import AnalysisRunner, MicroBatcher
from .settings import Settings

if TYPE_CHECKING:
    from ..analyzer import Analyzer

# Analysed once at start-up so the first client does not pay for lazy set-up
# (language profiles, vectors, first-call allocations) and /ready means ready.
WARMUP_TEXT = "Rīgas domes priekšsēdētājs Jānis Bērziņš apmeklēja Liepāju. Biedrība apvieno 120 biedrus."


@dataclass
class ServiceState:
    """What the handlers share inside one worker process."""

    settings: Settings
    runner: AnalysisRunner
    analyzer: "Analyzer | None" = None
    info: dict = field(default_factory=dict)
    accepting: bool = False
    batcher: MicroBatcher | None = None

    def require_analyzer(self) -> "Analyzer":
        """The analyzer, or a 503 while the model is loading or the worker shuts down."""
        if self.analyzer is None or not self.accepting:
            raise ServiceError(503, "not_ready", "the model is not loaded yet (or the server is shutting down)")
        return self.analyzer


def get_state(request: Request) -> ServiceState:
    """FastAPI dependency: this worker's ServiceState."""
    return request.app.state.lvnews
