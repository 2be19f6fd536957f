"""Who does something to a record: a parent in the chat, a staff member, or the system."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ActorKind = Literal["parent", "staff", "system"]


@dataclass(frozen=True)
class Actor:
    """Written on every revision and audit entry.

    `id` is a staff user id or a conversation id; `role` is the role that allowed the action;
    `on_behalf_of` says for whom a staff member acted (e.g. "caller" on the phone).
    """

    kind: ActorKind
    id: str | None = None
    username: str | None = None
    role: str | None = None
    on_behalf_of: str | None = None

    @classmethod
    def parent(cls, conversation_id: str) -> Actor:
        return cls(kind="parent", id=conversation_id, role="parent")

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        return cls(kind="system", username=name, role="system")
