"""The intake core: plain Python that judges an intake; `actions/` and `api/` only translate.

This package is the core's entrance: import from `bot`, not from its modules. Loaders, file
paths and helpers that only the core and its tests need stay in the modules. Importing `bot`
reads no data file: the catalogue, lexicon, texts, terms and flag policy load on first use and
are cached for the process.

Note that `bot.catalogue` is the function `catalogue()`; the module's other names are imported
with `from bot.catalogue import ...`.
"""

from bot.analysis import Analysis, analyse
from bot.answers import Answer, apply_age_correction
from bot.catalogue import DOMAIN_IDS, AgeBand, catalogue
from bot.domain_terms import DomainHit, detect_domains
from bot.errors import CatalogueError, IntakeError, LexiconError, PolicyError, UnknownDomainError
from bot.flag_policy import FlagPolicy, load_policy
from bot.flags import evaluate_flags
from bot.household_parse import MemberMention, parse_household
from bot.language import LanguageGuess, detect_language, interpreter_message, needs_interpreter
from bot.planner import Kind, Question, find_question, next_question, plan, progress
from bot.record import (
    SCHEMA_VERSION,
    Consent,
    Contact,
    Coordination,
    DomainEntry,
    DomainStatus,
    Flag,
    FlagReason,
    IntakeRecord,
    InvolvedService,
    Member,
    Role,
    Safety,
    SafetyLevel,
    SafetySignal,
    Source,
    record_json_schema,
    reference_for,
)
from bot.safety import SafetyHit, SafetyScreen, screen, to_signals
from bot.state import IntakeState
from bot.summary import summary_text
from bot.texts import say
from bot.turn import TurnOutcome, note_safety, refresh_flags, take_acute, take_opening, take_turn

__all__ = [
    "DOMAIN_IDS",
    "SCHEMA_VERSION",
    "AgeBand",
    "Analysis",
    "Answer",
    "CatalogueError",
    "Consent",
    "Contact",
    "Coordination",
    "DomainEntry",
    "DomainHit",
    "DomainStatus",
    "Flag",
    "FlagPolicy",
    "FlagReason",
    "IntakeError",
    "IntakeRecord",
    "IntakeState",
    "InvolvedService",
    "Kind",
    "LanguageGuess",
    "LexiconError",
    "Member",
    "MemberMention",
    "PolicyError",
    "Question",
    "Role",
    "Safety",
    "SafetyHit",
    "SafetyLevel",
    "SafetyScreen",
    "SafetySignal",
    "Source",
    "TurnOutcome",
    "UnknownDomainError",
    "analyse",
    "apply_age_correction",
    "catalogue",
    "detect_domains",
    "detect_language",
    "evaluate_flags",
    "find_question",
    "interpreter_message",
    "load_policy",
    "needs_interpreter",
    "next_question",
    "note_safety",
    "parse_household",
    "plan",
    "progress",
    "record_json_schema",
    "reference_for",
    "refresh_flags",
    "say",
    "screen",
    "summary_text",
    "take_acute",
    "take_opening",
    "take_turn",
    "to_signals",
]
