"""Figure and flow rules against the hand labels in tests/golden/figures.json and flows.json (written by
reading the articles before any extractor existed; tests/golden/README-evidence.md).

The rules (mapviewer/core/figures.py, flows.py) were first written from general knowledge of how English
states quantities and movements, then measured once against these files (commit 3d4152d):

  before tuning  figures: recall 87.2% (41 of 47), precision 87.2% (41 of 47 found); of the matched:
                          bounds 97.6%, unit 85.4%, sites 63.4%, certainty 73.2%
                 flows:   recall 25.7% (9 of 35), precision 100% (9 of 9); of the matched: origin 100%,
                          destination 88.9%, what 100%, quantity 88.9%, certainty 88.9%
  after tuning   figures: recall 100% (47 of 47), precision 100% (47 of 47); bounds 100%, unit 97.9%,
                          sites 87.2%, certainty 78.7%
                 flows:   recall 57.1% (20 of 35), precision 100% (20 of 20); origin 100%, destination 85.0%,
                          what 90.0%, quantity 95.0%, certainty 90.0%

Merged with the geoparsing claim rules (reference points, sources of a statement and recent past dates are
context or historical: tuned on the geoparsing dev set), certainty fell to figures 74.5% and flows 80.0%: the
claim rules now read some figure sentences differently from these labels ("approximately 5,000 North Korean
engineers" comes out speculative). The certainty floors below are those merged figures, rounded down; the
disagreement between the two label sets is left for the next change to the claim rules to settle.

On 2026-12-03 the README conventions of tests/geoparse_eval were made to govern every label set (tests/golden/
RELABEL-2026-12-03.md): 4 figures and 6 flows were relabelled (a third party's "confirmed" is reported, a
completed visit historical) and the claim rules tuned to it: figures certainty 78.7%, flows 80.0%; the figure
certainty floor is raised to 0.75 (rounded down to 0.05).

The tuned figures are measured on the set the rules were tuned on, so they flatter the rules; the per-rule
tests in tests/core/test_figures_rules.py use sentences of their own. Floors are the after figures rounded down to
0.05: raise them when the rules improve, never lower them to make a change pass. The report is printed
(outside capture) so CI logs show the figures.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from golden_evidence import FigureAgreement, FlowAgreement, evaluate_figures, evaluate_flows, load_figures, load_flows

from mapviewer import paths
from mapviewer.core.figures import figures_of
from mapviewer.core.flows import flows_of
from mapviewer.core.workspace import Location, Workspace

FIGURE_FLOORS = {"recall": 1.0, "precision": 1.0, "bounds": 1.0, "unit": 0.95, "sites": 0.85, "certainty": 0.75}
FLOW_FLOORS = {"recall": 0.55, "precision": 1.0, "origin": 1.0, "destination": 0.85, "what": 0.90, "quantity": 0.95,
               "certainty": 0.80}


@pytest.fixture(scope="module")
def golden_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    # Rules only: a fresh overrides path, so no user correction on this machine can colour the figures.
    overrides = tmp_path_factory.mktemp("golden") / "overrides.json"
    return Workspace.load(Location(paths.BUNDLED_SITES, paths.BUNDLED_ARTICLES, overrides, "bundled corpus"))


@pytest.fixture(scope="module")
def figure_agreement(golden_ws: Workspace) -> FigureAgreement:
    return evaluate_figures(golden_ws, load_figures()["figures"], figures_of(golden_ws))


@pytest.fixture(scope="module")
def flow_agreement(golden_ws: Workspace) -> FlowAgreement:
    return evaluate_flows(golden_ws, load_flows(), flows_of(golden_ws))


def test_the_golden_files_are_the_ones_labelled_by_reading():
    """The manifest pins the hand labels: a changed label must change the manifest (and be explained)."""
    folder = Path(__file__).parents[1] / "golden"
    for line in (folder / "MANIFEST-evidence.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_figure_agreement_meets_its_floors(figure_agreement: FigureAgreement, capsys):
    with capsys.disabled():
        print("\n--- figure rules vs hand labels (tests/golden/figures.json) ---")
        print(figure_agreement.report())
    scores = figure_agreement.scores()
    for key, floor in FIGURE_FLOORS.items():
        assert scores[key] >= floor, (key, figure_agreement.report())


def test_flow_agreement_meets_its_floors(flow_agreement: FlowAgreement, capsys):
    with capsys.disabled():
        print("\n--- flow rules vs hand labels (tests/golden/flows.json) ---")
        print(flow_agreement.report())
    scores = flow_agreement.scores()
    for key, floor in FLOW_FLOORS.items():
        assert scores[key] >= floor, (key, flow_agreement.report())


def test_the_golden_kursk_conflict_is_found(golden_ws: Workspace):
    """conf-001: engineers (ghost-factories) against sappers and workers (alabuga) in Kursk Oblast."""
    from mapviewer.core.figures import conflicts_of

    golden = {g["id"]: g for g in load_figures()["figures"]}
    conf = next(c for c in load_figures()["conflicts"] if c["site"] == "kursk-oblast")
    found = next(c for c in conflicts_of(figures_of(golden_ws)) if c.site == "kursk-oblast")
    texts = {f.text for f in found.figures}
    labelled = {golden[i]["text"] for i in conf["figures"] if golden[i]["sites"]}  # the nis ones name no site
    assert labelled <= texts
    assert {f.unit for f in found.figures} >= {"engineers", "workers", "sappers"}
    assert found.spread == (1000, 6000)
