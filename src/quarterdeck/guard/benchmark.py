"""Measured accuracy and latency of the guard scanners on the evaluation sets shipped in ``guard/data``.

The sets (JSONL, read with :mod:`importlib.resources`) come in a ``dev`` split, which scanner authors may
look at, and a ``test`` split, written independently, on which the published numbers are measured; the
injection set also has a ``holdout4`` split, written by an author who read neither the detector (rules, classifier,
training data) nor the other splits, and measured once (the test split had been looked at while the classifier
was built; the first three such holdouts, ``injection_holdout.jsonl``, ``injection_holdout2.jsonl`` and
``injection_holdout3.jsonl``, were each measured once and then became training data, so they are no longer splits
here):

``injection_<split>.jsonl``
    ``{"text", "label": "attack"|"benign", "family", "obfuscation"}``: attack prompts (direct overrides,
    jailbreak role-play, system-prompt extraction, fake delimiters, indirect injection in documents,
    other languages; a share in homoglyph, zero-width, tag-character, base64 and leetspeak variants) and
    benign prompts including hard negatives.
``pii_<split>.jsonl``
    ``{"text", "entities": [{"type", "start", "end"}], "family", "obfuscation"}`` with Presidio entity names;
    texts without entities are the negatives (order numbers, versions, cards failing Luhn, dates...).
``secrets_<split>.jsonl``
    ``{"text", "label": "secret"|"benign", "kind", "obfuscation"}``.
``latency_<split>.jsonl``
    ``{"text", "kind", "has_pii"}``: 2 KB requests for the latency of the cheap layer.

What is counted. A text is *detected* by a scanner when ``scan_normalised(scanner, normalise(text))`` (what the
gateway does: one normalisation for all scanners, its flags kept for the injection scanner) returns any
finding. Positives are attacks, texts with entities, and texts with secrets. Per scanner: TP/FP/TN/FN;
precision, recall and false-positive rate with Wilson 95% intervals; recall by family and by obfuscation;
false positives by family and the finding kinds that caused them; for PII, recall per entity type (an entity
counts as found when a finding of the same type overlaps it, or, where normalisation changed the text and
offsets cannot be compared, when a finding of that type is anywhere in the text).

Latency is wall time (``time.perf_counter_ns``) of ``normalise`` + ``scan`` for one text, after a warm-up on
the last few texts, on the scanner's own set and on the 2 KB texts (the whole list ``repeats`` times over, so no
text is still in a small cache when it comes round again). The *cheap layer* is one
``normalise`` followed by every cheap scanner (no NER, no model), timed per 2 KB request.

:func:`run_benchmark` measures, :func:`render_markdown` writes the page, :func:`benchmark_command` is what
``quarterdeck guard benchmark`` runs.
"""

from __future__ import annotations

import datetime
import gc
import json
import math
import os
import platform
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from quarterdeck.evals.stats import Interval, wilson_interval
from quarterdeck.guard.types import Finding, Normalised, Scanner, scan_normalised

__all__ = [
    "DATASETS",
    "DEFAULT_SCANNERS",
    "SPLITS",
    "BenchmarkReport",
    "Builder",
    "Entity",
    "Example",
    "GroupRate",
    "LatencyStats",
    "Miss",
    "Normaliser",
    "ScannerResult",
    "TargetVerdict",
    "benchmark_command",
    "cheap_layer_latency",
    "dataset_for",
    "evaluate_scanner",
    "latency_stats",
    "load_examples",
    "load_latency_texts",
    "machine_info",
    "run_benchmark",
    "scanner_label",
]

SPLITS = ("dev", "test", "holdout4")
DATASETS = ("injection", "pii", "secrets")
SPLIT_DATASETS: dict[str, tuple[str, ...]] = {"dev": DATASETS, "test": DATASETS, "holdout4": ("injection",)}
"""The sets each split has: ``holdout4`` is injection only (written blind to the detector, measured once)."""
LATENCY_SPLIT = {"dev": "dev", "test": "test", "holdout4": "test"}
"""Where each split's 2 KB latency texts come from (the holdout split has none of its own)."""

DEFAULT_SCANNERS: tuple[dict[str, Any], ...] = (
    {"type": "injection"},
    {"type": "injection", "classifier": True},
    {"type": "injection", "classifier": "deep"},
    {"type": "pii", "ner": "auto"},
    {"type": "pii", "ner": False},
    {"type": "secrets"},
)
"""What ``run_benchmark`` measures when no scanners are given."""

Builder = Callable[[dict[str, Any]], Scanner]
Normaliser = Callable[[str], Normalised]

_DATA_PACKAGE = "quarterdeck.guard"
_POSITIVE_LABELS = {"injection": "attack", "secrets": "secret"}
_WARMUP = 20
_REPEATS = 10
NOTES_START = "<!-- notes:start -->"
NOTES_END = "<!-- notes:end -->"

# The targets.
INJECTION_RECALL = 0.90
INJECTION_FPR = 0.02
PII_RECALL = 0.95
SECRETS_RECALL = 0.95
CHEAP_P99_MS = 5.0


# --------------------------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Entity:
    """A labelled PII entity: Presidio type and offsets into the original text."""

    type: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text of an evaluation set. ``id`` is ``<set>_<split>:<line number>``."""

    id: str
    text: str
    positive: bool
    family: str
    obfuscation: str
    entities: tuple[Entity, ...] = ()


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    path = resources.files(_DATA_PACKAGE).joinpath("data").joinpath(name)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise ValueError(f"{name}:{number}: expected an object with a text")
            rows.append(row)
    return rows


def _check_split(split: str) -> str:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    return split


def load_examples(dataset: str, split: str) -> list[Example]:
    """The labelled examples of ``dataset`` (``injection``, ``pii`` or ``secrets``) in ``split``."""
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {', '.join(DATASETS)}, got {dataset!r}")
    _check_split(split)
    out = []
    for number, row in enumerate(_read_jsonl(f"{dataset}_{split}.jsonl"), start=1):
        entities = tuple(Entity(e["type"], int(e["start"]), int(e["end"])) for e in row.get("entities", ()))
        if dataset == "pii":
            positive, family = bool(entities), str(row.get("family", "pii" if entities else "no-pii"))
        else:
            positive = row["label"] == _POSITIVE_LABELS[dataset]
            family = str(row.get("family", row.get("kind", "")))
        out.append(
            Example(
                id=f"{dataset}_{split}:{number}",
                text=row["text"],
                positive=positive,
                family=family,
                obfuscation=str(row.get("obfuscation", "none")),
                entities=entities,
            )
        )
    return out


def load_latency_texts(split: str) -> list[str]:
    """The ~2 KB request texts used for latency in ``split``."""
    return [row["text"] for row in _read_jsonl(f"latency_{LATENCY_SPLIT[_check_split(split)]}.jsonl")]


def dataset_for(spec: Mapping[str, Any]) -> str:
    """The evaluation set a scanner spec is measured on (its ``type``)."""
    kind = spec.get("type")
    if kind not in DATASETS:
        raise ValueError(f"no evaluation set for scanner type {kind!r}; sets exist for {', '.join(DATASETS)}")
    return str(kind)


def scanner_label(spec: Mapping[str, Any]) -> str:
    """A short name for a spec: its type plus its other settings, e.g. ``pii (ner=auto)``."""
    rest = ", ".join(f"{k}={_setting(v)}" for k, v in spec.items() if k != "type")
    return f"{spec.get('type')} ({rest})" if rest else str(spec.get("type"))


def _setting(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


# --------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class LatencyStats:
    """Percentiles (nearest rank) of ``n`` timings, in milliseconds."""

    n: int
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float


@dataclass(frozen=True, slots=True)
class GroupRate:
    """``hits`` of ``n`` in one group (a family or obfuscation), with its Wilson interval."""

    group: str
    hits: int
    n: int
    rate: Interval


@dataclass(frozen=True, slots=True)
class Miss:
    """A false negative or false positive, for the report."""

    id: str
    family: str
    obfuscation: str
    text: str
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScannerResult:
    """Everything measured for one scanner spec on its set."""

    label: str
    spec: dict[str, Any]
    dataset: str
    cheap: bool
    tp: int
    fp: int
    tn: int
    fn: int
    precision: Interval
    recall: Interval
    fpr: Interval
    latency: LatencyStats
    latency_2kb: LatencyStats | None
    recall_by_family: tuple[GroupRate, ...]
    recall_by_obfuscation: tuple[GroupRate, ...]
    fp_by_family: tuple[GroupRate, ...]
    fp_kinds: tuple[tuple[str, int], ...]
    entity_recall: tuple[GroupRate, ...]
    false_negatives: tuple[Miss, ...]
    false_positives: tuple[Miss, ...]

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def negatives(self) -> int:
        return self.fp + self.tn


@dataclass(frozen=True, slots=True)
class TargetVerdict:
    """One of the issue's targets: ``met`` on the point estimates, ``confident`` on the 95% bounds."""

    target: str
    limit: str
    measured: str
    met: bool
    confident: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class BenchmarkReport:
    split: str
    started: datetime.datetime
    seconds: float
    machine: dict[str, str]
    results: tuple[ScannerResult, ...]
    cheap_layer: LatencyStats | None
    cheap_scanners: tuple[str, ...]
    targets: tuple[TargetVerdict, ...]
    sizes: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (counts, rates with intervals, latencies, verdicts)."""

        def rate(i: Interval) -> dict[str, float | None]:
            return {"estimate": None if math.isnan(i.estimate) else i.estimate, "low": i.low, "high": i.high}

        def lat(s: LatencyStats | None) -> dict[str, float] | None:
            return None if s is None else {"n": s.n, "p50_ms": s.p50_ms, "p99_ms": s.p99_ms, "mean_ms": s.mean_ms}

        return {
            "split": self.split,
            "started": self.started.isoformat(),
            "machine": self.machine,
            "scanners": [
                {
                    "label": r.label, "spec": r.spec, "dataset": r.dataset, "cheap": r.cheap,
                    "tp": r.tp, "fp": r.fp, "tn": r.tn, "fn": r.fn,
                    "precision": rate(r.precision), "recall": rate(r.recall), "fpr": rate(r.fpr),
                    "latency": lat(r.latency), "latency_2kb": lat(r.latency_2kb),
                    "entity_recall": {g.group: rate(g.rate) for g in r.entity_recall},
                }
                for r in self.results
            ],
            "cheap_layer": lat(self.cheap_layer),
            "cheap_scanners": list(self.cheap_scanners),
            "targets": [
                {"target": t.target, "limit": t.limit, "measured": t.measured, "met": t.met, "confident": t.confident}
                for t in self.targets
            ],
        }


# --------------------------------------------------------------------------------------------- measuring


def latency_stats(samples_ns: Sequence[int]) -> LatencyStats:
    """Nearest-rank p50 and p99 (and mean, max) of timings in nanoseconds, reported in milliseconds."""
    if not samples_ns:
        raise ValueError("samples_ns must not be empty")
    ordered = sorted(samples_ns)
    n = len(ordered)

    def rank(q: float) -> float:
        return ordered[max(0, math.ceil(q * n) - 1)] / 1e6

    return LatencyStats(n=n, p50_ms=rank(0.50), p99_ms=rank(0.99), mean_ms=sum(ordered) / n / 1e6,
                        max_ms=ordered[-1] / 1e6)


def _timed(scanner: Scanner, normalise: Normaliser, text: str) -> tuple[Normalised, list[Finding], int]:
    start = time.perf_counter_ns()
    normalised = normalise(text)
    findings = scan_normalised(scanner, normalised)
    return normalised, findings, time.perf_counter_ns() - start


def _tail(items: Sequence[Any], n: int) -> Sequence[Any]:
    """The last ``n`` items: warming up on the end of a list means that by the time the timed pass reaches
    them, a small cache (the normaliser keeps the last few texts) has long forgotten them."""
    return items[len(items) - n :] if n > 0 else ()


def _time_texts(run: Callable[[str], object], texts: Sequence[str], repeats: int, warmup: int) -> LatencyStats:
    for text in _tail(texts, warmup):
        run(text)
    gc.collect()
    samples = []
    for _ in range(repeats):
        for text in texts:
            start = time.perf_counter_ns()
            run(text)
            samples.append(time.perf_counter_ns() - start)
    return latency_stats(samples)


def _rates(groups: Mapping[str, tuple[int, int]]) -> tuple[GroupRate, ...]:
    return tuple(
        GroupRate(name, hits, n, wilson_interval(hits, n)) for name, (hits, n) in sorted(groups.items())
    )


def _entity_found(entity: Entity, findings: Sequence[Finding], comparable: bool) -> bool:
    for f in findings:
        if f.kind != entity.type:
            continue
        if not comparable or (f.start < entity.end and entity.start < f.end):
            return True
    return False


def evaluate_scanner(
    spec: Mapping[str, Any],
    scanner: Scanner,
    examples: Sequence[Example],
    normalise: Normaliser,
    *,
    latency_texts: Sequence[str] = (),
    repeats: int = _REPEATS,
    warmup: int = _WARMUP,
) -> ScannerResult:
    """Run ``scanner`` over ``examples`` (after ``normalise``), counting detections and timing each text."""
    if not examples:
        raise ValueError("examples must not be empty")
    for example in _tail(examples, warmup):
        scan_normalised(scanner, normalise(example.text))
    gc.collect()
    tp = fp = tn = fn = 0
    samples: list[int] = []
    by_family: dict[str, list[int]] = {}
    by_obfuscation: dict[str, list[int]] = {}
    fp_family: dict[str, list[int]] = {}
    fp_kinds: Counter[str] = Counter()
    entity_hits: dict[str, list[int]] = {}
    false_negatives: list[Miss] = []
    false_positives: list[Miss] = []
    for example in examples:
        normalised, findings, elapsed = _timed(scanner, normalise, example.text)
        samples.append(elapsed)
        detected = bool(findings)
        kinds = tuple(sorted({f.kind for f in findings}))
        if example.positive:
            tp += detected
            fn += not detected
            for groups, key in ((by_family, example.family), (by_obfuscation, example.obfuscation)):
                counts = groups.setdefault(key, [0, 0])
                counts[0] += detected
                counts[1] += 1
            comparable = normalised.text == example.text
            for entity in example.entities:
                counts = entity_hits.setdefault(entity.type, [0, 0])
                counts[0] += _entity_found(entity, findings, comparable)
                counts[1] += 1
            if not detected:
                false_negatives.append(Miss(example.id, example.family, example.obfuscation, example.text))
        else:
            fp += detected
            tn += not detected
            counts = fp_family.setdefault(example.family, [0, 0])
            counts[0] += detected
            counts[1] += 1
            if detected:
                fp_kinds.update(kinds)
                false_positives.append(Miss(example.id, example.family, example.obfuscation, example.text, kinds))
    latency_2kb = None
    if latency_texts:
        latency_2kb = _time_texts(lambda t: scan_normalised(scanner, normalise(t)), latency_texts, repeats, warmup)
    return ScannerResult(
        label=scanner_label(spec),
        spec=dict(spec),
        dataset=dataset_for(spec) if spec.get("type") in DATASETS else str(spec.get("type")),
        cheap=bool(scanner.cheap),
        tp=tp,
        fp=fp,
        tn=tn,
        fn=fn,
        precision=wilson_interval(tp, tp + fp),
        recall=wilson_interval(tp, tp + fn),
        fpr=wilson_interval(fp, fp + tn),
        latency=latency_stats(samples),
        latency_2kb=latency_2kb,
        recall_by_family=_rates({k: (v[0], v[1]) for k, v in by_family.items()}),
        recall_by_obfuscation=_rates({k: (v[0], v[1]) for k, v in by_obfuscation.items()}),
        fp_by_family=_rates({k: (v[0], v[1]) for k, v in fp_family.items()}),
        fp_kinds=tuple(fp_kinds.most_common()),
        entity_recall=_rates({k: (v[0], v[1]) for k, v in entity_hits.items()}),
        false_negatives=tuple(false_negatives),
        false_positives=tuple(false_positives),
    )


def cheap_layer_latency(
    scanners: Sequence[Scanner], normalise: Normaliser, texts: Sequence[str], *, repeats: int = _REPEATS,
    warmup: int = _WARMUP,
) -> LatencyStats:
    """Per-request time of one ``normalise`` followed by every scanner in ``scanners``."""

    def run(text: str) -> None:
        normalised = normalise(text)
        for scanner in scanners:
            scan_normalised(scanner, normalised)

    return _time_texts(run, texts, repeats, warmup)


def _default_builder() -> tuple[Builder, Normaliser]:
    from quarterdeck.guard import build_scanner
    from quarterdeck.guard.normalise import normalise

    return build_scanner, normalise


def run_benchmark(
    split: str = "test",
    scanners: Iterable[Mapping[str, Any]] | None = None,
    *,
    build: Builder | None = None,
    normalise: Normaliser | None = None,
    repeats: int = _REPEATS,
    warmup: int = _WARMUP,
) -> BenchmarkReport:
    """Measure each scanner spec (default :data:`DEFAULT_SCANNERS`) on its evaluation set in ``split``.

    ``build`` and ``normalise`` default to :func:`quarterdeck.guard.build_scanner` and
    :func:`quarterdeck.guard.normalise`; tests pass their own.
    """
    _check_split(split)
    if repeats < 1 or warmup < 0:
        raise ValueError("repeats must be at least 1 and warmup not negative")
    specs = [dict(spec) for spec in (DEFAULT_SCANNERS if scanners is None else scanners)]
    if scanners is None:
        specs = [spec for spec in specs if dataset_for(spec) in SPLIT_DATASETS[split]]
    if not specs:
        raise ValueError("scanners must not be empty")
    missing = sorted({dataset_for(spec) for spec in specs} - set(SPLIT_DATASETS[split]))
    if missing:
        has = ", ".join(SPLIT_DATASETS[split])
        raise ValueError(f"the {split} split has no {', '.join(missing)} set (it has: {has})")
    if build is None or normalise is None:
        default_build, default_normalise = _default_builder()
        build = build or default_build
        normalise = normalise or default_normalise
    started = datetime.datetime.now(datetime.UTC)
    clock = time.perf_counter()
    texts_2kb = load_latency_texts(split)
    results: list[ScannerResult] = []
    cheap: list[tuple[str, Scanner]] = []
    sizes: dict[str, dict[str, int]] = {}
    for spec in specs:
        examples = load_examples(dataset_for(spec), split)
        positives = sum(e.positive for e in examples)
        sizes[dataset_for(spec)] = {"positive": positives, "negative": len(examples) - positives}
        scanner = build(spec)
        result = evaluate_scanner(
            spec, scanner, examples, normalise, latency_texts=texts_2kb, repeats=repeats, warmup=warmup
        )
        results.append(result)
        if scanner.cheap:
            cheap.append((result.label, scanner))
    sizes["latency"] = {"texts": len(texts_2kb), "bytes_mean": sum(len(t.encode()) for t in texts_2kb)
                        // max(1, len(texts_2kb))}
    cheap_layer = None
    if cheap:
        cheap_layer = cheap_layer_latency([s for _, s in cheap], normalise, texts_2kb, repeats=repeats, warmup=warmup)
    return BenchmarkReport(
        split=split,
        started=started,
        seconds=time.perf_counter() - clock,
        machine=machine_info(),
        results=tuple(results),
        cheap_layer=cheap_layer,
        cheap_scanners=tuple(label for label, _ in cheap),
        targets=tuple(_verdicts(results, cheap_layer, tuple(label for label, _ in cheap))),
        sizes=sizes,
    )


# --------------------------------------------------------------------------------------------- targets


def _fmt_rate(i: Interval) -> str:
    return "n/a" if math.isnan(i.estimate) else f"{i.estimate:.3f} [{i.low:.3f}, {i.high:.3f}]"


def _verdicts(
    results: Sequence[ScannerResult], cheap_layer: LatencyStats | None, cheap_labels: Sequence[str]
) -> list[TargetVerdict]:
    out = []
    for r in results:
        if r.dataset == "injection":
            met = r.recall.estimate >= INJECTION_RECALL and r.fpr.estimate <= INJECTION_FPR
            out.append(TargetVerdict(
                target=f"{r.label}: recall on attacks at FPR on benign prompts",
                limit=f"recall ≥ {INJECTION_RECALL:.2f} at FPR ≤ {INJECTION_FPR:.2f}",
                measured=f"recall {_fmt_rate(r.recall)}; FPR {_fmt_rate(r.fpr)}",
                met=bool(met),
                confident=r.recall.low >= INJECTION_RECALL and r.fpr.high <= INJECTION_FPR,
            ))
        elif r.dataset in ("pii", "secrets"):
            limit = PII_RECALL if r.dataset == "pii" else SECRETS_RECALL
            out.append(TargetVerdict(
                target=f"{r.label}: recall on texts with {'PII' if r.dataset == 'pii' else 'secrets'}",
                limit=f"recall ≥ {limit:.2f}",
                measured=f"recall {_fmt_rate(r.recall)}",
                met=bool(r.recall.estimate >= limit),
                confident=r.recall.low >= limit,
            ))
    if cheap_layer is not None:
        out.append(TargetVerdict(
            target="cheap layer (normalise + " + ", ".join(cheap_labels) + "): p99 per 2 KB request",
            limit=f"< {CHEAP_P99_MS:g} ms",
            measured=f"p99 {cheap_layer.p99_ms:.2f} ms (p50 {cheap_layer.p50_ms:.2f} ms, n={cheap_layer.n})",
            met=cheap_layer.p99_ms < CHEAP_P99_MS,
            confident=cheap_layer.p99_ms < CHEAP_P99_MS,
            detail="latency is measured, not estimated: the same verdict in both columns",
        ))
    return out


# --------------------------------------------------------------------------------------------- machine


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    here = Path(__file__).resolve().parent
    try:
        done = subprocess.run(
            ["git", "-C", str(here), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "unknown"


def machine_info() -> dict[str, str]:
    """CPU, cores, Python and the versions of the packages the scanners use."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        cpu = cpu or "unknown"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0
    return {
        "CPU": cpu,
        "nproc": str(os.cpu_count() or 0),
        "usable CPUs (affinity)": str(usable),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "quarterdeck": f"{_version('quarterdeck')} (git {_git_commit()})",
        "presidio-analyzer": _version("presidio-analyzer"),
        "detect-secrets": _version("detect-secrets"),
        "spacy": _version("spacy"),
    }


# --------------------------------------------------------------------------------------------- markdown


def benchmark_command(split: str = "test", output: Path | None = None) -> BenchmarkReport:
    """What ``quarterdeck guard benchmark [--split S] [--output FILE]`` runs.

    Measures the default scanners on ``split``; writes the Markdown page to ``output`` (keeping its notes
    block) or prints it to stdout when ``output`` is ``None``. Returns the report, whose ``targets`` say
    which of the issue's targets are met.
    """
    from quarterdeck.guard.benchmark_page import read_notes, render_markdown  # the page imports this module

    report = run_benchmark(split)
    command = f"quarterdeck guard benchmark --split {split}" + (f" --output {output}" if output else "")
    if output is None:
        print(render_markdown(report, command=command))
        return report
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_markdown(report, notes=read_notes(output), command=command), encoding="utf-8")
    met = sum(t.met for t in report.targets)
    print(f"wrote {output}: {met} of {len(report.targets)} targets met on the {split} split")
    return report
