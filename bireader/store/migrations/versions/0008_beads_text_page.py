"""a reader page's beads by one index: (text_id, page)

Revision ID: 0008
Revises: 0003
"""
from alembic import op


revision = '0008'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('beads') as batch:
        batch.create_index('ix_beads_text_page', ['text_id', 'page'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('beads') as batch:
        batch.drop_index('ix_beads_text_page')
