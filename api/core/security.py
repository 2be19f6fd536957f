"""Password hashes (argon2) and staff access tokens (JWT, HS256).

A token carries `sub` (username), `roles`, `teams`, `iat` and `exp`. The same token is sent as
a Bearer header by API clients and kept in an HttpOnly cookie by the staff pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from api.db_base import utcnow

ALGORITHM = "HS256"
TOKEN_TYPE = "staff"

_hasher = PasswordHasher()
# Verified when the username is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash("not-a-password")


class TokenError(Exception):
    """The token is missing, malformed, badly signed or expired; `str()` says which."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """True if the password matches; a missing hash never matches but costs the same time."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int  # seconds


def create_access_token(
    *, username: str, roles: list[str], teams: list[str], key: str, minutes: int
) -> IssuedToken:
    now = utcnow()
    claims = {
        "sub": username,
        "roles": roles,
        "teams": teams,
        "typ": TOKEN_TYPE,
        "iat": now,
        "exp": now + timedelta(minutes=minutes),
    }
    return IssuedToken(jwt.encode(claims, key, algorithm=ALGORITHM), minutes * 60)


def decode_access_token(token: str, *, key: str) -> dict:
    """The token's claims; raises TokenError with a short reason."""
    try:
        claims = jwt.decode(
            token, key, algorithms=[ALGORITHM], options={"require": ["exp", "iat", "sub"]}
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenError("token expired") from exc
    except jwt.PyJWTError as exc:
        raise TokenError("invalid token") from exc
    if claims.get("typ") != TOKEN_TYPE:
        raise TokenError("invalid token")
    return claims
