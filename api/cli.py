"""Admin commands.

    python -m api.cli migrate
    python -m api.cli create-user --username x --role kcc --role team --team wijkteam-noord

The password is read from stdin when it is not a terminal (e.g. `echo "$PW" | ...`), else asked
twice without echo; it never appears on the command line or in shell history.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from api.core.config import get_settings
from api.core.db import Database
from api.core.errors import ServiceError
from api.staff.models import ROLES
from api.staff.service import create_user


def read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password again: "):
        raise SystemExit("passwords differ")
    return password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database to the newest migration")
    user = commands.add_parser("create-user", help="add a staff account")
    user.add_argument("--username", required=True)
    user.add_argument("--role", action="append", choices=ROLES, required=True)
    user.add_argument("--team", action="append", default=[])
    args = parser.parse_args(argv)

    db = Database(get_settings().database_url)
    try:
        if args.command == "migrate":
            db.migrate()
            print("database is up to date")
            return 0
        password = read_password()
        if len(password) < 8 and get_settings().is_production:
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
        return 0
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
