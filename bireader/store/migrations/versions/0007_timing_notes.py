"""imported formats: a sentence's subtitle timing, a side's footnotes

Revision ID: 0007
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sentences') as batch:
        batch.add_column(sa.Column('timing', sa.JSON(), nullable=True))
    with op.batch_alter_table('sides') as batch:
        batch.add_column(sa.Column('notes', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sides') as batch:
        batch.drop_column('notes')
    with op.batch_alter_table('sentences') as batch:
        batch.drop_column('timing')
