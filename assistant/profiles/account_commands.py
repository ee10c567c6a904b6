"""`playlist accounts add | remove | list | convert`: the logins of a shared app, in the file PLAYLIST_ACCOUNTS
names. A password is read from standard input or typed twice at a prompt; it never appears in argv or output."""

import argparse
import getpass
import sys
from pathlib import Path

from assistant.profiles.accounts import ACCOUNTS_ENV, AccountsFile, accounts_path
from index.errors import PlaylistError


def add_parser(commands: argparse._SubParsersAction) -> None:
    accounts = commands.add_parser("accounts", help=f"logins for a shared app (the file ${ACCOUNTS_ENV} names)")
    accounts.add_argument("--file", type=Path, help=f"accounts file (default: ${ACCOUNTS_ENV})")
    actions = accounts.add_subparsers(dest="accounts_command", required=True)
    add = actions.add_parser("add", help="add a login (argon2id hash; the password is never stored)")
    add.add_argument("name")
    add.add_argument("--role", choices=["listener", "curator"], required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--replace", action="store_true", help="set a new password or role for an existing name")
    actions.add_parser("remove", help="remove a login").add_argument("name")
    actions.add_parser("list", help="names and roles")
    actions.add_parser("convert", help="hash the plaintext passwords of an old accounts file in place")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise PlaylistError("the two passwords differ; nothing was changed")
    return first


def run(args: argparse.Namespace) -> None:
    path = args.file or accounts_path()
    if path is None:
        raise PlaylistError(f"name the accounts file: --file FILE or {ACCOUNTS_ENV}=FILE")
    accounts = AccountsFile(path)
    if args.accounts_command == "add":
        accounts.add(args.name, args.role, _password(args.password_stdin), replace=args.replace)
        print(f"{args.name} ({args.role}) can log in; {path} holds only its argon2id hash")
    elif args.accounts_command == "remove":
        accounts.remove(args.name)
        print(f"{args.name} can no longer log in")
    elif args.accounts_command == "convert":
        names = accounts.convert()
        print(f"hashed {len(names)} plaintext password(s) in {path}" + (f": {', '.join(names)}" if names else ""))
    else:
        for name, role in accounts.listing():
            print(f"{name}\t{role}")
