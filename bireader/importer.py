"""Import a text into the library: the one place where the layers meet.

    ingest (decode, structure) -> nlp (sentences, tokens) -> align (beads) -> gloss -> store
    ingest (aligned TSV/TMX: beads as given) -> nlp (tokens) -> gloss -> store

``import_text("carnets.fr.txt", translation="notebooks.en.txt")`` reads both files, checks that they are
French and English, aligns them, glosses the words, and saves everything in one transaction (a pair's
translation is analysed and glossed from the dictionary while the original is analysed: ``read_pair``). Any
failure (bad file, mismatched pair) raises :class:`~bireader.ingest.decode.IngestError` before anything is stored.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import json
import tomllib
import zlib
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy.orm import Session, sessionmaker

from bireader.align import ALIGNER
from bireader.plural import plural
from bireader.document import Bead, Document, Entry, Paragraph, Section, Sentence, content_id
from bireader.fields import CREDITS_MAX, TITLE_MAX, check_credits, check_slug, check_title, clean_line
from bireader.ingest.aligned import AlignedPairs
from bireader.ingest.decode import DEFAULT_MAX_BYTES, IngestError
from bireader.ingest.limits import Limits, apply_limits, check_segments
from bireader.ingest.pipeline import analyse_document, load_document, read_document, title_from_filename
from bireader.store.db import transaction
from bireader.store.library import SavedText, SlugTaken, encode_json, get_text, save_text


Progress = Callable[[str], None]


@dataclass
class ImportRequest:
    path: Path
    translation: Path | None = None
    lang: str | None = None
    translation_lang: str | None = None
    title: str | None = None
    slug: str | None = None
    credits: str = ""
    engine: str = "auto"
    stanza_dir: str | None = None  # stanza's model folder (default: $STANZA_RESOURCES_DIR or ~/stanza_resources)
    max_bytes: int = DEFAULT_MAX_BYTES
    limits: Limits = field(default_factory=Limits)  # its max_bytes is replaced by ``max_bytes`` above
    replace: bool = False  # store over the text that has ``slug``; without it that slug must be free
    aligned: bool = False  # the file is an aligned TSV even when its name and content do not say so
    warnings: list[str] = field(default_factory=list)
    owner_id: int | None = None  # the importing teacher: only they (or an admin) may replace the text later
    owner_is_admin: bool = False
    public: bool = False  # readable by everyone, even without an account (the seed texts)
    # let the French model go once the texts are read: for a process that imports this one text (an import job,
    # bireader.jobs.child), whose aligning, glossing and storage then do without it; the seed's several texts,
    # and `bireader import` (whose tests import many in one process), keep it. It also means "count the memory":
    # such a process reads a pair's two sides one after the other, not side by side (``prepare``)
    release_models: bool = False


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Prepared:
    """Analysed documents ready to store: ``source`` is the original (French when there are two)."""

    source: Document
    source_path: Path
    target: Document | None = None
    target_path: Path | None = None
    beads: list | None = None
    glosses: Mapping[str, str] = field(default_factory=dict)  # sentence id -> its per-token glosses as JSON text
    # the translation's dictionary glosses, when they were made while the original was read (read_pair)
    target_glosses: PackedGlosses | None = None


def prepare(request: ImportRequest, progress: Progress = lambda _: None) -> Prepared:
    """Everything up to storage: the analysed documents, beads and glosses. Touches no database."""
    from bireader.nlp import get_engine

    compact_tables()

    engine = get_engine(request.engine, request.stanza_dir)
    limits = dataclasses.replace(request.limits, max_bytes=request.max_bytes)
    progress(f"reading {request.path.name} with the {engine.name} engine")
    # Side by side (read_pair) saves a few seconds but holds the translation's glossing beside the French model
    # (about 65 MB more at a novel's peak: 334 -> 400 MB). A process that lets the model go (an import job) is one
    # that counts its memory, so it reads one side after the other; the seed and `bireader import` keep the model
    # and read side by side.
    if request.translation is not None and engine.name == "offline" and not request.release_models:
        prepared = read_pair(request, engine, limits, progress)
    else:
        first = load_document(request.path, request.lang, engine=engine, limits=limits, warnings=request.warnings)
        if request.translation is None:
            texts_read(request)
            return Prepared(first, request.path)
        progress(f"reading {request.translation.name}")
        second = load_document(request.translation, request.translation_lang, engine=engine, limits=limits,
                               warnings=request.warnings)
        prepared = _pair(request, first, second)
    texts_read(request)
    n_source = sum(1 for _ in prepared.source.sentences())
    n_target = sum(1 for _ in prepared.target.sentences())
    progress(f"aligning {n_source} French with {n_target} English sentences")
    prepared.beads = align_pair(prepared.source, prepared.target, request.warnings)
    release_memory()
    return prepared


def compact_tables() -> None:
    """The libraries' word tables held compactly from now on in this process, with the same answers: wordfreq's in
    6 MB instead of 55 (word_frequency.py), simplemma's lemma dictionaries in 8 MB instead of 43
    (lemma_dictionaries.py)."""
    from bireader.lemma_dictionaries import compact_lemma_dictionaries
    from bireader.word_frequency import compact_frequency_tables

    compact_frequency_tables()
    compact_lemma_dictionaries()


def texts_read(request: ImportRequest) -> None:
    """What reading needed and the rest does not: the French model where the request says so (``release_models``),
    and the free heap pages."""
    if request.release_models:
        from bireader.nlp.offline import release_french_pipeline

        release_french_pipeline()
        gc.collect()  # spaCy's objects refer to each other: only the cycle collector frees them
    release_memory()


def _pair(request: ImportRequest, first: Document, second: Document) -> Prepared:
    """The pair as the importer holds it: the French original is the source side, whichever order the files came
    in; IngestError when both files are in the same language."""
    if first.lang == second.lang:
        raise IngestError(str(request.translation), f"both files are in the same language ({first.lang}); "
                                                    "a pair needs one French and one English file")
    if first.lang == "fr":
        return Prepared(first, request.path, second, request.translation)
    return Prepared(second, request.translation, first, request.path)


def read_pair(request: ImportRequest, engine, limits: Limits, progress: Progress = lambda _: None) -> Prepared:
    """Both files of a pair read side by side: their structure first (cheap, and where most bad input is refused),
    then the translation analysed and given its dictionary glosses (what :func:`gloss` makes of it, toward the
    original's language) in a thread while the original is analysed here.

    Why: on two cores the French analysis is the longest stage of an import, and about half of it is spaCy's
    matrix products, which run without the GIL (blis); the English side (a rule tagger and the glosser, pure
    Python) fills those gaps. The English side needs nothing of the French one, so the result is the same as
    reading and glossing one after the other. Only for the offline engine: stanza's models are torch's, which
    already use every core, and two of its pipelines at once are untested here."""
    from bireader.gloss import monolingual_glosses
    from bireader.gloss.glosses import clear_caches

    documents = []
    for path, lang in ((request.path, request.lang), (request.translation, request.translation_lang)):
        document = read_document(path, lang, max_bytes=limits.max_bytes)
        apply_limits(document, limits, str(path), request.warnings)
        documents.append(document)
    prepared = _pair(request, *documents)

    def translation_side() -> PackedGlosses:
        analyse_document(prepared.target, engine)
        glosses = PackedGlosses()
        for key, sentence_glosses in monolingual_glosses(prepared.target, prepared.source.lang):
            glosses.put(key, sentence_glosses)
        clear_caches()  # the translation's lookups are no use to the original's (other words, the other way)
        return glosses

    progress(f"reading {request.translation.name}")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bireader-translation") as pool:
        translation = pool.submit(translation_side)
        analyse_document(prepared.source, engine)
        prepared.target_glosses = translation.result()
    for path, document in zip((request.path, request.translation), documents):  # as load_document says it
        if not any(True for _ in document.sentences()):
            raise IngestError(str(path), "no sentences found")
    return prepared


def release_memory() -> None:
    """Hand the C heap's free pages back to the system between stages (glibc's ``malloc_trim``): what a stage has
    freed (spaCy's batches, the aligner's score tables, the glosser's work lists) otherwise stays in the process's
    resident set while the next stage allocates beside it. It took 50 MB off a novel's peak. Nothing where the C
    library is not glibc."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def align_pair(source: Document, target: Document, warnings: list[str]) -> list:
    """Beads for the pair; the aligner's warnings (suspicious input) are collected into ``warnings``."""
    import warnings as warnings_module

    from bireader.align import align_documents

    with warnings_module.catch_warnings(record=True) as caught:
        warnings_module.simplefilter("always")
        beads = align_documents(source, target)
    warnings.extend(str(w.message) for w in caught)
    return beads


def check_request(factory: sessionmaker[Session], request: ImportRequest) -> None:
    """Refuse, before any costly work, a request whose title, credits or slug are not valid or whose explicit slug
    is taken without ``replace`` (IngestError naming the file). Saving checks the slug again, in its transaction."""
    name = request.path.name
    try:
        if request.title is not None:
            request.title = check_title(request.title) or None
        request.credits = check_credits(request.credits or "")
        if request.slug:
            check_slug(request.slug)
    except ValueError as error:
        raise IngestError(name, str(error)) from None
    if request.slug and not request.replace:
        with factory() as session:
            existing = get_text(session, request.slug)
            if existing is not None:
                raise IngestError(name, f"the slug {request.slug!r} is taken by {existing.title!r}; choose another "
                                        "slug, or replace that text explicitly (--replace)")


def read_aligned(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, assume_tsv: bool = False) -> AlignedPairs | None:
    """The segment pairs of an already aligned file (TSV, TMX), None for any other format. ``assume_tsv`` reads a
    plain text as a TSV (LF Aligner names its tab-separated output ``.txt``)."""
    from bireader.ingest.aligned import parse_tmx, parse_tsv
    from bireader.ingest.decode import decode_bytes
    from bireader.ingest.formats import sniff_head
    from bireader.ingest.readers import read_bytes

    data = read_bytes(path, max_bytes)
    fmt = sniff_head(data, str(path))
    if fmt == "tmx":
        return parse_tmx(data, str(path))
    if fmt == "tsv" or fmt == "txt" and assume_tsv:
        return parse_tsv(decode_bytes(data, str(path), max_bytes), str(path))
    return None


def prepare_aligned(request: ImportRequest, pairs: AlignedPairs, progress: Progress = lambda _: None) -> Prepared:
    """Documents and beads from aligned segment pairs: each segment one sentence, each pair one bead, as given."""
    from bireader.nlp import get_engine

    compact_tables()

    limits = dataclasses.replace(request.limits, max_bytes=request.max_bytes)
    for column in (0, 1):
        check_segments([pair[column] for pair in pairs.pairs if pair[column]], limits, str(request.path))
    engine = get_engine(request.engine, request.stanza_dir)
    progress(f"reading {len(pairs.pairs)} aligned segments of {request.path.name} with the {engine.name} engine")
    documents, beads = [], []
    counters = [0, 0]
    for column, lang in enumerate((pairs.source_lang, pairs.target_lang)):
        segments = [pair[column] for pair in pairs.pairs if pair[column]]
        seen: dict[str, int] = {}
        paragraphs = []
        for segment, sentences in zip(segments, engine.analyse(segments, lang)):
            paragraph = Paragraph(id=content_id("p", segment, seen), text=segment)
            tokens = [token for sentence in sentences for token in sentence.tokens]
            paragraph.sentences = [Sentence(id=f"{paragraph.id}.0", text=segment, start=0, tokens=tokens)]
            paragraphs.append(paragraph)
        document = Document(title=pairs.title, lang=lang, engine=engine.version)
        document.sections.append(Section(id=content_id("s", "", {}), heading=None,
                                         entries=[Entry(id=content_id("e", "", {}), date=None, paragraphs=paragraphs)]))
        documents.append(document)
    texts_read(request)
    for source, target, confidence in pairs.pairs:
        bead = Bead([counters[0]] if source else [], [counters[1]] if target else [], confidence)
        counters[0] += bool(source)
        counters[1] += bool(target)
        beads.append(bead)
    return Prepared(documents[0], request.path, documents[1], request.path, beads)


def import_text(factory: sessionmaker[Session], request: ImportRequest, progress: Progress = lambda _: None) -> SavedText:
    """Read, analyse, align, gloss and store the request's file(s) in one transaction. An already aligned file
    (TSV, TMX: see bireader.ingest.aligned) keeps its beads and is analysed and glossed like any other."""
    check_request(factory, request)
    pairs = read_aligned(request.path, request.max_bytes, assume_tsv=request.aligned)
    if pairs is None and request.aligned:
        raise IngestError(str(request.path), "not an aligned TSV or TMX file; `bireader import` reads single texts")
    if pairs is not None:
        if request.translation is not None:
            raise IngestError(str(request.translation), f"{request.path.name} is already aligned and holds both "
                                                        "languages; import it alone")
        prepared = prepare_aligned(request, pairs, progress)
    else:
        prepared = prepare(request, progress)
    source, target = prepared.source, prepared.target
    files = {"source": (prepared.source_path.name, _sha256(prepared.source_path))}
    if prepared.target_path is not None:
        files["target"] = (prepared.target_path.name, _sha256(prepared.target_path))
    title = request.title or clean_line(source.title or (target.title if target else "") or "", TITLE_MAX) \
        or clean_line(title_from_filename(request.path), TITLE_MAX)
    credits = request.credits or clean_line(credits_from_metadata(source, target), CREDITS_MAX)
    aligner = ALIGNER if pairs is None else f"its source file, {request.path.name}"[:200]
    gloss(prepared, progress)
    release_memory()
    progress("saving")
    try:
        with transaction(factory) as session:
            existing = check_may_replace(session, request)
            saved = save_text(session, source, target, prepared.beads, slug=request.slug, title=title,
                              credits=credits, aligner=aligner if target is not None else "",
                              files=files, glosses=prepared.glosses, replace=request.replace)
            set_ownership(session, saved.id, request, existing)
    except SlugTaken as error:  # taken meanwhile, by another import
        raise IngestError(request.path.name, str(error)) from None
    progress(f"saved {saved.title!r}: {plural(saved.page_count, 'page')}")
    return saved


def check_may_replace(session: Session, request: ImportRequest):
    """The text this import replaces (``replace`` with its slug), if any; IngestError when it belongs to someone
    else: only its owner or an admin replaces a text (an import without an owner, from the command line, may)."""
    if not (request.replace and request.slug):
        return None
    existing = get_text(session, request.slug)
    if existing is not None and request.owner_id is not None and not request.owner_is_admin \
            and existing.owner_id != request.owner_id:
        raise IngestError(request.path.name, f"the text {existing.slug!r} belongs to someone else: only its owner "
                                             "or an admin may replace it")
    return existing


def set_ownership(session: Session, text_id: int, request: ImportRequest, existing) -> None:
    """A new text belongs to its importer; a replaced one keeps its owner and stays at least as published."""
    from bireader.store.models import Text

    text = session.get(Text, text_id)
    if existing is None:
        text.owner_id = request.owner_id
    text.public = bool(request.public or (existing is not None and existing.public))
    session.flush()


def credits_from_metadata(*documents: Document | None) -> str:
    """"Source: …; Translated: …" from the metadata lines of the documents, for texts imported without credits."""
    parts = []
    for document in documents:
        if document is None:
            continue
        for key, value in document.metadata.items():
            if key.lower() in {"source", "translated", "translator", "copyleft", "licence", "license", "author"}:
                parts.append(f"{key}: {value}")
    return "; ".join(parts)


def gloss(prepared: Prepared, progress: Progress = lambda _: None) -> None:
    """Fill ``prepared.glosses``: the original's words glossed from the translation where there is one (and the
    dictionary); the translation's words from the dictionary toward the original's language, which the reader
    shows where a sentence has no counterpart (the seed's English-only passages)."""
    from bireader.gloss import monolingual_glosses
    from bireader.gloss.glosses import clear_caches

    other = {"fr": "en", "en": "fr"}
    progress("glossing")
    glosses = prepared.glosses = PackedGlosses()
    if prepared.target is None:
        for key, sentence_glosses in monolingual_glosses(prepared.source, other[prepared.source.lang]):
            glosses.put(key, sentence_glosses)
        clear_caches()
        return
    if prepared.target_glosses is not None:  # made while the original was read (read_pair)
        glosses = prepared.glosses = prepared.target_glosses
        prepared.target_glosses = None
        found = _packed_bitext_glosses(prepared)
    else:
        # Two cores: the translation's dictionary glosses are made here while the original's word aligner
        # (eflomal, a process of its own) runs for the bitext glosses in a thread that mostly waits for it. Both
        # sides' glosses are packed sentence by sentence as they come.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bireader-gloss") as pool:
            bitext = pool.submit(_packed_bitext_glosses, prepared)
            for key, sentence_glosses in monolingual_glosses(prepared.target, prepared.source.lang):
                glosses.put(key, sentence_glosses)
            # the translation's lookups are no use to the original's (other words, the other way): let them go
            # before the original's are made (usually still waiting for eflomal; if not, some are only made again)
            clear_caches()
            found = bitext.result()
    clear_caches()
    for key in list(found):
        # a sentence id of both sides (the same paragraph in both languages) keeps the translation's glosses, as
        # the merge of the two sides' dicts always did
        if key not in glosses:
            glosses.move(key, found)


def _packed_bitext_glosses(prepared: Prepared) -> PackedGlosses:
    """The original's glosses from the translation, packed as they come. A sentence with a word that has no
    sense is unpacked once the whole text is read, to take the senses induced from the whole translation
    (``gloss.induce_senses``), and packed again if one did."""
    from bireader.gloss.glosses import (TokenGloss, add_induced_senses, bitext_glosses, induced_senses,
                                        may_take_induced_senses)

    packed, held, rendered_as = PackedGlosses(), [], {}
    for key, sentence_glosses in bitext_glosses(prepared.source, prepared.target, prepared.beads,
                                                rendered_as=rendered_as):
        packed.put(key, sentence_glosses)
        if may_take_induced_senses(sentence_glosses):
            held.append(key)
    best = induced_senses(rendered_as)
    for key in held:
        sentence_glosses = [TokenGloss.from_dict(data) for data in json.loads(packed[key])]
        if add_induced_senses(sentence_glosses, best):
            packed.put(key, sentence_glosses)
    return packed


class PackedGlosses(Mapping):
    """Sentence id -> its glosses as JSON text (what the store writes), held zlib-compressed until stored.

    A novel's glosses are its largest data: 420,000 ``TokenGloss`` objects, then about 100 MB of JSON text, which
    compresses tenfold (the same keys on every gloss). Each sentence's are encoded and packed as soon as they are
    made, and the objects dropped; reading a value gives the JSON text back."""

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}

    def put(self, key: str, glosses: list) -> None:
        text = encode_json([g.to_dict() for g in glosses])
        self._packed[key] = zlib.compress(text.encode("utf-8"), 1)

    def move(self, key: str, other: "PackedGlosses") -> None:
        """Take ``key``'s packed glosses from ``other`` as they are."""
        self._packed[key] = other._packed.pop(key)

    def __getitem__(self, key: str) -> str:
        return zlib.decompress(self._packed[key]).decode("utf-8")

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


# ---- the seed library -------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def seed_requests(root: Path = ROOT) -> list[ImportRequest]:
    """The texts listed in ``seeds/seeds.toml``: the library a new installation starts with."""
    manifest = tomllib.loads((root / "seeds" / "seeds.toml").read_text("utf-8"))
    requests = []
    for entry in manifest.get("text", []):
        translation = entry.get("translation")
        requests.append(ImportRequest(
            path=root / entry["original"],
            translation=root / translation if translation else None,
            lang=entry.get("lang"),
            translation_lang=entry.get("translation_lang"),
            title=entry.get("title"),
            slug=entry.get("slug"),
            credits=entry.get("credits", "").strip(),
            replace=True,  # `bireader seed` re-imports the seed texts over themselves
        ))
    return requests
