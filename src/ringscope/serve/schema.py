"""SQL for users, API tokens, web sessions and the audit log (one store migration)."""

from __future__ import annotations

AUTH_SCHEMA = """
CREATE TABLE users (
    pk INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    pk INTEGER PRIMARY KEY,
    user_pk INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('api', 'session')),
    label TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens(user_pk);

CREATE TABLE audit_log (
    pk INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    username TEXT,
    role TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(username, at);
"""

HARDENING_SCHEMA = """
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

ALTER TABLE api_tokens ADD COLUMN public_id TEXT;
UPDATE api_tokens SET public_id = lower(hex(randomblob(8)));
CREATE UNIQUE INDEX api_tokens_public_id ON api_tokens(public_id);

ALTER TABLE audit_log ADD COLUMN client TEXT;
CREATE INDEX audit_log_action ON audit_log(action, at);

CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at REAL NOT NULL,
    locked_until REAL NOT NULL DEFAULT 0
);
"""
"""Disabled users, public token ids (to list and revoke), the client address in the audit log,
and failed logins counted per user and per client address (shared by every server worker)."""
