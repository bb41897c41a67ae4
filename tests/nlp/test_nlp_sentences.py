"""The rule-based sentence splitter on the cases that break generic splitters (French dialogue, titles, initials)."""

import pytest

from bireader.nlp.sentences import sentence_spans


def split(text: str, lang: str = "fr") -> list[str]:
    spans = sentence_spans(text, lang)
    for start, end in spans:  # every sentence is an exact, trimmed substring
        assert text[start:end] == text[start:end].strip() and text[start:end]
    return [text[a:b] for a, b in spans]


def test_guillemet_dialogue_with_incise_stays_one_sentence():
    text = "« Viendrez-vous demain ? » demanda-t-elle. « Oui ! » répondit Paul. Il partit."
    assert split(text) == ["« Viendrez-vous demain ? » demanda-t-elle.", "« Oui ! » répondit Paul.", "Il partit."]


def test_sentences_inside_guillemets_are_split_and_the_closer_stays_with_its_sentence():
    text = "Il dit : « Je pars. Attendez-moi. » Puis il sortit."
    assert split(text) == ["Il dit : « Je pars.", "Attendez-moi. »", "Puis il sortit."]


def test_em_dash_dialogue_lines_inside_a_paragraph():
    text = "— Bonjour, dit-il. — Bonjour, monsieur. — Vous allez bien ?"
    assert split(text) == ["— Bonjour, dit-il.", "— Bonjour, monsieur.", "— Vous allez bien ?"]


def test_dialogue_dash_after_a_colon_and_on_a_new_line():
    assert split("Il demanda : — Est-ce loin ? — Non.") == ["Il demanda :", "— Est-ce loin ?", "— Non."]
    assert split("Elle cria :\n— Attendez !\n— Pourquoi ?") == ["Elle cria :", "— Attendez !", "— Pourquoi ?"]


def test_a_dash_opening_on_a_lower_case_word_continues_the_sentence():
    text = "se font des politesses avec un couteau — après vous, mais non je vous en prie ! — et l’égorgent."
    assert split(text) == [text]


@pytest.mark.parametrize("title", ["M.", "MM.", "Mme", "Mme.", "Mlle", "Dr."])
def test_titles_do_not_end_sentences(title):
    text = f"Il salua {title} Dupont. Elle sourit."
    assert split(text) == [f"Il salua {title} Dupont.", "Elle sourit."]


def test_initials_do_not_end_sentences():
    text = "Je dînais à Kharkov avec Dzerj. et K. Radek. Dz. raconta qu’il avait usé d’un subterfuge."
    assert split(text) == ["Je dînais à Kharkov avec Dzerj. et K. Radek.",
                           "Dz. raconta qu’il avait usé d’un subterfuge."]


def test_roman_numeral_heading_is_not_cut():
    assert split("CHAPITRE I. Comment Candide fut élevé.") == ["CHAPITRE I. Comment Candide fut élevé."]


def test_ellipses():
    assert split("La femme de Laurat était une indicatrice… Il le savait.") == [
        "La femme de Laurat était une indicatrice…", "Il le savait."]
    assert split("Il attendit... Personne ne vint.") == ["Il attendit...", "Personne ne vint."]
    assert split("Il attendit... et personne ne vint.") == ["Il attendit... et personne ne vint."]


def test_exclamation_followed_by_lower_case_is_an_incise():
    text = "Ah, il y a encore de jolies femmes parmi nous ! dit-il avec satisfaction. Je croyais que non."
    assert split(text) == ["Ah, il y a encore de jolies femmes parmi nous ! dit-il avec satisfaction.",
                           "Je croyais que non."]


def test_elisions_and_clitics_do_not_disturb_boundaries():
    text = "Jusqu’où l’homme ira-t-il ? Pensez-vous qu’il le sache ? Je ne crois pas."
    assert split(text) == ["Jusqu’où l’homme ira-t-il ?", "Pensez-vous qu’il le sache ?", "Je ne crois pas."]


def test_acronym_at_the_end_of_a_sentence_ends_it():
    text = "Il est prudent vis-à-vis de l’U.R.S.S. Il semble ne pas désespérer."
    assert split(text) == ["Il est prudent vis-à-vis de l’U.R.S.S.", "Il semble ne pas désespérer."]


def test_english_titles_and_straight_quotes():
    text = 'Mr. Knightley came in. "Well," said he, "it is late." Mrs. Weston smiled.'
    assert split(text, "en") == ['Mr. Knightley came in.', '"Well," said he, "it is late."', "Mrs. Weston smiled."]


def test_english_question_in_quotes_followed_by_speaker():
    text = "'Who are you?' said the Caterpillar. Alice replied, rather shyly."
    assert split(text, "en") == ["'Who are you?' said the Caterpillar.", "Alice replied, rather shyly."]


def test_english_pronoun_i_ends_a_sentence():
    assert split("He was taller than I. Then he left.", "en") == ["He was taller than I.", "Then he left."]


def test_straight_quote_glued_to_the_next_word_opens_the_next_sentence():
    assert split('Il se tut. "Venez donc!" dit-elle.') == ["Il se tut.", '"Venez donc!" dit-elle.']


def test_blank_and_punctuation_only_paragraphs():
    assert split("   ") == []
    assert split("Fin. »") == ["Fin. »"]


def test_a_stop_glued_to_a_gutenberg_dash_ends_the_sentence_before_the_dash():
    text = "Il salua civilement.--Messieurs, dit-il, entrez!--Vraiment?--Oui."
    assert split(text) == ["Il salua civilement.", "--Messieurs, dit-il, entrez!", "--Vraiment?", "--Oui."]
    assert split("Il partit!--et revint.") == ["Il partit!--et revint."]  # lower case: the sentence goes on
    assert split("Bien.—Non, merci.") == ["Bien.", "—Non, merci."]  # an em dash glued the same way
    assert split("He answered questions.--How am I to get in?", "en") == [
        "He answered questions.", "--How am I to get in?"]


def test_no_is_an_abbreviation_only_before_a_number():
    assert split("He lives at No. 7 Baker Street. I said no. Then he left.", "en") == [
        "He lives at No. 7 Baker Street.", "I said no.", "Then he left."]


def test_an_abbreviated_month_before_a_year_does_not_end_the_sentence():
    assert split("Il est né le 3 janv. 1944. Il est mort en 2001.") == [
        "Il est né le 3 janv. 1944.", "Il est mort en 2001."]
    assert split("Le 12 fév. 1943, il part. Le 4 sept. 1939, la guerre. Le 2 oct. 1940 il écrit.") == [
        "Le 12 fév. 1943, il part.", "Le 4 sept. 1939, la guerre.", "Le 2 oct. 1940 il écrit."]
    assert split("Du 5 févr. 1944 au 7 déc. 1945, puis le 1er avr. 1946 et le 3 juil. 1947.") == [
        "Du 5 févr. 1944 au 7 déc. 1945, puis le 1er avr. 1946 et le 3 juil. 1947."]
    assert split("On Sept. 3 1939 the war began. On Jan. 5 he left.", "en") == [
        "On Sept. 3 1939 the war began.", "On Jan. 5 he left."]


def test_a_month_that_is_also_a_word_or_ends_a_sentence_still_ends_it():
    assert split("Ils étaient sept. Puis ils partirent.") == ["Ils étaient sept.", "Puis ils partirent."]
    assert split("He came with Jan. The others stayed.", "en") == ["He came with Jan.", "The others stayed."]


def test_scholarly_abbreviations_inside_a_sentence():
    assert split("César mourut en 44 av. J.-C. à Rome. Auguste régna.") == [
        "César mourut en 44 av. J.-C. à Rome.", "Auguste régna."]
    assert split("Voir p. 12 et cf. Le Capital, ch. 3. Puis la suite.") == [
        "Voir p. 12 et cf. Le Capital, ch. 3.", "Puis la suite."]
    assert split("Des pommes, des poires, etc. et du pain. Tout était là.") == [
        "Des pommes, des poires, etc. et du pain.", "Tout était là."]
    assert split("See p. 12 and cf. Marx. He said so.", "en") == ["See p. 12 and cf. Marx.", "He said so."]
