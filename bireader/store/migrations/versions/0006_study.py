"""study: review cards per learner and word (FSRS state), their reviews, the learner's card mode

Revision ID: 0006
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'study_cards',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('learner_id', sa.Integer(), nullable=False),
        sa.Column('lang', sa.String(length=8), nullable=False),
        sa.Column('lemma', sa.String(length=200), nullable=False),
        sa.Column('fsrs', sa.JSON(), nullable=False),
        sa.Column('due', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reviews', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('learner_id', 'lang', 'lemma'),
    )
    op.create_index('ix_study_cards_learner_id', 'study_cards', ['learner_id'])
    op.create_index('ix_study_cards_due', 'study_cards', ['due'])
    op.create_table(
        'study_reviews',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('card_id', sa.Integer(), nullable=False),
        sa.Column('learner_id', sa.Integer(), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=False),
        sa.Column('state_before', sa.String(length=12), nullable=False),
        sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('due_after', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['card_id'], ['study_cards.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_study_reviews_card_id', 'study_reviews', ['card_id'])
    op.create_index('ix_study_reviews_learner_id', 'study_reviews', ['learner_id'])
    op.create_index('ix_study_reviews_reviewed_at', 'study_reviews', ['reviewed_at'])
    op.create_table(
        'study_preferences',
        sa.Column('learner_id', sa.Integer(), nullable=False),
        sa.Column('mode', sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('learner_id'),
    )


def downgrade() -> None:
    op.drop_table('study_preferences')
    op.drop_table('study_reviews')
    op.drop_table('study_cards')
