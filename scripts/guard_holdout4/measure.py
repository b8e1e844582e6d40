#!/usr/bin/env python3
"""Single-feature AUCs (attack = positive) for shortcut-cue auditing.
Usage: python3 measure.py [PATH_TO_JSONL]"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.normpath(os.path.join(HERE, "..", "..", "src", "quarterdeck", "guard", "data",
                                        "injection_holdout4.jsonl"))


def auc(scores, labels):
    pairs = sorted(zip(scores, labels))
    n = len(pairs)
    ranks = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and pairs[j + 1][0] == pairs[i][0]:
            j += 1
        r = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[k] = r
        i = j + 1
    pos = sum(1 for _, l in pairs if l)
    neg = n - pos
    rsum = sum(r for r, (_, l) in zip(ranks, pairs) if l)
    return (rsum - pos * (pos + 1) / 2) / (pos * neg)


def word(w):
    rx = re.compile(w, re.I)
    return lambda t: 1.0 if rx.search(t) else 0.0


FEATURES = [
    ("length (chars)", lambda t: float(len(t))),
    ("word count", lambda t: float(len(t.split()))),
    ("line count", lambda t: float(t.count("\n") + 1)),
    ("contains '?'", lambda t: 1.0 if "?" in t else 0.0),
    ("ends with '?'", lambda t: 1.0 if t.rstrip().endswith("?") else 0.0),
    ("non-ASCII fraction", lambda t: sum(1 for c in t if ord(c) > 127) / max(1, len(t))),
    ("upper-case fraction of letters",
     lambda t: sum(1 for c in t if c.isupper()) / max(1, sum(1 for c in t if c.isalpha()))),
    ("'ignore'", word(r"ignor")),
    ("'forget'", word(r"forget|forgot")),
    ("'override'", word(r"overrid")),
    ("'disregard'", word(r"disregard")),
    ("'instruction(s)'", word(r"instruction")),
    ("'previous'", word(r"previous")),
    ("'system prompt'", word(r"system[ _-]?prompt")),
    ("'act as' / 'pretend'", word(r"\bact as\b|pretend")),
    ("'developer mode'", word(r"developer mode")),
    ("'jailbreak'", word(r"jailbreak")),
    ("'you are'", word(r"\byou are\b|\byou're\b")),
    ("code fence ```", word(r"```")),
    ("chat-template token <|...|> / [INST]", word(r"<\|[a-z_]+\||\[/?INST\]")),
    ("role field \"role\"", word(r"[\"']role[\"']\s*:")),
    ("URL", word(r"https?://")),
    ("example.(com|org|net) host", word(r"example\.(com|org|net)")),
    ("placeholder [..]", word(r"\[(restricted item|malware|phishing kit|ransomware|keylogger)")),
]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    labels = [r["label"] == "attack" for r in rows]
    texts = [r["text"] for r in rows]
    print(f"{'feature':40s} AUC   attack-rate benign-rate")
    for name, fn in FEATURES:
        s = [fn(t) for t in texts]
        a = auc(s, labels)
        if set(s) <= {0.0, 1.0}:
            ra = sum(x for x, l in zip(s, labels) if l) / sum(labels)
            rb = sum(x for x, l in zip(s, labels) if not l) / (len(labels) - sum(labels))
            print(f"{name:40s} {a:.3f} {ra:6.3f}      {rb:6.3f}")
        else:
            print(f"{name:40s} {a:.3f}")
    la = sorted(len(t) for t, l in zip(texts, labels) if l)
    lb = sorted(len(t) for t, l in zip(texts, labels) if not l)
    q = lambda v, p: v[int(p * (len(v) - 1))]
    print("length quantiles attack (min,25,50,75,max):", [q(la, p) for p in (0, .25, .5, .75, 1)])
    print("length quantiles benign (min,25,50,75,max):", [q(lb, p) for p in (0, .25, .5, .75, 1)])


if __name__ == "__main__":
    main()
