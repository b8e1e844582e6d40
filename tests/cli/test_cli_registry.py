"""The registry CLI (push, diff, prompt, release, kill, audit) against a real server on port 0."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
import yaml
from sqlalchemy import text
from typer.testing import CliRunner, Result

from quarterdeck.cli.main import app as cli_app
from quarterdeck.gateway.keys import issue_key
from tests.gateway_harness import ADMIN_KEY, RunningGateway, config_from

runner = CliRunner()


@dataclass
class Env:
    gw: RunningGateway
    releaser: str
    approver: str
    viewer: str
    config_file: Path

    def run(self, *args: str, key: str | None = None) -> Result:
        return runner.invoke(cli_app, [*args, "--url", self.gw.url, "--key", key or self.releaser],
                             env={"COLUMNS": "200"})


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    # a provider the route files can name (never called: these tests send no /v1 traffic)
    config = {"store": f"sqlite:///{tmp_path / 'qd.db'}", "admin_key": ADMIN_KEY,
              "providers": [{"name": "local", "type": "openai", "base_url": "http://127.0.0.1:9/v1"}]}
    config_file = tmp_path / "quarterdeck.yaml"
    config_file.write_text(yaml.safe_dump(config))
    with RunningGateway(config_from(config)) as gw:
        keys = {role: issue_key(gw.app.store, name=f"{role}-key", role=role)[0]
                for role in ("releaser", "approver", "viewer")}
        yield Env(gw, keys["releaser"], keys["approver"], keys["viewer"], config_file)


def offline(*args: str) -> Result:
    return runner.invoke(cli_app, list(args), env={"COLUMNS": "200"})


def write_prompt(path: Path, name: str, greeting: str = "Hello", **extra: object) -> Path:
    doc = {"name": name, "model": "local", "description": f"{name} prompt",
           "messages": [{"role": "system", "content": f"{greeting}. You help {{{{customer}}}}."},
                        {"role": "user", "content": "{{question}}"}],
           "params": {"temperature": 0.2}, **extra}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def make_tree(root: Path) -> Path:
    write_prompt(root / "prompts" / "support.yaml", "support-reply")
    write_prompt(root / "prompts" / "nested" / "triage.yml", "triage", greeting="Sort")
    (root / "data").mkdir(parents=True)
    (root / "data" / "golden.jsonl").write_text('{"q": "hi", "a": "hello"}\n\n{"q": "bye", "a": "goodbye"}\n')
    (root / "policy.yaml").write_text(yaml.safe_dump({
        "kind": "guard_policy", "name": "pii", "input": [{"type": "pii", "action": "redact", "ner": False}]}))
    (root / "routes").mkdir(parents=True)
    (root / "routes" / "fast.yaml").write_text(yaml.safe_dump(
        {"kind": "route", "name": "fast", "deployments": [{"provider": "local", "model": "smol"}], "retries": 0}))
    (root / "README.md").write_text("not an artifact\n")
    return root


def release_id(result: Result) -> str:
    match = re.search(r"created release (rel_[0-9a-f]+)", result.stdout)
    assert match, result.stdout
    return match.group(1)


def assert_clean_error(result: Result, code: int, *needles: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


# ------------------------------------------------------------------------------------------ push/diff


def test_push_directory_twice_is_idempotent(env: Env, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "repo")
    first = env.run("push", str(root))
    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    assert len(lines) == 5, lines
    assert re.fullmatch(r"created dataset golden v1 \(sha256 [0-9a-f]{8}…\)", lines[0])
    assert lines[1].startswith("created guard_policy pii v1 ")
    assert lines[2].startswith("created prompt triage v1 ")  # prompts/nested/triage.yml sorts first
    assert lines[3].startswith("created prompt support-reply v1 ")
    assert lines[4].startswith("created route fast v1 ")

    again = env.run("push", str(root))
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == ["unchanged dataset golden v1", "unchanged guard_policy pii v1",
                                         "unchanged prompt triage v1", "unchanged prompt support-reply v1",
                                         "unchanged route fast v1"]

    write_prompt(root / "prompts" / "support.yaml", "support-reply", greeting="Hi there")
    third = env.run("prompt", "push", str(root), "-m", "friendlier")
    assert third.exit_code == 0, third.output
    assert "unchanged prompt triage v1" in third.stdout
    assert "created prompt support-reply v2" in third.stdout
    assert "golden" not in third.stdout and "pii" not in third.stdout  # `prompt push` skips other kinds
    events = env.gw.app.store.audit.list(target="prompt:support-reply", action="artifact.push")
    assert [e.reason for e in events] == [None, "friendlier"]


def test_diff_states_and_exit_codes(env: Env, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "repo")
    before = env.run("diff", str(root))
    assert before.exit_code == 1, before.output
    assert before.stdout.count("new      ") == 5
    with env.gw.app.store.registry.read() as reads:
        assert reads.artifacts() == []

    assert env.run("push", str(root)).exit_code == 0
    same = env.run("diff", str(root))
    assert same.exit_code == 0, same.output
    assert "same     prompt support-reply = v1 (no label)" in same.stdout
    assert "same     dataset golden = v1" in same.stdout
    assert "same     route fast = v1" in same.stdout

    # move production to v1, then change the file: changed, with a unified diff against v1
    rid = release_id(env.run("release", "create", "support-reply", "--label", "production", "--reason", "first"))
    assert env.run("release", "approve", rid, key=env.approver).exit_code == 0
    assert env.run("release", "promote", rid).exit_code == 0
    labelled = env.run("prompt", "diff", str(root / "prompts" / "support.yaml"))
    assert labelled.exit_code == 0, labelled.output
    assert "same     prompt support-reply = v1 (labels: production)" in labelled.stdout

    write_prompt(root / "prompts" / "support.yaml", "support-reply", greeting="Greetings")
    changed = env.run("diff", str(root))
    assert changed.exit_code == 1, changed.output
    assert "changed  prompt support-reply:" in changed.stdout and "differs from v1" in changed.stdout
    assert "--- registry prompt support-reply v1" in changed.stdout
    assert "\n-- content: Hello. You help {{customer}}.\n" in changed.stdout
    assert "\n+- content: Greetings. You help {{customer}}.\n" in changed.stdout
    assert "same     prompt triage = v1" in changed.stdout
    assert "1 difference(s)" in changed.stdout

    # back to the stored text: same again
    write_prompt(root / "prompts" / "support.yaml", "support-reply")
    assert env.run("diff", str(root)).exit_code == 0


def test_diff_reports_release_policy_drift(env: Env, tmp_path: Path) -> None:
    policy = {"production": {"approvals": {"count": 2}}}
    path = write_prompt(tmp_path / "p.yaml", "gated", release_policy=policy)
    pushed = env.run("push", str(path), key=ADMIN_KEY)  # a new policy needs an admin
    assert pushed.exit_code == 0, pushed.output
    assert "release policy updated" in pushed.stdout
    assert env.run("diff", str(path)).exit_code == 0

    write_prompt(tmp_path / "p.yaml", "gated", release_policy={"production": {"approvals": {"count": 1}}})
    drift = env.run("diff", str(path))
    assert drift.exit_code == 1, drift.output
    assert "same     prompt gated = v1" in drift.stdout
    assert "policy   prompt gated: the release_policy in" in drift.stdout
    assert "-    count: 2" in drift.stdout and "+    count: 1" in drift.stdout

    # a releaser may push the content but not change the policy
    refused = env.run("push", str(path))
    assert_clean_error(refused, 1, "role_required", "change release policies")


def test_viewer_cannot_push_but_can_read(env: Env, tmp_path: Path) -> None:
    path = write_prompt(tmp_path / "p.yaml", "support-reply")
    refused = env.run("push", str(path), key=env.viewer)
    assert_clean_error(refused, 1, "The key 'viewer-key' has the role 'viewer'", "role_required, HTTP 403")
    assert env.run("diff", str(path), key=env.viewer).exit_code == 1  # reading is allowed: it is new


# ---------------------------------------------------------------------------------------- prompt


def test_prompt_list_and_show(env: Env, tmp_path: Path) -> None:
    path = write_prompt(tmp_path / "p.yaml", "support-reply")
    env.run("push", str(path))
    write_prompt(path, "support-reply", greeting="Hey")
    env.run("push", str(path))
    write_prompt(tmp_path / "other.yaml", "other")
    env.run("push", str(tmp_path / "other.yaml"))
    rid = release_id(env.run("release", "create", "support-reply", "-l", "production", "--version", "1",
                             "--reason", "start"))
    env.run("release", "approve", rid, key=env.approver)
    assert env.run("release", "promote", rid).exit_code == 0
    canary = env.run("release", "create", "support-reply", "-l", "production", "--reason", "try v2",
                     "--canary", "0.2")
    rid2 = release_id(canary)
    env.run("release", "approve", rid2, key=env.approver)
    promoted = env.run("release", "promote", rid2)
    assert "20% of traffic to v2 (canary)" in promoted.stdout, promoted.output

    listed = env.run("prompt", "list", key=env.viewer)
    assert listed.exit_code == 0, listed.output
    assert "production=v1 (canary v2 @20%)" in listed.stdout
    assert "other" in listed.stdout and "2 prompt(s)" in listed.stdout

    shown = env.run("prompt", "show", "support-reply", key=env.viewer)
    assert shown.exit_code == 0, shown.output
    assert "labels: production=v1 (canary v2 @20%)" in shown.stdout
    assert "content of v2" in shown.stdout and "Hey. You help {{customer}}." in shown.stdout
    assert "variables: customer, question" in shown.stdout
    assert "v1" in shown.stdout and "production (canary @20%)" in shown.stdout

    old = env.run("prompt", "show", "support-reply", "--version", "1")
    assert "content of v1" in old.stdout and "Hello. You help" in old.stdout

    missing = env.run("prompt", "show", "nope")
    assert_clean_error(missing, 1, "No prompt named 'nope'.", "not_found, HTTP 404")


# --------------------------------------------------------------------------------------- releases


def test_release_create_approve_promote_flow(env: Env, tmp_path: Path) -> None:
    path = write_prompt(tmp_path / "p.yaml", "support-reply")
    env.run("push", str(path))

    created = env.run("release", "create", "support-reply", "--label", "production", "--reason", "launch")
    assert created.exit_code == 0, created.output
    rid = release_id(created)
    assert "prompt support-reply@production (none) -> v1 (pending)" in created.stdout
    assert "approvals: 0 of 1 required from the role 'approver'" in created.stdout

    gated = env.run("release", "promote", rid)
    assert_clean_error(gated, 1, "unmet gates", "gates_not_met, HTTP 409")

    approved = env.run("release", "approve", rid, "--comment", "lgtm", key=env.approver)
    assert approved.exit_code == 0, approved.output
    assert "approve by approver-key (approver)" in approved.stdout and ": lgtm" in approved.stdout
    assert "gates: all met (promote it)" in approved.stdout

    status = env.run("release", "status", rid, "--json", key=env.viewer)
    assert status.exit_code == 0, status.output
    data = orjson.loads(status.stdout)
    assert data["id"] == rid and data["state"] == "pending" and data["unmet_gates"] == []

    promoted = env.run("release", "promote", rid, "--reason", "go")
    assert promoted.exit_code == 0, promoted.output
    assert f"promoted release {rid}: prompt support-reply production now points at v1" in promoted.stdout
    with env.gw.app.store.registry.read() as reads:
        label = reads.label("prompt", "support-reply", "production")
    assert label is not None and label.version == 1

    table = env.run("release", "status", "--name", "support-reply", "--state", "promoted")
    assert table.exit_code == 0, table.output
    assert rid in table.stdout and "1 release(s)" in table.stdout

    as_json = env.run("release", "create", "support-reply", "-l", "staging", "--reason", "s", "--draft", "--json")
    assert as_json.exit_code == 0, as_json.output
    draft = orjson.loads(as_json.stdout)
    assert draft["label"] == "staging" and draft["state"] == "draft"
    submitted = env.run("release", "submit", draft["id"])
    assert submitted.exit_code == 0, submitted.output
    assert "prompt support-reply@staging (none) -> v1 (pending)" in submitted.stdout
    assert "gates: all met (promote it)" in submitted.stdout  # staging has no gates by default


def test_self_approval_refused(env: Env, tmp_path: Path) -> None:
    path = write_prompt(tmp_path / "p.yaml", "support-reply")
    env.run("push", str(path), key=ADMIN_KEY)
    rid = release_id(env.run("release", "create", "support-reply", "-l", "production", "--reason", "r",
                             key=ADMIN_KEY))
    refused = env.run("release", "approve", rid, key=ADMIN_KEY)
    assert_clean_error(refused, 1, f"created release {rid} and cannot approve it", "self_approval, HTTP 403")
    assert refused.stderr.startswith("error: ") and len(refused.stderr.strip().splitlines()) == 1


def test_reject_and_rollbacks(env: Env, tmp_path: Path) -> None:
    path = write_prompt(tmp_path / "p.yaml", "support-reply")
    env.run("push", str(path))
    rid = release_id(env.run("release", "create", "support-reply", "-l", "production", "--reason", "r"))
    rejected = env.run("release", "reject", rid, "--reason", "not yet", key=env.approver)
    assert rejected.exit_code == 0, rejected.output
    assert "(rejected)" in rejected.stdout and "outcome: not yet" in rejected.stdout

    # v1 to production, then v2, then roll back by label: production is v1 again
    rid = release_id(env.run("release", "create", "support-reply", "-l", "production", "--reason", "r"))
    env.run("release", "approve", rid, key=env.approver)
    env.run("release", "promote", rid)
    write_prompt(path, "support-reply", greeting="Yo")
    env.run("push", str(path))
    rid2 = release_id(env.run("release", "create", "support-reply", "-l", "production", "--reason", "v2"))
    env.run("release", "approve", rid2, key=env.approver)
    env.run("release", "promote", rid2)
    back = env.run("release", "rollback", "--name", "support-reply", "--label", "production", "--reason", "bad")
    assert back.exit_code == 0, back.output
    assert f"rolled back release {rid2}" in back.stdout and "(rolled_back)" in back.stdout
    with env.gw.app.store.registry.read() as reads:
        label = reads.label("prompt", "support-reply", "production")
    assert label is not None and label.version == 1

    again = env.run("release", "rollback", rid2, "--reason", "twice")
    assert_clean_error(again, 1, "release_state, HTTP 409")
    both = env.run("release", "rollback", rid2, "--name", "x", "--label", "y", "--reason", "r")
    assert_clean_error(both, 2, "not both")
    neither = env.run("release", "rollback", "--reason", "r")
    assert_clean_error(neither, 2, "--name NAME and --label LABEL")


# ------------------------------------------------------------------------------------ kill switches


def test_kill_and_unkill(env: Env, tmp_path: Path) -> None:
    env.run("push", str(write_prompt(tmp_path / "a.yaml", "support-reply")))
    env.run("push", str(write_prompt(tmp_path / "b.yaml", "safe-reply")))
    killed = env.run("kill", "prompt:support-reply", "--reason", "leaking", "--fallback", "prompt:safe-reply:1")
    assert killed.exit_code == 0, killed.output
    assert "kill switch on for prompt:support-reply: requests go to prompt:safe-reply:1" in killed.stdout
    listed = env.run("kill-switches", key=env.viewer)
    assert "prompt:support-reply" in listed.stdout and "leaking" in listed.stdout

    viewer = env.run("kill", "model:local", "--reason", "x", key=env.viewer)
    assert_clean_error(viewer, 1, "role_required")

    off = env.run("unkill", "prompt:support-reply", "--reason", "fixed")
    assert off.exit_code == 0, off.output
    assert "kill switch off for prompt:support-reply" in off.stdout
    twice = env.run("unkill", "prompt:support-reply", "--reason", "fixed")
    assert_clean_error(twice, 1, "No kill switch is on for 'prompt:support-reply'.")
    assert "0 kill switch(es) on" in env.run("kill-switches").stdout


# -------------------------------------------------------------------------------------------- audit


def test_audit_verify_and_tamper(env: Env, tmp_path: Path) -> None:
    env.run("push", str(write_prompt(tmp_path / "a.yaml", "support-reply")), "-m", "first")
    env.run("kill", "prompt:support-reply", "--reason", "oops")

    ok = offline("audit", "verify", "--config", str(env.config_file))
    assert ok.exit_code == 0, ok.output
    assert "audit log verified: 2 events, chain intact" in ok.stdout

    listed = offline("audit", "list", "--config", str(env.config_file), "--target", "prompt:support-reply")
    assert listed.exit_code == 0, listed.output
    assert "artifact.push" in listed.stdout and "kill.on" in listed.stdout and "releaser-key" in listed.stdout
    limited = offline("audit", "list", "--config", str(env.config_file), "--limit", "1")
    assert "kill.on" not in limited.stdout and "1 audit event(s)" in limited.stdout

    with env.gw.app.store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET reason='x' WHERE seq=1"))
    broken = offline("audit", "verify", "--config", str(env.config_file))
    assert broken.exit_code == 1, broken.output
    assert "BROKEN at event 1" in broken.stdout and "was altered" in broken.stdout


# --------------------------------------------------------------------------------------- bad input


def test_bad_files_exit_2_before_sending(env: Env, tmp_path: Path) -> None:
    good = write_prompt(tmp_path / "good.yaml", "good")

    missing = env.run("push", str(good), str(tmp_path / "absent.yaml"))
    assert_clean_error(missing, 2, "absent.yaml: no such file or directory")

    listy = tmp_path / "list.yaml"
    listy.write_text("- a\n- b\n")
    assert_clean_error(env.run("push", str(good), str(listy)), 2, "list.yaml: must be a mapping", "(got a list)")

    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("kind: widget\nname: w\n")
    assert_clean_error(env.run("push", str(unknown)), 2, "unknown.yaml: kind: must be one of prompt, route",
                       "'widget'")

    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\nmessages: [\n")
    assert_clean_error(env.run("diff", str(broken)), 2, "broken.yaml: not valid YAML: line")

    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("name: x\nmodel: local\nmessages: [{role: robot, content: hi}]\n")
    assert_clean_error(env.run("push", str(invalid)), 2, "invalid.yaml: content.messages.0.role")

    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text('{"a": 1}\n[1, 2]\n')
    assert_clean_error(env.run("push", str(jsonl)), 2, "rows.jsonl:2: each line must be a JSON object")

    dataset = tmp_path / "d.yaml"
    dataset.write_text("kind: dataset\nname: d\nrows: [{a: 1}]\n")
    assert_clean_error(env.run("prompt", "push", str(dataset)), 2, "is a dataset, not a prompt")

    # nothing reached the registry, not even the good file given first
    with env.gw.app.store.registry.read() as reads:
        assert reads.artifacts() == []


def test_bad_options(env: Env) -> None:
    no_reason = env.run("release", "create", "x", "--label", "production")
    assert no_reason.exit_code == 2 and "Missing option '--reason'" in no_reason.output
    assert env.run("kill", "prompt:x").exit_code == 2
    empty = env.run("kill", "prompt:x", "--reason", "  ")
    assert_clean_error(empty, 2, "--reason: must not be empty")
    canary = env.run("release", "create", "x", "-l", "production", "--reason", "r", "--canary", "20")
    assert_clean_error(canary, 2, "--canary: must be between 0 and 1")
    run = env.run("release", "create", "x", "-l", "production", "--reason", "r", "--eval-run", "run_nope")
    assert_clean_error(run, 1, "No prompt named 'x'.")
    kind = env.run("release", "create", "x", "-l", "production", "--reason", "r", "--kind", "widget")
    assert_clean_error(kind, 2, "--kind: must be one of")
    no_key = runner.invoke(cli_app, ["prompt", "list", "--url", env.gw.url], env={"QUARTERDECK_API_KEY": None})
    assert no_key.exit_code == 2 and "Missing option '--key'" in no_key.output
    bad_key = env.run("prompt", "list", key="qd-not-a-key")
    assert_clean_error(bad_key, 1, "invalid_api_key, HTTP 401")


def test_unreachable_url_is_a_clean_error(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = write_prompt(tmp_path / "p.yaml", "support-reply")
    for args in (["push", str(path)], ["diff", str(path)], ["prompt", "list"], ["release", "status"],
                 ["kill", "model:x", "--reason", "r"]):
        result = runner.invoke(cli_app, [*args, "--url", f"http://127.0.0.1:{port}", "--key", "k"])
        assert_clean_error(result, 1, f"cannot reach http://127.0.0.1:{port}")
    not_http = runner.invoke(cli_app, ["prompt", "list", "--url", "127.0.0.1:8080", "--key", "k"])
    assert_clean_error(not_http, 2, "--url: must start with http://")


def test_url_and_key_from_environment(env: Env, tmp_path: Path) -> None:
    path = write_prompt(tmp_path / "p.yaml", "support-reply")
    result = runner.invoke(cli_app, ["push", str(path)],
                           env={"QUARTERDECK_URL": env.gw.url, "QUARTERDECK_API_KEY": env.releaser})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("created prompt support-reply v1")
