"""Hand-made French/English documents for the glosser's tests, analysed once per session by the offline engine."""

import pytest

from bireader.document import Bead
from tests_gloss_helpers import make_document


# Short stories in miniature: repeated vocabulary so that the aligner has something to learn from this text alone.
FRENCH = [
    "L'homme regarde la maison.",
    "Il y a une pomme de terre sur la table.",
    "Candide aime Cunégonde.",
    "Elle l'a vu hier.",
    "Le meunier vend son moulin.",
    "Le meunier regarde la table.",
    "Cunégonde regarde le moulin.",
    "L'homme vend la maison hier.",
    "Il y a un chat dans la maison.",
    "Le chat dort sur la table.",
    "Donne-le-moi !",
    "Le chat du meunier dort.",
]
ENGLISH = [
    "The man looks at the house.",
    "There is a potato on the table.",
    "Candide loves Cunégonde.",
    "She saw him yesterday.",
    "The miller sells his mill.",
    "The miller looks at the table.",
    "Cunégonde looks at the mill.",
    "The man sold the house yesterday.",
    "There is a cat in the house.",
    "The cat sleeps on the table.",
    "Give it to me!",
    "The miller's cat sleeps.",
]


@pytest.fixture(scope="session")
def bitext():
    fr, en = make_document(FRENCH, "fr"), make_document(ENGLISH, "en")
    beads = [Bead([k], [k]) for k in range(len(FRENCH))]
    return fr, en, beads


@pytest.fixture(scope="session")
def glossed(bitext):
    from bireader.gloss import gloss_bitext

    fr, en, beads = bitext
    return gloss_bitext(fr, en, beads)
