"""Server time of a teacher's class page and of one reader activity batch, on a class of 30 learners who each
looked up 200 words and revealed 7 sentences of a text (the tests' hand-made sample text, tests/web/reader_sample).

    python -m bench.class_page      # rewrites its block in docs/classroom.md

Medians of 7 requests through Flask's test client, on a throwaway SQLite database.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import write_block

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "classroom.md"
LEARNERS, LOOKUPS, REVEALS, RUNS = 30, 200, 7, 7


def median_ms(call) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return statistics.median(times) * 1000


def main() -> None:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "web"), str(ROOT / "tests" / "classroom")]
    from accounts_helpers import TokenClient, csrf_token
    from classroom_world import build_world, log_in_as
    from sqlalchemy import select

    from bireader.accounts.models import User
    from bireader.classroom.models import Lookup, Membership, PageRead, Reveal
    from bireader.learner.models import Learner
    from bireader.store.db import transaction
    from bireader.store.models import Text
    from bireader.web.app import create_app

    folder = tempfile.mkdtemp(prefix="bench-class-")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite"})
    sessions = app.extensions["bireader.sessions"]
    world = build_world(sessions)
    random.seed(1)
    with transaction(sessions) as session:
        text = session.scalar(select(Text).where(Text.slug == "promenade"))
        for n in range(LEARNERS):
            user = User(name=f"learner{n}", role="learner", password_hash="unused")
            session.add(user)
            session.flush()
            session.add(Membership(class_id=world["class_a"], user_id=user.id))
            learner = Learner(token=f"bench-{n}", user_id=user.id)
            session.add(learner)
            session.flush()
            session.add_all(Lookup(learner_id=learner.id, text_id=text.id, lang="fr", lemma=f"mot{random.randrange(600)}-{k}",
                                   gloss="word", bead=0, count=random.randint(1, 4)) for k in range(LOOKUPS))
            session.add_all(Reveal(learner_id=learner.id, text_id=text.id, bead=b, count=random.randint(1, 3))
                            for b in range(REVEALS))
            session.add(PageRead(learner_id=learner.id, text_id=text.id, page=1))
    teacher = TokenClient(app, app.response_class, use_cookies=True)
    log_in_as(teacher, sessions, "owner")
    class_page = median_ms(lambda: teacher.get(f"/classes/{world['class_a']}"))
    reader = TokenClient(app, app.response_class, use_cookies=True)
    log_in_as(reader, sessions, "learner_in")
    token = csrf_token(reader)
    batch = {"slug": "promenade", "page": 1, "reveals": [{"bead": 1}],
             "lookups": [{"lang": "fr", "lemma": f"w{i}", "gloss": "x", "bead": 0} for i in range(40)]}
    activity = median_ms(lambda: reader.post("/api/activity", json=batch, headers={"X-CSRFToken": token}))
    body = (f"| what | server time (median of {RUNS}) |\n|---|---|\n"
            f"| class page, {LEARNERS} learners x {LOOKUPS} words looked up and {REVEALS} sentences revealed each | "
            f"{class_page:.0f} ms |\n"
            f"| one activity batch of 40 lookups and a reveal | {activity:.0f} ms |\n")
    print(body)
    write_block(DOC, "<!-- bench:class_page -->", "<!-- /bench:class_page -->", body)


if __name__ == "__main__":
    main()
