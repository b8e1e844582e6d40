"""Label-independent surface noise: greetings, sign-offs, typos, dropped final
question marks, lower-casing.

The same probabilities are used for every row regardless of label; only the
two multilingual families skip English greetings/sign-offs (and they do so for
both labels).
"""
import re

GREETINGS = [
    "hi", "Hi,", "Hello,", "hey", "Hey there!", "Good morning.", "hi there,",
    "Hello again.", "Hiya,", "Morning!", "Hi!", "ok so", "quick one:", "Hey -",
    "Hello team,", "Good afternoon,", "yo", "Hi, hope you're well.", "Dear assistant,",
    "Hey, me again.",
]
SIGNOFFS = [
    "thanks", "Thanks!", "Thank you.", "thx", "ty!", "Cheers", "Thanks in advance :)",
    "appreciate it", "Many thanks,\n{name}", "Best,\n{name}", "- {name}",
    "pls and thank you", "thanks a lot!!", "Regards,\n{name}", "cheers, {name}",
    "Thank you so much!", "ta", "Kind regards", "👍", "thanks!!",
]
NAMES = ["Sam", "Priya", "Jo", "Marco", "Ana", "Tom", "Leila", "Ken", "Ruth", "Dev", "Ola", "Mia"]

WORD = re.compile(r"[A-Za-z]{5,}")
TOKEN_OK = re.compile(r"^[A-Za-z]+[,.!?;:]?$")


def _typo(text, rng):
    lines = text.split("\n")
    in_fence = False
    cands = []
    for li, line in enumerate(lines):
        if line.strip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for m in WORD.finditer(line):
            a, b = m.start(), m.end()
            # whitespace-delimited token must be a plain word
            s = line.rfind(" ", 0, a) + 1
            e = line.find(" ", b)
            e = len(line) if e < 0 else e
            tok = line[s:e]
            if not TOKEN_OK.match(tok):
                continue
            if line.count("[", 0, a) > line.count("]", 0, a):
                continue
            cands.append((li, a, b))
    if not cands:
        return text
    li, a, b = rng.choice(cands)
    w = lines[li][a:b]
    kind = rng.randrange(3)
    k = rng.randint(1, len(w) - 3)
    if kind == 0:
        w2 = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    elif kind == 1:
        w2 = w[:k] + w[k + 1:]
    else:
        w2 = w[:k] + w[k] + w[k:]
    lines[li] = lines[li][:a] + w2 + lines[li][b:]
    return "\n".join(lines)


def apply(text, rng, multilingual):
    """Apply label-independent noise. Always draws the same random numbers."""
    r_g, r_s, r_t, r_t2, r_l, r_q = (rng.random() for _ in range(6))
    g = rng.choice(GREETINGS)
    gsep = rng.choice([" ", "\n", "\n\n", " "])
    s = rng.choice(SIGNOFFS).replace("{name}", rng.choice(NAMES))
    ssep = rng.choice(["\n\n", " ", "\n"])
    if not multilingual and r_g < 0.12:
        text = g + gsep + text
    if not multilingual and r_s < 0.10:
        text = text + ssep + s
    if r_t < 0.16:
        text = _typo(text, rng)
        if r_t2 < 0.35:
            text = _typo(text, rng)
    if r_q < 0.25 and text.endswith("?") and not text.endswith("??"):
        text = text[:-1].rstrip()  # many people don't type the final question mark
    if r_l < 0.07 and len(text) < 500 and "```" not in text:
        text = text.lower()
    return text
