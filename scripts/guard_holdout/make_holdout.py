"""Generate the blind prompt-injection holdout set.

Run from the repository root:

    python -m scripts.guard_holdout.make_holdout

Writes src/quarterdeck/guard/data/injection_holdout.jsonl and prints a summary.
Deterministic (fixed seed), standard library only.  All templates live in the
private ``_*.py`` modules next to this file and were written by hand, without
reference to the detector's code, rules, training data or other splits.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

from . import _attack_slots as AS
from ._attacks_a import DIRECT_OVERRIDE, JAILBREAK_ROLEPLAY, SYSTEM_PROMPT_EXTRACTION
from ._attacks_b import FAKE_DELIMITER, INDIRECT
from ._attacks_ml import GOAL_DE, GOAL_ES, GOAL_FR, GOAL_IT, GOAL_PT, MULTILINGUAL
from ._benign_coding import CODING, CODING_SLOTS
from ._benign_docs import DOC_SLOTS, DOCUMENTS
from ._benign_everyday import EVERYDAY, EVERYDAY_SLOTS
from ._benign_look import LOOK_SLOTS, LOOKALIKE, MULTILINGUAL_BENIGN
from ._benign_sec import QINJ, QUOTED_ATTACK, SEC_SLOTS, SECURITY_EDUCATION
from ._benign_support import CUSTOMER_SUPPORT, META_INSTRUCTIONS, META_SLOTS, SUPPORT_SLOTS
from ._obfuscate import LATIN_ONLY, OBFUSCATIONS, OPEN, latin_ratio, render, split_span

SEED = 20240917
REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "src" / "quarterdeck" / "guard" / "data" / "injection_holdout.jsonl"

ATTACK_SLOTS = {
    "goal": AS.GOALS,
    "jb_q": AS.JB_Q,
    "jb_how": AS.JB_HOW,
    "jb_topic": AS.JB_TOPIC,
    "persona": AS.PERSONAS,
    "phish_url": AS.PHISH_URLS,
    "exfil_url": AS.EXFIL_URLS,
    "exfil_email": AS.EXFIL_EMAILS,
    "exfil_data": AS.EXFIL_DATA,
    "ind_action": AS.IND_ACTIONS,
    "inj": AS.INJ,
    "order": AS.ORDERS,
    "ticket": AS.TICKETS,
    "cover": AS.COVERS,
    "goal_es": GOAL_ES,
    "goal_fr": GOAL_FR,
    "goal_de": GOAL_DE,
    "goal_pt": GOAL_PT,
    "goal_it": GOAL_IT,
}

# (family, templates, target count, max uses per template)
ATTACK_FAMILIES = [
    ("direct-override", DIRECT_OVERRIDE, 75, 4),
    ("jailbreak-roleplay", JAILBREAK_ROLEPLAY, 75, 4),
    ("system-prompt-extraction", SYSTEM_PROMPT_EXTRACTION, 75, 4),
    ("indirect", INDIRECT, 75, 4),
    ("fake-delimiter", FAKE_DELIMITER, 75, 4),
    ("multilingual", MULTILINGUAL, 75, 4),
]

# (family, templates, slots, target, cap)
BENIGN_FAMILIES = [
    ("everyday", EVERYDAY, EVERYDAY_SLOTS, 375, 12),
    ("coding", CODING, CODING_SLOTS, 225, 12),
    ("customer-support", CUSTOMER_SUPPORT, SUPPORT_SLOTS, 150, 10),
    ("documents", DOCUMENTS, DOC_SLOTS, 150, 8),
    ("meta-instructions", META_INSTRUCTIONS, META_SLOTS, 150, 10),
    ("security-education", SECURITY_EDUCATION, SEC_SLOTS, 150, 10),
    ("quoted-attack", QUOTED_ATTACK, {"qinj": QINJ}, 75, 6),
    ("lookalike", LOOKALIKE, LOOK_SLOTS, 150, 5),
    ("multilingual-benign", MULTILINGUAL_BENIGN, {}, 75, 4),
]

OBF_SHARE = 0.30
_SLOT_RE = re.compile(r"§(\w+)§")


def _sentence_start(text: str, pos: int) -> bool:
    """True if position `pos` starts a sentence (ignoring spaces, span markers, quotes)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u27e6\u27e7\"'(":
        i -= 1
    return i < 0 or text[i] in ".!?"


def fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    """Fill §slot§ placeholders.  The same slot name gets the same value within
    one instance (so a persona or a name stays consistent); §Slot§ capitalises,
    §SLOT§ upper-cases, and fillers starting a sentence are capitalised."""
    chosen: dict[str, str] = {}

    def pick(low: str) -> str:
        if low not in chosen:
            chosen[low] = rng.choice(slots[low])
        return chosen[low]

    def sub(m: re.Match) -> str:
        name = m.group(1)
        low = name.lower()
        if name not in slots and low not in slots:
            raise KeyError(f"unknown slot {name!r} in template {template[:60]!r}")
        val = pick(name if name in slots else low)
        if name not in slots and name.isupper():
            return val.upper()
        if (name not in slots or _sentence_start(m.string, m.start())) and val[:1].islower():
            return val[:1].upper() + val[1:]
        return val

    for _ in range(6):
        new = _SLOT_RE.sub(sub, template)
        if new == template:
            break
        template = new
    if "§" in template:
        raise ValueError(f"unfilled slot in {template[:80]!r}")
    return template


def _valid(text: str) -> bool:
    return 1 <= len(text) <= 2000 and bool(text.strip())


def generate_family(family, templates, target, cap, rng, seen, make_one):
    """Round-robin over templates (shuffled) until `target` unique texts exist."""
    order = list(range(len(templates)))
    rng.shuffle(order)
    uses: Counter = Counter()
    dead: set[int] = set()
    rows = []
    while len(rows) < target:
        progress = False
        for i in order:
            if len(rows) >= target:
                break
            if i in dead or uses[i] >= cap:
                continue
            for _ in range(40):
                row = make_one(templates[i], len(rows))
                if row is None:
                    continue
                if row["text"] not in seen and _valid(row["text"]):
                    seen.add(row["text"])
                    row["_tid"] = f"{family}:{i}"
                    rows.append(row)
                    uses[i] += 1
                    progress = True
                    break
            else:
                dead.add(i)
        if not progress:
            raise SystemExit(f"{family}: only {len(rows)}/{target} unique texts possible; add templates")
    return rows


def build() -> list[dict]:
    rng = random.Random(SEED)
    seen: set[str] = set()
    rows: list[dict] = []

    # Obfuscation plan for attacks: ~30% obfuscated, stratified per family and
    # rotated so every kind appears in every family and the totals stay even.
    total_attacks = sum(t for _, _, t, _ in ATTACK_FAMILIES)
    n_obf = round(total_attacks * OBF_SHARE)
    plans, given = [], 0
    for j, (_, _, target, _) in enumerate(ATTACK_FAMILIES):
        k = round(n_obf * (j + 1) * target / total_attacks) - given
        given += k
        kinds = [OBFUSCATIONS[(given - k + i) % len(OBFUSCATIONS)] for i in range(k)]
        fam_plan = kinds + ["none"] * (target - k)
        rng.shuffle(fam_plan)
        plans.append(fam_plan)

    for (family, templates, target, cap), fam_plan in zip(ATTACK_FAMILIES, plans):
        for t in templates:
            split_span(t)  # validates exactly one marked span

        def make_attack(tmpl, k, fam_plan=fam_plan, family=family):
            kind = fam_plan[k]
            filled = fill(tmpl, ATTACK_SLOTS, rng)
            _, span, _ = split_span(filled)
            if kind in LATIN_ONLY and latin_ratio(span) < 0.5:
                kind = rng.choice(["zero-width", "base64", "hex"])
            text = render(filled, kind, rng, AS.COVERS)
            return {"family": family, "label": "attack", "obfuscation": kind, "text": text}

        rows += generate_family(family, templates, target, cap, rng, seen, make_attack)

    for family, templates, slots, target, cap in BENIGN_FAMILIES:
        for t in templates:
            body = t[0] if isinstance(t, tuple) else t
            assert OPEN not in body, family

        def make_benign(tmpl, k, slots=slots, family=family):
            body, obf = tmpl if isinstance(tmpl, tuple) else (tmpl, "none")
            return {"family": family, "label": "benign", "obfuscation": obf, "text": fill(body, slots, rng)}

        rows += generate_family(family, templates, target, cap, rng, seen, make_benign)

    rng.shuffle(rows)
    return rows


def summarize(rows: list[dict]) -> None:
    print(f"wrote {len(rows)} rows -> {OUT.relative_to(REPO)}")
    by_label = Counter(r["label"] for r in rows)
    print("\nlabel counts:", dict(by_label))
    print(f"\n{'label':7} {'family':26} {'n':>5}   obfuscation breakdown")
    fam = defaultdict(Counter)
    for r in rows:
        fam[(r["label"], r["family"])][r["obfuscation"]] += 1
    for (label, family), c in sorted(fam.items()):
        print(f"{label:7} {family:26} {sum(c.values()):5}   " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
    print("\nobfuscation totals (attack):", dict(Counter(r["obfuscation"] for r in rows if r["label"] == "attack")))
    print("obfuscation totals (benign):", dict(Counter(r["obfuscation"] for r in rows if r["label"] == "benign")))
    lens = [len(r["text"]) for r in rows]
    mid = sum(1 for n in lens if 40 <= n <= 600)
    print(f"\nlength: min={min(lens)} median={statistics.median(lens):.0f} max={max(lens)}; "
          f"{mid / len(lens):.0%} within 40-600 chars")
    for label in ("attack", "benign"):
        tids = Counter(r["_tid"] for r in rows if r["label"] == label)
        top_tid, top_n = tids.most_common(1)[0]
        print(f"{label}: {len(tids)} distinct templates used; max share {top_n}/{by_label[label]} "
              f"({top_n / by_label[label]:.1%}, {top_tid})")


def main() -> int:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        for r in rows:
            rec = {k: r[k] for k in ("family", "label", "obfuscation", "text")}
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    summarize(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
