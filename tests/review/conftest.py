"""The review tests' sample text (see review_sample.py), saved in the test app's database."""

import pytest
from review_sample import save_sample


@pytest.fixture
def sample(sessions):
    save_sample(sessions)
    return sessions
