"""Join codes and teacher secrets: made at random, read forgivingly, kept only as a hash.

A join code is 6 characters from an alphabet without 0, O, 1 and I (no two that a projector
or a phone keyboard confuses): 32**6, about a thousand million codes. It admits answering and
reading a revealed spread, nothing else, so it may be short. The teacher's secret is
``secrets.token_urlsafe(32)`` (256 random bits): the database keeps its SHA-256 only, and a
secret is looked up by its hash and compared with ``hmac.compare_digest``.

>>> normal_code(" abc-23x ")
'ABC23X'
>>> len(new_code()), len(new_secret())
(6, 43)
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 6
_SECRET = re.compile(r"[A-Za-z0-9_-]{20,100}")
_CODE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")
_SESSION = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_session_id() -> str:
    """A session's anonymous id: random, no link to the person (what a page keeps in its state)."""
    return secrets.token_urlsafe(16)


def normal_code(text: object) -> str | None:
    """The join code in ``text`` (upper case, spaces and dashes dropped), or None if it is not one."""
    code = re.sub(r"[\s-]", "", str(text)[:40]).upper()
    return code if _CODE.fullmatch(code) else None


def secret_hash(secret: object) -> str | None:
    """SHA-256 of a well-formed secret, in hex; None for anything that cannot be one."""
    text = str(secret)[:101]
    if not _SECRET.fullmatch(text):
        return None
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def same_hash(stored: str, given: str) -> bool:
    return hmac.compare_digest(stored.encode("ascii"), given.encode("ascii"))


def valid_session(session_id: object) -> bool:
    return isinstance(session_id, str) and bool(_SESSION.fullmatch(session_id))
