"""benchmarks/certainty_learned.py: the held halves never reach training, and the model it fits does learn."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import certainty_learned as cl


def _decision(half: str, gold: str, sentence: str = "Troops were seen in Vilne.", *, country: bool = False) -> cl.Decision:
    return cl.Decision(half, sentence, sentence.find("Vilne"), "Vilne", 1, 2025, "reported", "stated as fact", gold, country)


def test_held_halves_are_scored_and_never_trained_on() -> None:
    ds = [_decision("x", "reported"), _decision("ag", "context"), _decision("ah", "reported", country=True), _decision("ah", "alleged")]
    train_on, score_on = cl.split(ds, {"ag", "ah"})
    assert [d.half for d in train_on] == ["x"]
    assert [(d.half, d.gold) for d in score_on] == [("ag", "context"), ("ah", "alleged")]  # countries are not scored


def test_features_read_the_words_around_the_mention_and_the_dates() -> None:
    d = _decision("x", "reported", "In 2019 officials said a depot near Vilne burned.")
    f = cl.features(d, stacked=False)
    assert {"b1:near", "a1:burned", "year:before", "name:vilne"} <= f
    assert not any(k.startswith("rules:") for k in f)
    assert "rules:reported" in cl.features(d, stacked=True)


def test_the_model_learns_a_cue_it_is_shown() -> None:
    said = [_decision("x", "alleged", f"Bloggers claimed a strike on Vilne {i}.") for i in range(20)]
    plain = [_decision("x", "context", f"The road runs from Vilne {i}.") for i in range(20)]
    unseen = [_decision("y", "alleged", "Bloggers claimed shelling near Vilne."), _decision("y", "context", "The line runs from Vilne.")]
    assert cl.held_out_accuracy(said + plain, unseen, stacked=False, l2=1.0) == 1.0
