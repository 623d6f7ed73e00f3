"""The Figures panel: the selected site's figures by subject, each source's side by side (one column per
article), with certainty, a link that opens the passage in the reader, and disagreements flagged. Its data is
core.figure_view.site_figures; article text is escaped here, the one place it becomes this panel's HTML."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from mapviewer.core.model import CERTAINTIES
from mapviewer.core.style import CERTAINTY_COLOURS

_HINT = "Select a site (in the table, or open its popup on the map) to see the figures its sources give."
_WHAT = ("Figures are the numbers the articles state about a place (troops, workers, drones a month, distances), "
         "each source's side by side, with the passage one click away; where sources give different numbers for one "
         "subject it says so.")
_NONE_PASS = ("No figure passes the filters. Widen them (View → Reset filters, Ctrl+R), or add articles that give "
              "numbers (File → Add articles…).")


def overview_html(overview: dict[str, Any], name: str | None = None) -> str:
    """The panel with nothing of a site's to show (none chosen, or `name`'s passages state no figure passing the
    filters): what it would show, and the sites that have figures, each a link (core.figure_view.sites_with_figures)."""
    parts = []
    if name is not None:
        parts.append(f"<p><b>{html.escape(name)}</b></p><p style='color:#475467'>None of its passages passing the filters "
                     "states a figure.</p>")
    parts.append(f"<p style='color:#475467'>{_WHAT}</p>")
    if not overview["sites"]:
        parts.append(f"<p>{_NONE_PASS}</p>")
        return "".join(parts)
    rows = []
    for site in overview["sites"]:
        flag = " · <b>sources disagree</b>" if site["disagree"] else ""
        n = site["figures"]
        rows.append(f"<li><a href='site:{html.escape(site['id'], quote=True)}'>{html.escape(site['name'])}</a> "
                    f"<span style='color:#667085'>· {n} figure{'' if n == 1 else 's'}</span>{flag}</li>")
    parts.append(f"<p>{'Sites' if name is None else 'Other sites'} with figures ({overview['total']} figures pass the filters):</p>"
                 f"<ul style='margin-top:0'>{''.join(rows)}</ul>")
    return "".join(parts)


def _cell(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<span style='color:#98a2b3'>—</span>"
    out = []
    for f in rows:
        certainty = CERTAINTIES[f["certainty"]]
        colour = CERTAINTY_COLOURS[certainty]
        wider = " <i style='color:#98a2b3'>(wider area)</i>" if f["wider"] else ""
        out.append(
            f"<div style='margin-bottom:5px'><span style='color:{colour}; font-size:14px'>●</span> "
            f"<b>{html.escape(f['amount'])}</b> {html.escape(f['unit'])}{wider}<br>"
            f"<span style='color:#475467'>“{html.escape(f['text'])}”</span><br>"
            f"<span style='color:#667085; font-size:11px'>{certainty}</span> · "
            f"<a href='figure:{html.escape(f['id'], quote=True)}'>open passage</a></div>"
        )
    return "".join(out)


def _short(title: str, limit: int = 44) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def figures_html(name: str, view: dict[str, Any]) -> str:
    """The panel's page for one site's view (site_figures)."""
    if not view["subjects"]:
        return f"<p><b>{html.escape(name)}</b></p><p style='color:#667085'>No figures about this site pass the filters.</p>"
    sources = view["sources"]
    parts = [f"<p style='margin:0 0 6px'><b style='font-size:14px'>{html.escape(name)}</b></p>"]
    for s in view["subjects"]:
        flag = (" <span style='background:#111; color:#fff; font-weight:bold'>&nbsp;sources disagree&nbsp;</span>"
                if s["disagree"] else "")
        parts.append(f"<p style='margin:8px 0 3px'><b>{html.escape(s['label'])}</b>{flag}</p>")
        heads = "".join(f"<th align='left' width='{100 // len(sources)}%' style='color:#475467; font-weight:normal'>"
                        f"{html.escape(_short(src['title']))}</th>" for src in sources)
        cells = "".join(f"<td valign='top'>{_cell(rows)}</td>" for rows in s["cells"])
        parts.append(f"<table width='100%' cellspacing='0' cellpadding='4' border='0' style='border-collapse:collapse'>"
                     f"<tr style='background:#f2f4f7'>{heads}</tr><tr>{cells}</tr></table>")
    return "".join(parts)


class FiguresPanel(QWidget):
    """Shows one site's figures; `figureRequested(id)` asks the window to open a figure's passage."""

    figureRequested = Signal(str)
    siteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(_HINT)
        self.header.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.browser, 1)
        self.site_id: str | None = None
        self.view: dict[str, Any] | None = None
        self.clear_site()

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "figure":
            self.figureRequested.emit(url.toString()[len("figure:") :])
        elif url.scheme() == "site":
            self.siteRequested.emit(url.toString()[len("site:") :])

    def show_view(self, site_id: str, name: str, view: dict[str, Any] | None, overview: dict[str, Any] | None = None) -> None:
        """`view` None: the figures are still being computed. A view with no subject shows `overview`
        (sites_with_figures) when given: where figures are instead."""
        self.site_id, self.view = site_id, view
        if view is None:
            self.header.setText("Reading the figures of the articles…")
            self.browser.clear()
            return
        if not view["subjects"] and overview is not None:
            self.header.setText(f"No figures about {name}")
            self.browser.setHtml(overview_html(overview, name))
            return
        disagree = sum(1 for s in view["subjects"] if s["disagree"])
        self.header.setText(f"{len(view['subjects'])} subject(s) from {len(view['sources'])} source(s)"
                            + (f" · sources disagree on {disagree}" if disagree else ""))
        self.browser.setHtml(figures_html(name, view))

    def clear_site(self, overview: dict[str, Any] | None = None) -> None:
        """No site chosen: what the panel shows, and with `overview` (sites_with_figures) the sites that have figures."""
        self.site_id, self.view = None, None
        self.header.setText(_HINT)
        if overview is None:
            self.browser.setHtml(f"<p style='color:#475467'>{_WHAT}</p>")
        else:
            self.browser.setHtml(overview_html(overview))
