"""A small classroom saved in a database: the people of the authorization matrix and what they own.

    admin           admin
    owner           teacher: owns "promenade" (two languages, published to class A only) and "promenade-fr"
                    (public); teaches class A
    other_teacher   teacher: teaches class B
    learner_in      learner in class A          learner_out     learner in class B
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from reader_sample import save_monolingual, save_sample  # noqa: E402

from bireader.accounts.models import User  # noqa: E402
from bireader.accounts.service import add_user  # noqa: E402
from bireader.classroom.service import create_class, join_class, publish  # noqa: E402
from bireader.store.db import transaction  # noqa: E402
from bireader.store.models import Text  # noqa: E402

PASSWORD = "password-123"
ROLES = ("anonymous", "learner_in", "learner_out", "owner", "other_teacher", "admin")
USERS = {"admin": "admin", "owner": "teacher", "other_teacher": "teacher", "learner_in": "learner",
         "learner_out": "learner"}


def build_world(sessions) -> dict:
    save_sample(sessions)
    save_monolingual(sessions, pages=2)
    world: dict = {}
    with transaction(sessions) as session:
        users = {name: add_user(session, name.replace("_", "-"), role, PASSWORD) for name, role in USERS.items()}
        class_a = create_class(session, users["owner"], "Class A")
        class_b = create_class(session, users["other_teacher"], "Class B")
        join_class(session, users["learner_in"], class_a.join_code)
        join_class(session, users["learner_out"], class_b.join_code)
        session.execute(update(Text).values(owner_id=users["owner"].id))
        promenade = session.scalar(select(Text).where(Text.slug == "promenade"))
        publish(session, users["owner"], promenade, False, [class_a.id])
        promenade_fr = session.scalar(select(Text).where(Text.slug == "promenade-fr"))
        publish(session, users["owner"], promenade_fr, True, [])
        world.update(class_a=class_a.id, class_b=class_b.id, code_a=class_a.join_code, code_b=class_b.join_code,
                     users={k: (u.id, u.name) for k, u in users.items()})
    from bireader.jobs.service import create_job

    create_job(sessions, name="x.txt", params={"path": "0/x.txt", "owner_id": world["users"]["owner"][0]},
               job_id="job-of-owner")  # an import the owner started (it never runs here)
    return world


def log_in_as(client, sessions, role: str) -> None:
    """Give the client a logged-in session of ``role`` directly (the login form itself has its own tests)."""
    if role == "anonymous":
        return
    with sessions() as session:
        user = session.scalar(select(User).where(User.name == role.replace("_", "-")))
        ident = f"{user.id}:{user.session_token}"
    with client.session_transaction() as cookie:
        cookie["_user_id"] = ident
        cookie["_fresh"] = True
