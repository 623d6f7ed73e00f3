"""User corrections of claim labels, kept apart from the rules so a re-run never loses them.

Stored as JSON keyed by mention id ("<article>:<offset>"), which stays stable while the article text
does. A correction is read, applied and committed under the folder's workspace lock (core.commit), so
two windows correcting labels at once keep both corrections.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mapviewer.core import commit
from mapviewer.core.model import CERTAINTIES, TOPICS, Claim, Mention, Problem
from mapviewer.core.safefile import FileError, bad_value, exists, load_json


@dataclass
class Overrides:
    path: Path | None
    labels: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> tuple[Overrides, list[Problem]]:
        """Read overrides; a corrupt file is reported and left untouched (never overwritten silently).
        A correction that is not an object of a known certainty and a list of known topics is
        reported and left out (the others still apply)."""
        if path is None or not exists(path):
            return cls(path), []
        try:
            data = load_json(path)
            labels = data.get("labels") if isinstance(data, dict) else None
            if not isinstance(labels, dict):
                raise FileError('expected an object with a "labels" object')
        except FileError as exc:
            return cls(None), [Problem(str(path), "", f"overrides not read ({exc}); corrections are read-only until fixed")]
        problems = []
        good = {}
        for mention_id, label in labels.items():
            where = f"correction {mention_id!r}"
            if not isinstance(label, dict):
                problems.append(Problem(str(path), where, f"must be an object with \"certainty\" and/or \"topics\", not {label!r:.60}"))
                continue
            certainty = label.get("certainty")
            topics = label.get("topics", [])
            if certainty is not None and (type(certainty) is not str or certainty not in CERTAINTIES):
                problems.append(Problem(str(path), where, f'"certainty": unknown certainty {certainty!r:.60}'))
            elif not isinstance(topics, list) or any(type(t) is not str or t not in TOPICS for t in topics):
                problems.append(Problem(str(path), where, f'"topics": unknown topics {topics!r:.80}'))
            elif other := bad_value(label):
                problems.append(Problem(str(path), where, f"{other.lstrip('.')}: not a value a correction can hold"))
            else:
                good[mention_id] = label
        return cls(path, good), problems

    def set(self, mention_id: str, certainty: str | None, topics: list[str] | None) -> None:
        """Record a correction and save it at once; None leaves that facet to the rules."""
        if certainty is not None and certainty not in CERTAINTIES:
            raise ValueError(f"unknown certainty {certainty!r}; choose from {', '.join(CERTAINTIES)}")
        if topics is not None and any(t not in TOPICS for t in topics):
            raise ValueError(f"unknown topic in {topics!r}; choose from {', '.join(TOPICS)}")
        entry = {k: v for k, v in (("certainty", certainty), ("topics", topics)) if v is not None}
        if self.path is None:
            raise OSError("no writable overrides file for this workspace")
        with commit.writing(self.path.parent):
            on_disk, _ = Overrides.load(self.path)  # other windows' corrections since this one was read stay
            if on_disk.path is None:
                raise OSError(f"{self.path}: cannot be read, so it is not overwritten; fix or move it")
            self.labels = on_disk.labels
            if entry:
                self.labels[mention_id] = entry
            else:
                self.labels.pop(mention_id, None)
            self.save()

    def save(self) -> None:
        if self.path is None:
            raise OSError("no writable overrides file for this workspace")
        data = json.dumps({"version": 1, "labels": self.labels}, indent=2, ensure_ascii=False).encode("utf-8")
        with commit.writing(self.path.parent):
            commit.commit(self.path.parent, [(self.path.name, data)])

    def corrected_rows(self, mentions: list[Mention]) -> list[int]:
        """The rows of `mentions` the user has corrected."""
        labels = self.labels
        return [i for i, m in enumerate(mentions) if m.id in labels] if labels else []

    def apply(self, mention: Mention) -> Claim:
        """The mention's claim (the rules' label) with the user's corrections, if any, taking precedence."""
        claim = mention.claim
        label = self.labels.get(mention.id)
        if not label:
            return claim
        return Claim(
            certainty=label.get("certainty", claim.certainty),
            topics=tuple(label.get("topics", claim.topics)),
            evidence="corrected by the user",
            source="user",
        )
