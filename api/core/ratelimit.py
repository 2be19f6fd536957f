"""Counting attempts per client address across all workers (login, new conversations).

Counters live in Redis when `GI_REDIS_URL` is set, else in the `rate_limit_hits` table; never
in process memory, because several workers run behind a load balancer. Addresses are stored
hashed. The database counter writes in its own transaction, so a hit survives the rollback of
a request that fails (a wrong password answers 401).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from datetime import datetime, timedelta

from sqlalchemy import Engine, Index, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from api.core.config import Settings
from api.db_base import Base, utcnow


class RateLimitHit(Base):
    __tablename__ = "rate_limit_hits"
    __table_args__ = (Index("ix_rate_limit_hits_bucket_key_at", "bucket", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


def _hashed(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class RateLimiter(ABC):
    """Counts hits of one bucket (e.g. "login") per key within a sliding or fixed window."""

    def __init__(self, bucket: str, limit: int, window_seconds: int) -> None:
        self.bucket, self.limit, self.window_seconds = bucket, limit, window_seconds

    @abstractmethod
    def count(self, key: str) -> int:
        """Hits of this key within the window."""

    @abstractmethod
    def hit(self, key: str) -> None:
        """Record one hit for this key."""

    def exceeded(self, key: str) -> bool:
        return self.count(key) >= self.limit


class DatabaseRateLimiter(RateLimiter):
    def __init__(self, engine: Engine, bucket: str, limit: int, window_seconds: int) -> None:
        super().__init__(bucket, limit, window_seconds)
        self.engine = engine

    def _since(self) -> datetime:
        return utcnow() - timedelta(seconds=self.window_seconds)

    def count(self, key: str) -> int:
        query = select(func.count()).where(
            RateLimitHit.bucket == self.bucket,
            RateLimitHit.key == _hashed(key),
            RateLimitHit.at >= self._since(),
        )
        with Session(self.engine) as session:
            return session.scalar(query) or 0

    def hit(self, key: str) -> None:
        with Session(self.engine) as session, session.begin():
            session.execute(
                delete(RateLimitHit).where(
                    RateLimitHit.bucket == self.bucket, RateLimitHit.at < self._since()
                )
            )
            session.add(RateLimitHit(bucket=self.bucket, key=_hashed(key)))


class RedisRateLimiter(RateLimiter):
    """A fixed window per key: INCR plus EXPIRE on the first hit."""

    def __init__(self, url: str, bucket: str, limit: int, window_seconds: int) -> None:
        import redis

        super().__init__(bucket, limit, window_seconds)
        self.client = redis.Redis.from_url(url)

    def _name(self, key: str) -> str:
        return f"gi:ratelimit:{self.bucket}:{_hashed(key)}"

    def count(self, key: str) -> int:
        return int(self.client.get(self._name(key)) or 0)

    def hit(self, key: str) -> None:
        name = self._name(key)
        with self.client.pipeline() as pipe:
            pipe.incr(name)
            pipe.expire(name, self.window_seconds, nx=True)
            pipe.execute()


def make_rate_limiter(
    settings: Settings, engine: Engine, bucket: str, limit: int, window_seconds: int
) -> RateLimiter:
    """Redis when configured, else the database."""
    if settings.redis_url:
        return RedisRateLimiter(settings.redis_url, bucket, limit, window_seconds)
    return DatabaseRateLimiter(engine, bucket, limit, window_seconds)
