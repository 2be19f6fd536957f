"""Shapes of the public conversation API (stable: the widget, console and integrators use them)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_TEXT = 4000
# Only our own buttons may be sent as payloads: a person cannot inject intents such as /restart.
# Several options chosen on one screen travel as one payload: "a,b,c" (group 1).
PAYLOAD_PATTERN = re.compile(r'/choose\{"option": ?"([a-z0-9_,]{1,300})"\}')


class ConversationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: Literal["web", "kcc"] = "web"
    language: Literal["nl", "en"] = "nl"


class MessageCreate(BaseModel):
    """Free text, or the payload of a button the assistant offered."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, max_length=MAX_TEXT)
    payload: str | None = Field(default=None, max_length=400)

    @field_validator("payload")
    @classmethod
    def _our_button(cls, payload: str | None) -> str | None:
        if payload is not None and not PAYLOAD_PATTERN.fullmatch(payload):
            raise ValueError("a payload must be one of the buttons the assistant offered")
        return payload

    @model_validator(mode="after")
    def _one_of(self) -> MessageCreate:
        if self.text is not None:
            self.text = self.text.strip()
        if bool(self.text) == bool(self.payload):
            raise ValueError("send either a non-empty text or a payload")
        return self


class Button(BaseModel):
    title: str
    payload: str


class MessageMeta(BaseModel):
    model_config = ConfigDict(extra="allow")
    kind: str | None = None
    member_id: str | None = None
    domain: str | None = None
    options: list[dict[str, Any]] | None = None
    progress: dict[str, int] | None = None
    acute: bool = False
    sender: Literal["bot", "staff", "user"] = "bot"


class MessageOut(BaseModel):
    seq: int
    text: str
    buttons: list[Button] = []
    meta: MessageMeta


class ConversationStarted(BaseModel):
    id: str
    token: str
    messages: list[MessageOut]


class MessagesOut(BaseModel):
    messages: list[MessageOut]


class TranscriptEntry(BaseModel):
    seq: int
    sender: str
    text: str
    meta: dict[str, Any]
    at: datetime


class ConversationView(BaseModel):
    id: str
    status: str
    channel: str
    language: str
    needs_human: bool
    taken_over: bool
    transcript: list[TranscriptEntry]
    record: dict[str, Any] | None


class HandoverItem(BaseModel):
    id: str
    channel: str
    language: str
    acute: bool
    taken_over_by_me: bool
    waiting_since: datetime
    last_message: str | None


class StaffMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class AnalyseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT)
