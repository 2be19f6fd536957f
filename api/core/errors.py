"""Errors that services raise on purpose; `api.main` turns each into its HTTP status.

ServiceError             (500 if ever unmapped)
├── NotFoundError        404 the thing does not exist, or the caller may not know it does
├── PermissionDenied     403 the caller may see it but not do this
├── ConflictError        409 the state does not allow this now
│   └── VersionConflict  409 someone else saved a newer version first
└── InvalidInputError    422 the data does not validate; `errors` lists where and why
"""

from __future__ import annotations


class ServiceError(Exception):
    status_code = 500


class NotFoundError(ServiceError):
    status_code = 404


class PermissionDenied(ServiceError):
    status_code = 403


class ConflictError(ServiceError):
    status_code = 409


class VersionConflict(ConflictError):
    """Raised when the version the caller read is no longer the stored one."""


class InvalidInputError(ServiceError, ValueError):
    status_code = 422

    def __init__(self, message: str, errors: list[dict] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []
