"""durable jobs: the state of imports run by the queue (queued, running + stage + percent, done, failed)

Revision ID: 0004
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'jobs',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('stage', sa.String(length=40), nullable=False),
        sa.Column('percent', sa.Integer(), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('workdir', sa.String(length=500), nullable=False),
        sa.Column('messages', sa.JSON(), nullable=False),
        sa.Column('warnings', sa.JSON(), nullable=False),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('result', sa.JSON(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('worker', sa.String(length=200), nullable=False),
        sa.Column('created', sa.Float(), nullable=False),
        sa.Column('heartbeat', sa.Float(), nullable=False),
        sa.Column('finished', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_jobs_state', 'jobs', ['state'])


def downgrade() -> None:
    op.drop_index('ix_jobs_state', table_name='jobs')
    op.drop_table('jobs')
