"""Learned decisions: rules propose candidates and features, a small linear model decides.

Where a rule would guess (is this entity a party? which mention speaks this quote? does this sentence carry
a distillation allegation, with what status? is this document AI litigation?), a component asks

    p = learn.decide("party", features, default=0.8, meta={"name": "OpenAI"})
    label = learn.choose("allegation_status", features, default="alleged",
                         labels=("alleged", "admitted", "denied", "ruled"), meta={...})

`features` maps names to numbers, booleans or strings (a string value is one-hot: "verb=sue"). `default` is
the rules' own answer, used when no model file exists for the decision, when models are switched off
(`learn.disabled()`), and while training examples are recorded. `meta` is what the decision's labeler needs
to read the gold annotation (a name, a quote's first words): it never reaches the model.

Models are small JSON files in ingest/nlp/models/<decision>.json (weights of a logistic regression, by
`make train`, see ingest/nlp/train.py); at run time a decision is a dot product, with no scikit-learn.
A decision's labeler, which turns (meta, the gold line of the document) into the label to learn, is
registered with `@learn.labeler("party")` in the module that makes the decision.

While `learn.recording()` is active, every decision is appended (features, meta, the rules' default) to the
recorder, under the document name set by `learn.document(name)`; train.py labels and fits them.
This module never imports Django.
"""
from __future__ import annotations

import json
import math
import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

COMMITTED_DIR = Path(__file__).resolve().parent / "models"
# the models in use: the committed ones, or another directory's (NLP_MODELS_DIR: an experiment's own models, e.g.
# bench/bench_teach.py's baseline and retrained ones, read by the processes it starts)
MODELS_DIR = Path(os.environ.get("NLP_MODELS_DIR") or COMMITTED_DIR)
Value = Union[float, int, bool, str, None]

_state = threading.local()
LABELERS: dict[str, Callable[[dict, dict], object]] = {}


def labeler(name: str):
    """Register fn(meta, gold_line) -> label (bool for decide, a label for choose; None: skip the example)."""
    def register(fn):
        LABELERS[name] = fn
        return fn
    return register


def vectorize(features: dict[str, Value]) -> dict[str, float]:
    """Feature dict → sparse numeric dict: numbers as they are, booleans as 0/1, strings one-hot, None dropped."""
    out: dict[str, float] = {}
    for key, value in features.items():
        if value is None or value is False:
            continue
        if value is True:
            out[key] = 1.0
        elif isinstance(value, str):
            out[f"{key}={value}"] = 1.0
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                out[f"{key}={item}"] = 1.0
        else:
            number = float(value)
            if number:
                out[key] = number
    return out


class LinearModel:
    """A logistic regression over sparse features: binary (one weight vector) or one-vs-rest over labels."""

    def __init__(self, name: str, labels: list, weights: list[dict[str, float]], bias: list[float],
                 threshold: float = 0.5, info: Optional[dict] = None):
        self.name, self.labels, self.weights, self.bias = name, labels, weights, bias
        self.threshold, self.info = threshold, info or {}

    @classmethod
    def from_json(cls, data: dict) -> "LinearModel":
        return cls(data["name"], data["labels"], data["weights"], data["bias"], data.get("threshold", 0.5),
                   data.get("info"))

    def to_json(self) -> dict:
        return {"name": self.name, "labels": self.labels, "threshold": self.threshold, "bias": self.bias,
                "weights": self.weights, "info": self.info}

    def _scores(self, x: dict[str, float]) -> list[float]:
        return [b + sum(w.get(k, 0.0) * v for k, v in x.items()) for w, b in zip(self.weights, self.bias)]

    def proba(self, features: dict[str, Value]) -> float:
        """P(label True) for a binary model."""
        z = self._scores(vectorize(features))[0]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def best(self, features: dict[str, Value], allowed: Optional[Iterable] = None):
        scores = self._scores(vectorize(features))
        allowed = set(allowed) if allowed is not None else None
        ranked = sorted(((s, i) for i, s in enumerate(scores)
                         if allowed is None or self.labels[i] in allowed), reverse=True)
        return self.labels[ranked[0][1]] if ranked else None


@lru_cache(maxsize=None)
def _load(name: str, directory: str) -> Optional[LinearModel]:
    path = Path(directory) / f"{name}.json"
    if not path.exists():
        return None
    return LinearModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def model(name: str) -> Optional[LinearModel]:
    """The model in use for a decision: an override (cross-validation), else the file, else None."""
    if getattr(_state, "off", False):
        return None
    overrides = getattr(_state, "overrides", None)
    if overrides is not None and name in overrides:
        return overrides[name]
    return _load(name, str(getattr(_state, "directory", None) or MODELS_DIR))


def _record(kind: str, name: str, features: dict, default, meta: Optional[dict], labels=None) -> None:
    recorder = getattr(_state, "recorder", None)
    if recorder is None:
        return
    recorder.append({"decision": name, "kind": kind, "doc": getattr(_state, "doc", None),
                     "features": vectorize(features), "default": default, "meta": meta or {},
                     "labels": list(labels) if labels is not None else None})


def _observe(name: str, default, meta: Optional[dict], answer) -> None:
    observer = getattr(_state, "observer", None)
    if observer is not None:
        observer.append({"decision": name, "doc": getattr(_state, "doc", None), "default": default,
                         "meta": meta or {}, "answer": answer})


def decide(name: str, features: dict[str, Value], default: float, meta: Optional[dict] = None) -> float:
    """The probability that the candidate is a yes (the rules' default when no model is in use)."""
    _record("binary", name, features, default, meta)
    m = model(name)
    if m is None or getattr(_state, "recorder", None) is not None:
        p = float(default)
    else:
        p = m.proba(features)
    _observe(name, default, meta, p)
    return p


def accept(name: str, features: dict[str, Value], default: bool, meta: Optional[dict] = None) -> bool:
    """decide() against the model's own threshold (0.5 for the rules' default)."""
    p = decide(name, features, 1.0 if default else 0.0, meta)
    m = model(name)
    threshold = m.threshold if m is not None and getattr(_state, "recorder", None) is None else 0.5
    return p >= threshold


def choose(name: str, features: dict[str, Value], default, labels: Iterable, meta: Optional[dict] = None):
    """One of `labels` (the rules' default when no model is in use or it knows none of them)."""
    labels = list(labels)
    _record("multi", name, features, default, meta, labels)
    m = model(name)
    if m is None or getattr(_state, "recorder", None) is not None:
        best = None
    else:
        best = m.best(features, allowed=labels)
    answer = default if best is None else best
    _observe(name, default, meta, answer)
    return answer


def rank(name: str, candidates: list[tuple[object, dict[str, Value], float]], meta: Optional[dict] = None):
    """The best of several candidates, each (value, features, rules' score); returns (value, probability).
    Each candidate is a binary decision 'this one is right' (its meta gets "candidate": str(value))."""
    best, best_p = None, -1.0
    for value, features, default in candidates:
        p = decide(name, features, default, {**(meta or {}), "candidate": str(value)})
        if p > best_p:
            best, best_p = value, p
    return best, best_p


# --------------------------------------------------------------------------- contexts (training, evaluation)
@contextmanager
def _swapped(attr: str, value, default=None):
    """Set one attribute of this thread's state for the block, and put the old value back after it."""
    old = getattr(_state, attr, default)
    setattr(_state, attr, value)
    try:
        yield value
    finally:
        setattr(_state, attr, old)


def recording(recorder: list):
    """Record every decision into `recorder` (and answer with the rules' defaults meanwhile)."""
    return _swapped("recorder", recorder)


def observing(observer: list):
    """Append every decision made in the block, with the answer the models in use gave (unlike ``recording``, the
    models decide as usual): what bench/bench_teach.py reads to say why a correction was not learned."""
    return _swapped("observer", observer)


def document(name: Optional[str]):
    """The document the decisions recorded in the block belong to."""
    return _swapped("doc", name)


def using(models: dict[str, LinearModel]):
    """Decide with these models (cross-validation folds) instead of the files."""
    return _swapped("overrides", models)


def disabled():
    """Rules only: every decision answers with its default (the baseline of the learned components)."""
    return _swapped("off", True, default=False)


def clear_cache() -> None:
    _load.cache_clear()
