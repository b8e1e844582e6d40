"""Registry: artifacts, versions, labels, releases, approvals, kill switches, eval runs, audit log;
prompt and release columns on the request log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    head = op.create_table(
        "registry_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        sa.Column("audit_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_head")),
    )
    op.bulk_insert(head, [{"id": 1, "epoch": 0, "audit_seq": 0, "audit_hash": GENESIS}])
    op.create_table(
        "artifacts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("policy", sa.JSON(none_as_null=True), nullable=True),
        _when("created_at"),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_artifacts")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_artifacts_kind_name")),
    )
    op.create_table(
        "artifact_versions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("artifact_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        _when("created_at"),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["artifact_id"], ["artifacts.id"],
                                name=op.f("fk_artifact_versions_artifact_id_artifacts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_artifact_versions")),
        sa.UniqueConstraint("artifact_id", "number", name=op.f("uq_artifact_versions_artifact_id_number")),
        sa.UniqueConstraint("artifact_id", "digest", name=op.f("uq_artifact_versions_artifact_id_digest")),
    )
    op.create_index(op.f("ix_artifact_versions_artifact_id"), "artifact_versions", ["artifact_id"])
    op.create_table(
        "labels",
        sa.Column("artifact_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("canary_version", sa.Integer(), nullable=True),
        sa.Column("canary_weight", sa.Float(), nullable=True),
        sa.Column("canary_release_id", sa.String(64), nullable=True),
        _when("updated_at"),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["artifact_id"], ["artifacts.id"], name=op.f("fk_labels_artifact_id_artifacts")),
        sa.PrimaryKeyConstraint("artifact_id", "name", name=op.f("pk_labels")),
    )
    op.create_table(
        "releases",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("artifact_id", sa.String(64), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("from_version", sa.Integer(), nullable=True),
        sa.Column("to_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.Column("canary_weight", sa.Float(), nullable=True),
        sa.Column("eval_runs", sa.JSON(), nullable=False),
        sa.Column("author_key_id", sa.String(64), nullable=True),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        _when("canary_started_at", nullable=True),
        sa.ForeignKeyConstraint(["artifact_id"], ["artifacts.id"], name=op.f("fk_releases_artifact_id_artifacts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_releases")),
    )
    op.create_index(op.f("ix_releases_artifact_id"), "releases", ["artifact_id"])
    op.create_index(op.f("ix_releases_state"), "releases", ["state"])
    op.create_table(
        "release_approvals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("release_id", sa.String(64), nullable=False),
        sa.Column("approver", sa.String(), nullable=False),
        sa.Column("approver_name", sa.String(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        _when("created_at"),
        sa.ForeignKeyConstraint(["release_id"], ["releases.id"],
                                name=op.f("fk_release_approvals_release_id_releases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_approvals")),
        sa.UniqueConstraint("release_id", "approver", name=op.f("uq_release_approvals_release_id_approver")),
    )
    op.create_index(op.f("ix_release_approvals_release_id"), "release_approvals", ["release_id"])
    op.create_table(
        "kill_switches",
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("fallback", sa.String(300), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        _when("created_at"),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("target", name=op.f("pk_kill_switches")),
    )
    op.create_table(
        "eval_runs",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("suite", sa.String(200), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(none_as_null=True), nullable=True),
        _when("created_at"),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eval_runs")),
    )
    op.create_index(op.f("ix_eval_runs_suite"), "eval_runs", ["suite"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        _when("created_at"),
        sa.Column("actor_key_id", sa.String(64), nullable=True),
        sa.Column("actor_name", sa.String(), nullable=False),
        sa.Column("actor_role", sa.String(16), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("before", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("after", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("id", name=op.f("uq_audit_log_id")),
    )
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"])
    op.create_index(op.f("ix_audit_log_target"), "audit_log", ["target"])
    with op.batch_alter_table("request_log") as batch:
        batch.add_column(sa.Column("prompt_name", sa.String(), nullable=True))
        batch.add_column(sa.Column("prompt_label", sa.String(), nullable=True))
        batch.add_column(sa.Column("release_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("release_variant", sa.String(16), nullable=True))
        batch.create_index(batch.f("ix_request_log_release_id"), ["release_id"])


def downgrade() -> None:
    with op.batch_alter_table("request_log") as batch:
        batch.drop_index(batch.f("ix_request_log_release_id"))
        for column in ("release_variant", "release_id", "prompt_label", "prompt_name"):
            batch.drop_column(column)
    for table in ("audit_log", "eval_runs", "kill_switches", "release_approvals", "releases", "labels",
                  "artifact_versions", "artifacts", "registry_head"):
        op.drop_table(table)
