"""The indexes a reader page relies on: a page's beads are found by one (text_id, page) index, made by migration
0008 and described by the model, and the migration goes back down cleanly."""

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from bireader.store.db import MIGRATIONS, open_engine
from bireader.store.models import BeadRow


def bead_indexes(engine):
    return {index["name"]: index["column_names"] for index in inspect(engine).get_indexes("beads")}


def test_the_beads_of_a_page_have_one_index_on_text_and_page(database_url):
    engine = open_engine(database_url)
    assert bead_indexes(engine)["ix_beads_text_page"] == ["text_id", "page"]
    declared = {index.name: [c.name for c in index.columns] for index in BeadRow.__table__.indexes}
    assert declared["ix_beads_text_page"] == ["text_id", "page"]  # the model and the migration agree
    engine.dispose()


def test_the_page_index_migration_goes_down_and_up_again(database_url):
    engine = open_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    assert "ix_beads_text_page" not in bead_indexes(engine)
    assert "ix_beads_text_id" in bead_indexes(engine)  # the older indexes are left as they were
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert bead_indexes(engine)["ix_beads_text_page"] == ["text_id", "page"]
    engine.dispose()
