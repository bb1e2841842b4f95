"""The password policy: long enough, and not guessable as judged by zxcvbn."""

from __future__ import annotations

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 1024
JUDGED = 72
MIN_SCORE = 3
"""zxcvbn's score from 0 (too guessable) to 4; 3 means "safely unguessable" (about 10^8 guesses
needed and more) for an attacker slowed down as the login of this app is."""


def password_problem(password: str, username: str) -> str | None:
    """Why ``password`` is refused for ``username``, or None when it is good enough."""
    if len(password) < MIN_LENGTH:
        return f"the password is too short: use at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"the password is too long: use at most {MAX_LENGTH} characters"
    # zxcvbn judges at most 72 characters (its cost grows with the length); a password longer
    # than that is judged by its first 72
    verdict = zxcvbn(password[:JUDGED], user_inputs=[username, "ringscope"])
    if int(verdict["score"]) >= MIN_SCORE:
        return None
    feedback = verdict.get("feedback") or {}
    hints = [str(feedback.get("warning") or "")] + [str(s) for s in feedback.get("suggestions") or []]
    hint = " ".join(h.rstrip(".") + "." for h in hints if h)
    return "the password is too easy to guess" + (f": {hint}" if hint else "")
