"""Accounts: users with a role (admin, teacher, learner), their passwords, and the login throttle.

The web shell (``bireader.web.auth``) logs users in with Flask-Login; this package knows nothing of Flask.
"""
