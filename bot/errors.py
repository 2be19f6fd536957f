"""Exceptions of the intake core.

IntakeError
├── CatalogueError     the domain catalogue file is missing or invalid
├── LexiconError       the safety lexicon is missing or invalid (fails at start-up)
├── PolicyError        a municipality's flag policy is invalid (fails at start-up)
└── UnknownDomainError a domain id that is not in the catalogue
"""


class IntakeError(Exception):
    """Base of every error the intake core raises on purpose."""


class CatalogueError(IntakeError):
    """The domain catalogue could not be loaded or does not validate."""


class LexiconError(IntakeError):
    """The safety lexicon could not be loaded or does not validate."""


class PolicyError(IntakeError):
    """The flag policy could not be loaded or does not validate."""


class UnknownDomainError(IntakeError, ValueError):
    """A domain id that the catalogue does not know."""
