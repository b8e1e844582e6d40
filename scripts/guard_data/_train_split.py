"""The injection TRAINING split (``injection_train.jsonl``): the shipped classifier's training data.

Built from pools of its own (``_train_attack_pools``, ``_train_benign_pools``, ``_train_grammar``) with the same
machinery as the other splits (:mod:`scripts.guard_data.make_sets`), and kept apart from the dev and test splits:
:func:`disjoint_from` drops a generated text that equals a dev/test text or shares a run of :data:`SHINGLE` words with
one, and :func:`check_train_disjoint` refuses to write the split if any remains.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from typing import Any

from scripts.guard_data import _train_attack_pools, _train_benign_pools, _train_grammar
from scripts.guard_data.make_sets import b64, expand, homoglyphs, injection_attacks, leetspeak, zero_width

ATTACK_COUNTS = {"direct": 330, "roleplay": 230, "delimiter": 170, "extraction": 220, "indirect": 300, "obfuscated": 90}
SEED = 57_310_448
SHINGLE = 6  # a training text may share no run of this many words with a dev or test text


def injection_train(rng: random.Random) -> list[dict[str, Any]]:
    """The classifier's training split: attacks and benign prompts from the ``_train_*_pools`` only.

    A share of the attacks and of the benign prompts is obfuscated (the same transformations as the other splits,
    applied to training texts), so that obfuscation alone does not mark a text as an attack.
    """
    attacks = injection_attacks("train", rng, _train_attack_pools.TRAIN, ATTACK_COUNTS)
    seen: set[str] = set()
    benign: list[dict[str, Any]] = []
    for family, (templates, count) in _train_benign_pools.POOL.items():
        for text in expand(templates, _train_benign_pools.SLOTS, count, rng, seen):
            benign.append({"text": text, "label": "benign", "family": family, "obfuscation": "none"})
    plain = [row for row in benign if row["family"] != "multilingual-benign"]
    extra: list[dict[str, Any]] = []
    for obfuscation in ("homoglyph", "zero-width", "leetspeak", "base64"):
        for row in rng.sample(plain, 45):
            text = row["text"]
            if obfuscation == "homoglyph":
                text = homoglyphs(text, rng)
            elif obfuscation == "zero-width":
                text = zero_width(text, rng)
            elif obfuscation == "leetspeak":
                text = leetspeak(text, rng)
            else:
                text = "Could you turn this base64 back into text? " + b64(text)
            extra.append({"text": text, "label": "benign", "family": row["family"], "obfuscation": obfuscation})
    grammar: list[dict[str, Any]] = []
    for family, build, n_attacks, benign_family, n_benign in _train_grammar.GRAMMAR:
        for harmful, name, count in ((True, family, n_attacks), (False, benign_family, n_benign)):
            made = tries = 0
            while made < count and tries < count * 30:
                tries += 1
                text = build(rng, harmful)
                key = " ".join(text.lower().split())
                if key in seen:
                    continue
                seen.add(key)
                made += 1
                grammar.append({"text": text, "label": "attack" if harmful else "benign", "family": name,
                                "obfuscation": "none"})
    return attacks + benign + extra + grammar


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Runs of :data:`SHINGLE` words (not runs of single characters, as in spaced-out or zero-width texts)."""
    words = re.findall(r"\w+", text.lower())
    runs = (tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))
    return {run for run in runs if any(len(word) > 1 for word in run)}


def disjoint_from(
    train: Sequence[dict[str, Any]], held: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    """The training rows that neither equal a dev/test text nor share a run of :data:`SHINGLE` words with one
    (the grammar's combinations can meet a held-out phrase by chance), and how many were dropped."""
    held_texts = {" ".join(str(row["text"]).lower().split()) for row in held}
    held_shingles: set[tuple[str, ...]] = set()
    for row in held:
        held_shingles |= _shingles(str(row["text"]))
    kept = [row for row in train if " ".join(str(row["text"]).lower().split()) not in held_texts
            and not _shingles(str(row["text"])) & held_shingles]
    return kept, len(train) - len(kept)


def check_train_disjoint(train: Sequence[Mapping[str, Any]], held: Sequence[Mapping[str, Any]]) -> None:
    """Refuse training texts that equal a dev/test text or share a run of :data:`SHINGLE` words with one."""
    held_texts = {" ".join(str(row["text"]).lower().split()) for row in held}
    held_shingles: set[tuple[str, ...]] = set()
    for row in held:
        held_shingles |= _shingles(str(row["text"]))
    bad = []
    for row in train:
        text = str(row["text"])
        shared = _shingles(text) & held_shingles
        if " ".join(text.lower().split()) in held_texts or shared:
            bad.append(f"{text[:80]!r}: {sorted(' '.join(s) for s in shared)[:2]}")
    if bad:
        raise ValueError(f"{len(bad)} training texts overlap the dev/test splits:\n" + "\n".join(bad[:20]))
