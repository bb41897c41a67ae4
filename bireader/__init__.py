"""bireader: a parallel-text bilingual reader for language learners."""

__version__ = "0.1.0"


def create_app(config=None):
    """The Flask application factory (``flask --app bireader run``)."""
    from bireader.web.app import create_app as _create_app

    return _create_app(config)
