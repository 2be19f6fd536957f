"""Records API: every endpoint for every kind of caller, then each endpoint's behaviour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import select

from api.audit.models import AuditEntry
from api.core.actor import Actor
from api.db_base import utcnow
from api.records.models import RecordRevision, StoredRecord
from api.records.service import assign, save_record
from api.staff.service import ensure_team
from tests.api.conftest import SECRET
from tests.factories import child, make_record, parent, problem

NOORD, ZUID = "wijkteam-noord", "wijkteam-zuid"
SYSTEM = Actor.system()


def store(db, *, team: str | None = NOORD, confirmed: bool = True, **fields) -> StoredRecord:
    """A record saved by the parent, confirmed, and (if `team`) assigned to that team."""
    record = make_record(members=[parent(), child(age=9)], domains=[problem("financien")], **fields)
    if confirmed:
        record = record.model_copy(
            update={"summary_confirmed": True, "confirmed_at": datetime.now(UTC)}
        )
    with db.session() as s:
        save_record(s, record, Actor.parent("c1"))
        stored = s.get(StoredRecord, record.id)
        if team:
            ensure_team(session=s, slug=team)
            assign(session=s, stored=stored, team=team, actor=SYSTEM)
    return stored


CALLERS = ["anonymous", "expired", "kcc", "team", "wrong_team", "admin"]


@pytest.fixture
def headers_for(make_staff):
    def headers(caller: str) -> dict[str, str]:
        if caller == "anonymous":
            return {}
        if caller == "expired":
            account = make_staff("kcc", password=None)
            claims = {
                "sub": account.staff.username,
                "typ": "staff",
                "iat": utcnow() - timedelta(hours=9),
                "exp": utcnow() - timedelta(hours=1),
            }
            return {"Authorization": f"Bearer {jwt.encode(claims, SECRET, 'HS256')}"}
        roles, teams = {
            "kcc": (("kcc",), ()),
            "team": (("team",), (NOORD,)),
            "wrong_team": (("team",), (ZUID,)),
            "admin": (("admin",), ()),
        }[caller]
        return make_staff(*roles, teams=teams, password=None).headers

    return headers


def call(client, endpoint: str, record: StoredRecord, headers: dict[str, str]):
    base = f"/api/v1/records/{record.id}"
    requests = {
        "list": ("GET", "/api/v1/records", None),
        "read": ("GET", base, None),
        "revisions": ("GET", f"{base}/revisions", None),
        "export_json": ("GET", f"{base}/export.json", None),
        "export_csv": ("GET", f"{base}/export.csv", None),
        "patch": ("PATCH", base, {"version": record.version, "changes": {"desired_outcome": "x"}}),
        "assign": ("POST", f"{base}/assign", {"team": NOORD}),
        "acknowledge": ("POST", f"{base}/acknowledge", None),
    }
    method, url, body = requests[endpoint]
    return client.request(method, url, json=body, headers=headers)


# Rows: endpoint; columns: CALLERS. Wrong team: 404, so a record's existence does not leak.
EXPECTED = {
    "list": (401, 401, 200, 200, 200, 200),
    "read": (401, 401, 200, 200, 404, 200),
    "revisions": (401, 401, 200, 200, 404, 200),
    "export_json": (401, 401, 200, 200, 404, 200),
    "export_csv": (401, 401, 200, 200, 404, 200),
    "patch": (401, 401, 200, 200, 404, 403),
    "assign": (401, 401, 200, 403, 404, 200),
    "acknowledge": (401, 401, 403, 200, 404, 403),
}


@pytest.mark.parametrize("endpoint", list(EXPECTED))
@pytest.mark.parametrize("caller", CALLERS)
def test_access_matrix(client, db, headers_for, endpoint: str, caller: str) -> None:
    record = store(db)
    response = call(client, endpoint, record, headers_for(caller))
    assert response.status_code == EXPECTED[endpoint][CALLERS.index(caller)], response.text
    if response.status_code == 401:
        expected = "not authenticated" if caller == "anonymous" else "token expired"
        assert response.json() == {"detail": expected}


def test_team_members_see_only_their_teams_records(client, db, make_staff) -> None:
    ours, theirs, unassigned = store(db), store(db, team=ZUID), store(db, team=None)
    listed = {
        caller: {r["id"] for r in client.get("/api/v1/records", headers=h).json()["data"]}
        for caller, h in {
            "team": make_staff("team", teams=[NOORD], password=None).headers,
            "kcc": make_staff("kcc", password=None).headers,
        }.items()
    }
    assert listed == {"team": {ours.id}, "kcc": {ours.id, theirs.id, unassigned.id}}


def test_list_puts_acute_first_then_concern_then_newest(client, db, make_staff) -> None:
    def safety(level: str) -> dict:
        signal = {"code": "suicide", "level": level, "source": "lexicon"}
        return {"level": level, "signals": [signal]}

    old_plain = store(db)
    concern = store(db, safety=safety("concern"))
    new_plain = store(db)
    acute = store(db, safety=safety("acute"))
    headers = make_staff("kcc", password=None).headers
    data = client.get("/api/v1/records", headers=headers).json()
    assert [r["id"] for r in data["data"]] == [acute.id, concern.id, new_plain.id, old_plain.id]
    assert data["count"] == 4
    page = client.get("/api/v1/records?page=2&page_size=3", headers=headers).json()
    assert ([r["id"] for r in page["data"]], page["count"]) == ([old_plain.id], 4)


def test_list_filters(client, db, make_staff) -> None:
    flag = {"code": "gezinsregie", "reasons": [{"rule": "multi", "text": "meer leefgebieden"}]}
    flagged = store(db, flags=[flag])
    draft = store(db, team=None, confirmed=False)
    zuid = store(db, team=ZUID)
    headers = make_staff("kcc", password=None).headers

    def ids(query: str) -> set[str]:
        response = client.get(f"/api/v1/records?{query}", headers=headers)
        assert response.status_code == 200, response.text
        return {r["id"] for r in response.json()["data"]}

    assert ids("flag=gezinsregie") == {flagged.id}
    assert ids("status=draft") == {draft.id}
    assert ids(f"team={ZUID}") == {zuid.id}
    assert ids("safety_level=acute") == set()
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert ids(f"created_to={tomorrow.replace('+', '%2B')}") == {flagged.id, draft.id, zuid.id}
    assert ids(f"created_from={tomorrow.replace('+', '%2B')}") == set()
    bad = client.get("/api/v1/records?status=lost&page=0", headers=headers)
    assert bad.status_code == 422
    assert "status" in bad.json()["detail"] and "page" in bad.json()["detail"]


def test_detail_shows_record_status_team_and_version(client, db, make_staff) -> None:
    record = store(db)
    body = client.get(
        f"/api/v1/records/{record.id}", headers=make_staff("kcc", password=None).headers
    ).json()
    assert (body["status"], body["team"], body["version"]) == ("assigned", NOORD, 2)
    assert body["record"]["reference"] == body["reference"] == record.reference
    assert body["record"]["domains"][0]["domain"] == "financien"
    missing = client.get("/api/v1/records/nope", headers=make_staff("kcc", password=None).headers)
    assert (missing.status_code, missing.json()) == (404, {"detail": "record not found"})


def test_patch_writes_a_revision_by_the_employee(client, db, make_staff) -> None:
    record = store(db)
    kcc = make_staff("kcc", password=None)
    response = client.patch(
        f"/api/v1/records/{record.id}",
        headers={**kcc.headers, "X-On-Behalf-Of": "caller"},
        json={
            "version": 2,
            "changes": {"domains.0.indication": 3, "coordination.wants_single_coordinator": True},
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["version"] == 3
    revisions = client.get(f"/api/v1/records/{record.id}/revisions", headers=kcc.headers).json()
    assert [r["version"] for r in revisions] == [1, 2, 3]
    last = revisions[-1]
    assert (last["actor_kind"], last["actor_id"], last["actor_role"]) == (
        "staff",
        str(kcc.staff.id),
        "kcc",
    )
    assert last["changes"] == {
        "coordination.wants_single_coordinator": {"old": None, "new": True},
        "domains.0.indication": {"old": 2, "new": 3},
    }
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "record.save")).all()[-1]
        assert (entry.username, entry.role, entry.on_behalf_of) == (
            kcc.staff.username,
            "kcc",
            "caller",
        )


def test_staff_set_a_childs_voice_and_heard_directly_as_an_audited_revision(
    client, db, make_staff
) -> None:
    """What the KCC console and the record page send for issue 11 item 6."""
    record = store(db)  # members: m1 parent, m2 child of 9 (not heard, no view)
    kcc = make_staff("kcc", password=None)
    view = {"knows_about_request": True, "view": "Ik wil weer gewoon slapen.", "said_by": "self"}
    response = client.patch(
        f"/api/v1/records/{record.id}",
        headers={**kcc.headers, "X-On-Behalf-Of": "caller"},
        json={
            "version": 2,
            "changes": {"members.1.heard_directly": True, "members.1.child_view": view},
        },
    )
    assert response.status_code == 200, response.text
    child_member = response.json()["record"]["members"][1]
    assert (child_member["heard_directly"], child_member["child_view"]) == (True, view)
    revisions = client.get(f"/api/v1/records/{record.id}/revisions", headers=kcc.headers).json()
    assert revisions[-1]["changes"] == {
        "members.1.child_view": {"old": None, "new": view},
        "members.1.heard_directly": {"old": False, "new": True},
    }
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "record.save")).all()[-1]
        assert (entry.username, entry.role, entry.on_behalf_of) == (
            kcc.staff.username,
            "kcc",
            "caller",
        )
        assert entry.detail == {
            "version": 3,
            "fields": ["members.1.child_view", "members.1.heard_directly"],
        }

    team = make_staff("team", teams=[NOORD], password=None)  # the team may correct it too
    cleared = client.patch(
        f"/api/v1/records/{record.id}",
        headers=team.headers,
        json={"version": 3, "changes": {"members.1.child_view.knows_about_request": None}},
    )
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["record"]["members"][1]["child_view"]["knows_about_request"] is None


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"members.1.child_view": {"view": "x", "said_by": "buurman"}}, 422, "said_by"),
        ({"members.1.child_view": {"view": "x"}}, 422, "members.1.child_view.said_by"),
        ({"members.1.child_view.view": "x"}, 422, "unknown field path"),  # not asked yet
        ({"members.1.heard_directly": "misschien"}, 422, "members.1.heard_directly"),
        ({"domains.0.domain": "geluk"}, 422, "unknown domain id"),
        ({"domains.0.indication": 9}, 422, "domains.0.indication"),
        ({"members.5.age": 3}, 422, "unknown field path 'members.5.age'"),
        ({"nonsense": 1}, 422, "nonsense"),
        ({"reference": "GI-1"}, 422, "field 'reference' cannot be changed"),
    ],
)
def test_invalid_patch_is_refused_and_nothing_written(
    client, db, make_staff, changes, status, message
) -> None:
    record = store(db)
    response = client.patch(
        f"/api/v1/records/{record.id}",
        headers=make_staff("kcc", password=None).headers,
        json={"version": 2, "changes": changes},
    )
    assert response.status_code == status
    assert message in response.json()["detail"]
    with db.session() as s:
        assert s.get(StoredRecord, record.id).version == 2
        assert len(s.scalars(select(RecordRevision)).all()) == 2


def test_patch_with_stale_version_conflicts(client, db, make_staff) -> None:
    record = store(db)
    headers = make_staff("kcc", password=None).headers
    body = {"version": 2, "changes": {"desired_outcome": "rust"}}
    assert (
        client.patch(f"/api/v1/records/{record.id}", headers=headers, json=body).status_code == 200
    )
    again = client.patch(f"/api/v1/records/{record.id}", headers=headers, json=body)
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "record is at version 3, not 2"},
    )


def test_assign_then_acknowledge(client, db, make_staff) -> None:
    record = store(db, team=None)
    with db.session() as s:
        ensure_team(session=s, slug=ZUID)
    kcc = make_staff("kcc", password=None)
    team = make_staff("team", teams=[ZUID], password=None)
    url = f"/api/v1/records/{record.id}"
    unknown = client.post(f"{url}/assign", headers=kcc.headers, json={"team": "nergens"})
    assert (unknown.status_code, unknown.json()) == (422, {"detail": "unknown team 'nergens'"})
    early = client.post(f"{url}/acknowledge", headers=team.headers)
    assert early.status_code == 404  # not yet this team's record
    assigned = client.post(f"{url}/assign", headers=kcc.headers, json={"team": ZUID})
    assert (assigned.json()["status"], assigned.json()["team"]) == ("assigned", ZUID)
    received = client.post(f"{url}/acknowledge", headers=team.headers).json()
    assert (received["status"], received["acknowledged_by"]) == ("received", team.staff.id)
    assert received["acknowledged_at"] is not None
    again = client.post(f"{url}/acknowledge", headers=team.headers).json()
    assert again["version"] == received["version"]


def test_a_draft_cannot_be_assigned(client, db, make_staff) -> None:
    record = store(db, team=None, confirmed=False)
    with db.session() as s:
        ensure_team(session=s, slug=NOORD)
    response = client.post(
        f"/api/v1/records/{record.id}/assign",
        headers=make_staff("admin", password=None).headers,
        json={"team": NOORD},
    )
    assert response.status_code == 409


def test_exports(client, db, make_staff) -> None:
    record = store(db, request_own_words='=HYPERLINK("x")')
    headers = make_staff("team", teams=[NOORD], password=None).headers
    as_json = client.get(f"/api/v1/records/{record.id}/export.json", headers=headers)
    assert as_json.json()["reference"] == record.reference
    as_csv = client.get(f"/api/v1/records/{record.id}/export.csv", headers=headers)
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert f'filename="{record.reference}.csv"' in as_csv.headers["content-disposition"]
    assert as_csv.text.splitlines()[0].startswith("reference,record_id,member_id")


def test_every_read_is_audited_with_role(client, db, make_staff) -> None:
    record = store(db)
    team = make_staff("team", teams=[NOORD], password=None)
    for path in ("", "/revisions", "/export.json", "/export.csv"):
        client.get(f"/api/v1/records/{record.id}{path}", headers=team.headers)
    client.get("/api/v1/records?status=assigned", headers=team.headers)
    with db.session() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.username == team.staff.username)
        ).all()
    assert [(e.action, e.record_id, e.role) for e in entries] == [
        ("record.read", record.id, "team"),
        ("record.revisions", record.id, "team"),
        ("record.export", record.id, "team"),
        ("record.export", record.id, "team"),
        ("record.list", None, "team"),
    ]
    assert entries[2].detail == {"format": "json"}
    assert entries[-1].detail == {"filters": {"status": "assigned"}}
