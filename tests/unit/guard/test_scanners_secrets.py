"""Secrets scanner: detect-secrets plugins on strings, sensible high-entropy limits, whole PEM blocks."""

from __future__ import annotations

import pytest

from quarterdeck.guard import build_scanner, normalise, redact
from quarterdeck.guard.secrets_scan import SecretsScanner, available_plugins


@pytest.fixture(scope="module")
def scanner() -> SecretsScanner:
    s = build_scanner({"type": "secrets"})
    assert isinstance(s, SecretsScanner) and s.cheap
    return s


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("my key is AKIAIOSFODNN7EXAMPLQ ok", "secret:AWSKeyDetector", "AKIAIOSFODNN7EXAMPLQ"),
    ("token ghp_1234567890abcdefghijABCDEFGHIJabcdef here", "secret:GitHubTokenDetector",
     "ghp_1234567890abcdefghijABCDEFGHIJabcdef"),
    ("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "secret:SlackDetector",
     "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
    ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "secret:StripeDetector", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    ("export OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z", "secret:OpenAIKeyDetector",
     "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"),
    ("google AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "secret:GoogleApiKeyDetector",
     "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"),
    ("password: hunter2x", "secret:KeywordDetector", "hunter2x"),
    ("The wifi password for the office is l+9r@9XejPj2Q6@&og.", "secret:KeywordDetector", "l+9r@9XejPj2Q6@&og"),
    ("mysql -u admin -p'gQ*n5QNT##!Czdz17Y' -h 10.0.3.12", "secret:CommandLinePasswordDetector", "gQ*n5QNT##!Czdz17Y"),
    ("connect postgres://admin:S3cretPass@db.example.com:5432/app", "secret:BasicAuthDetector", "S3cretPass"),
    ("random token Zx8Kq2LmP9rT4vW7yB3nC6dF1gH5jK0s in the text", "secret:Base64HighEntropyString",
     "Zx8Kq2LmP9rT4vW7yB3nC6dF1gH5jK0s"),
    ("the auth signature 9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa9988", "secret:HexHighEntropyString",
     "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa9988"),
])
def test_secrets_are_found(scanner: SecretsScanner, text: str, kind: str, value: str) -> None:
    found = {f.kind: text[f.start:f.end] for f in scanner.scan(text)}
    assert found.get(kind) == value, found


def test_jwt_is_found_whole(scanner: SecretsScanner) -> None:
    jwt = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0."
           "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
    text = f"session cookie: auth={jwt}; Path=/"
    kinds = {f.kind: text[f.start:f.end] for f in scanner.scan(text)}
    assert kinds["secret:JwtTokenDetector"] == jwt


def test_private_key_finding_covers_the_whole_block(scanner: SecretsScanner) -> None:
    key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----"
    text = f"here:\n{key}\nthanks"
    redacted, _ = redact(text, scanner.scan(text))
    assert redacted == "here:\n<SECRET_PRIVATEKEYDETECTOR_1>\nthanks"


def test_obfuscated_secret_is_found(scanner: SecretsScanner) -> None:
    text = "key: AKIA\u200bIOSFODNN7\u200bEXAMPLQ"
    (finding,) = scanner.scan(text)
    assert finding.kind == "secret:AWSKeyDetector"
    assert text[finding.start:finding.end] == "AKIA\u200bIOSFODNN7\u200bEXAMPLQ"
    assert scanner.scan(normalise(text).text)


@pytest.mark.parametrize("text", [
    "How do I rotate an AWS access key safely?",
    "Password: must be at least 8 characters long",
    "the commit 3f2a9c0d1e4b5a6978877665544332211aabbccd fixed it",
    "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "Set your password: <your-password> in the config",
    "token: REPLACE_ME",
    "password = os.environ[\"DB_PASSWORD\"]",
    "password = getpass.getpass()",
    "install internationalization libraries for python",
    "message = \"VGhlIHByaW50ZXIgb24gZmxvb3IgdGhyZWUgaXMgb3V0IG9mIHBhcGVyLg==\"  # base64 of a sentence",
    "the uuid is 123e4567-e89b-12d3-a456-426614174000",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdyoRCSSpYaw1uKVQIAiVwifYmL6iUqTePjVd6/F205 deploy@ci",
    "\"integrity\": \"sha512-KA16j2AVNpyNo/cVvHx0C9IylolavbA7W95N9WseHx3TN9hiUT1GuAbDZnjzonNlaPeqGyM11ddNdEe+DQ0Z"
    "Gg==\"",
    "/usr/local/lib/python3.11/site-packages/quarterdeck/guard",
    "The token bucket algorithm limits request rates.",
])
def test_benign_lookalikes_pass(scanner: SecretsScanner, text: str) -> None:
    assert scanner.scan(text) == [], text


def test_plugin_selection_and_high_entropy_switch() -> None:
    assert "AWSKeyDetector" in available_plugins() and "IPPublicDetector" not in available_plugins()
    only_aws = build_scanner({"type": "secrets", "plugins": ["AWSKeyDetector"]})
    assert only_aws.scan("ghp_1234567890abcdefghijABCDEFGHIJabcdef") == []
    no_entropy = build_scanner({"type": "secrets", "high_entropy": False})
    assert no_entropy.scan("random token Zx8Kq2LmP9rT4vW7yB3nC6dF1gH5jK0s in the text") == []
    with pytest.raises(ValueError, match=r"^plugins:"):
        build_scanner({"type": "secrets", "plugins": ["NoSuchDetector"]})
    with pytest.raises(ValueError, match=r"^high_entropy:"):
        build_scanner({"type": "secrets", "high_entropy": "yes"})
