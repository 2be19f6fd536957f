"""Who may do what with a record. Each check returns the role that allows it (for the audit).

- kcc: reads and edits every record (intake work, also drafts); assigns teams.
- team: reads, edits, exports and acknowledges only records assigned to one of their teams.
  Unassigned records are not shown to teams: they are the KCC's queue, and a team sees a
  family's data only once the family is theirs (data minimisation).
- admin: reads everything and assigns teams, but does not edit a family's content.
A record a caller may not read is reported as not found, so its existence does not leak.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false

from api.core.errors import NotFoundError, PermissionDenied
from api.records.models import StoredRecord
from api.staff.schemas import StaffPublic


def read_role(staff: StaffPublic, record: StoredRecord) -> str:
    if staff.has_role("kcc"):
        return "kcc"
    if staff.has_role("team") and staff.in_team(record.team):
        return "team"
    if staff.has_role("admin"):
        return "admin"
    raise NotFoundError("record not found")


def edit_role(staff: StaffPublic, record: StoredRecord) -> str:
    role = read_role(staff, record)
    if staff.has_role("kcc"):
        return "kcc"
    if staff.has_role("team") and staff.in_team(record.team):
        return "team"
    raise PermissionDenied(f"role {role} may not edit records")


def assign_role(staff: StaffPublic, record: StoredRecord) -> str:
    read_role(staff, record)
    for role in ("kcc", "admin"):
        if staff.has_role(role):
            return role
    raise PermissionDenied("only kcc or admin may assign a team")


def acknowledge_role(staff: StaffPublic, record: StoredRecord) -> str:
    read_role(staff, record)
    if staff.has_role("team") and staff.in_team(record.team):
        return "team"
    raise PermissionDenied("only a member of the assigned team may acknowledge")


def visible(staff: StaffPublic) -> ColumnElement[bool] | None:
    """A WHERE clause limiting a list to readable records (None: no limit)."""
    if staff.has_role("kcc") or staff.has_role("admin"):
        return None
    if staff.has_role("team") and staff.teams:
        return StoredRecord.team.in_(staff.teams)
    return false()
