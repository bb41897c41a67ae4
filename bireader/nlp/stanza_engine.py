"""The stanza engine: Stanford's neural ``tokenize,mwt,pos,lemma`` pipelines, loaded from a local model directory.

Stanza is an optional extra (``pip install 'bireader[stanza]'``; on these machines install ``torch==2.13.0`` first)
and its models are downloaded once with ``bireader models download``. Nothing is ever fetched at run time
(``download_method=None``): a missing model is an EngineUnavailable that says which command fetches it.

Where the models are: the ``stanza_dir`` argument (``--stanza-dir``), else ``$STANZA_RESOURCES_DIR``, else stanza's
own default ``~/stanza_resources``.

Stanza's French tokenizer expands multi-word tokens (``du`` = ``de`` + ``le``, ``auquel`` = ``à`` + ``lequel``).
A reader sees and clicks the surface form, so one Token is kept per surface token, with the lemma and tag of its
first word (``du`` -> ``de``/ADP, ``au`` -> ``à``/ADP); that is what ``sentences_from_stanza`` converts.
"""

from __future__ import annotations

import functools
import json
import os
from importlib.util import find_spec
from pathlib import Path

from bireader.document import Sentence, Token
from bireader.nlp import LANGUAGES, EngineUnavailable, check_language

# stanza adds mwt by itself where a language's package has one (English "combined" does in recent releases);
# naming it for a language without one would be an error, so it is named only for French.
PROCESSORS = {"fr": "tokenize,mwt,pos,lemma", "en": "tokenize,pos,lemma"}
_NOT_WORDS = {"PUNCT", "SYM"}
INSTALL_HINT = "pip install 'bireader[stanza]' (with torch==2.13.0 on a CPU machine)"


def stanza_dir_path(stanza_dir: str | None = None) -> Path:
    """The model directory to use: the argument, $STANZA_RESOURCES_DIR, or ~/stanza_resources."""
    if stanza_dir:
        return Path(stanza_dir).expanduser()
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env).expanduser() if env else Path.home() / "stanza_resources"


def stanza_models_present(stanza_dir: str | None = None) -> bool:
    """A cheap check (no import of torch): stanza installed, resources.json and a folder per language on disk."""
    if find_spec("stanza") is None:
        return False
    folder = stanza_dir_path(stanza_dir)
    return (folder / "resources.json").is_file() and all((folder / lang).is_dir() for lang in LANGUAGES)


def _download_command(lang: str, folder: Path) -> str:
    return f"bireader models download --lang {lang} --dir {folder}"


def sentences_from_stanza(doc, paragraph: str) -> list[Sentence]:
    """bireader Sentences from a stanza Document whose text is ``paragraph`` (offsets are the document's)."""
    sentences: list[Sentence] = []
    for stanza_sentence in doc.sentences:
        tokens: list[Token] = []
        for stanza_token in stanza_sentence.tokens:
            start, end = stanza_token.start_char, stanza_token.end_char
            if start is None or end is None:
                raise ValueError(f"stanza token {stanza_token.text!r} has no character offsets")
            first = stanza_token.words[0]
            text = paragraph[start:end]
            lemma = first.lemma if first.lemma not in (None, "", "_") else text.lower()
            pos = first.upos or "X"
            is_word = pos not in _NOT_WORDS and any(ch.isalnum() for ch in text)
            tokens.append(Token(text, start, end, lemma, pos, is_word))
        if not tokens:
            continue
        start, end = tokens[0].start, tokens[-1].end
        sentences.append(Sentence(id="", text=paragraph[start:end], start=start, tokens=tokens))
    return sentences


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0].strip().rstrip(".") if text else type(error).__name__


def _import_stanza():
    try:
        import stanza
    except ImportError as error:
        raise EngineUnavailable(f"the stanza engine needs the stanza package, which is not installed: {INSTALL_HINT}") from error
    return stanza


@functools.lru_cache(maxsize=None)
def _pipeline(lang: str, folder: str, processors: str):
    """One stanza Pipeline per (language, folder, processors), loaded from disk only."""
    stanza = _import_stanza()
    path = Path(folder)
    if not (path / "resources.json").is_file():
        raise EngineUnavailable(
            f"no stanza models in {path} (resources.json is missing): run `{_download_command(lang, path)}` "
            "where the network allows, or point --stanza-dir / STANZA_RESOURCES_DIR at a folder that has them"
        )
    try:
        return stanza.Pipeline(lang, dir=str(path), processors=processors, download_method=None,
                               use_gpu=False, logging_level="CRITICAL")
    except Exception as error:  # stanza raises FileNotFoundError, ValueError, its own errors...
        raise EngineUnavailable(
            f"stanza's {lang} models ({processors}) do not load from {path}: {_first_line(error)}. "
            f"Run `{_download_command(lang, path)}` where the network allows."
        ) from error


class StanzaEngine:
    """The Engine protocol over stanza; loads the full French and English pipelines at once, so that a missing
    model is found when the engine is made (``get_engine("auto")`` then falls back to the offline engine)."""

    name = "stanza"

    def __init__(self, stanza_dir: str | None = None) -> None:
        stanza = _import_stanza()
        self.folder = stanza_dir_path(stanza_dir)
        for lang in LANGUAGES:
            _pipeline(lang, str(self.folder), PROCESSORS[lang])
        self.version = f"stanza {stanza.__version__} ({self._model_versions()})"

    def _model_versions(self) -> str:
        try:
            resources = json.loads((self.folder / "resources.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "models ?"
        parts = []
        for lang in LANGUAGES:
            processors = resources.get(lang, {}).get("default_processors", {})
            names = ", ".join(f"{p} {processors[p]}" for p in ("tokenize", "mwt", "pos", "lemma") if p in processors)
            parts.append(f"{lang}: {names or 'default'}")
        return f"models {resources.get('version', '?')}; " + "; ".join(parts)

    def _run(self, paragraphs: list[str], lang: str, processors: str) -> list:
        stanza = _import_stanza()
        pipeline = _pipeline(lang, str(self.folder), processors)
        indices = [i for i, p in enumerate(paragraphs) if p.strip()]
        docs = pipeline([stanza.Document([], text=paragraphs[i]) for i in indices]) if indices else []
        result: list = [None] * len(paragraphs)
        for i, doc in zip(indices, docs):
            result[i] = doc
        return result

    def analyse(self, paragraphs: list[str], lang: str) -> list[list[Sentence]]:
        check_language(lang)
        docs = self._run(paragraphs, lang, PROCESSORS[lang])
        return [sentences_from_stanza(doc, p) if doc is not None else [] for p, doc in zip(paragraphs, docs)]

    def split(self, paragraphs: list[str], lang: str) -> list[list[str]]:
        check_language(lang)
        docs = self._run(paragraphs, lang, "tokenize")
        return [[s.text for s in sentences_from_stanza(doc, p)] if doc is not None else []
                for p, doc in zip(paragraphs, docs)]


def download_models(langs: list[str], stanza_dir: str | None = None) -> Path:
    """Fetch stanza's models for ``langs`` into the model directory; EngineUnavailable if stanza or the network
    is missing. Returns the directory."""
    stanza = _import_stanza()
    folder = stanza_dir_path(stanza_dir)
    for lang in langs:
        check_language(lang)
        try:
            stanza.download(lang, model_dir=str(folder), processors=PROCESSORS[lang], logging_level="WARN")
        except Exception as error:  # requests' ConnectionError, HTTPError, stanza's own...
            raise EngineUnavailable(f"could not download stanza's {lang} models into {folder}: "
                                    f"{type(error).__name__}: {_first_line(error)}") from error
    _pipeline.cache_clear()
    return folder
