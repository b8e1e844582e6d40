"""Secrets scanner: Yelp's detect-secrets plugins run in-process on strings (no files, no baseline, no network).

Every built-in detect-secrets plugin except ``IPPublicDetector`` (an IP address is PII, reported by the PII
scanner) runs on the normalised text; a finding's kind is ``secret:<plugin class>``. Plugin verification (which
calls the providers' APIs) is never run: the plugins' patterns are applied directly, never ``analyze_line``.
Regex detectors run only around long tokens (16+ token characters), and only when their fixed prefix or keyword
occurs, which keeps a 2 KB request well under a millisecond.

Detectors for current formats that detect-secrets 1.5 lacks are added as detect-secrets ``RegexBasedDetector``
plugins: OpenAI project/service keys, Anthropic keys, Google API keys, Hugging Face tokens, GitHub fine-grained
tokens, Stripe test keys, AWS secret access keys next to an ``aws`` keyword, ``Authorization: Bearer`` headers,
passwords in URLs (``scheme://user:pass@host``, also with an empty user as in ``redis://:pass@host``, any
characters) and on database command lines (``mysql -p...``).

Noise limits (documented; tuned for prompts rather than source files):

* ``KeywordDetector`` (``password: ...``, ``api_key = "..."``, and in prose ``my password is ...``, ``the wifi
  password for the office is ...``; a config attribute pair ``<add key="DbPassword" value="..."/>`` whose name holds
  a secret word; a user/password pair after ``login``/``credentials`` such as ``the admin login is deploy / ...``,
  whose password must mix three character classes): the value is cut at the first whitespace, trailing punctuation
  dropped, and kept only if it is 6+ characters, mixes two character classes (or is 16+ long), is not a placeholder
  (``<...>``, ``${...}``, ``YOUR_...``, ``REPLACE_ME``, ``xxxx``, ``****``...) and not code (``os.environ[...]``,
  ``getpass()``).
* ``Base64HighEntropyString``: quoted strings above detect-secrets' default limit (4.5 bits/char); unquoted tokens
  only when 20+ characters, above the same limit, with upper case, lower case and a digit. Never readable base64
  text (an encoded payload, which normalisation decodes instead), nor on a line holding an SSH public key, an SRI
  ``integrity`` value, a checksum, digest or fingerprint.
* ``HexHighEntropyString``: quoted strings above the default limit (3.0); unquoted hex only when 32+ characters with
  a secret keyword (key, secret, token, password, credential, auth) on the same line, so that commit hashes and
  checksums are not reported.
* detect-secrets' heuristic filters: sequential strings, UUIDs, templated values. A high-entropy finding inside a
  specific detector's finding is dropped.
* A ``PrivateKeyDetector`` finding spans the whole PEM block, so that redaction removes the key, not its header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any, cast

from quarterdeck.guard.normalise import decode_base64_text, view
from quarterdeck.guard.types import Finding, Stage

__all__ = ["SecretsScanner", "available_plugins"]

_EXCLUDED = frozenset({"IPPublicDetector"})
# where a secret keyword starts (in the lower-cased text): "password", "api_key", "auth_token", "pin"...
_KEYWORD_AT = re.compile(
    r"(?<![a-z])(?:pass(?:word|wd|phrase|code)?|pwd|secret|token|auth|cred(?:ential)?s?|private|pin\b)"
    r"|(?:api|access|secret|private|master|license|encryption|signing)[_\- ]?key"
)
# A regex detector runs only when one of these occurs in the text (None: always): its fixed prefix or keyword.
_LITERALS: dict[str, tuple[str, ...] | None] = {
    "AWSKeyDetector": ("A3T", "ABIA", "ACCA", "AKIA", "ASIA", "aws", "AWS", "Aws"),
    "ArtifactoryDetector": ("AKC", "AP"),
    "AzureStorageKeyDetector": ("AccountKey",), "BasicAuthDetector": ("://",), "GitHubTokenDetector": ("gh",),
    "GitLabTokenDetector": ("gl", "GR1348941"), "JwtTokenDetector": ("eyJ",), "MailchimpDetector": ("-us",),
    "NpmDetector": ("_authToken",), "OpenAIDetector": ("T3BlbkFJ",), "PypiTokenDetector": ("pypi-",),
    "SendGridDetector": ("SG.",), "SlackDetector": ("xox", "hooks.slack.com"), "SquareOAuthDetector": ("sq0csp-",),
    "StripeDetector": ("k_live_",), "TelegramBotTokenDetector": (":",), "TwilioKeyDetector": ("AC", "SK"),
    "OpenAIKeyDetector": ("sk-",), "AnthropicKeyDetector": ("sk-ant-",), "GoogleApiKeyDetector": ("AIza",),
    "HuggingFaceTokenDetector": ("hf_",), "GitHubFineGrainedTokenDetector": ("github_pat_",),
    "StripeTestKeyDetector": ("k_test_",), "AWSSecretKeyDetector": ("aws", "AWS", "Aws"),
    "BearerTokenDetector": ("earer", "EARER"), "URLPasswordDetector": ("://",),
}
# after a keyword (and the rest of its identifier): an assignment of a value of 4+ characters
_ASSIGNED = re.compile(r"[\w.\-\[\]]{0,40}[\"'`\]]?\s*(?::=?|=>?|==|!==?)\s*[\"'`]?[^\s\"'`]{4,}")
_PROSE_KEYWORD = re.compile(  # "my password is X", "the wifi password for the office is X", "password: X"
    r"(?i)\b(?:password|passwd|passphrase|passcode|pwd|pin|secret|api[ _-]?key|access[ _-]?key|token)"
    r"(?:\s+(?:for|of|to|on)(?:\s+[\w'-]+){1,3}?)?(?:\s+(?:is|was)\s+|\s*[=:]\s*)[\"'`]?([^\s\"'`]{6,})"
)
# a secret word naming a setting in a config attribute: <add key="DbPassword" value="..."/>
_ATTRIBUTE = re.compile(r"(?i)\b(?:key|name)\s*=\s*([\"'])([^\"'\n]{1,60})\1\s+value\s*=\s*([\"'])([^\"'\n]{6,})\3")
_SETTING_NAME = re.compile(r"(?i)pass(?:word|wd|phrase)?|pwd|secret|token|api_?key|access_?key|private_?key|credential")
# a user and password pair given in prose: "the admin login is deploy / Pa55w0rd!", "credentials: root/..."
_PAIR = re.compile(r"(?i)\b(?:login|log-in|credentials?|creds|user\s*(?:name)?\s*/\s*pass(?:word)?)"
                   r"(?:\s+(?:is|are)\s+|\s*[:=]\s*)[\"'`]?[\w.@\-]{2,40}[\"'`]?\s*/\s*[\"'`]?([^\s\"'`]{8,})")
# A line holding a public key, a checksum or a digest: its random-looking runs are not secrets.
_NOT_A_SECRET = re.compile(
    r"(?i)\bssh-(?:rsa|dss|ed25519)\b|\becdsa-sha2-|\bsk-ssh-|\bintegrity\b|\bchecksum|\bdigest\b"
    r"|\bsha(?:1|224|256|384|512)\b|\bsha(?:1|224|256|384|512)-|\bmd5\b|\bfingerprint\b"
    r"|BEGIN (?:SSH2 |RSA |PGP )?PUBLIC KEY"
)
_CODE_VALUE = re.compile(r"[(\[]|^(?:os\.|process\.env|env\.|self\.|this\.|config\.|settings\.)")  # a call, a lookup
_PLACEHOLDER = re.compile(r"(?i)your|example|placeholder|redacted|replace|change_?me|todo|fixme|dummy|xxxx"
                          r"|\*\*\*|\.\.\.|^<|>$|\$\{|\{\{|%s|(?-i:^[A-Z][A-Z_]*$)")
_UNQUOTED_B64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])")
_UNQUOTED_HEX = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")
_SECRET_WORD = re.compile(r"(?i)key|secret|token|passw|credential|auth")
_PEM = re.compile(
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\Z)",
    re.DOTALL,
)
_TRAILING = ".,;:!?)]}>"
_WHOLE_TEXT = {  # detectors with no long token to anchor on, and the cues for running them on the whole text
    "PrivateKeyDetector": ("private key", "putty"),
    "CommandLinePasswordDetector": ("mysql", "mariadb", "psql", "pg_dump", "mongo", "redis-cli", "sshpass", "mssql",
                                    "sqlcmd"),
}
_LONG_TOKEN = re.compile(r"[A-Za-z0-9_\-/+=.:@]{16,}")
_JWT_TAIL = re.compile(r"[A-Za-z0-9_\-.+/=]*")
_EXTRA_PATTERNS: dict[str, tuple[str, ...]] = {
    "OpenAIKeyDetector": (r"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}", r"\bsk-[A-Za-z0-9]{48}\b"),
    "AnthropicKeyDetector": (r"\bsk-ant-[a-z]{3,6}\d{2}-[A-Za-z0-9_-]{32,}",),
    "GoogleApiKeyDetector": (r"\bAIza[0-9A-Za-z_-]{35}",),
    "HuggingFaceTokenDetector": (r"\bhf_[A-Za-z0-9]{30,}",),
    "GitHubFineGrainedTokenDetector": (r"\bgithub_pat_[A-Za-z0-9_]{60,}",),
    "StripeTestKeyDetector": (r"\b(?:r|s)k_test_[0-9a-zA-Z]{24,}",),
    "AWSSecretKeyDetector": (
        r"(?i)aws.{0,30}?(?:secret|private).{0,20}?[=:]\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])",
    ),
    "BearerTokenDetector": (r"(?i)\bauthorization:\s*bearer\s+([A-Za-z0-9._~+/-]{20,}=*)",),
    "URLPasswordDetector": (r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@]*:([^\s@/]{4,})@[\w.\-]+",),
    "CommandLinePasswordDetector": (
        r"(?i)\b(?:mysql\w*|mariadb|psql|pg_dump|mongo\w*|redis-cli|sshpass|mssql-cli|sqlcmd)\b[^\n]{0,80}?"
        r"\s(?:-p|--password[= ]|-P\s)['\"]?([^\s'\"]{6,})",
    ),
}


@cache
def _plugins() -> tuple[Any, ...]:
    """One instance of every detect-secrets plugin (plus the extra detectors above), built once per process."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.base import RegexBasedDetector

    classes: list[Any] = list(get_mapping_from_secret_type_to_class().values())
    plugins: list[Any] = [cls() for cls in classes if cls.__name__ not in _EXCLUDED]
    for name, patterns in _EXTRA_PATTERNS.items():
        cls: Any = type(name, (RegexBasedDetector,), {"secret_type": name.removesuffix("Detector"),
                                                 "denylist": tuple(re.compile(p) for p in patterns)})
        plugins.append(cls())
    return tuple(sorted(plugins, key=lambda p: type(p).__name__))


def available_plugins() -> tuple[str, ...]:
    """The plugin class names a ``{"type": "secrets", "plugins": [...]}`` spec may list."""
    return tuple(type(p).__name__ for p in _plugins())


def _windows(text: str) -> list[tuple[int, int]]:
    """Regions around long tokens (every secret format but keywords and private keys has one), merged."""
    windows: list[tuple[int, int]] = []
    for m in _LONG_TOKEN.finditer(text):
        a = max(0, m.start() - 64, text.rfind("\n", 0, m.start()) + 1)
        end_of_line = text.find("\n", m.end())
        b = min(m.end() + 64, len(text) if end_of_line < 0 else end_of_line)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(b, windows[-1][1]))
        else:
            windows.append((a, b))
    return windows


def _secret_span(m: re.Match[str]) -> tuple[int, int]:
    """The secret in a detector's match: its longest group when that is 8+ characters, else the whole match."""
    best = max(((m.start(g), m.end(g)) for g in range(1, (m.re.groups or 0) + 1) if m.start(g) >= 0),
               key=lambda s: s[1] - s[0], default=(0, 0))
    return best if best[1] - best[0] >= 8 else m.span()


def _pem_block(text: str, a: int, b: int) -> tuple[int, int]:
    """The whole PEM block a private-key header starts (to the end of the text when it has no END line)."""
    pem = _PEM.search(text, max(0, a - 16))
    return pem.span() if pem and pem.start() <= a else (a, b)


def _classes(value: str) -> int:
    return sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value),
                any(not c.isalnum() for c in value)))


def _keyword_value_ok(value: str) -> bool:
    """A plausible secret value: 6+ characters mixing two classes (or 16+), not a placeholder, not code."""
    return (len(value) >= 6 and (_classes(value) >= 2 or len(value) >= 16) and not _PLACEHOLDER.search(value)
            and any(c.isalnum() for c in value) and not _CODE_VALUE.search(value))


def _line(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:len(text) if end < 0 else end]


def _occurrences(text: str, value: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int]]:
    hi = len(text) if hi is None else hi
    start = text.find(value, lo, hi)
    while start >= 0:
        yield start, start + len(value)
        start = text.find(value, start + len(value), hi)


class SecretsScanner:
    """detect-secrets plugins on the normalised text; offsets refer to the text given to :meth:`scan`."""

    stage: Stage = "both"
    cheap = True

    def __init__(self, plugins: Sequence[str] | None = None, high_entropy: bool = True, name: str = "secrets") -> None:
        known = available_plugins()
        if plugins is not None:
            if isinstance(plugins, str) or not plugins:
                raise ValueError("plugins: must be a non-empty list of detect-secrets plugin names")
            for plugin in plugins:
                if plugin not in known:
                    raise ValueError(f"plugins: unknown plugin {plugin!r} (known: {', '.join(known)})")
        if not isinstance(high_entropy, bool):
            raise ValueError("high_entropy: must be true or false")
        chosen = set(plugins or known)
        if not high_entropy:
            chosen -= {"Base64HighEntropyString", "HexHighEntropyString"}
        from detect_secrets.plugins.base import RegexBasedDetector
        from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin
        from detect_secrets.plugins.keyword import KeywordDetector

        self.name = name
        self.plugins = tuple(sorted(chosen))
        active = [p for p in _plugins() if type(p).__name__ in chosen]
        self._keyword = tuple(p for p in active if isinstance(p, KeywordDetector))
        self._entropy_plugins = tuple(p for p in active if isinstance(p, HighEntropyStringsPlugin))
        # (kind, plugin, patterns, cues for running on the whole text or None for the long-token windows)
        self._regex: tuple[tuple[str, Any, tuple[re.Pattern[str], ...], tuple[str, ...] | None], ...] = tuple(
            (type(p).__name__, p, tuple(p.denylist), _WHOLE_TEXT.get(type(p).__name__))
            for p in active if isinstance(p, RegexBasedDetector))

    def scan(self, text: str) -> list[Finding]:
        v = view(text)
        spans = self._spans(v.text)
        findings: dict[tuple[str, int, int], Finding] = {}
        specific = [(a, b) for kind, a, b, _ in spans if "HighEntropy" not in kind]
        for kind, a, b, score in spans:
            if "HighEntropy" in kind and any(a < y and x < b for x, y in specific):
                continue
            oa, ob = v.span(a, b)
            findings.setdefault((kind, oa, ob), Finding(self.name, f"secret:{kind}", oa, ob, score))
        return sorted(findings.values(), key=lambda f: (f.start, f.end, f.kind))

    def _spans(self, text: str) -> list[tuple[str, int, int, float]]:
        from detect_secrets.filters.heuristic import is_potential_uuid, is_sequential_string, is_templated_secret

        out: list[tuple[str, int, int, float]] = []
        for keyword in self._keyword:
            out.extend((type(keyword).__name__, a, b, 0.9) for a, b in self._keywords(keyword, text))
        for entropy in self._entropy_plugins:
            out.extend((type(entropy).__name__, a, b, 0.8) for a, b in self._entropy(entropy, text)
                       if not is_potential_uuid(text[a:b]))
        windows = _windows(text)
        low = text.lower()
        for kind, plugin, patterns, cues in self._regex:
            literals = _LITERALS.get(kind)
            if literals is not None and not any(literal in text for literal in literals):
                continue
            # no long token to anchor on (cues given): the whole text, when a cue is there
            whole = cues is not None and any(cue in low for cue in cues)
            spans = windows if cues is None else [(0, len(text))] if whole else []
            for lo, hi in spans:
                for regex in patterns:
                    for m in regex.finditer(text, lo, hi):
                        a, b = _secret_span(m)
                        if kind == "JwtTokenDetector":
                            b = _JWT_TAIL.match(text, b).end()  # type: ignore[union-attr]
                            if not cast(Any, plugin).is_formally_valid(text[a:b]):
                                continue
                        value = text[a:b]
                        if value and not is_sequential_string(value) and not is_templated_secret(value):
                            if kind == "PrivateKeyDetector":
                                a, b = _pem_block(text, a, b)
                            out.append((kind, a, b, 1.0))
        return out

    @staticmethod
    def _keywords(plugin: Any, text: str) -> Iterator[tuple[int, int]]:
        from detect_secrets.plugins.keyword import (
            CONFIG_DENYLIST_REGEX_TO_GROUP,
            QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP,
        )

        done = -1
        for hit in _KEYWORD_AT.finditer(text.lower()):
            at = hit.start()
            if at < done:
                continue
            start = at
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
                start -= 1
            lo = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            hi = min(len(text) if line_end < 0 else line_end, at + 200)
            values = {m.group(1) for m in _PROSE_KEYWORD.finditer(text, start, hi)}
            if _ASSIGNED.match(text, at):  # only then detect-secrets' (costly) keyword patterns
                segment = text[max(lo, start - 24):hi]
                for table in (QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP, CONFIG_DENYLIST_REGEX_TO_GROUP):
                    values.update(v for v in plugin.analyze_string(segment, table) if v)
            for value in values:
                value = value.split()[0].rstrip(_TRAILING) if value.split() else ""
                if _keyword_value_ok(value):
                    for a, b in _occurrences(text, value, lo, hi):
                        done = max(done, b)
                        yield a, b
        if "value" in text:
            for m in _ATTRIBUTE.finditer(text):
                if _SETTING_NAME.search(m.group(2)) and _keyword_value_ok(m.group(4)):
                    yield m.span(4)
        if "log" in text or "cred" in text or ("/" in text and "ser" in text):
            for m in _PAIR.finditer(text):
                value = m.group(1).rstrip(_TRAILING)
                if _keyword_value_ok(value) and _classes(value) >= 3:
                    yield m.start(1), m.start(1) + len(value)

    @staticmethod
    def _entropy(plugin: Any, text: str) -> Iterator[tuple[int, int]]:
        from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString

        b64 = isinstance(plugin, Base64HighEntropyString)
        for value in set(plugin.analyze_string(text)):  # quoted strings: detect-secrets' own rule
            if (plugin.calculate_shannon_entropy(value) > plugin.entropy_limit
                    and not (b64 and decode_base64_text(value) is not None)):
                yield from ((a, b) for a, b in _occurrences(text, value) if not _NOT_A_SECRET.search(_line(text, a)))
        if b64:
            for m in _UNQUOTED_B64.finditer(text):
                token = m.group(0)
                if (any(c.isdigit() for c in token) and any(c.islower() for c in token)
                        and any(c.isupper() for c in token)
                        and plugin.calculate_shannon_entropy(token) > plugin.entropy_limit
                        and decode_base64_text(token) is None and not _NOT_A_SECRET.search(_line(text, m.start()))):
                    yield m.start(), m.end()
        else:
            for m in _UNQUOTED_HEX.finditer(text):
                line = _line(text, m.start())
                if (_SECRET_WORD.search(line) and not _NOT_A_SECRET.search(line)
                        and plugin.calculate_shannon_entropy(m.group(0)) > plugin.entropy_limit):
                    yield m.start(), m.end()
