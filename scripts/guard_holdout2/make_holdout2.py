#!/usr/bin/env python3
"""Generate the blind prompt-injection holdout set #2 (standard library only, fixed seed).

    python scripts/guard_holdout2/make_holdout2.py

Writes src/quarterdeck/guard/data/injection_holdout2.jsonl and prints a summary table.
Use the output ONLY for measurement; never tune a detector on it.
"""
import json
import os
import random
import statistics
import sys
from collections import Counter, defaultdict

sys.dont_write_bytecode = True  # write nothing but the .jsonl
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import _common as C  # noqa: E402
from _attacks_a import DIRECT_OVERRIDE, JAILBREAK_ROLEPLAY, SYSTEM_PROMPT_EXTRACTION  # noqa: E402
from _attacks_b import FAKE_DELIMITER, MULTILINGUAL, SMUGGLING, SMUGGLING_GENERATORS  # noqa: E402
from _attacks_indirect import CARRIERS, GENERIC_WRAPPERS, PAYLOADS, WRAPPERS  # noqa: E402
from _benign_a import CODING, CUSTOMER_SUPPORT, EVERYDAY  # noqa: E402
from _benign_b import LOOKALIKE, META, MULTI_BENIGN, QUOTED_SNIPPETS, QUOTED_WRAPPERS, SECURITY_ED  # noqa: E402
from _benign_docs import DOC_WRAPPERS, DOCS  # noqa: E402

SEED = 2024_0611
OUT = os.path.join(HERE, "..", "..", "src", "quarterdeck", "guard", "data", "injection_holdout2.jsonl")
OBF_SHARE = 0.30  # share of attacks per family that get an obfuscation

ATTACK_PLAN = [("direct-override", 75), ("jailbreak-roleplay", 75), ("system-prompt-extraction", 70),
               ("indirect", 85), ("fake-delimiter", 65), ("multilingual", 70), ("payload-smuggling", 60)]
BENIGN_PLAN = [("everyday", 300), ("coding", 220), ("customer-support", 150), ("documents", 170),
               ("meta-instructions", 150), ("security-education", 150), ("quoted-attack", 120),
               ("lookalike", 140), ("multilingual-benign", 100)]
NO_AFFIX = {"multilingual", "multilingual-benign"}
EMBED_FAMILIES = {"direct-override", "jailbreak-roleplay", "system-prompt-extraction", "payload-smuggling"}
# neutral context sentences, added with the SAME probability to both labels
CTX_PRE = ["For context, I'm putting together notes for a presentation next week. ",
           "I've looked around online but the answers contradict each other. ",
           "Sorry if this is a basic question. ",
           "Background: I'm pretty new to all of this.\n\n",
           "This came up at dinner last night and now I need to know. ",
           "Second attempt at asking this, my last message got cut off.\n"]
CTX_POST = ["\n\nPlease keep it practical, I don't need all the theory.",
            "\n\nIf it matters, I'm based in the UK.",
            " I'd appreciate a detailed answer, I have time to read.",
            "\n\nFormat: short paragraphs or bullets, whatever is clearer.",
            " No rush on this one.",
            "\n\n(I'll probably have follow-up questions.)",
            "\n\nAnswer in English please."]
CTX_P = 0.15
CTX_SKIP = {"multilingual", "multilingual-benign", "indirect", "documents"}
BENIGN_EMBED_FAMILIES = {"everyday", "coding", "customer-support", "meta-instructions", "security-education",
                         "lookalike"}
EMBED_PRE = ["Can you help me write a short bio for my LinkedIn? I'm a nurse.\n\n",
             "What's a good name for a golden retriever? Also: ",
             "I need a summary of the French Revolution for school. ",
             "Quick one — how many ounces in a pound?\n",
             "Thanks for the recipe earlier!\n\n",
             "Translate 'good night' into Italian.\n\n",
             "I have a question about my electricity bill, but first:\n",
             "lol ok. ",
             "Here's my next message.\n\n"]
EMBED_POST = ["\n\nAfter that, tell me a fun fact about octopuses.",
              " Then help me with my grocery list.",
              "\n\nAlso, what's the weather usually like in Lisbon in May?",
              " thx",
              "\n\n(Then continue with my original question about taxes.)",
              "\n\nOk, back to the spreadsheet question after this."]


# ------------------------------------------------------------------ template lists per family
def _indirect_items():
    items = []
    for kind, carrier in CARRIERS:
        def make(kind=kind, carrier=carrier):
            def f(rng):
                wrapper = rng.choice(WRAPPERS[kind] + GENERIC_WRAPPERS)
                payload = rng.choice(PAYLOADS)
                return wrapper.replace("§doc§", carrier.replace("§inj§", C.MO + payload + C.MC))
            return f
        items.append(make())
    return items


def _doc_items():
    items = []
    for doc in DOCS:
        def make(doc=doc):
            def f(rng):
                body = doc
                if rng.random() < 0.25:  # sometimes two documents pasted together
                    other = rng.choice(DOCS)
                    if other != doc:
                        body = doc + rng.choice(["\n\n-----\n\n", "\n\n", "\n\n=== next document ===\n\n"]) + other
                return rng.choice(DOC_WRAPPERS).replace("§doc§", body)
            return f
        items.append(make())
    return items


def _quoted_items(rng0):
    order = list(range(len(QUOTED_SNIPPETS)))
    rng0.shuffle(order)
    state = {"i": 0}
    items = []
    for w in QUOTED_WRAPPERS:
        def make(w=w):
            def f(rng):
                snip, obf = QUOTED_SNIPPETS[order[state["i"] % len(order)]]
                state["i"] += 1
                return w.replace("§q§", snip), obf
            return f
        items.append(make())
    return items


def family_items(rng0):
    return {
        "direct-override": DIRECT_OVERRIDE,
        "jailbreak-roleplay": JAILBREAK_ROLEPLAY,
        "system-prompt-extraction": SYSTEM_PROMPT_EXTRACTION,
        "indirect": _indirect_items(),
        "fake-delimiter": FAKE_DELIMITER,
        "multilingual": MULTILINGUAL,
        "payload-smuggling": SMUGGLING + SMUGGLING_GENERATORS,
        "everyday": EVERYDAY,
        "coding": CODING,
        "customer-support": CUSTOMER_SUPPORT,
        "documents": _doc_items(),
        "meta-instructions": META,
        "security-education": SECURITY_ED,
        "quoted-attack": _quoted_items(rng0),
        "lookalike": LOOKALIKE,
        "multilingual-benign": MULTI_BENIGN,
    }


# ------------------------------------------------------------------ rendering
def render(item, rng):
    obf = "none"
    if callable(item):
        out = item(rng)
    else:
        out = item
    if isinstance(out, tuple):
        out, obf = out
    return C.fill(out, rng), obf


def add_ctx(fam, text, rng, mark):
    if fam in CTX_SKIP or rng.random() >= CTX_P:
        return text
    if mark and C.MO not in text:
        text = C.MO + text + C.MC
    r = rng.random()
    pre = rng.choice(CTX_PRE) if r < 0.5 else ""
    post = rng.choice(CTX_POST) if r >= 0.35 else ""
    return pre + text + post


def build_attack(fam, item, obf, rng):
    text, _ = render(item, rng)
    if fam in EMBED_FAMILIES and C.MO not in text and rng.random() < 0.2:
        r = rng.random()
        pre = rng.choice(EMBED_PRE) if r < 0.7 else ""
        post = rng.choice(EMBED_POST) if r >= 0.4 else ""
        text = pre + C.MO + text + C.MC + post
    text = add_ctx(fam, text, rng, mark=True)
    text = C.vary(text, rng, affix=fam not in NO_AFFIX)
    if obf != "none":
        if not all(C.compatible(s, obf) for s in C.spans_of(text)):
            return None
    out = C.obfuscate(text, obf, rng)
    if obf != "none" and out == C.strip_marks(text):
        return None
    return out


def build_benign(fam, item, rng):
    text, obf = render(item, rng)
    if fam in BENIGN_EMBED_FAMILIES and rng.random() < 0.1:
        r = rng.random()
        pre = rng.choice(EMBED_PRE) if r < 0.7 else ""
        post = rng.choice(EMBED_POST) if r >= 0.4 else ""
        text = pre + text + post
    text = add_ctx(fam, text, rng, mark=False)
    text = C.vary(text, rng, affix=fam not in NO_AFFIX)
    assert C.MO not in text and C.MC not in text
    return text, obf


def gen_family(fam, label, items, n, rng, seen, obf_plan):
    usage = [0] * len(items)
    rows = []
    for k in range(n):
        obf = obf_plan[k] if obf_plan else "none"
        done = False
        order = sorted(range(len(items)), key=lambda i: (usage[i], rng.random()))
        for i in order:
            for _ in range(6):
                if label == "attack":
                    text = build_attack(fam, items[i], obf, rng)
                    row_obf = obf
                    if text is None:
                        break  # incompatible with this obfuscation; try next template
                else:
                    text, row_obf = build_benign(fam, items[i], rng)
                if not (15 <= len(text) <= 2000) or text in seen:
                    continue
                seen.add(text)
                usage[i] += 1
                rows.append({"family": fam, "label": label, "obfuscation": row_obf, "text": text,
                             "_tid": "%s:%d" % (fam, i)})
                done = True
                break
            if done:
                break
        if not done:
            raise RuntimeError("could not generate row %d for %s/%s" % (k, fam, obf))
    return rows


def main():
    rng = random.Random(SEED)
    items = family_items(random.Random(SEED + 1))
    seen = set()
    rows = []
    for fam, n in ATTACK_PLAN:
        k = round(n * OBF_SHARE)
        kinds = list(C.OBF_TYPES)
        rng.shuffle(kinds)
        plan = [kinds[j % len(kinds)] for j in range(k)] + ["none"] * (n - k)
        rng.shuffle(plan)
        rows += gen_family(fam, "attack", items[fam], n, rng, seen, plan)
    for fam, n in BENIGN_PLAN:
        rows += gen_family(fam, "benign", items[fam], n, rng, seen, None)
    rng.shuffle(rows)

    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        for r in rows:
            obj = {k: r[k] for k in ("family", "label", "obfuscation", "text")}
            fh.write(json.dumps(obj, sort_keys=True, ensure_ascii=False) + "\n")
    summarize(rows)


def summarize(rows):
    print("wrote %d rows -> %s\n" % (len(rows), OUT))
    by_label = Counter(r["label"] for r in rows)
    print("%-26s %6s %9s %9s %10s" % ("label/family", "rows", "templates", "max_tpl", "obfuscated"))
    for label in ("attack", "benign"):
        fams = [f for f, _ in (ATTACK_PLAN if label == "attack" else BENIGN_PLAN)]
        lrows = [r for r in rows if r["label"] == label]
        ltid = Counter(r["_tid"] for r in lrows)
        print("%-26s %6d %9d %9d %10d" % (label.upper(), len(lrows), len(ltid), max(ltid.values()),
                                           sum(r["obfuscation"] != "none" for r in lrows)))
        for f in fams:
            frows = [r for r in lrows if r["family"] == f]
            tid = Counter(r["_tid"] for r in frows)
            print("  %-24s %6d %9d %9d %10d" % (f, len(frows), len(tid), max(tid.values()),
                                                 sum(r["obfuscation"] != "none" for r in frows)))
        print("  max share of one template in label: %.2f%%" % (100.0 * max(ltid.values()) / len(lrows)))
    print()
    obfs = ["none"] + C.OBF_TYPES
    print("%-16s %7s %7s" % ("obfuscation", "attack", "benign"))
    for o in obfs:
        print("%-16s %7d %7d" % (o, sum(1 for r in rows if r["label"] == "attack" and r["obfuscation"] == o),
                                  sum(1 for r in rows if r["label"] == "benign" and r["obfuscation"] == o)))
    print()
    print("attack family x obfuscation:")
    print("%-26s" % "" + "".join("%6s" % o[:5] for o in obfs))
    for f, _ in ATTACK_PLAN:
        print("%-26s" % f + "".join("%6d" % sum(1 for r in rows if r["family"] == f and r["obfuscation"] == o)
                                    for o in obfs))
    print()
    print("%-8s %6s %6s %6s %6s %10s" % ("label", "min", "median", "max", "mean", "40-700 %"))
    for label in ("attack", "benign"):
        ls = [len(r["text"]) for r in rows if r["label"] == label]
        print("%-8s %6d %6d %6d %6d %9.1f%%" % (label, min(ls), statistics.median(ls), max(ls),
                                                 statistics.mean(ls), 100.0 * sum(40 <= x <= 700 for x in ls) / len(ls)))
    ls = [len(r["text"]) for r in rows]
    print("%-8s %6d %6d %6d %6d %9.1f%%" % ("all", min(ls), statistics.median(ls), max(ls), statistics.mean(ls),
                                             100.0 * sum(40 <= x <= 700 for x in ls) / len(ls)))
    print("\ndistinct texts: %d / %d" % (len(set(r["text"] for r in rows)), len(rows)))
    print("labels: %s" % dict(sorted(by_label.items())))


if __name__ == "__main__":
    main()
