"""Writes the guard evaluation sets (``*_dev.jsonl``, ``*_test.jsonl``, ``injection_train.jsonl``) into the package.

Run once, from the repository root, when the templates change::

    python -m scripts.guard_data.make_sets

The files go to ``src/quarterdeck/guard/data/``. The output is deterministic (every split has its own seeded
``random.Random``), so rerunning it rewrites byte-identical files (``tests/unit/guard/test_benchmark.py`` checks
that). The JSONL files are the shipped data; this script and its ``_*_pools`` modules are how they were made, live
outside the package and are not read at run time.

Every secret, card number, IBAN, SSN, key and token written here is random and synthetic; every name and
record is fictional. The ``dev`` and ``test`` splits are drawn from separate, independently written template
pools (different phrasings, different payloads, disjoint slot values), so a scanner tuned on ``dev`` is not
tuned on ``test``. The injection ``train`` split (the classifier's training data, :mod:`._train_split`) comes from a
third set of pools, written without the dev and test pools' phrasings, payloads or slot values; the generator refuses
to write it when a training text equals or shares a run of six words with a dev or test text.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from scripts.guard_data import (
    _benign_pools,
    _injection_pools,
    _pii_pools,
    _secrets_pools,
)

HERE = Path(__file__).resolve().parents[2] / "src" / "quarterdeck" / "guard" / "data"
SPLITS = ("dev", "test")
SEEDS = {"dev": 20_251_101, "test": 91_733_205}

PHONENUMBERS_VERSION = "9.0.43"
"""The ``phonenumbers`` release whose metadata decided which random phone numbers are valid when the files were
written; another release may accept or reject other numbers, so byte-identical output is only promised with it."""

OBFUSCATIONS = ("homoglyph", "zero-width", "tag-characters", "base64", "leetspeak")

# ------------------------------------------------------------------------------------------- obfuscations

# Latin letter -> look-alikes (Cyrillic and Greek), as seen in real homoglyph attacks.
_HOMOGLYPHS: dict[str, str] = {
    "a": "\u0430\u03b1",
    "c": "\u0441\u03f2",
    "d": "\u0501",
    "e": "\u0435",
    "h": "\u04bb",
    "i": "\u0456\u03b9",
    "j": "\u0458",
    "o": "\u043e\u03bf",
    "p": "\u0440\u03c1",
    "s": "\u0455",
    "x": "\u0445\u03c7",
    "y": "\u0443",
    "A": "\u0410\u0391",
    "B": "\u0412\u0392",
    "C": "\u0421",
    "E": "\u0415\u0395",
    "H": "\u041d\u0397",
    "I": "\u0406\u0399",
    "K": "\u041a\u039a",
    "M": "\u041c\u039c",
    "N": "\u039d",
    "O": "\u041e\u039f",
    "P": "\u0420\u03a1",
    "S": "\u0405",
    "T": "\u0422\u03a4",
    "X": "\u0425\u03a7",
    "Y": "\u03a5",
}
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
_LEET: dict[str, str] = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7", "g": "9", "b": "8", "l": "1"}


def homoglyphs(text: str, rng: random.Random) -> str:
    """Swap most replaceable Latin letters for Cyrillic/Greek look-alikes."""
    out = []
    for ch in text:
        choices = _HOMOGLYPHS.get(ch)
        out.append(rng.choice(choices) if choices and rng.random() < 0.7 else ch)
    return "".join(out)


def zero_width(text: str, rng: random.Random) -> str:
    """Break words with invisible characters: every character in one style, a few per word in the other."""
    every = rng.random() < 0.5
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch.isalpha() and nxt.isalpha() and (every or rng.random() < 0.35):
            out.append(rng.choice(_ZERO_WIDTH))
    return "".join(out)


def tag_characters(text: str) -> str:
    """Printable ASCII moved to the invisible Unicode tag block (U+E0020..U+E007E), the rest kept."""
    return "".join(chr(0xE0000 + ord(ch)) if 0x20 <= ord(ch) <= 0x7E else ch for ch in text)


def leetspeak(text: str, rng: random.Random) -> str:
    """Replace most ``a e i o s t g b l`` with digits or symbols."""
    out = []
    for ch in text:
        choices = _LEET.get(ch.lower())
        out.append(rng.choice(choices) if choices and rng.random() < 0.8 else ch)
    return "".join(out)


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


# ------------------------------------------------------------------------------------------- templates

_SLOT = re.compile(r"\{([A-Za-z][a-z0-9_]*)\}")


def render(template: str, values: dict[str, str]) -> str:
    """Fill ``{name}``/``{Name}`` slots in one pass (JSON braces such as ``{"a": 1}`` are left alone)."""
    return _SLOT.sub(lambda m: values[m.group(1)], template)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill_slots(template: str, slots: Mapping[str, Sequence[str]], rng: random.Random) -> str:
    """Fill each ``{name}`` slot from ``slots[name]`` (``{Name}`` capitalises the value)."""

    def pick(match: re.Match[str]) -> str:
        name = match.group(1)
        value = rng.choice(slots[name.lower()])
        return cap(value) if name[0].isupper() else value

    return re.sub(r"\{([A-Za-z][a-z0-9_]*)\}", pick, template)


def half(values: Sequence[str], split: str) -> list[str]:
    """Disjoint halves of a shared slot list: even indices for dev, odd for test."""
    return list(values[0 if split == "dev" else 1 :: 2])


def expand(
    templates: Sequence[str],
    slots: Mapping[str, Sequence[str]],
    count: int,
    rng: random.Random,
    seen: set[str],
) -> list[str]:
    """Up to ``count`` distinct texts, cycling through ``templates`` with random slot values."""
    out: list[str] = []
    attempts = 0
    while len(out) < count and attempts < count * 60:
        template = templates[attempts % len(templates)]
        attempts += 1
        text = fill_slots(template, slots, rng)
        key = " ".join(text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        out.append(text)
    return out


# ------------------------------------------------------------------------------------------- injection


def _whole(text: str) -> Callable[[Callable[[str], str]], str]:
    """A rebuild function that obfuscates all of ``text``."""

    def rebuild(obf: Callable[[str], str]) -> str:
        return obf(text)

    return rebuild


def _encoded_with(hint: str) -> Callable[[str], str]:
    """Base64-encode a text and put it in ``hint`` (which says to decode and follow it)."""

    def encode(text: str) -> str:
        return render(hint, {"encoded": b64(text)})

    return encode


def _attack_row(text: str, family: str, obfuscation: str = "none") -> dict[str, Any]:
    return {"text": text, "label": "attack", "family": family, "obfuscation": obfuscation}


_ATTACK_COUNTS = {"direct": 62, "roleplay": 45, "delimiter": 38, "extraction": 45, "indirect": 45, "obfuscated": 18}


def injection_attacks(
    split: str, rng: random.Random, pool: _injection_pools.AttackPool | None = None,
    counts: Mapping[str, int] = _ATTACK_COUNTS,
) -> list[dict[str, Any]]:
    pool = pool or _injection_pools.POOLS[split]
    seen: set[str] = set()
    base: list[tuple[dict[str, Any], Callable[[Callable[[str], str]], str]]] = []

    def add(text: str, family: str, rebuild: Callable[[Callable[[str], str]], str]) -> bool:
        key = " ".join(text.lower().split())
        if key in seen:
            return False
        seen.add(key)
        base.append((_attack_row(text, family), rebuild))
        return True

    def payload_templates(templates: Sequence[str], values: Sequence[str], name: str, family: str, n: int) -> None:
        made = tries = 0
        while made < n and tries < n * 50:
            tries += 1
            template = rng.choice(templates)
            value = rng.choice(values)
            frame = rng.choice(pool.frames) if rng.random() < 0.3 else "{attack}"
            attack = render(template, {name: value, cap_name(name): cap(value)})

            def rebuild(obf: Callable[[str], str], attack: str = attack, frame: str = frame) -> str:
                return render(frame, {"attack": obf(attack)})

            if add(rebuild(lambda s: s), family, rebuild):
                made += 1

    payload_templates(pool.direct, pool.payloads, "payload", "direct-override", counts["direct"])
    payload_templates(pool.roleplay, pool.goals, "goal", "jailbreak-roleplay", counts["roleplay"])
    payload_templates(pool.delimiter, pool.payloads, "payload", "fake-delimiter", counts["delimiter"])

    # system-prompt extraction: lead-in x ask
    made = 0
    for _ in range(20 * counts["extraction"] + 1100):
        if made >= counts["extraction"]:
            break
        lead, ask = rng.choice(pool.extraction_leads), rng.choice(pool.extraction_asks)
        attack = (lead + " " + ask).strip() if lead else ask

        if add(attack, "system-prompt-extraction", _whole(attack)):
            made += 1

    # indirect: a user's ordinary request about a document that carries an injected instruction
    made = 0
    for _ in range(20 * counts["indirect"] + 1100):
        if made >= counts["indirect"]:
            break
        ask, doc = rng.choice(pool.indirect_asks), rng.choice(pool.documents)
        value = rng.choice(pool.payloads)
        injection = render(rng.choice(pool.injections), {"payload": value, "Payload": cap(value)})

        def rebuild_i(obf: Callable[[str], str], ask: str = ask, doc: str = doc, injection: str = injection) -> str:
            return render(ask, {"document": render(doc, {"injection": obf(injection)})})

        if add(rebuild_i(lambda s: s), "indirect", rebuild_i):
            made += 1

    for text in pool.multilingual:
        add(text, "multilingual", _whole(text))

    rows = [row for row, _ in base]
    # obfuscated variants of a share of the English attacks, each obfuscation on its own random sample
    eligible = [(row, rebuild) for row, rebuild in base if row["family"] != "multilingual"]
    hints = pool.base64_hints
    covers = pool.tag_covers
    for obfuscation in OBFUSCATIONS:
        for row, rebuild in rng.sample(eligible, counts["obfuscated"]):
            if obfuscation == "homoglyph":
                text = rebuild(lambda s: homoglyphs(s, rng))
            elif obfuscation == "zero-width":
                text = rebuild(lambda s: zero_width(s, rng))
            elif obfuscation == "leetspeak":
                text = rebuild(lambda s: leetspeak(s, rng))
            elif obfuscation == "base64":
                hint = rng.choice(hints)
                text = rebuild(_encoded_with(hint))
            else:  # tag characters: a visible, harmless cover with the attack smuggled invisibly after it
                cover = rng.choice(covers)
                hidden = rebuild(tag_characters)
                text = hidden if row["family"] == "indirect" else cover + " " + hidden
            rows.append(_attack_row(text, row["family"], obfuscation))
    return rows


def cap_name(name: str) -> str:
    return name[:1].upper() + name[1:]


def injection_benign(split: str, rng: random.Random) -> list[dict[str, Any]]:
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    slots = {name: half(values, split) for name, values in _benign_pools.SLOTS.items()}
    for family, (templates, count) in _benign_pools.POOLS[split].items():
        for text in expand(templates, slots, count, rng, seen):
            rows.append({"text": text, "label": "benign", "family": family, "obfuscation": "none"})
    return rows


# ------------------------------------------------------------------------------------------- PII values


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    for check in string.digits:
        if luhn_ok(body + check):
            return body + check
    raise AssertionError("unreachable")


def credit_card(rng: random.Random) -> str:
    kind = rng.choice(["visa", "visa", "mc", "mc", "amex", "discover"])
    if kind == "amex":
        number = luhn_complete(rng.choice(["34", "37"]), 15, rng)
        groups = [number[:4], number[4:10], number[10:]]
    else:
        prefix = {"visa": "4", "mc": str(rng.randint(51, 55)), "discover": "6011"}[kind]
        number = luhn_complete(prefix, 16, rng)
        groups = [number[i : i + 4] for i in range(0, 16, 4)]
    sep = rng.choice([" ", "-", "", " "])
    return sep.join(groups)


def bad_card(rng: random.Random) -> str:
    """16 digits grouped like a card that fail the Luhn check."""
    while True:
        number = rng.choice("456") + "".join(rng.choice(string.digits) for _ in range(15))
        if not luhn_ok(number):
            return rng.choice([" ", "-"]).join(number[i : i + 4] for i in range(0, 16, 4))


_IBAN_BBAN: dict[str, Callable[[random.Random], str]] = {
    "DE": lambda r: _digits(r, 18),
    "GB": lambda r: r.choice(["NWBK", "BARC", "LOYD", "MIDL", "HBUK"]) + _digits(r, 14),
    "FR": lambda r: _digits(r, 10) + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(11))
    + _digits(r, 2),
    "NL": lambda r: r.choice(["ABNA", "INGB", "RABO", "TRIO"]) + _digits(r, 10),
    "ES": lambda r: _digits(r, 20),
    "IT": lambda r: r.choice(string.ascii_uppercase) + _digits(r, 10)
    + "".join(r.choice(string.digits) for _ in range(12)),
    "BE": lambda r: _digits(r, 12),
    "AT": lambda r: _digits(r, 16),
}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def iban_mod97(iban: str) -> int:
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97


def iban(rng: random.Random) -> str:
    country = rng.choice(list(_IBAN_BBAN))
    bban = _IBAN_BBAN[country](rng)
    check = 98 - iban_mod97(country + "00" + bban)
    compact = f"{country}{check:02d}{bban}"
    if rng.random() < 0.6:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return compact


def ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    sep = rng.choice(["-", "-", "-", " "])
    return f"{area:03d}{sep}{rng.randint(1, 99):02d}{sep}{rng.randint(1, 9999):04d}"


def ipv4(rng: random.Random) -> str:
    first = rng.choice([10, 172, 192, 203, 198, 85, 91, 145, 62, 81, 24, 73])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(rng: random.Random) -> str:
    groups = ["2001", "db8"] + [f"{rng.randint(0, 0xFFFF):x}" for _ in range(6)]
    return ":".join(groups)


def email(rng: random.Random, first: str, last: str) -> str:
    user = rng.choice([
        f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}", f"{first}_{last}", f"{last}.{first[0]}"
    ])
    domain = rng.choice(_pii_pools.EMAIL_DOMAINS)
    return user.lower().replace("'", "") + "@" + domain


def phone(rng: random.Random) -> str:
    import phonenumbers  # generation time only

    while True:
        style = rng.randrange(8)
        area = rng.choice(["212", "312", "415", "617", "646", "718", "503", "206", "512", "303", "404", "702"])
        line = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        last = f"{rng.randint(0, 9999):04d}"
        if style == 0:
            text, region = f"({area}) {line}-{last}", "US"
        elif style == 1:
            text, region = f"{area}-{line}-{last}", "US"
        elif style == 2:
            text, region = f"{area}.{line}.{last}", "US"
        elif style == 3:
            text, region = f"+1 {area} {line} {last}", "US"
        elif style == 4:
            text, region = f"+44 20 7{rng.randint(100, 999)} {rng.randint(0, 9999):04d}", "GB"
        elif style == 5:
            text, region = f"07{rng.randint(400, 999)} {rng.randint(100000, 999999)}", "GB"
        elif style == 6:
            text, region = f"+49 30 {rng.randint(1000000, 99999999)}", "DE"
        else:
            text, region = f"+33 1 {' '.join(f'{rng.randint(10, 99)}' for _ in range(4))}", "FR"
        if phonenumbers.is_valid_number(phonenumbers.parse(text, region)):
            return text


_PII_VALUES: dict[str, Callable[[random.Random, dict[str, str]], tuple[str, str]]] = {
    # slot -> (presidio entity type, value)
    "EMAIL": lambda r, ctx: ("EMAIL_ADDRESS", email(r, ctx["first"], ctx["last"])),
    "PHONE": lambda r, ctx: ("PHONE_NUMBER", phone(r)),
    "CARD": lambda r, ctx: ("CREDIT_CARD", credit_card(r)),
    "IBAN": lambda r, ctx: ("IBAN_CODE", iban(r)),
    "SSN": lambda r, ctx: ("US_SSN", ssn(r)),
    "IP": lambda r, ctx: ("IP_ADDRESS", ipv4(r) if r.random() < 0.85 else ipv6(r)),
    "PERSON": lambda r, ctx: ("PERSON", f"{ctx['first']} {ctx['last']}"),
    "FIRST": lambda r, ctx: ("PERSON", ctx["first"]),
    "PERSON2": lambda r, ctx: ("PERSON", f"{ctx['first2']} {ctx['last2']}"),
    "CITY": lambda r, ctx: ("LOCATION", ctx["city"]),
    "COUNTRY": lambda r, ctx: ("LOCATION", ctx["country"]),
}
_PII_SLOT = re.compile(r"\{([A-Z][A-Z0-9]*)\}")


def fill_pii(
    template: str, rng: random.Random, split: str, transform: Callable[[str, str], str] | None = None
) -> dict[str, Any]:
    """Fill ``{EMAIL}``-style slots, recording each entity's type and offsets; lower-case slots are plain."""
    names = _pii_pools.FIRST_NAMES, _pii_pools.LAST_NAMES
    ctx = {
        "first": rng.choice(half(names[0], split)),
        "last": rng.choice(half(names[1], split)),
        "first2": rng.choice(half(names[0], split)),
        "last2": rng.choice(half(names[1], split)),
        "city": rng.choice(half(_pii_pools.CITIES, split)),
        "country": rng.choice(half(_pii_pools.COUNTRIES, split)),
    }
    template = fill_slots(template, {k: half(v, split) for k, v in _pii_pools.PLAIN_SLOTS.items()}, rng)
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    pos = last = 0
    for match in _PII_SLOT.finditer(template):
        out.append(template[last : match.start()])
        pos += match.start() - last
        kind, value = _PII_VALUES[match.group(1)](rng, ctx)
        if transform is not None:
            value = transform(kind, value)
        entities.append({"type": kind, "start": pos, "end": pos + len(value)})
        out.append(value)
        pos += len(value)
        last = match.end()
    out.append(template[last:])
    return {"text": "".join(out), "entities": entities}


_FULLWIDTH = {ord(c): chr(ord(c) + 0xFEE0) for c in string.digits + string.ascii_letters + "@.-+"}


def pii_sets(split: str, rng: random.Random) -> list[dict[str, Any]]:
    pools = _pii_pools.POOLS[split]
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()

    def keep(row: dict[str, Any]) -> bool:
        key = row["text"].lower()
        if key in seen:
            return False
        seen.add(key)
        rows.append(row)
        return True

    made = i = 0
    while made < 210:
        template = pools.with_pii[i % len(pools.with_pii)]
        i += 1
        row = fill_pii(template, rng, split)
        row |= {"family": "pii", "obfuscation": "none"}
        made += keep(row)
    # obfuscated variants: invisible characters or full-width forms inside the entity itself
    obfuscatable = [t for t in pools.with_pii if re.search(r"\{(EMAIL|PHONE|CARD|SSN|IBAN)\}", t)]
    for obfuscation in ("zero-width", "fullwidth"):
        made = 0
        while made < 12:
            template = rng.choice(obfuscatable)

            def transform(kind: str, value: str, obfuscation: str = obfuscation) -> str:
                if kind not in {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE"}:
                    return value
                if obfuscation == "fullwidth":
                    return value.translate(_FULLWIDTH)
                cut = sorted(rng.sample(range(1, len(value)), 2))
                return value[: cut[0]] + "\u200b" + value[cut[0] : cut[1]] + "\u200d" + value[cut[1] :]

            row = fill_pii(template, rng, split, transform)
            row |= {"family": "pii", "obfuscation": obfuscation}
            made += keep(row)
    # texts without PII, including look-alikes (order numbers, versions, cards failing Luhn, dates)
    look = {
        "bad_card": [bad_card(rng) for _ in range(40)],
        "order": [f"{rng.choice(['ORD', 'SO', 'INV', 'PO'])}-{rng.randint(2019, 2025)}-{rng.randint(10000, 999999)}"
                  for _ in range(40)],
        "version": [f"{rng.randint(0, 12)}.{rng.randint(0, 40)}.{rng.randint(0, 30)}" for _ in range(40)],
        "build": [f"10.0.{rng.randint(17000, 26000)}.{rng.randint(300, 5000)}" for _ in range(20)],
        "ticket": [f"{rng.choice(['OPS', 'DATA', 'WEB', 'PAY', 'INFRA'])}-{rng.randint(100, 9999)}" for _ in range(40)],
        "amount": [f"{rng.randint(3, 9000)}.{rng.randint(0, 99):02d}" for _ in range(40)],
        "count": [str(rng.randint(2, 5000)) for _ in range(40)],
        "sku": [f"{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}-{rng.randint(1000, 99999)}"
                for _ in range(40)],
        "tracking": [f"TRK{rng.randint(10**9, 10**10 - 1)}" for _ in range(40)],
        "hexcolor": [f"#{rng.randint(0, 0xFFFFFF):06x}" for _ in range(20)],
        "date": [f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" for _ in range(40)],
        "time": [f"{rng.randint(0, 23):02d}:{rng.choice(['00', '15', '30', '45'])}" for _ in range(20)],
        "port": [str(rng.choice([80, 443, 5432, 6379, 8080, 8443, 9090, 3000, 27017])) for _ in range(20)],
    }
    look |= {k: half(v, split) for k, v in _pii_pools.PLAIN_SLOTS.items()}
    made = i = 0
    while made < 210:
        template = pools.without_pii[i % len(pools.without_pii)]
        i += 1
        text = fill_slots(template, look, rng)
        made += keep({"text": text, "entities": [], "family": "no-pii", "obfuscation": "none"})
    return rows


# ------------------------------------------------------------------------------------------- secrets

_B62 = string.ascii_letters + string.digits


def rand(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(["HS256", "RS256", "HS512"]), "typ": "JWT"}
    payload = {
        "sub": str(rng.randint(10**6, 10**9)),
        "name": rng.choice(_pii_pools.FIRST_NAMES) + " " + rng.choice(_pii_pools.LAST_NAMES),
        "iat": rng.randint(1_600_000_000, 1_760_000_000),
        "role": rng.choice(["admin", "user", "service", "billing"]),
    }
    sig = bytes(rng.randrange(256) for _ in range(32 if header["alg"] != "RS256" else 128))
    parts = [json.dumps(header, separators=(",", ":")).encode(), json.dumps(payload, separators=(",", ":")).encode()]
    return ".".join([*(_b64url(p) for p in parts), _b64url(sig)])


def pem(rng: random.Random) -> str:
    label = rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"])
    body = base64.b64encode(bytes(rng.randrange(256) for _ in range(rng.choice([240, 360, 480])))).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


def password(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits + "!#%&*+-=?@^_~"
    while True:
        value = rand(rng, alphabet, rng.randint(14, 28))
        if sum(c.isdigit() for c in value) >= 2 and any(not c.isalnum() for c in value):
            return value


_SECRET_VALUES: dict[str, Callable[[random.Random], str]] = {
    "akid": lambda r: "AKIA" + rand(r, string.ascii_uppercase + "234567", 16),
    "aksecret": lambda r: rand(r, _B62 + "/+", 40),
    "ghp": lambda r: r.choice(["ghp_", "ghp_", "gho_", "ghs_"]) + rand(r, _B62, 36),
    "slack": lambda r: f"{r.choice(['xoxb', 'xoxp'])}-{rand(r, string.digits, 12)}-{rand(r, string.digits, 13)}-"
    + rand(r, _B62, 24),
    "slack_hook": lambda r: f"https://hooks.slack.com/services/T{rand(r, string.ascii_uppercase + string.digits, 8)}"
    f"/B{rand(r, string.ascii_uppercase + string.digits, 10)}/{rand(r, _B62, 24)}",
    "stripe": lambda r: r.choice(["sk_live_", "sk_live_", "rk_live_"]) + rand(r, _B62, r.choice([24, 34, 99])),
    "pem": pem,
    "jwt": jwt,
    "password": password,
    "urlpass": lambda r: rand(r, _B62 + "-._~", r.randint(16, 28)),
    "user": lambda r: r.choice(["admin", "app", "svc_billing", "deploy", "etl_user", "root", "reporting"]),
}
_SECRET_SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def _fill_secret(template: str, values: Mapping[str, str]) -> str:
    return _SECRET_SLOT.sub(lambda m: values[m.group(1)], template)


def secrets_sets(split: str, rng: random.Random) -> list[dict[str, Any]]:
    pools = _secrets_pools.POOLS[split]
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()

    def fill(template: str) -> str:
        values = {name: fn(rng) for name, fn in _SECRET_VALUES.items()}
        values |= {k: rng.choice(half(v, split)) for k, v in _secrets_pools.PLAIN_SLOTS.items()}
        return _fill_secret(template, values)

    def keep(row: dict[str, Any]) -> None:
        if row["text"] not in seen:
            seen.add(row["text"])
            rows.append(row)

    for kind, templates in pools.secrets.items():
        for k in range(23):
            keep({"text": fill(templates[k % len(templates)]), "label": "secret", "kind": kind, "obfuscation": "none"})
    # a few secrets broken up by an invisible character, as a model told to smuggle one out might write them
    made = 0
    while made < 10:
        kind = rng.choice(["github-token", "aws-access-key", "stripe-key", "slack-token"])
        text = fill(rng.choice(pools.secrets[kind]))
        token = re.search(r"(AKIA|gh[pos]_|xox[bp]-|[sr]k_live_)[A-Za-z0-9_\-]+", text)
        if token is None:
            continue
        cut = token.start() + rng.randint(4, len(token.group()) - 2)
        keep({"text": text[:cut] + "\u200b" + text[cut:], "label": "secret", "kind": kind, "obfuscation": "zero-width"})
        made += 1
    uuids = [
        "-".join(rand(rng, "0123456789abcdef", n) for n in (8, 4, 4, 4, 12)) for _ in range(60)
    ]
    shas = [rand(rng, "0123456789abcdef", 40) for _ in range(60)]
    negatives: dict[str, Callable[[], str]] = {
        "uuid": lambda: rng.choice(uuids),
        "sha": lambda: rng.choice(shas),
        "short_sha": lambda: rng.choice(shas)[:7],
        "sha256": lambda: rand(rng, "0123456789abcdef", 64),
        "b64text": lambda: b64(rng.choice(half(_secrets_pools.PLAIN_SENTENCES, split))),
        "integrity": lambda: "sha512-" + base64.b64encode(bytes(rng.randrange(256) for _ in range(64))).decode(),
        "pubkey": lambda: base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + bytes(rng.randrange(256)
                                                                                          for _ in range(32))).decode(),
        "num": lambda: str(rng.randint(2, 9000)),
    }
    for kind, templates in pools.benign.items():
        before, k = len(rows), 0
        while len(rows) - before < pools.benign_counts[kind] and k < 1000:
            template = templates[k % len(templates)]
            k += 1
            values = {name: fn() for name, fn in negatives.items()}
            values |= {key: rng.choice(half(v, split)) for key, v in _secrets_pools.PLAIN_SLOTS.items()}
            text = _fill_secret(template, values)
            keep({"text": text, "label": "benign", "kind": kind, "obfuscation": "none"})
    return rows


# ------------------------------------------------------------------------------------------- latency


def latency_texts(split: str, rng: random.Random) -> list[dict[str, Any]]:
    """~2 KB requests: prose, code and logs, about half carrying PII."""
    prose = half(_secrets_pools.PROSE, split)
    code = half(_secrets_pools.CODE, split)
    pii_templates = _pii_pools.POOLS[split].with_pii
    rows = []
    for i in range(50):
        kind = ("prose", "code", "mixed")[i % 3]
        with_pii = i % 2 == 0
        parts: list[str] = []
        size = 0
        while size < 2048:
            roll = rng.random()
            if with_pii and (not parts or roll < 0.25):
                part = fill_pii(rng.choice(pii_templates), rng, split)["text"]
            elif kind == "code" or (kind == "mixed" and roll < 0.5):
                part = rng.choice(code)
            else:
                part = rng.choice(prose)
            parts.append(part)
            size = len("\n\n".join(parts).encode("utf-8"))
        text = "\n\n".join(parts).encode("utf-8")[:2048].decode("utf-8", "ignore")
        rows.append({"text": text, "kind": kind, "has_pii": with_pii})
    return rows


# ------------------------------------------------------------------------------------------- main


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main(out: Path = HERE) -> None:
    """Write every set for both splits, and the injection training split, into ``out`` (the package's data)."""
    held: list[dict[str, Any]] = []
    for split in SPLITS:
        seed = SEEDS[split]
        attacks = injection_attacks(split, random.Random(seed))
        benign = injection_benign(split, random.Random(seed + 1))
        injection = attacks + benign
        random.Random(seed + 2).shuffle(injection)
        write_jsonl(out / f"injection_{split}.jsonl", injection)
        pii = pii_sets(split, random.Random(seed + 3))
        random.Random(seed + 4).shuffle(pii)
        write_jsonl(out / f"pii_{split}.jsonl", pii)
        secrets = secrets_sets(split, random.Random(seed + 5))
        random.Random(seed + 6).shuffle(secrets)
        write_jsonl(out / f"secrets_{split}.jsonl", secrets)
        write_jsonl(out / f"latency_{split}.jsonl", latency_texts(split, random.Random(seed + 7)))
        print(
            f"{split}: injection {len(attacks)} attack + {len(benign)} benign; pii {len(pii)}; "
            f"secrets {len(secrets)}"
        )
        held.extend(injection)
    from scripts.guard_data import _train_split  # it builds on this module

    train, dropped = _train_split.disjoint_from(_train_split.injection_train(random.Random(_train_split.SEED)), held)
    _train_split.check_train_disjoint(train, held)
    random.Random(_train_split.SEED + 1).shuffle(train)
    write_jsonl(out / "injection_train.jsonl", train)
    positives = sum(row["label"] == "attack" for row in train)
    print(f"train: injection {positives} attack + {len(train) - positives} benign ({dropped} generated texts dropped "
          "for sharing a phrase with dev/test)")


if __name__ == "__main__":
    main()
