"""``bireader users add | list | passwd``: accounts from the command line (the first teacher or admin, resets)."""

from __future__ import annotations

import sys

import click

from bireader.accounts.models import ROLES


def _sessions():
    from bireader.web.app import create_app

    return create_app().extensions["bireader.sessions"]


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("password", hide_input=True, confirmation_prompt=True)


@click.group("users")
def users_group() -> None:
    """Accounts: admins, teachers, learners. While there is none, bireader runs in single-user mode."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="admin: everything; teacher: imports, "
              "classes, publishing; learner: reads what is published to them.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def add_command(name: str, role: str, password_stdin: bool) -> None:
    """Create an account (you are asked for its password twice).

    Example: bireader users add marie --role teacher
    """
    from bireader.accounts.service import AccountError, accounts_exist, add_user
    from bireader.classroom.lifecycle import adopt_local
    from bireader.store.db import transaction

    password = _password(password_stdin)
    try:
        with transaction(_sessions()) as session:
            first = not accounts_exist(session)
            user = add_user(session, name, role, password)
            adopted = first and adopt_local(session, user)
            name, role = user.name, user.role
    except AccountError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"added {role} {name}")
    if adopted:
        click.echo(f"the single-user mode ends: {name} takes over its marked words, positions"
                   f"{', texts and classes' if role != 'learner' else ''}")


@users_group.command("list")
def list_command() -> None:
    """The accounts, one a line: name, role, created.

    Example: bireader users list
    """
    from bireader.accounts.service import list_users

    with _sessions()() as session:
        users = list_users(session)
    if not users:
        click.echo("no accounts: bireader runs in single-user mode (bireader users add NAME --role admin ends it)")
    for user in users:
        click.echo(f"{user.name}\t{user.role}\t{user.created_at:%Y-%m-%d}")


@users_group.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the new password from the first line of standard input.")
def passwd_command(name: str, password_stdin: bool) -> None:
    """Set a user's password; their open sessions end.

    Example: bireader users passwd marie
    """
    from bireader.accounts.service import AccountError, find_user, set_password
    from bireader.store.db import transaction

    factory = _sessions()
    with factory() as session:
        if find_user(session, name) is None or not find_user(session, name).password_hash:
            click.echo(f"error: no user called {name!r} (bireader users list shows them)", err=True)
            sys.exit(1)
    password = _password(password_stdin)
    try:
        with transaction(factory) as session:
            set_password(session, find_user(session, name), password)
    except AccountError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"password of {name.strip().lower()} changed")
