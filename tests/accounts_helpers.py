"""Helpers for tests that need accounts: a client that sends real CSRF tokens, logging in, adding users."""

from flask.testing import FlaskClient


def csrf_token(client) -> str:
    """The token of the client's session, read from a page as a browser would (the meta tag of every page)."""
    import re

    html = client.get("/login").get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


class TokenClient(FlaskClient):
    def open(self, *args, **kwargs):
        method = kwargs.get("method") or (args[0].method if args and hasattr(args[0], "method") else "GET")
        if method.upper() in ("POST", "PUT", "PATCH", "DELETE") and not kwargs.pop("no_token", False):
            headers = dict(kwargs.get("headers") or {})
            headers.setdefault("X-CSRFToken", csrf_token(self))
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)


def login(client, name: str, password: str = "password-123"):
    """Log ``client`` in through the login form (real session, real token)."""
    response = client.post("/login", data={"name": name, "password": password})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def add_user(sessions, name: str, role: str, password: str = "password-123"):
    from bireader.accounts.service import add_user as add
    from bireader.store.db import transaction

    with transaction(sessions) as session:
        return add(session, name, role, password).id
