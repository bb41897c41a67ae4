"""classroom: users, login failures, classes, memberships, publications, lookups, reveals, pages read;
texts get an owner and a public flag (texts that existed before are public: everyone could read them),
learners an account

Revision ID: 0003
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'users',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('password_hash', sa.String(length=300), nullable=False),
        sa.Column('session_token', sa.String(length=40), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'login_failures',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )
    with op.batch_alter_table('texts') as batch:
        batch.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('public', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_foreign_key('fk_texts_owner_id_users', 'users', ['owner_id'], ['id'], ondelete='SET NULL')
        batch.create_index('ix_texts_owner_id', ['owner_id'])
    op.execute(sa.text("UPDATE texts SET public = :yes").bindparams(yes=True))
    with op.batch_alter_table('learners') as batch:
        batch.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_learners_user_id_users', 'users', ['user_id'], ['id'], ondelete='CASCADE')
        batch.create_unique_constraint('uq_learners_user_id', ['user_id'])
    op.create_table(
        'classes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('join_code', sa.String(length=20), nullable=False),
        sa.Column('teacher_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['teacher_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('join_code'),
    )
    op.create_index('ix_classes_teacher_id', 'classes', ['teacher_id'])
    op.create_table(
        'memberships',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('class_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['class_id'], ['classes.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('class_id', 'user_id'),
    )
    op.create_index('ix_memberships_class_id', 'memberships', ['class_id'])
    op.create_index('ix_memberships_user_id', 'memberships', ['user_id'])
    op.create_table(
        'publications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('text_id', sa.Integer(), nullable=False),
        sa.Column('class_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['text_id'], ['texts.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['class_id'], ['classes.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('text_id', 'class_id'),
    )
    op.create_index('ix_publications_text_id', 'publications', ['text_id'])
    op.create_index('ix_publications_class_id', 'publications', ['class_id'])
    op.create_table(
        'lookups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('learner_id', sa.Integer(), nullable=False),
        sa.Column('text_id', sa.Integer(), nullable=False),
        sa.Column('lang', sa.String(length=8), nullable=False),
        sa.Column('lemma', sa.String(length=200), nullable=False),
        sa.Column('gloss', sa.String(length=300), nullable=False),
        sa.Column('bead', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['text_id'], ['texts.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('learner_id', 'text_id', 'lang', 'lemma'),
    )
    op.create_index('ix_lookups_learner_id', 'lookups', ['learner_id'])
    op.create_index('ix_lookups_text_id', 'lookups', ['text_id'])
    op.create_table(
        'reveals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('learner_id', sa.Integer(), nullable=False),
        sa.Column('text_id', sa.Integer(), nullable=False),
        sa.Column('bead', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['text_id'], ['texts.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('learner_id', 'text_id', 'bead'),
    )
    op.create_index('ix_reveals_learner_id', 'reveals', ['learner_id'])
    op.create_index('ix_reveals_text_id', 'reveals', ['text_id'])
    op.create_table(
        'pages_read',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('learner_id', sa.Integer(), nullable=False),
        sa.Column('text_id', sa.Integer(), nullable=False),
        sa.Column('page', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['text_id'], ['texts.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('learner_id', 'text_id', 'page'),
    )
    op.create_index('ix_pages_read_learner_id', 'pages_read', ['learner_id'])
    op.create_index('ix_pages_read_text_id', 'pages_read', ['text_id'])


def downgrade() -> None:
    for table in ('pages_read', 'reveals', 'lookups', 'publications', 'memberships', 'classes'):
        op.drop_table(table)
    with op.batch_alter_table('learners') as batch:
        batch.drop_constraint('uq_learners_user_id', type_='unique')
        batch.drop_constraint('fk_learners_user_id_users', type_='foreignkey')
        batch.drop_column('user_id')
    with op.batch_alter_table('texts') as batch:
        batch.drop_index('ix_texts_owner_id')
        batch.drop_constraint('fk_texts_owner_id_users', type_='foreignkey')
        batch.drop_column('public')
        batch.drop_column('owner_id')
    op.drop_table('login_failures')
    op.drop_table('users')
