"""Writes ``injection_train_extra.jsonl``: an additional, independently written training set for the injection
classifier (attacks and hard-negative benign prompts), so that it learns the concept rather than one generator's
templates.

Run from the repository root::

    python -m scripts.guard_data.make_train_extra

Deterministic (one seeded ``random.Random``), standard library only. Pools: :mod:`._extra_pools` (attacks, shared
carriers and frames) and :mod:`._extra_pools_benign` (benign families). Every row is ``{"family", "label",
"obfuscation", "text"}``. A generated text is dropped when it duplicates another row, equals a text of
``injection_train.jsonl`` or ``injection_dev.jsonl``, or shares a run of ``_train_split.SHINGLE`` lower-cased words with any
dev text (the same word runs as ``_train_split._shingles``). No other evaluation split is read here.
"""

from __future__ import annotations

import base64
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from scripts.guard_data import _extra_pools as A
from scripts.guard_data import _extra_pools_benign as B
from scripts.guard_data._train_split import _shingles as shingles

DATA = Path(__file__).resolve().parents[2] / "src" / "quarterdeck" / "guard" / "data"
OUT_NAME = "injection_train_extra.jsonl"
SEED = 73_120_946
MIN_LEN, MAX_LEN = 20, 1500

ATTACK_COUNTS = {"direct-override": 560, "jailbreak-roleplay": 470, "system-prompt-extraction": 440,
                 "indirect": 780, "fake-delimiter": 400, "multilingual": 350}
OBFUSCATED_SHARE = 0.283  # of the English attack families (multilingual rows stay plain): about 25% of all attacks
OBFUSCATIONS = ("homoglyph", "zero-width", "tag-characters", "base64", "hex", "leetspeak", "spacing")
BENIGN_COUNTS = {"everyday": 620, "coding": 590, "customer-support": 400, "documents": 580,
                 "meta-instructions": 420, "security-education": 340, "quoted-attack": 330, "lookalike": 420,
                 "multilingual-benign": 300}
BENIGN_ENCODED = {"base64": 40, "hex": 30}  # legit decoding questions (families: coding, lookalike, everyday)
BENIGN_OBFUSCATED = {"homoglyph": 12, "zero-width": 12, "leetspeak": 12, "spacing": 8}
FRAME_SHARE = 0.22  # share of short prompts (either label) wrapped in a shared, harmless frame
MULTIPART_SHARE = 0.15  # share of short prompts (either label) sent as one part of a longer, multi-request message
NOISE_SHARE = 0.10  # share of plain English prompts (either label) given a typo, lower case or lost punctuation

SLOTS: dict[str, list[str]] = {**A.SLOTS, **B.SLOTS}
_SLOT = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")
UNKNOWN_SLOTS: set[str] = set()

Obf = Callable[[str], str]
Rebuild = Callable[[Obf], str]

# ------------------------------------------------------------------------------------------------ rendering


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill(template: str, rng: random.Random, fixed: Mapping[str, str] | None = None) -> str:
    """Fill ``{name}`` slots in one pass: ``fixed`` values first, then ``SLOTS`` (``{city2}`` draws from ``city``);
    ``{Name}`` capitalises. Anything else in braces (JSON, code) is left alone."""
    fixed = fixed or {}

    def pick(match: re.Match[str]) -> str:
        name = match.group(1)
        key = name.lower()
        if key in fixed:
            value = fixed[key]
        else:
            pool = SLOTS.get(key) or SLOTS.get(key.rstrip("0123456789"))
            if pool is None:
                UNKNOWN_SLOTS.add(name)
                return match.group(0)
            value = rng.choice(pool)
        return cap(value) if name[0].isupper() else value

    return _SLOT.sub(pick, template)


def filler(rng: random.Random) -> str:
    """An ordinary request, as the other parts of a message with several requests."""
    return fill(rng.choice(rng.choice((B.EVERYDAY, B.CUSTOMER_SUPPORT, B.CODING, B.META, B.LOOKALIKE))), rng)


def multipart(n_parts: int, rng: random.Random) -> str:
    """A message of ``n_parts`` requests, one of them the placeholder ``\x00`` (at the start, middle or end)."""
    parts = [filler(rng) for _ in range(n_parts - 1)]
    parts.insert(rng.randrange(n_parts), "\x00")
    style = rng.randrange(4)
    if style == 0:
        return rng.choice(("A few things:", "Several questions today.", "hi, couple of things")) + "\n" + "\n".join(
            f"{i}. {part}" for i, part in enumerate(parts, 1))
    if style == 1:
        return "\n\n".join(parts)
    if style == 2:
        return "\n".join(f"- {part}" for part in parts)
    return " ".join(parts)


def framed(text: str, rng: random.Random) -> tuple[str, Rebuild, bool]:
    """``text`` alone, inside a shared harmless frame, or as one part of a longer message of ordinary requests;
    with a rebuild that transforms only ``text``."""
    roll = rng.random()
    if roll < FRAME_SHARE:
        frame = rng.choice(A.FRAMES)
        return frame.replace("{x}", text), lambda obf: frame.replace("{x}", obf(text)), True
    if roll < FRAME_SHARE + MULTIPART_SHARE:
        shell = multipart(rng.choice((2, 3, 3, 4, 5)), rng)
        return shell.replace("\x00", text), lambda obf: shell.replace("\x00", obf(text)), True
    return text, lambda obf: obf(text), False


def documents(middle: str, rng: random.Random, values: Mapping[str, str]) -> str:
    """One to four pasted documents (carriers); ``middle`` goes in one of them, the others get ordinary notes."""
    n_docs = rng.choices((1, 2, 3, 4), (55, 25, 13, 7))[0]
    slot = rng.randrange(n_docs)
    docs = [fill(rng.choice(A.CARRIERS), rng, {**values, "inj": middle if i == slot
                                                else fill(rng.choice(B.NOTES), rng, values)})
            for i in range(n_docs)]
    return rng.choice(("\n\n---\n\n", "\n\n", "\n\n[next document]\n\n", "\n\n=====\n\n")).join(docs)


# ------------------------------------------------------------------------------------------------ obfuscations

_HOMOGLYPHS = {"a": "\u0430\u03b1", "c": "\u0441", "e": "\u0435", "i": "\u0456", "j": "\u0458", "o": "\u043e\u03bf",
               "p": "\u0440", "s": "\u0455", "x": "\u0445", "y": "\u0443", "h": "\u04bb", "A": "\u0391\u0410",
               "B": "\u0392", "E": "\u0415", "H": "\u0397", "I": "\u0399", "K": "\u039a", "M": "\u041c",
               "O": "\u039f", "P": "\u0420", "T": "\u03a4\u0422", "X": "\u03a7", "S": "\u0405", "C": "\u0421"}
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
_LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7+", "g": "9", "b": "8", "l": "1|", "z": "2"}


def homoglyph(text: str, rng: random.Random) -> str:
    rate = rng.choice((0.4, 0.65, 0.9))
    return "".join(rng.choice(_HOMOGLYPHS[c]) if c in _HOMOGLYPHS and rng.random() < rate else c for c in text)


def zero_width(text: str, rng: random.Random) -> str:
    style = rng.randrange(3)  # 0: after every letter, 1: at random, 2: once per word
    out: list[str] = []
    for word in re.split(r"(\s+)", text):
        if style == 2 and len(word) > 3 and word.isalpha():
            cut = rng.randrange(1, len(word))
            out.append(word[:cut] + rng.choice(_INVISIBLE) + word[cut:])
            continue
        for i, ch in enumerate(word):
            out.append(ch)
            if ch.isalpha() and i + 1 < len(word) and word[i + 1].isalpha() and (style == 0 or rng.random() < 0.4):
                out.append(rng.choice(_INVISIBLE))
    return "".join(out)


def tags(text: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) if 0x20 <= ord(c) <= 0x7E else c for c in text)


def leet(text: str, rng: random.Random) -> str:
    rate = rng.choice((0.6, 0.85))
    return "".join(rng.choice(_LEET[c.lower()]) if c.lower() in _LEET and rng.random() < rate else c for c in text)


def spacing(text: str, rng: random.Random) -> str:
    """``i g n o r e   y o u r`` / ``i.g.n.o.r.e`` / only the longer words spaced out."""
    sep = rng.choice((" ", " ", ".", "-", "_", " . "))
    if rng.random() < 0.5:  # every word, wider gaps between words
        gap = rng.choice(("   ", " / ", "  ")) if sep == " " else " "
        words = re.sub(r"[ \t]+", "\x00", text)
        spaced = re.sub(r"[^\x00\s]+", lambda m: sep.join(m.group()), words)
        return spaced.replace("\x00", gap)
    return re.sub(r"[A-Za-z]{4,}", lambda m: sep.join(m.group()) if rng.random() < 0.6 else m.group(), text)


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def hexed(text: str, rng: random.Random) -> str:
    data = text.encode("utf-8")
    style = rng.randrange(4)
    if style == 0:
        return data.hex()
    if style == 1:
        return " ".join(f"{b:02x}" for b in data)
    if style == 2:
        return "".join(f"\\x{b:02x}" for b in data)
    return " ".join(f"0x{b:02X}" for b in data)


def obfuscator(kind: str, rng: random.Random, indirect: bool = False) -> Obf:
    """The transformation of an attack span for one obfuscation (encodings come with a decode-and-obey wrapper)."""
    if kind == "homoglyph":
        return lambda s: homoglyph(s, rng)
    if kind == "zero-width":
        return lambda s: zero_width(s, rng)
    if kind == "leetspeak":
        return lambda s: leet(s, rng)
    if kind == "spacing":
        return lambda s: spacing(s, rng)
    if kind == "tag-characters":
        return tags
    wrapper = rng.choice(A.INDIRECT_ENCODED if indirect else (A.BASE64_HINTS if kind == "base64" else A.HEX_HINTS))
    if kind == "base64":
        return lambda s: wrapper.replace("{enc}", b64(s))
    return lambda s: wrapper.replace("{enc}", hexed(s, rng))


def noise(text: str, rng: random.Random) -> str:
    """Everyday sloppiness, applied alike to both labels."""
    roll = rng.random()
    if roll < 0.35:
        return text.lower()
    if roll < 0.8:
        words = [m for m in re.finditer(r"[A-Za-z]{5,}", text)]
        if words:
            m = rng.choice(words)
            w = m.group()
            i = rng.randrange(1, len(w) - 2)
            return text[:m.start()] + w[:i] + w[i + 1] + w[i] + w[i + 2:] + text[m.end():]
        return text
    return text.rstrip(".!?") if text.rstrip()[-1:] in ".!?" else text + "??"


# ------------------------------------------------------------------------------------------------ attacks


def _payload_attack(templates: list[str], values: list[str], name: str, rng: random.Random) -> str:
    return fill(rng.choice(templates), rng, {name: rng.choice(values)})


def attack_direct(rng: random.Random) -> tuple[str, Rebuild, bool]:
    return framed(_payload_attack(A.DIRECT, A.PAYLOADS, "payload", rng), rng)


def attack_roleplay(rng: random.Random) -> tuple[str, Rebuild, bool]:
    return framed(_payload_attack(A.ROLEPLAY, A.GOALS, "goal", rng), rng)


def attack_extraction(rng: random.Random) -> tuple[str, Rebuild, bool]:
    lead, ask = rng.choice(A.EXTRACTION_LEADS), rng.choice(A.EXTRACTION)
    return framed(f"{lead} {ask}" if lead else ask, rng)


def attack_delimiter(rng: random.Random) -> tuple[str, Rebuild, bool]:
    text = _payload_attack(A.DELIMITER, A.PAYLOADS, "payload", rng)
    if rng.random() < 0.35:  # appended to an ordinary question, as pasted into a chat box
        lead = fill(rng.choice(B.EVERYDAY + B.CUSTOMER_SUPPORT), rng)
        sep = rng.choice(("\n", "\n\n", " "))
        return lead + sep + text, lambda obf: lead + sep + obf(text), True
    return framed(text, rng)


def attack_indirect(rng: random.Random) -> tuple[str, Rebuild, bool]:
    injection = _payload_attack(A.INJECTIONS, A.PAYLOADS, "payload", rng)
    ask = rng.choice(A.ASKS)
    values = {key: rng.choice(pool) for key, pool in SLOTS.items()}  # one draw per document, so names agree
    state = rng.getstate()

    def rebuild(obf: Obf) -> str:
        local = random.Random()
        local.setstate(state)  # the same documents around the (transformed) injection every time
        return fill(ask, local, {**values, "doc": documents(obf(injection), local, values)})

    return rebuild(lambda s: s), rebuild, True


def attack_multilingual(rng: random.Random) -> tuple[str, Rebuild, bool]:
    lang = rng.choice(sorted(A.MULTI))
    templates, payloads = A.MULTI[lang]
    roll = rng.random()
    if roll < 0.75:
        text = fill(rng.choice(templates), rng, {"p": rng.choice(payloads)})
    elif roll < 0.9:
        text = _payload_attack(A.CODE_SWITCHED, A.PAYLOADS, "payload", rng)
    else:  # an English frame around a payload in another language
        text = fill(rng.choice(A.DIRECT), rng, {"payload": rng.choice(payloads)})
    return text, lambda obf: obf(text), False


ATTACK_BUILDERS: dict[str, Callable[[random.Random], tuple[str, Rebuild, bool]]] = {
    "direct-override": attack_direct, "jailbreak-roleplay": attack_roleplay,
    "system-prompt-extraction": attack_extraction, "indirect": attack_indirect,
    "fake-delimiter": attack_delimiter, "multilingual": attack_multilingual,
}


def obfuscated_attack(family: str, kind: str, rng: random.Random) -> str:
    _, rebuild, covered = ATTACK_BUILDERS[family](rng)
    indirect = family == "indirect"
    text = rebuild(obfuscator(kind, rng, indirect))
    if kind == "tag-characters" and not covered:  # a visible, harmless cover with the attack invisible next to it
        cover = rng.choice(A.TAG_COVERS)
        text = f"{cover} {text}" if rng.random() < 0.7 else f"{text}\n{cover}"
    return text


# ------------------------------------------------------------------------------------------------ benign


def quoted_attack_source(rng: random.Random) -> str:
    family = rng.choice(("direct-override", "jailbreak-roleplay", "system-prompt-extraction", "fake-delimiter",
                         "multilingual", "injection"))
    if family == "injection":
        text = _payload_attack(A.INJECTIONS, A.PAYLOADS, "payload", rng)
    else:
        text = {"direct-override": lambda: _payload_attack(A.DIRECT, A.PAYLOADS, "payload", rng),
                "jailbreak-roleplay": lambda: _payload_attack(A.ROLEPLAY, A.GOALS, "goal", rng),
                "system-prompt-extraction": lambda: rng.choice(A.EXTRACTION),
                "fake-delimiter": lambda: _payload_attack(A.DELIMITER, A.PAYLOADS, "payload", rng),
                "multilingual": lambda: attack_multilingual(rng)[0]}[family]()
    return " ".join(text.split())


def benign_documents(rng: random.Random) -> str:
    if rng.random() < 0.7:  # the attack carriers and asks, with an ordinary note where an injection would sit
        values = {key: rng.choice(pool) for key, pool in SLOTS.items()}
        note = fill(rng.choice(B.NOTES), rng, values)
        return fill(rng.choice(A.ASKS), rng, {**values, "doc": documents(note, rng, values)})
    return fill(rng.choice(B.DOCUMENTS), rng)


def benign_multilingual(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(B.MULTI_FIXED)
    templates, fillers = B.MULTI[rng.choice(sorted(B.MULTI))]
    return fill(rng.choice(templates), rng, {"x": rng.choice(fillers)})


def _simple(templates: list[str]) -> Callable[[random.Random], str]:
    return lambda rng: fill(rng.choice(templates), rng)


BENIGN_BUILDERS: dict[str, Callable[[random.Random], str]] = {
    "everyday": _simple(B.EVERYDAY), "coding": _simple(B.CODING), "customer-support": _simple(B.CUSTOMER_SUPPORT),
    "documents": benign_documents, "meta-instructions": _simple(B.META), "security-education": _simple(B.SECURITY),
    "quoted-attack": lambda rng: fill(rng.choice(B.QUOTED_FRAMES), rng, {"q": quoted_attack_source(rng)}),
    "lookalike": _simple(B.LOOKALIKE), "multilingual-benign": benign_multilingual,
}
FRAMED_BENIGN = {"everyday", "coding", "customer-support", "meta-instructions", "security-education", "lookalike"}


def benign_encoded(kind: str, rng: random.Random) -> str:
    plain = rng.choice(B.PLAINTEXTS)
    if kind == "base64":
        return rng.choice(B64_Q).replace("{enc}", b64(plain))
    return rng.choice(HEX_Q).replace("{enc}", hexed(plain, rng))


B64_Q, HEX_Q = B.B64_QUESTIONS, B.HEX_QUESTIONS

# ------------------------------------------------------------------------------------------------ filtering


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def read_rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


class Keeper:
    """Accepts a candidate text unless it is a duplicate, equals a train/dev text, shares a dev word run, or has a
    length outside [MIN_LEN, MAX_LEN]; counts the reasons."""

    def __init__(self, train: list[dict[str, Any]], dev: list[dict[str, Any]]) -> None:
        self.seen: set[str] = set()
        self.held = {_key(str(r["text"])) for r in train} | {_key(str(r["text"])) for r in dev}
        self.dev_runs: set[tuple[str, ...]] = set()
        for row in dev:
            self.dev_runs |= shingles(str(row["text"]))
        self.dropped: Counter[str] = Counter()

    def ok(self, text: str) -> bool:
        key = _key(text)
        reason = ("length" if not MIN_LEN <= len(text) <= MAX_LEN else "duplicate" if key in self.seen
                  else "equals-train-or-dev" if key in self.held
                  else "dev-6-word-run" if shingles(text) & self.dev_runs else "")
        if reason:
            self.dropped[reason] += 1
            return False
        self.seen.add(key)
        return True


def _draw(make: Callable[[], str], keeper: Keeper, tries: int = 400) -> str | None:
    for _ in range(tries):
        text = make()
        if keeper.ok(text):
            return text
    return None


# ------------------------------------------------------------------------------------------------ main


def build(rng: random.Random, keeper: Keeper) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(text: str | None, label: str, family: str, obfuscation: str) -> None:
        if text is None:
            raise RuntimeError(f"could not draw a new {label}/{family}/{obfuscation} text; pools exhausted")
        rows.append({"family": family, "label": label, "obfuscation": obfuscation, "text": text})

    for family, count in ATTACK_COUNTS.items():
        n_obf = 0 if family == "multilingual" else round(count * OBFUSCATED_SHARE)
        schedule = [OBFUSCATIONS[i % len(OBFUSCATIONS)] for i in range(n_obf)] + ["none"] * (count - n_obf)
        rng.shuffle(schedule)
        for kind in schedule:
            if kind == "none":
                def make(family: str = family) -> str:
                    text = ATTACK_BUILDERS[family](rng)[0]
                    return noise(text, rng) if family != "multilingual" and rng.random() < NOISE_SHARE else text
            else:
                def make(family: str = family, kind: str = kind) -> str:
                    return obfuscated_attack(family, kind, rng)
            add(_draw(make, keeper), "attack", family, kind)

    special: list[tuple[str, str]] = []  # (family, obfuscation) of the benign rows that are not plain
    encoded_families = ("coding", "lookalike", "everyday")
    encoded = [kind for kind, n in BENIGN_ENCODED.items() for _ in range(n)]
    special += [(encoded_families[i % 3], kind) for i, kind in enumerate(encoded)]
    plain_families = ("everyday", "customer-support", "coding")
    obfuscated = [kind for kind, n in BENIGN_OBFUSCATED.items() for _ in range(n)]
    special += [(plain_families[i % 3], kind) for i, kind in enumerate(obfuscated)]
    for family, kind in special:
        if kind in ("base64", "hex"):
            text = _draw(lambda kind=kind: benign_encoded(kind, rng), keeper)
        else:
            text = _draw(lambda family=family, kind=kind: obfuscator(kind, rng)(BENIGN_BUILDERS[family](rng)),
                         keeper)
        add(text, "benign", family, kind)
    already = Counter(family for family, _ in special)
    for family, count in BENIGN_COUNTS.items():
        for _ in range(count - already[family]):
            def make(family: str = family) -> str:
                text = BENIGN_BUILDERS[family](rng)
                if family in FRAMED_BENIGN:
                    text = framed(text, rng)[0]
                if family != "multilingual-benign" and rng.random() < NOISE_SHARE:
                    text = noise(text, rng)
                return text
            add(_draw(make, keeper), "benign", family, "none")
    return rows


def template_counts() -> dict[str, int]:
    attack = (len(A.DIRECT) + len(A.ROLEPLAY) + len(A.EXTRACTION) + len(A.DELIMITER) + len(A.INJECTIONS)
              + len(A.CARRIERS) + sum(len(t) for t, _ in A.MULTI.values()) + len(A.CODE_SWITCHED))
    attack_aux = (len(A.PAYLOADS) + len(A.GOALS) + len(A.EXTRACTION_LEADS) + len(A.ASKS) + len(A.BASE64_HINTS)
                  + len(A.HEX_HINTS) + len(A.INDIRECT_ENCODED) + len(A.TAG_COVERS)
                  + sum(len(p) for _, p in A.MULTI.values()))
    benign = (len(B.EVERYDAY) + len(B.CODING) + len(B.CUSTOMER_SUPPORT) + len(B.DOCUMENTS) + len(B.NOTES)
              + len(B.META) + len(B.SECURITY) + len(B.QUOTED_FRAMES) + len(B.LOOKALIKE)
              + sum(len(t) for t, _ in B.MULTI.values()) + len(B.MULTI_FIXED) + len(B.B64_QUESTIONS)
              + len(B.HEX_QUESTIONS))
    return {"attack templates": attack, "attack fillers (payloads, goals, leads, asks, hints)": attack_aux,
            "benign templates": benign, "shared frames": len(A.FRAMES)}


def main(out: Path = DATA / OUT_NAME) -> None:
    keeper = Keeper(read_rows("injection_train.jsonl"), read_rows("injection_dev.jsonl"))
    rng = random.Random(SEED)
    rows = build(rng, keeper)
    if UNKNOWN_SLOTS:
        raise ValueError(f"unknown template slots: {sorted(UNKNOWN_SLOTS)}")
    random.Random(SEED + 1).shuffle(rows)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")

    table = Counter((r["label"], r["family"], r["obfuscation"]) for r in rows)
    print(f"wrote {out} ({len(rows)} rows)")
    print(f"{'label':<8} {'family':<26} {'obfuscation':<15} {'rows':>5}")
    for (label, family, obf), n in sorted(table.items()):
        print(f"{label:<8} {family:<26} {obf:<15} {n:>5}")
    labels = Counter(r["label"] for r in rows)
    print(f"total: {labels['attack']} attack + {labels['benign']} benign")
    print("dropped while drawing: " + (", ".join(f"{k} {v}" for k, v in sorted(keeper.dropped.items())) or "none"))
    for name, n in template_counts().items():
        print(f"{name}: {n}")


if __name__ == "__main__":
    main()
