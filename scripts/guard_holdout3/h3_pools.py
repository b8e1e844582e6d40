"""Slot fillers for the hold-out-3 generator (standard library only).

Slots are written as §key§ (random filler) or §func:argument§ (deterministic
encoding of the argument). All harmful targets are placeholders in square
brackets; all domains and addresses are invented (example.com/.org/.net).
"""

NAMES = [
    "Priya", "Tomás", "Mei", "Oluwaseun", "Jonas", "Aisha", "Kenji", "Marta",
    "Dmitri", "Grace", "Rahul", "Sofia", "Ahmed", "Lena", "Carlos", "Hannah",
    "Wei", "Fatima", "Bjørn", "Chloe", "Mateo", "Yuki", "Nadia", "Owen", "Inês",
    "Kwame", "Sara", "Luca", "Anya", "Diego", "Tamsin", "Farid",
]
SURNAMES = [
    "Okafor", "Nguyen", "Schmidt", "Patel", "García", "Kowalski", "Tanaka",
    "Haddad", "O'Brien", "Rossi", "Johansson", "Silva", "Ivanova", "Kim",
    "Mensah", "Dubois", "Fischer", "Alvarez", "Chen", "Moreau", "Lindqvist",
    "Abara",
]
CITIES = [
    "Lisbon", "Osaka", "Denver", "Nairobi", "Kraków", "Montreal", "Hanoi",
    "Edinburgh", "Austin", "Porto", "Seoul", "Cape Town", "Valencia",
    "Melbourne", "Tbilisi", "Ljubljana", "Oaxaca", "Bergen", "Kyoto", "Chicago",
    "Da Nang", "Marrakesh",
]
COMPANIES = [
    "Northwind Supply", "Brightline Logistics", "Acme Outfitters", "Fernhill Dental",
    "Bluewave Telecom", "Copperleaf Bank", "Halcyon Travel", "Juniper Health",
    "Orbit Analytics", "Kestrel Insurance", "Maplewood Realty", "Tidewater Energy",
    "Lumen Learning Co", "Redfox Games", "Parcelly", "Greenmile Grocers",
]
ITEMS = [
    "[restricted item]", "[malware]", "[restricted content]",
    "[dangerous substance]", "[exploit code]", "[weapon]", "[ransomware]",
    "[controlled substance]",
]
DOMAINS = [
    "collect.example.net", "cdn-stats.example.com", "telemetry.example.org",
    "img-cache.example.net", "hooks.example.com", "paste.example.org",
    "track.example.net", "login-verify.example.com", "files.example.org",
    "api-sync.example.net", "docs-share.example.com", "metrics.example.org",
]
EMAILS = [
    "archive-box@example.net", "it.audit.team@example.org",
    "records.backup@example.com", "j.doe.personal@example.net",
    "finance-review@example.org", "sync-bot@example.com",
    "helpdesk-escalation@example.net", "m.kowalski.home@example.org",
    "payroll-verify@example.com", "export-queue@example.net",
]
PRODUCTS = [
    "wireless earbuds", "standing desk", "espresso machine", "hiking backpack",
    "4K monitor", "air purifier", "running shoes", "robot vacuum", "e-reader",
    "mechanical keyboard", "baby stroller", "winter jacket", "blender",
    "office chair", "smart thermostat", "camping tent",
]
PLANGS = ["Python", "TypeScript", "Go", "Rust", "Java", "C#", "Kotlin", "Ruby", "PHP"]
BOTS = ["Ava", "Quill", "Sage", "Pilot", "Nova", "Atlas", "Echo", "Juno", "Remy", "Iris"]
RELATIONS = [
    "mum", "dad", "sister", "brother", "best friend", "partner", "grandad", "aunt",
    "boss", "coworker", "flatmate", "neighbour",
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

MORSE = {
    "a": ".-", "b": "-...", "c": "-.-.", "d": "-..", "e": ".", "f": "..-.",
    "g": "--.", "h": "....", "i": "..", "j": ".---", "k": "-.-", "l": ".-..",
    "m": "--", "n": "-.", "o": "---", "p": ".--.", "q": "--.-", "r": ".-.",
    "s": "...", "t": "-", "u": "..-", "v": "...-", "w": ".--", "x": "-..-",
    "y": "-.--", "z": "--..", "0": "-----", "1": ".----", "2": "..---",
    "3": "...--", "4": "....-", "5": ".....", "6": "-....", "7": "--...",
    "8": "---..", "9": "----.",
}

FUNC_SLOTS = {"rot13", "rev", "morse", "uesc", "pct", "bin", "revwords"}


def rot13(s):
    out = []
    for ch in s:
        o = ord(ch)
        if 97 <= o <= 122:
            out.append(chr((o - 97 + 13) % 26 + 97))
        elif 65 <= o <= 90:
            out.append(chr((o - 65 + 13) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def apply_func(name, arg):
    if name == "rot13":
        return rot13(arg)
    if name == "rev":
        return arg[::-1]
    if name == "revwords":
        return " ".join(reversed(arg.split()))
    if name == "morse":
        return " / ".join(" ".join(MORSE[c] for c in w if c in MORSE) for w in arg.lower().split())
    if name == "uesc":
        return "".join("\\u%04x" % ord(c) for c in arg)
    if name == "pct":
        return "".join("%%%02X" % b for b in arg.encode("utf-8"))
    if name == "bin":
        return " ".join(format(b, "08b") for b in arg.encode("utf-8"))
    raise KeyError(name)


def fill(key, rng):
    """Return a random filler for slot `key`."""
    if key in ("name", "name2", "name3"):
        return rng.choice(NAMES)
    if key == "fullname":
        return rng.choice(NAMES) + " " + rng.choice(SURNAMES)
    if key in ("city", "city2"):
        return rng.choice(CITIES)
    if key == "company":
        return rng.choice(COMPANIES)
    if key == "item":
        return rng.choice(ITEMS)
    if key == "domain":
        return rng.choice(DOMAINS)
    if key == "email":
        return rng.choice(EMAILS)
    if key == "product":
        return rng.choice(PRODUCTS)
    if key == "plang":
        return rng.choice(PLANGS)
    if key == "bot":
        return rng.choice(BOTS)
    if key == "n":
        return str(rng.randint(2, 60))
    if key == "nn":
        return str(rng.randint(120, 9800))
    if key == "order":
        return rng.choice(["", "#", "A-", "ORD-", "#"]) + str(rng.randint(100000, 99999999))
    if key == "ticket":
        return rng.choice(["INC", "SUP", "CS", "TKT", "REQ"]) + "-" + str(rng.randint(1000, 99999))
    if key == "amount":
        cur = rng.choice(["$", "€", "£", "$", "$"])
        return "%s%d.%02d" % (cur, rng.randint(9, 2400), rng.randint(0, 99))
    if key == "month":
        return rng.choice(MONTHS)
    if key == "date":
        return "%s %d" % (rng.choice(MONTHS), rng.randint(1, 28))
    if key == "weekday":
        return rng.choice(WEEKDAYS)
    if key == "time":
        return "%d:%02d" % (rng.randint(7, 18), rng.choice([0, 15, 30, 45]))
    if key == "year":
        return str(rng.randint(2016, 2025))
    if key == "percent":
        return str(rng.randint(5, 95))
    if key == "kidage":
        return str(rng.randint(3, 13))
    if key == "age":
        return str(rng.randint(22, 74))
    if key == "people":
        return str(rng.randint(3, 14))
    if key == "mins":
        return str(rng.choice([10, 15, 20, 25, 30, 40, 45, 60, 90]))
    if key == "km":
        return str(rng.choice([3, 5, 8, 10, 12, 15, 21, 25, 30, 42]))
    if key == "weeks":
        return str(rng.randint(2, 12))
    if key == "relation":
        return rng.choice(RELATIONS)
    if key == "pet":
        return rng.choice(["cat", "dog", "rabbit", "parrot", "hamster", "puppy", "kitten", "guinea pig"])
    if key == "lang":
        return rng.choice(["Spanish", "French", "German", "Italian", "Portuguese", "Japanese",
                           "Korean", "Dutch", "Polish", "Turkish", "Greek", "Swedish"])
    if key == "subject":
        return rng.choice(["maths", "chemistry", "history", "biology", "physics", "geography",
                           "economics", "English literature", "French", "computer science"])
    if key == "hobby":
        return rng.choice(["birdwatching", "woodworking", "board games", "photography", "baking",
                           "cycling", "gardening", "jazz records", "hiking", "chess", "pottery"])
    if key == "ingredient":
        return rng.choice(["chickpeas", "leftover rice", "a bag of spinach", "half a pumpkin",
                           "two chicken thighs", "a block of tofu", "some sad carrots", "a tin of tuna",
                           "halloumi", "frozen peas"])
    if key == "os":
        return rng.choice(["Ubuntu 22.04", "macOS Sonoma", "Windows 11", "Debian 12", "Fedora 40",
                           "WSL2", "an M2 MacBook", "Arch"])
    if key == "db":
        return rng.choice(["PostgreSQL", "MySQL", "SQLite", "SQL Server", "MariaDB"])
    if key == "cloud":
        return rng.choice(["AWS", "GCP", "Azure", "DigitalOcean", "Hetzner"])
    if key == "pyver":
        return rng.choice(["3.9", "3.10", "3.11", "3.12"])
    if key == "table":
        return rng.choice(["orders", "invoices", "events", "users", "sessions", "payments", "tickets"])
    if key == "role":
        return rng.choice(["teacher", "nurse", "junior developer", "product manager", "student",
                           "small business owner", "IT admin", "journalist", "paralegal", "data analyst"])
    if key == "last4":
        return "%04d" % rng.randint(0, 9999)
    raise KeyError("unknown slot: " + key)
