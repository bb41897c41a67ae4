"""Universal POS tags and lemmas for English without a statistical model: a lexicon of closed-class words, suffixes
and a few rules of context.

No English spaCy model is on PyPI, and the offline engine must work with registry packages only. English is the
*translation* side in bireader: its tags serve to tell content words from function words when glossing, so a
tagger that gets the closed classes right and guesses the open classes from shape and context is enough there.
It is a heuristic and is not a substitute for stanza (see docs/nlp.md):

    the/DET old/ADJ man/NOUN had/AUX gone/VERB quickly/ADV to/ADP Paris/PROPN ./PUNCT

Lemmas come from simplemma (a lexicon of inflected forms), with the contractions spelt out (``n't`` -> ``not``).
"""

from __future__ import annotations

import functools
import re

_CLOSED = {
    "DET": "the a an this these those every each either neither no some any my your his her its our their whose "
    "another such what which whatever",
    "PRON": "i you he she it we they me him us them myself yourself himself herself itself ourselves yourselves "
    "themselves mine yours hers ours theirs who whom something nothing anything everything someone somebody anyone "
    "anybody everyone everybody nobody none one ones thee thou ye",
    "ADP": "of in to for with on at by from about into through over under after before between against during "
    "without upon among amongst towards toward across behind beyond near beside besides within along around round "
    "off since till until like unto onto via amid despite except per throughout beneath above below",
    "CCONJ": "and or but nor",
    "SCONJ": "that if because although though while whether unless whereas lest whilst",
    "AUX": "am is are was were be been being have has had having do does did will would shall should can could may "
    "might must 'm 're 's 've 'd 'll wo ca",
    "PROPN": "mr mr. mrs mrs. dr dr. st st. miss",
    "PART": "not n't to 's",
    "ADV": "very so too never always often here there now then just only also again still even ever quite rather "
    "almost perhaps indeed yet soon already once twice thus therefore however moreover nevertheless meanwhile "
    "otherwise instead away back up down out forth not how why when where whence wherever whenever much more most "
    "less least well far long ago together else enough",
    "INTJ": "oh ah alas yes hello hey ha pray well-a-day o adieu eh hush",
    "NUM": "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million",
}
LEXICON: dict[str, str] = {}
for _tag in ("PROPN", "ADV", "NUM", "INTJ", "CCONJ", "SCONJ", "ADP", "AUX", "PRON", "DET", "PART"):
    for _word in _CLOSED[_tag].split():
        LEXICON.setdefault(_word, _tag)
LEXICON.update({"which": "PRON", "to": "PART", "that": "SCONJ", "as": "ADP", "all": "DET", "both": "DET", "many": "ADJ",
                "few": "ADJ", "own": "ADJ", "other": "ADJ", "same": "ADJ", "first": "ADJ", "last": "ADJ"})

# Frequent verb forms of narrative prose, with their lemma (simplemma misses some: "gone" -> "gan").
_IRREGULAR = dict(pair.split(":") for pair in """
said:say says:say say:say went:go gone:go goes:go go:go came:come come:come comes:come saw:see seen:see see:see
took:take taken:take take:take made:make make:make knew:know known:know know:know thought:think think:think
told:tell tell:tell felt:feel feel:feel left:leave found:find find:find gave:give given:give give:give
got:get get:get began:begin begun:begin stood:stand sat:sit lay:lie heard:hear hear:hear kept:keep
brought:bring bought:buy spoke:speak spoken:speak wrote:write written:write ran:run held:hold met:meet
looked:look asked:ask replied:reply cried:cry answered:answer returned:return turned:turn seemed:seem
appeared:appear continued:continue added:add exclaimed:exclaim called:call saying:say going:go coming:come
looking:look thinking:think taking:take making:make tried:try wanted:want wished:wish loved:love
became:become become:become rose:rise fell:fall fallen:fall drew:draw drawn:draw wore:wear worn:wear
""".split())
_ADJECTIVES = set("""old young good great little small large big new high poor dear fine happy sure true whole
bad best better worse worst black white red green blue dark light strange beautiful pretty short full ready
certain able free open clear deep cold warm hot strong weak rich sad glad afraid alone alive dead possible
""".split())
_ADJ_SUFFIXES = ("ous", "ful", "ive", "able", "ible", "less", "ish", "ical", "ary", "ent", "ant", "ic", "al")
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ship", "hood", "ism", "ist", "ance", "ence", "dom", "ure")
_LY_NOT_ADVERBS = {"family", "holy", "ugly", "lily", "jolly", "early", "only", "lonely", "lovely", "friendly", "fly",
                   "july", "italy", "folly", "belly", "bully", "melancholy", "supply", "reply", "apply"}
_MODALS = {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did", "wo", "ca"}
_SUBJECTS = {"i", "you", "he", "she", "it", "we", "they", "who", "thou"}
_CONTRACTIONS = {"n't": "not", "'m": "be", "'re": "be", "'ve": "have", "'ll": "will", "'d": "would", "wo": "will",
                 "ca": "can"}
_PUNCT = re.compile(r"^[^\w\s]+$")
_NUMBER = re.compile(r"^\d+([.,:]\d+)*(st|nd|rd|th)?$")


_WORD_OR_MARK = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’]\w+)*|([^\w\s])\1*")
_CONTRACTION = re.compile(r"^(.+?)(n['’]t|['’](?:s|m|d|ll|ve|re))$", re.I)
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "rev", "gen", "col", "capt", "lt", "mt", "messrs",
                  "no", "vs", "etc", "esq", "vol", "ch", "pp", "co"}

_BEFORE_A_NUMBER = {"no", "vol", "pp", "ch"}  # "No. 7", but "I said no."
_NUMBER_NEXT = re.compile(r"\s*[\dIVXLC]")


def english_token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token: words (hyphenated ones whole), contractions split off the way English treebanks
    do (``didn't`` -> ``did`` + ``n't``, ``Emma's`` -> ``Emma`` + ``'s``), titles with their full stop (``Mr.``),
    initialisms (``U.S.``), and runs of one punctuation mark (``...``, ``--``)."""
    spans: list[tuple[int, int]] = []
    position = 0
    while match := _WORD_OR_MARK.search(text, position):
        start, end = match.span()
        word = match.group()
        position = end
        if word[0].isalnum() or word[0] == "_":
            if (end < len(text) and text[end] == "." and word.lower() in _ABBREVIATIONS
                    and (word.lower() not in _BEFORE_A_NUMBER or _NUMBER_NEXT.match(text, end + 1))):
                end = position = end + 1
            else:
                contraction = _CONTRACTION.match(word)
                if contraction and contraction.group(1)[-1:].isalpha():
                    cut = start + len(contraction.group(1))
                    spans.append((start, cut))
                    start = cut
        spans.append((start, end))
    return spans


@functools.lru_cache(maxsize=65536)
def english_lemma(word: str) -> str:
    import simplemma

    lower = word.lower().replace("’", "'")
    if lower in _CONTRACTIONS:
        return _CONTRACTIONS[lower]
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    return simplemma.lemmatize(lower, lang="en").lower()


def _open_class(word: str, lower: str, previous: str, sentence_initial: bool) -> str:
    if word[:1].isupper() and not sentence_initial and lower not in LEXICON:
        return "PROPN"
    if lower in _IRREGULAR:
        return "VERB"
    if lower in _ADJECTIVES:
        return "ADJ"
    if lower.endswith("ly") and len(lower) > 4 and lower not in _LY_NOT_ADVERBS:
        return "ADV"
    if previous == "HAVE":
        return "VERB"
    if previous == "BE":
        return "VERB" if lower.endswith(("ing", "ed", "en")) else "ADJ"
    if previous in ("DET_", "ADJ_"):
        if lower.endswith("ly") and len(lower) > 4 and lower not in _LY_NOT_ADVERBS:
            return "ADV"
        return "ADJ" if lower.endswith(_ADJ_SUFFIXES) and not lower.endswith(_NOUN_SUFFIXES) else "NOUN"
    if previous in ("MODAL", "TO", "SUBJ"):
        return "VERB"
    if lower.endswith(("ing", "ed")) and len(lower) > 4:
        return "VERB"
    if lower.endswith(_NOUN_SUFFIXES):
        return "NOUN"
    if lower.endswith(_ADJ_SUFFIXES):
        return "ADJ"
    return "NOUN"


def tag_english(words: list[str], sentence_initial: list[bool]) -> list[tuple[str, str]]:
    """(UPOS, lemma) for each word; ``sentence_initial`` marks the words that open a sentence."""
    result: list[tuple[str, str]] = []
    context = ""
    for word, initial in zip(words, sentence_initial):
        lower = word.lower().replace("’", "'")
        if _PUNCT.match(word):
            pos = "SYM" if word in "$%&+<=>@#£€§°*/" else "PUNCT"
            result.append((pos, word))
            context = "" if pos == "PUNCT" else context
            continue
        if _NUMBER.match(lower) or ("-" in lower and all(LEXICON.get(part) == "NUM" or part == "one"
                                                            for part in lower.split("-"))):
            pos = "NUM"
        elif lower in LEXICON:
            pos = LEXICON[lower]
        else:
            pos = _open_class(word, lower, context, initial)
        if lower == "'s":  # "it's" is a verb, "Emma's" a possessive
            pos = "AUX" if result and words[len(result) - 1].lower() in _SUBJECTS | {"that", "there", "here", "what"} else "PART"
        if lower in _MODALS and pos == "AUX":
            context = "MODAL"
        elif lower in ("have", "has", "had", "'ve", "'d") and pos == "AUX":
            context = "HAVE"
        elif pos == "AUX":
            context = "BE"
        elif lower in ("not", "n't", "never") and context in ("MODAL", "HAVE", "BE"):
            pass  # "did not read", "had never seen"
        elif lower == "to" and pos == "PART":
            context = "TO"
        elif lower in _SUBJECTS:
            context = "SUBJ"
        elif pos in ("DET", "ADJ"):
            context = pos + "_"
        else:
            context = ""
        lemma = word if pos == "PROPN" or word == "I" else english_lemma(word)
        if lower == "'s":
            lemma = "be" if pos == "AUX" else "'s"
        result.append((pos, lemma))
    return _with_lookahead(words, result)


def _with_lookahead(words: list[str], tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Decisions that need the next word's tag: "to" before a noun phrase is a preposition ("to the Baron"),
    and "have" before a determiner is the main verb ("had a great disposition")."""
    result = list(tagged)
    for i in range(len(result) - 1):
        lower, (pos, lemma), next_pos = words[i].lower(), result[i], result[i + 1][0]
        if lower == "to" and next_pos in ("DET", "PROPN", "NUM", "PRON"):
            result[i] = ("ADP", lemma)
        elif lemma == "have" and pos == "AUX" and next_pos in ("DET", "NUM"):
            result[i] = ("VERB", lemma)
    return result
