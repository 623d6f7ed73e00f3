"""The window's figures and flows: computed off the UI thread once the map is drawn on screen (they cost about a
second per 10,000 sites and opening a workspace never computes them), then handed to the page (badges where sources
disagree, the flows' layer) and to the Figures panel; each filter change sends the page the flows it passes.

Why a thread: figures and flows are pure Python over the articles, read-only on the workspace; the UI thread
keeps its events while they are made (the GIL is handed over every few milliseconds).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from mapviewer.core.filters import Filter
    from mapviewer.core.workspace import Workspace
    from mapviewer.qt.mapview import MapView


POLL_MS = 50
"""How often the UI thread looks whether the worker has finished."""


class EvidenceLayer(QObject):
    """Owned by the main window; `ready` fires (on the UI thread) once the page has the evidence."""

    ready = Signal()
    failed = Signal(str)  # why the figures and flows could not be made (the worker raised)

    def __init__(self, map_view: MapView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.map = map_view
        self.workspace: Workspace | None = None
        self.filter: Filter | None = None
        self.sent = False  # the page now loaded has the evidence

    def start(self, ws: Workspace, flt: Filter) -> None:
        """The page (re)loaded for `ws`: compute its evidence (once per workspace) and send it."""
        self.workspace, self.filter, self.sent = ws, flt, False
        if ws.table.has_evidence:
            self._on_computed(ws)
            return
        # The worker touches no Qt object: a window closed while it runs would leave it emitting on a deleted
        # object (a crash). It sets a plain flag that a timer of this layer (gone with it) looks at.
        done = threading.Event()
        errors: list[str] = []

        def compute() -> None:
            try:
                ws.table.evidence().complete(ws.table)
            except Exception as exc:  # a bug in a rule: said on the GUI thread, never a silent dead thread
                errors.append(f"{type(exc).__name__}: {exc}")
            finally:
                done.set()

        threading.Thread(target=compute, name="mapviewer-evidence", daemon=True).start()
        timer = QTimer(self)
        timer.setInterval(POLL_MS)

        def poll() -> None:
            if done.is_set():
                timer.stop()
                timer.deleteLater()
                if errors:
                    self.failed.emit(f"Figures and flows could not be worked out ({errors[0]}); the map shows the sites.")
                elif ws.table.has_evidence:
                    self._on_computed(ws)

        timer.timeout.connect(poll)
        timer.start()

    def _on_computed(self, ws: object) -> None:
        if ws is not self.workspace or self.workspace is None or not self.map.is_ready:
            return  # another workspace since, or the page is being replaced (its ready starts again)
        from mapviewer.core.figure_view import page_evidence

        self.map.page_api.set_evidence(page_evidence(self.workspace))
        self.sent = True
        if self.filter is not None:
            self.apply(self.filter)
        self.ready.emit()

    def apply(self, flt: Filter) -> None:
        """Show the flows `flt` passes (nothing to do before the page has the flows)."""
        self.filter = flt
        if not self.sent or self.workspace is None:
            return
        from mapviewer.core.figure_view import flow_bits

        self.map.page_api.apply_flow_visibility(flow_bits(self.workspace, flt))
