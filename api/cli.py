"""Admin commands.

    python -m api.cli migrate
    python -m api.cli create-user --username x --role kcc --role team --team wijkteam-noord
    python -m api.cli retention [--dry-run] [--loop]
    python -m api.cli erase --conversation ID | --record ID --operator ADMIN [--dry-run]

The password is read from stdin when it is not a terminal (e.g. `echo "$PW" | ...`), else asked
twice without echo; it never appears on the command line or in shell history.

`retention --loop` is the scheduled job: it applies the retention terms every
GI_RETENTION_INTERVAL_MINUTES until stopped. Several may run; one run at a time does the work.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import time

from api.core.config import Settings, get_settings
from api.core.db import Database
from api.core.errors import ServiceError
from api.retention.erasure import erase, operator_actor
from api.retention.policy import apply_retention, tracker_store
from api.staff.models import ROLES
from api.staff.service import create_user

logger = logging.getLogger("api.cli")


def read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password again: "):
        raise SystemExit("passwords differ")
    return password


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m api.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database to the newest migration")
    user = commands.add_parser("create-user", help="add a staff account")
    user.add_argument("--username", required=True)
    user.add_argument("--role", action="append", choices=ROLES, required=True)
    user.add_argument("--team", action="append", default=[])
    retention = commands.add_parser("retention", help="delete what is past its retention term")
    retention.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    retention.add_argument(
        "--loop", action="store_true", help="repeat every GI_RETENTION_INTERVAL_MINUTES"
    )
    erasure = commands.add_parser("erase", help="remove one family's data on request")
    which = erasure.add_mutually_exclusive_group(required=True)
    which.add_argument("--conversation", metavar="ID")
    which.add_argument("--record", metavar="ID")
    erasure.add_argument("--operator", required=True, help="your staff username (admin role)")
    erasure.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    return parser


def _print_counts(title: str, counts: dict[str, int]) -> None:
    print(title)
    for name, count in counts.items():
        print(f"  {name.replace('_', ' ')}: {count}")


def _retention(db: Database, settings: Settings, *, dry_run: bool) -> None:
    report = apply_retention(db, settings, dry_run=dry_run)
    if report is None:
        print("another retention run is busy; nothing done")
    else:
        _print_counts("would delete (dry run):" if dry_run else "deleted:", report.counts())


def _retention_loop(db: Database, settings: Settings) -> None:
    """Run, then wait; an error is logged (its type only) and the next run tries again."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        while True:
            try:
                apply_retention(db, settings)
            except Exception as exc:  # keep the schedule alive; details may hold personal data
                logger.error("retention run failed: %s", type(exc).__name__)
            time.sleep(settings.retention_interval_minutes * 60)
    except KeyboardInterrupt:
        return


def _erase(db: Database, settings: Settings, args: argparse.Namespace) -> None:
    tracker = tracker_store(settings)
    if tracker is None:
        print("note: GI_RASA_TRACKER_DB_URL is not set; the Rasa tracker is not erased")
    try:
        with db.session() as session:
            removed = erase(
                session,
                tracker,
                operator=operator_actor(session, args.operator),
                conversation_id=args.conversation,
                record_id=args.record,
                dry_run=args.dry_run,
            )
    finally:
        if tracker:
            tracker.dispose()
    _print_counts("would erase (dry run):" if args.dry_run else "erased:", removed.counts())
    if removed.outbox_items:
        print("note: the record may already be in the case system; erase it there as well")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = get_settings()
    db = Database(settings.database_url)
    try:
        if args.command == "migrate":
            db.migrate()
            print("database is up to date")
        elif args.command == "retention" and args.loop:
            _retention_loop(db, settings)
        elif args.command == "retention":
            _retention(db, settings, dry_run=args.dry_run)
        elif args.command == "erase":
            _erase(db, settings, args)
        else:
            _create_user(db, settings, args)
        return 0
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _create_user(db: Database, settings: Settings, args: argparse.Namespace) -> None:
    password = read_password()
    if len(password) < 8 and settings.is_production:
        raise SystemExit("use a password of at least 8 characters")
    with db.session() as session:
        create_user(
            session=session,
            username=args.username,
            password=password,
            roles=args.role,
            teams=args.team,
        )
    print(f"created {args.username}")


if __name__ == "__main__":
    sys.exit(main())
