"""A parent's (or KCC caller's) chat with the assistant, and its messages.

`token_hash` is the SHA-256 of the secret the parent's browser holds; the token itself is never
stored. `pending_messages` keeps what the parent typed while Rasa was unreachable.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db_base import Base, new_id, utcnow


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    channel: Mapped[str] = mapped_column(String(10), default="web")  # web | kcc
    language: Mapped[str] = mapped_column(String(5), default="nl")
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | completed | closed
    token_hash: Mapped[str] = mapped_column(String(64))
    rasa_sender_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_id)
    pending_messages: Mapped[list] = mapped_column(default=list)
    needs_human: Mapped[bool] = mapped_column(default=False)
    taken_over_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.seq", cascade="all, delete-orphan"
    )


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int]
    sender: Mapped[str] = mapped_column(String(10))  # bot | user | staff
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    conversation: Mapped[Conversation] = relationship(back_populates="messages")
