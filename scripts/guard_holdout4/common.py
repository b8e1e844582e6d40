"""Shared helpers: slot filling, alternations, label-independent noise, and
document presentation wrappers used by BOTH labels.

Template mini-language (all markers are stripped before output):
  §name§     slot filled from the lists below (same name -> same value in a row;
             name2/name3 -> a different value of the same kind)
  §msg§      an ordinary benign message drawn from the benign pools (carrier)
  ⟨a|b|c⟩    pick one alternative
  ⟦ ... ⟧    the attack-bearing span (the only part an obfuscation transforms)
  ⟪ ... ⟫    protected text: noise never touches it
"""
import re
import unicodedata

FNAMES = ["Maya", "Tom", "Priya", "José", "Aoife", "Chen", "Fatima", "Lukas", "Zoë",
          "Kwame", "Ingrid", "Rahul", "Sofia", "Mehmet", "Hana", "Olu", "Greta", "Diego",
          "Yuki", "Sam", "Nadia", "Bruno", "Leila", "Ethan", "Marta", "Tariq", "Inês",
          "Pieter", "Dana", "Kofi", "Siobhan", "Arjun", "Elena", "Mateus", "Ravi", "Noor",
          "Björn", "Camille", "Jonas", "Amara", "Wei", "Lars", "Anouk", "Farid", "Gwen"]
LNAMES = ["Okafor", "Lindqvist", "Álvarez", "Nakamura", "Brennan", "Kowalski", "Haddad",
          "Novak", "Fischer", "Osei", "Reyes", "Patel", "Moreau", "Jensen", "Şahin", "Costa",
          "Ivanova", "Murphy", "Tanaka", "Dubois", "Walsh", "Mensah", "Ferreira", "Berg",
          "Cohen", "Nguyen", "Schmidt", "O'Neill", "Rossi", "Kim"]
COMPANIES = ["Brightwater Logistics", "Kestrel Analytics", "Fernhill Dental", "Northwind Bikes",
             "Lumen Print Co.", "Harbor & Pine", "Quillfeather Books", "Tidewell Energy",
             "Copperleaf Insurance", "Alder Street Bakery", "Orbita Travel", "Vantage Payroll",
             "Bluefin Pet Supplies", "Marlow Legal", "Peakline Gear", "Saffron Table",
             "Greyhawk Fitness", "Maple & Moss Interiors", "Riverbend Credit Union",
             "Solace Telehealth", "Cobalt Cloud Hosting", "Juniper Home Services"]
PRODUCTS = ["X200 blender", "Aero kettle", "TrailLite backpack", "Nimbus air purifier",
            "Halo desk lamp", "Orbit robot vacuum", "Summit rain jacket", "Pulse fitness band",
            "Cascade coffee grinder", "Vela standing desk", "Breeze tower fan", "Lark e-reader"]
CITIES = ["Lisbon", "Leeds", "Denver", "Kraków", "Osaka", "Nairobi", "Toronto", "Melbourne",
          "Lyon", "Austin", "Edinburgh", "Valencia", "Porto", "Seoul", "Dublin", "Cape Town",
          "Minneapolis", "Utrecht", "Bologna", "Tallinn", "Montréal", "Glasgow", "Brisbane"]
ATT_HOSTS = ["collect.example.net", "telemetry-cdn.example.com", "img-cache.example.org",
             "hooks.example.net", "verify-account.example.com", "files.example.org",
             "sync.example.net", "cdn-static.example.org", "login-check.example.com",
             "analytics.example.net", "backup-drop.example.org", "sso-renew.example.com"]
ATT_USERS = ["billing", "it-support", "backup", "records", "j.miller", "archive", "payroll.desk",
             "security-team", "admin", "audit", "m.hart", "finance-ops"]
LEGIT_HOSTS = ["portal.example.com", "docs.example.org", "shop.example.com", "status.example.net",
               "intranet.example.com", "help.example.org", "wiki.example.com", "mail.example.com"]
ITEMS = ["[restricted item]", "[malware]", "[dangerous synthesis steps]",
         "[weapon build instructions]", "[credit card skimmer code]", "[phishing kit]",
         "[ransomware]", "[explosive recipe]", "[untraceable poison]", "[keylogger]",
         "[controlled substance]", "[stolen card data]"]
BOTS = ["Nova", "Ava", "Pip", "Sage", "Milo", "Juniper", "Atlas", "Echo", "Wren", "Otto"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _amount(rng):
    cur = rng.choice(["$", "€", "£", "$", "€"])
    if rng.random() < 0.5:
        return f"{cur}{rng.randint(12, 4800):,}"
    return f"{cur}{rng.randint(12, 4800):,}.{rng.randint(0, 99):02d}"


def _date(rng):
    r = rng.random()
    d = rng.randint(1, 28)
    m = rng.randint(1, 12)
    if r < 0.3:
        return f"{MONTHS[m - 1]} {d}"
    if r < 0.55:
        return f"{d} {MONTHS[m - 1]}"
    if r < 0.75:
        return f"2024-{m:02d}-{d:02d}"
    if r < 0.9:
        return f"{d:02d}/{m:02d}"
    return rng.choice(DAYS) + " the " + str(d) + ("st" if d in (1, 21) else "nd" if d in (2, 22) else "rd" if d in (3, 23) else "th")


def _order(rng):
    r = rng.random()
    if r < 0.4:
        return "#" + rng.choice("ABCDKMRT") + str(rng.randint(10000, 99999))
    if r < 0.7:
        return "ORD-" + str(rng.randint(100000, 999999))
    return f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def _iban(rng):
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(4))
    digits = "".join(str(rng.randint(0, 9)) for _ in range(14))
    cc = rng.choice(["GB", "IE", "NL", "LT"])
    raw = f"{cc}{rng.randint(10, 99)}{letters}{digits}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _sender(rng):
    f = rng.choice(FNAMES).lower()
    f = unicodedata.normalize("NFKD", f).encode("ascii", "ignore").decode()
    l = unicodedata.normalize("NFKD", rng.choice(LNAMES).lower()).encode("ascii", "ignore").decode()
    l = l.replace("'", "")
    dom = rng.choice(["mail.example.com", "example.org", "corp.example.com", "example.net",
                      "partners.example.com", "post.example.org"])
    return rng.choice([f"{f}.{l}@{dom}", f"{f[0]}{l}@{dom}", f"{f}@{dom}"])


SLOTS = {
    "fname": lambda r: r.choice(FNAMES),
    "lname": lambda r: r.choice(LNAMES),
    "full": lambda r: r.choice(FNAMES) + " " + r.choice(LNAMES),
    "company": lambda r: r.choice(COMPANIES),
    "product": lambda r: r.choice(PRODUCTS),
    "city": lambda r: r.choice(CITIES),
    "amount": _amount,
    "date": _date,
    "day": lambda r: r.choice(DAYS),
    "time": lambda r: f"{r.randint(8, 17)}:{r.choice(['00', '15', '30', '45'])}",
    "order": _order,
    "ticket": lambda r: r.choice(["INC-", "SR-", "CASE ", "#", "TKT-"]) + str(r.randint(10000, 99999)),
    "ahost": lambda r: r.choice(ATT_HOSTS),
    "aemail": lambda r: r.choice(ATT_USERS) + "@" + r.choice(ATT_HOSTS),
    "legit": lambda r: r.choice(LEGIT_HOSTS),
    "sender": _sender,
    "item": lambda r: r.choice(ITEMS),
    "iban": _iban,
    "bot": lambda r: r.choice(BOTS),
    "num": lambda r: str(r.randint(3, 48)),
    "pct": lambda r: str(r.choice([5, 8, 10, 12, 15, 20, 25, 30])),
    "phone": lambda r: r.choice(["+44 7700 900", "+1 555 01", "+353 85 01", "+61 491 570 "]) + str(r.randint(100, 999)),
    "year": lambda r: str(r.randint(2015, 2024)),
    "month": lambda r: r.choice(MONTHS),
}

ALT_RE = re.compile(r"⟨([^⟨⟩]*)⟩")
SLOT_RE = re.compile(r"§([a-z]+)([0-9]?)§")


def is_variable(text):
    return bool(ALT_RE.search(text) or SLOT_RE.search(text))


def fill(text, rng, extra=None):
    """Resolve alternations then slots. `extra` maps slot name -> callable()."""
    extra = extra or {}
    # alternations (repeat to allow slots inside alternatives)
    text = ALT_RE.sub(lambda m: rng.choice(m.group(1).split("|")), text)
    cache = {}

    def rep(m):
        base, idx = m.group(1), m.group(2)
        key = base + idx
        if key in cache:
            return cache[key]
        if base in extra:
            val = extra[base]()
        else:
            fn = SLOTS[base]
            val = fn(rng)
            used = [v for k, v in cache.items() if k.rstrip("0123456789") == base]
            tries = 0
            while val in used and tries < 20:
                val = fn(rng)
                tries += 1
        cache[key] = val
        return val

    return SLOT_RE.sub(rep, text)


# ---------------------------------------------------------------- noise
GREETINGS = ["hi ", "Hi, ", "hey ", "Hey! ", "Hello,\n", "hello ", "Hi there, ", "Good morning. ",
             "Morning! ", "hiya ", "Hey there,\n", "Hello again. ", "ok so ", "Quick question: "]
SIGNOFFS = ["\n\nthanks", " thanks!", "\nThank you.", " thx", "\n\nCheers", " ty",
            "\n\nThanks in advance!", " 🙏", "\nthank u", "\n\nBest,\n§fname§", " :)",
            "\nmuch appreciated", "\n\n- §fname§", " cheers"]
SEG_RE = re.compile(r"(⟦.*?⟧|⟪.*?⟫)", re.S)
CODEY = re.compile(r"[{}<>=;`|\\]|\(\)")
WORD_RE = re.compile(r"(?<![\w@/.\-\[#])([a-z]{5,})(?![\w@/.\-\]])")

NOISE_P = {"greet": 0.10, "signoff": 0.08, "lower": 0.10, "typo": 0.13, "noq": 0.25}


def _typo(word, rng):
    i = rng.randint(1, len(word) - 2)
    op = rng.random()
    if op < 0.4:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op < 0.7:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def apply_noise(text, rng):
    """Label-independent surface noise. Never touches ⟪⟫; typos never inside ⟦⟧."""
    ops = {k: rng.random() < p for k, p in NOISE_P.items()}
    segs = SEG_RE.split(text)
    # lower-case the first paragraph (spans included, protected excluded)
    if ops["lower"]:
        head_end = text.find("\n\n")
        head = text if head_end < 0 else text[:head_end]
        if not CODEY.search(SEG_RE.sub("", head)) and "```" not in head:
            pos = 0
            out = []
            for s in segs:
                start = pos
                pos += len(s)
                if s.startswith("⟪"):
                    out.append(s)
                    continue
                if head_end < 0 or pos <= head_end:
                    out.append(s.lower())
                elif start < head_end:
                    cut = head_end - start
                    out.append(s[:cut].lower() + s[cut:])
                else:
                    out.append(s)
            segs = out
    if ops["typo"]:
        cands = []
        for si, s in enumerate(segs):
            if s.startswith("⟦") or s.startswith("⟪"):
                continue
            in_fence = False
            off = 0
            for line in s.split("\n"):
                if line.strip().startswith("```"):
                    in_fence = not in_fence
                if not in_fence and not CODEY.search(line):
                    for m in WORD_RE.finditer(line):
                        cands.append((si, off + m.start(1), m.group(1)))
                off += len(line) + 1
        if cands:
            n = 1 if rng.random() < 0.7 else 2
            picks = rng.sample(cands, min(n, len(cands)))
            picks.sort(key=lambda t: (t[0], -t[1]))
            for si, st, w in picks:
                s = segs[si]
                segs[si] = s[:st] + _typo(w, rng) + s[st + len(w):]
    text = "".join(segs)
    if ops["noq"]:
        stripped = text.rstrip()
        if stripped.endswith("?") and not stripped.endswith("??"):
            text = stripped[:-1]
    if ops["greet"]:
        g = rng.choice(GREETINGS)
        text = g + (text[0].lower() + text[1:] if g.endswith(" ") and text[:1].isupper() and text[1:2].islower() else text)
    if ops["signoff"]:
        text = text.rstrip() + fill(rng.choice(SIGNOFFS), rng)
    return text


# ---------------------------------------------------------------- documents
OUTER = [
    lambda b, r: b,
    lambda b, r: b,
    lambda b, r: b,
    lambda b, r: '"""\n' + b + '\n"""',
    lambda b, r: "```\n" + b + "\n```",
    lambda b, r: "<document>\n" + b + "\n</document>",
    lambda b, r: "---\n" + b + "\n---",
    lambda b, r: "=== pasted ===\n" + b + "\n=== end ===",
    lambda b, r: "[begin]\n" + b + "\n[end]",
]

DEFAULTS = {
    "subj": ["Re: follow-up", "Quick update", "Fwd: action needed", "Invoice", "Next steps",
             "Re: schedule", "Notes from today"],
    "url": ["https://§legit§/page", "https://www.example.com/article", "https://blog.example.org/post/412",
            "https://news.example.net/story/88", "https://§legit§/help/faq"],
    "tool": ["fetch_page", "search_orders", "get_ticket", "read_file", "lookup_customer",
             "get_calendar_event", "crm.get_contact", "http_get"],
    "path": ["README.md", "notes.txt", "docs/setup.md", "src/utils.py", "config.yaml"],
    "name": ["Policy.docx", "handbook.pdf", "notes.md", "export.txt", "report.pdf"],
}


def _pick(d, key, rng):
    v = d.get(key)
    if v is None:
        v = DEFAULTS[key]
    if isinstance(v, list):
        return rng.choice(v)
    return v


def _quote_lines(b):
    return "\n".join(("> " + ln) if ln else ">" for ln in b.split("\n"))


def wrap_kind(d, body, rng):
    k = d["kind"]
    r = rng.random()
    if k == "email":
        subj = _pick(d, "subj", rng)
        if r < 0.35:
            return f"From: §full2§ <§sender§>\nTo: §fname§\nSubject: {subj}\nDate: §date§\n\n{body}"
        if r < 0.55:
            return f"---------- Forwarded message ---------\nFrom: §full2§ <§sender§>\nDate: §date§\nSubject: {subj}\n\n{body}"
        if r < 0.75:
            return f"Subject: {subj}\n\n{body}"
        if r < 0.85 and "⟦" not in body:
            return _quote_lines(body)
        return body
    if k == "web":
        url = _pick(d, "url", rng)
        if r < 0.35:
            return f"URL: {url}\n\n{body}"
        if r < 0.6:
            return f"[Page content from {url}]\n{body}"
        return body
    if k == "tool":
        tool = _pick(d, "tool", rng)
        if r < 0.3:
            return f"Tool result ({tool}):\n{body}"
        if r < 0.55:
            return f"{tool} returned:\n{body}"
        if r < 0.8:
            return "```json\n" + body + "\n```"
        return body
    if k == "repo":
        path = _pick(d, "path", rng)
        lang = d.get("lang", "")
        if r < 0.4:
            return f"File: {path}\n```{lang}\n{body}\n```"
        if r < 0.7:
            return f"here's {path}:\n\n{body}"
        return f"```{lang}\n{body}\n```"
    if k == "csv":
        if r < 0.5:
            return "```csv\n" + body + "\n```"
        return body
    if k == "doc":
        name = _pick(d, "name", rng)
        if r < 0.35:
            return f"[Retrieved: {name}]\n{body}"
        if r < 0.6:
            return f"Document: {name}\n\n{body}"
        return body
    if k == "transcript":
        if r < 0.4:
            return "[Transcript]\n" + body
        return body
    if k == "ticket":
        if r < 0.5:
            return "Ticket §ticket§\n" + body
        return body
    return body  # review, cv, chat, calendar, search, misc


ASK_JOIN = ["\n\n", "\n\n", "\n", ":\n\n", "\n\n"]


def render_doc(d, rng):
    """Returns an unfilled string (slots resolved later by the caller)."""
    body = d["body"]
    ask = d["ask"]
    if isinstance(ask, list):
        ask = rng.choice(ask)
    doc = wrap_kind(d, body, rng)
    if rng.random() < 0.35:
        doc = rng.choice(OUTER)(doc, rng)
    if rng.random() < 0.7:
        j = rng.choice(ASK_JOIN)
        a = ask.rstrip()
        if j.startswith(":"):
            a = a.rstrip("?.!:")
        return a + j + doc
    return doc + "\n\n" + ask
