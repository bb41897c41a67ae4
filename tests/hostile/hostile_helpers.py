"""Helpers of the hostile-input battery: sample texts, a snapshot of the library, the command line on it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import create_engine, text

from bireader.cli import main

FRENCH = ("Il pleuvait sur les haies du jardin. Candide marchait seul dans le chemin, et il pensait à la maison. "
          "Les volets de la vieille maison étaient fermés. Il aperçut la nuit qui tombait sur les champs.\n\n"
          "Le lendemain, il se leva tôt. Il faisait beau et le soleil brillait sur les toits. Il prit son chapeau "
          "et sortit dans la rue, où les marchands ouvraient déjà leurs boutiques.\n")
ENGLISH = ("It was raining on the hedges of the garden. Candide walked alone along the path, and he thought of the "
           "house. The shutters of the old house were closed. He saw the night falling over the fields.\n\n"
           "The next day, he rose early. The weather was fine and the sun shone on the roofs. He took his hat and "
           "went out into the street, where the merchants were already opening their shops.\n")


def snapshot(database: Path) -> dict:
    """What a user could see of the library: each text's row, and a digest of its sentences and beads."""
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            texts = connection.execute(text(
                "SELECT id, slug, title, credits, page_count, imported_at FROM texts ORDER BY id")).all()
            sentences = connection.execute(text(
                "SELECT side_id, position, key, text FROM sentences ORDER BY side_id, position")).all()
            beads = connection.execute(text(
                "SELECT text_id, position, page, source_start, source_count, target_start, target_count "
                "FROM beads ORDER BY text_id, position")).all()
    finally:
        engine.dispose()
    digest = hashlib.sha256(repr((sentences, beads)).encode()).hexdigest()
    return {"texts": [tuple(row) for row in texts], "content": digest}


def texts(database: Path) -> list[tuple]:
    """(slug, title, credits) of every text, in the order they were stored."""
    return [(row[1], row[2], row[3]) for row in snapshot(database)["texts"]]


class Cli:
    """``bireader import`` on the case's library; ``errors`` are the lines that start with "error:"."""

    def __init__(self, database: Path):
        self.database = database
        self.runner = CliRunner(env={"DATABASE_URL": f"sqlite:///{database}"})

    def run(self, *args: str):
        result = self.runner.invoke(main, [str(a) for a in args])
        result.errors = [line for line in result.output.splitlines() if line.startswith("error:")]
        result.warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
        return result

    def import_(self, *args: str):
        return self.run("import", *args, "--engine", "offline")


def refused(cli: Cli, before: dict, result, message: str) -> None:
    """The import failed with exit code 1, exactly one error line containing ``message``, nothing changed."""
    assert result.exit_code == 1, result.output
    assert len(result.errors) == 1, result.output
    assert message in result.errors[0], result.errors[0]
    assert snapshot(cli.database) == before
