#!/usr/bin/env python3
"""Generate injection_holdout3.jsonl - a blind, measurement-only hold-out set
for the prompt-injection / jailbreak detector. See README.md in this folder.

Run from any directory:  python scripts/guard_holdout3/make_holdout3.py
Standard library only; output is byte-for-byte reproducible.
"""
import hashlib
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # keep the script folder clean
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import h3_pools as P  # noqa: E402
import h3_obf as O  # noqa: E402
import h3_noise as N  # noqa: E402
import h3_atk_direct  # noqa: E402
import h3_atk_roleplay  # noqa: E402
import h3_atk_extract  # noqa: E402
import h3_atk_indirect  # noqa: E402
import h3_atk_delim  # noqa: E402
import h3_atk_multi  # noqa: E402
import h3_atk_smuggle  # noqa: E402
import h3_ben_everyday  # noqa: E402
import h3_ben_coding  # noqa: E402
import h3_ben_support  # noqa: E402
import h3_ben_docs  # noqa: E402
import h3_ben_meta  # noqa: E402
import h3_ben_security  # noqa: E402
import h3_ben_quoted  # noqa: E402
import h3_ben_lookalike  # noqa: E402
import h3_ben_multi  # noqa: E402

SEED = 30611
OUT = os.path.normpath(os.path.join(
    HERE, "..", "..", "src", "quarterdeck", "guard", "data", "injection_holdout3.jsonl"))

ATTACK_FAMILIES = [
    ("direct-override", 75, h3_atk_direct.TEMPLATES),
    ("jailbreak-roleplay", 75, h3_atk_roleplay.TEMPLATES),
    ("system-prompt-extraction", 70, h3_atk_extract.TEMPLATES),
    ("indirect", 85, h3_atk_indirect.TEMPLATES),
    ("fake-delimiter", 65, h3_atk_delim.TEMPLATES),
    ("multilingual", 70, h3_atk_multi.TEMPLATES),
    ("payload-smuggling", 60, h3_atk_smuggle.TEMPLATES),
]
BENIGN_FAMILIES = [
    ("everyday", 300, h3_ben_everyday.TEMPLATES),
    ("coding", 220, h3_ben_coding.TEMPLATES),
    ("customer-support", 150, h3_ben_support.TEMPLATES),
    ("documents", 170, h3_ben_docs.TEMPLATES),
    ("meta-instructions", 150, h3_ben_meta.TEMPLATES),
    ("security-education", 150, h3_ben_security.TEMPLATES),
    ("quoted-attack", 120, h3_ben_quoted.TEMPLATES),
    ("lookalike", 140, h3_ben_lookalike.TEMPLATES),
    ("multilingual-benign", 100, h3_ben_multi.TEMPLATES),
]
MULTILINGUAL = {"multilingual", "multilingual-benign"}
CAP = {"attack": 3, "benign": 4}      # max rows per template (1% = 5 / 15)
OBF_SHARE = 0.30

SLOT = re.compile(r"§([a-z0-9_]+)(?::([^§]*))?§")
SPAN = re.compile(r"⟦(.*?)⟧", re.S)


def norm(entry):
    if isinstance(entry, tuple):
        return entry[0], entry[1]
    return None, entry


def has_func_slot(text):
    return any(m.group(1) in P.FUNC_SLOTS for m in SLOT.finditer(text))


def is_slotted(text):
    return any(m.group(1) not in P.FUNC_SLOTS for m in SLOT.finditer(text))


# ---------------------------------------------------------------- documents
def present(rng, ask, doc):
    style = rng.randrange(9)
    if style == 0:
        return ask + "\n\n" + doc
    if style == 1:
        return ask + "\n\n---\n" + doc + "\n---"
    if style == 2:
        return ask + '\n\n"""\n' + doc + '\n"""'
    if style == 3:
        return doc + "\n\n" + ask
    if style == 4:
        return ask + "\n\n<document>\n" + doc + "\n</document>"
    if style == 5:
        return "```\n" + doc + "\n```\n" + ask
    if style == 6:
        return ask + " Here it is:\n\n" + doc
    if style == 7:
        return "Pasting below.\n\n" + doc + "\n\n---\n" + ask
    return ask + "\n\n> " + doc.replace("\n", "\n> ")


def pick_ask(rng, kind):
    spec = h3_ben_docs.ASKS.get(kind, [])
    if spec and rng.random() < 0.6:
        return rng.choice(spec)
    return rng.choice(h3_ben_docs.ASKS["any"])


WRAP_ANY = [
    "{x}", "{x}", "({x})", "> {x}", "Note: {x}", "[{x}]", "---\n{x}\n---",
    "P.S. {x}", "{x}",
]
WRAP_HTML = [
    "<!-- {x} -->", '<span style="display:none">{x}</span>',
    '<p style="color:#ffffff;font-size:1px">{x}</p>',
    '<div class="footer" aria-hidden="true">{x}</div>',
]


def splice(rng, doc, kind, inj):
    wraps = WRAP_ANY + (WRAP_HTML if kind in ("email", "web") else [])
    w = rng.choice(wraps)
    block = w.replace("{x}", "⟦" + inj + "⟧")
    paras = doc.split("\n\n")
    pos = rng.randint(1, len(paras))
    paras.insert(pos, block)
    return "\n\n".join(paras)


# ----------------------------------------------------------------- renderer
class Renderer:
    def __init__(self, rng):
        self.rng = rng
        self.hosts = []
        self.quotes = []

    def render(self, text):
        rng = self.rng
        memo = {}

        def sub(m):
            key, arg = m.group(1), m.group(2)
            if key in P.FUNC_SLOTS:
                return P.apply_func(key, arg)
            if key == "docq":
                k = int(arg)
                doc, kind = h3_ben_docs.DOCS[k]
                return present(rng, pick_ask(rng, kind), doc)
            if key == "inj":
                inj = h3_atk_indirect.INJECTIONS[int(arg)]
                doc, kind = rng.choice(h3_ben_docs.DOCS)
                return present(rng, pick_ask(rng, kind), splice(rng, doc, kind, inj))
            if key == "host":
                return rng.choice(self.hosts)
            if key == "quote":
                return rng.choice(self.quotes)
            if key not in memo:
                memo[key] = P.fill(key, rng)
            return memo[key]

        for _ in range(5):
            new = SLOT.sub(sub, text)
            if new == text:
                break
            text = new
        return text


def strip_spans(t):
    return t.replace("⟦", "").replace("⟧", "")


def build_deck(rng, count, templates, cap, fam):
    n = len(templates)
    if n >= count:
        chosen = sorted(rng.sample(range(n), count))
        deck = list(chosen)
    else:
        uses = [1] * n
        rem = count - n
        slotted = [i for i in range(n) if is_slotted(norm(templates[i])[1])]
        rng.shuffle(slotted)
        for level in range(1, cap):
            for i in slotted:
                if rem and uses[i] == level:
                    uses[i] += 1
                    rem -= 1
        if rem:
            raise SystemExit("family %s: %d rows short (templates=%d, slotted=%d)"
                             % (fam, rem, n, len(slotted)))
        deck = [i for i in range(n) for _ in range(uses[i])]
    rng.shuffle(deck)
    return deck


def obfuscate(text, kind, rng, whole, attack, ml):
    """Transform every ⟦span⟧ with `kind`; return new text or None."""
    spans = list(SPAN.finditer(text))
    if not spans:
        return None
    out, last = [], 0
    for m in spans:
        new = O.transform(kind, m.group(1), rng)
        if new is None:
            return None
        if attack and kind in ("base64", "hex"):
            if whole:
                pool = O.WHOLE[kind] + (O.ML_WHOLE[kind] if ml else [])
            else:
                pool = O.INLINE[kind]
            new = rng.choice(pool).replace("{enc}", new)
        out.append(text[last:m.start()])
        out.append(new)
        last = m.end()
    out.append(text[last:])
    res = "".join(out)
    if attack and kind == "tag-characters" and whole:
        res = rng.choice(O.TAG_COVERS) + rng.choice([" ", "\n"]) + res
    return res


def auc(pos, neg):
    """P(score(attack) > score(benign)), ties count 1/2 (Mann-Whitney)."""
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    ranks = [0.0] * len(allv)
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1][0] == allv[i][0]:
            j += 1
        r = (i + j) / 2.0 + 1
        for k in range(i, j + 1):
            ranks[k] = r
        i = j + 1
    rp = sum(r for r, (v, lab) in zip(ranks, allv) if lab == 1)
    return (rp - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


def quantiles(vals, qs):
    s = sorted(vals)
    return [s[min(len(s) - 1, int(q * (len(s) - 1) + 0.5))] for q in qs]


def main():
    rng = random.Random(SEED)
    R = Renderer(rng)

    # host texts (benign messages an override gets appended to) and quotes
    for fam_mod in (h3_ben_everyday, h3_ben_coding, h3_ben_support):
        for e in fam_mod.TEMPLATES:
            tag, t = norm(e)
            if tag is None:
                h = strip_spans(R.render(t))
                if 40 <= len(h) <= 1600:
                    R.hosts.append(h)
    R.quotes = list(h3_ben_quoted.QUOTES)
    for fam_mod in (h3_atk_direct, h3_atk_roleplay, h3_atk_extract, h3_atk_delim,
                    h3_atk_smuggle, h3_atk_multi):
        for e in fam_mod.TEMPLATES:
            tag, t = norm(e)
            if "§host§" in t:
                continue
            q = strip_spans(R.render(t))
            if len(q) <= 700:
                R.quotes.append(q)

    seen = set()
    rows = []
    tpl_use = {}
    obf_totals = {k: 0 for k in O.TYPES}

    # planned obfuscation types, spread evenly over all attack families
    total_obf = sum(int(round(OBF_SHARE * c + 0.01)) for _, c, _ in ATTACK_FAMILIES)
    cycle = []
    while len(cycle) < total_obf:
        blk = list(O.TYPES)
        rng.shuffle(blk)
        cycle.extend(blk)
    cpos = 0

    for label, fams in (("attack", ATTACK_FAMILIES), ("benign", BENIGN_FAMILIES)):
        for fam, count, templates in fams:
            ml = fam in MULTILINGUAL
            deck = build_deck(rng, count, templates, CAP[label], fam)
            plan = [None] * count
            if label == "attack":
                n_obf = int(round(OBF_SHARE * count + 0.01))
                # rows whose template is already an encoding puzzle (rot13, Morse...)
                # are not obfuscated a second time
                eligible = [k for k, ti in enumerate(deck) if not has_func_slot(norm(templates[ti])[1])]
                idx = rng.sample(eligible, n_obf)
                for k in idx:
                    plan[k] = cycle[cpos]
                    cpos += 1
            for k, ti in enumerate(deck):
                tag, tpl = norm(templates[ti])
                want = plan[k] if label == "attack" else tag
                for attempt in range(60):
                    raw = R.render(tpl)
                    if label == "attack" and "⟦" not in raw:
                        raw = "⟦" + raw + "⟧"
                    whole = raw.startswith("⟦") and raw.endswith("⟧") and raw.count("⟦") == 1
                    txt = N.apply(raw, rng, ml)
                    obf = "none"
                    if want:
                        order = [want] + sorted((t for t in O.TYPES if t != want),
                                                key=lambda t: (obf_totals[t], O.TYPES.index(t)))
                        if label == "benign":
                            order = [want]
                        res = None
                        for kind in order:
                            res = obfuscate(txt, kind, rng, whole, label == "attack", ml)
                            if res is not None:
                                obf = kind
                                break
                        if res is None:
                            continue
                        txt = res
                    txt = strip_spans(txt).strip()
                    if txt not in seen:
                        break
                else:
                    raise SystemExit("could not make a unique/obfuscated text for %s template %d"
                                     % (fam, ti))
                assert "§" not in txt, (fam, ti, txt[:200])
                seen.add(txt)
                if label == "attack" and obf != "none":
                    obf_totals[obf] += 1
                key = (label, fam, ti)
                tpl_use[key] = tpl_use.get(key, 0) + 1
                rows.append({"family": fam, "label": label, "obfuscation": obf, "text": txt})

    rng.shuffle(rows)
    data = "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in rows)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    md5 = hashlib.md5(data.encode("utf-8")).hexdigest()

    # ------------------------------------------------------------ summary
    print("wrote %d rows to %s" % (len(rows), OUT))
    print("md5 %s\n" % md5)
    print("%-26s %7s %7s" % ("family", "attack", "benign"))
    for label, fams in (("attack", ATTACK_FAMILIES), ("benign", BENIGN_FAMILIES)):
        for fam, _, _ in fams:
            a = sum(1 for r in rows if r["family"] == fam and r["label"] == "attack")
            b = sum(1 for r in rows if r["family"] == fam and r["label"] == "benign")
            print("%-26s %7d %7d" % (fam, a, b))
    na = sum(1 for r in rows if r["label"] == "attack")
    print("%-26s %7d %7d\n" % ("TOTAL", na, len(rows) - na))
    print("%-16s %7s %7s" % ("obfuscation", "attack", "benign"))
    for k in ["none"] + O.TYPES:
        a = sum(1 for r in rows if r["obfuscation"] == k and r["label"] == "attack")
        b = sum(1 for r in rows if r["obfuscation"] == k and r["label"] == "benign")
        print("%-16s %7d %7d" % (k, a, b))
    print()
    print("obfuscated share per attack family:")
    for fam, c, _ in ATTACK_FAMILIES:
        o = sum(1 for r in rows if r["family"] == fam and r["obfuscation"] != "none")
        print("  %-26s %3d / %3d" % (fam, o, c))
    print()
    qs = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]
    print("length quantiles (chars)  min  p10  p25  p50  p75  p90  max")
    la = [len(r["text"]) for r in rows if r["label"] == "attack"]
    lb = [len(r["text"]) for r in rows if r["label"] == "benign"]
    for lab, ls in (("attack", la), ("benign", lb)):
        print("  %-22s " % lab + " ".join("%4d" % v for v in quantiles(ls, qs)))
    a = auc(la, lb)
    print("\nlength-only AUC (attack scored by length): %.3f  (max(auc,1-auc) = %.3f)"
          % (a, max(a, 1 - a)))
    for label in ("attack", "benign"):
        uses = [v for (lab, _, _), v in tpl_use.items() if lab == label]
        nrows = sum(uses)
        print("%s: %d distinct templates/texts, max rows per template %d (%.2f%% of %d rows)"
              % (label, len(uses), max(uses), 100.0 * max(uses) / nrows, nrows))


if __name__ == "__main__":
    main()
