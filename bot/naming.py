"""How the assistant names a household member to the person it talks with.

A given name when there is one ("Sem"), otherwise the family word with the age: "uw zoon
(14)", "your eldest", "uw partner"; the respondent is "u" ("jij" for a young person who
chats for themself). Questions, buttons and the summary all name members through here, so
a member is called the same everywhere.
"""

from __future__ import annotations

from bot.record import Member, Role
from bot.texts import say

_ROLE_NOUNS = {Role.CHILD: "child", Role.PARTNER: "partner", Role.PARENT: "parent"}


def member_name(member: Member, language: str, informal: bool = False) -> str:
    """ "Sem", "uw zoon (14)", "your eldest", "u"/"you" (informal: "jij", "je moeder")."""
    if member.is_respondent:
        return say("member_names", "respondent_informal" if informal else "respondent", language)
    if member.name:
        return member.name
    key = "possessive_informal" if informal else "possessive"
    name = say("member_names", key, language, noun=_noun(member, language))
    return f"{name} ({member.age})" if member.age is not None else name


def member_choice_label(member: Member, language: str) -> str:
    """A member on a button, in the person's own voice: "Sem (14)", "uw dochter (6)",
    "Ikzelf"/"Myself"."""
    if member.is_respondent:
        return say("member_names", "respondent_choice", language)
    if member.name and member.age is not None:
        return f"{member.name} ({member.age})"
    return member_name(member, language)


def _noun(member: Member, language: str) -> str:
    """The family word for the member's label ("zoon" -> "son"); a label typed by staff that
    has no translation ("oudste dochter") is used as it is in Dutch."""
    for key in (member.label, _ROLE_NOUNS.get(member.role, "other")):
        if key:
            try:
                return say("member_names", key, language)
            except KeyError:
                if language == "nl" and key == member.label:
                    return key
    return say("member_names", "other", language)
