"""Library commands: ``bireader serve | import | list | seed``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from bireader.ingest.decode import DEFAULT_MAX_BYTES, IngestError
from bireader.ingest.limits import Limits
from bireader.plural import plural
from bireader.nlp import EngineUnavailable


def _app():
    from bireader.web.app import create_app

    return create_app()


def _progress(message: str) -> None:
    click.echo(f"  {message}", err=True)


def _import_seeds(factory, only_missing: bool) -> int:
    from bireader.importer import import_text, seed_requests
    from bireader.store.library import get_text

    done = 0
    for request in seed_requests():
        if only_missing:
            with factory() as session:
                if request.slug and get_text(session, request.slug) is not None:
                    continue
        click.echo(f"importing {request.title or request.path.name}", err=True)
        request.public = True  # the seed is the library everyone, even without an account, may read
        saved = import_text(factory, request, _progress)
        for warning in request.warnings:
            click.echo(f"  warning: {warning}", err=True)
        done += saved is not None
    return done


def single_user_refusal(factory, host: str) -> str | None:
    """Why serving on ``host`` must be refused: without accounts (single-user mode) every visitor would act as the
    local admin, so only a loopback host is allowed."""
    import ipaddress

    from bireader.accounts.service import accounts_exist

    with factory() as session:
        if accounts_exist(session):
            return None
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if loopback:
        return None
    return (f"refusing to serve on {host} without accounts: in single-user mode anyone who reaches the server "
            "could change everything. Create an admin first (bireader users add NAME --role admin), or serve on "
            "127.0.0.1")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", type=int, help="Request threads of the server (default: $BIREADER_THREADS or 8).")
@click.option("--dev", "--debug", "dev", is_flag=True,
              help="Flask's development server: reload on code changes, show tracebacks. Not for production.")
@click.option("--behind-proxy", is_flag=True, help="Trust X-Forwarded-* from a reverse proxy; Secure cookies.")
@click.option("--worker/--no-worker", default=None,
              help="Run imports in this process's job worker (default: yes, unless REDIS_URL is set, where "
                   "`bireader worker` processes run them).")
@click.option("--seed/--no-seed", default=True, show_default=True, help="Import the seed texts into an empty library.")
def serve_command(host: str, port: int, threads: int | None, dev: bool, behind_proxy: bool, worker: bool | None,
                  seed: bool) -> None:
    """Serve the library with a production WSGI server (waitress); imports the seed texts on first start.

    Example: bireader serve --port 8000 --threads 16
    """
    from bireader.web.app import create_app

    app = create_app({"BEHIND_PROXY": True} if behind_proxy else None)
    factory = app.extensions["bireader.sessions"]
    from bireader.store.library import count_texts

    refusal = single_user_refusal(factory, host)
    if refusal:
        raise click.ClickException(refusal)

    with factory() as session:
        empty = count_texts(session) == 0
    if empty and seed:
        click.echo("first start: importing the seed texts", err=True)
        _import_seeds(factory, only_missing=True)
    if worker is None:
        worker = not app.config.get("REDIS_URL")
    if worker and not (dev and os.environ.get("WERKZEUG_RUN_MAIN") != "true"):
        from bireader.jobs.queue import start_consumer
        from bireader.web.teach.jobs import job_queue

        start_consumer(job_queue(app), embedded=True)
    click.echo(f"bireader: http://{host}:{port}/ (database {_safe_url(app.config['DATABASE_URL'])}, "
               f"{'job worker in this process' if worker else 'jobs run by `bireader worker`'})", err=True)
    if dev:
        from werkzeug.serving import WSGIRequestHandler

        WSGIRequestHandler.server_version, WSGIRequestHandler.sys_version = "bireader", ""
        app.run(host=host, port=port, debug=True)
        return
    import logging

    import waitress

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("huey").setLevel(logging.WARNING)  # not a line a minute for the periodic recovery
    waitress.serve(app, host=host, port=port, threads=threads or app.config["SERVER_THREADS"], ident="bireader",
                   connection_limit=1000, channel_timeout=60,
                   clear_untrusted_proxy_headers=False)  # X-Forwarded-* are ProxyFix's to trust (--behind-proxy)


def _safe_url(url: str) -> str:
    """The database URL without its password, for logs."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@click.command("seed")
def seed_command() -> None:
    """(Re)import the texts listed in seeds/seeds.toml.

    Example: bireader seed
    """
    app = _app()
    try:
        count = _import_seeds(app.extensions["bireader.sessions"], only_missing=False)
    except IngestError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"imported {count} texts")


@click.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--translation", type=click.Path(dir_okay=False, path_type=Path),
              help="The translation of PATH (the other language); the pair is aligned sentence by sentence.")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of PATH (guessed when omitted).")
@click.option("--title", help="Title shown in the library (default: the text's first line or the file name).")
@click.option("--slug", help="Short name in URLs: lower-case letters, digits and hyphens (default: from the title, "
                             "made unique).")
@click.option("--replace", is_flag=True, help="Replace the text that has --slug (learners keep their marks and "
                                              "their place); without it a taken slug is refused.")
@click.option("--credits", default="", help="Source and licence, shown with the text.")
@click.option("--engine", type=click.Choice(["auto", "offline", "stanza"]), default="auto", show_default=True,
              help="NLP engine: stanza when its models load (auto), else the offline engine.")
@click.option("--stanza-dir", type=click.Path(file_okay=False), envvar="STANZA_RESOURCES_DIR",
              help="Folder of stanza's models (default: $STANZA_RESOURCES_DIR or ~/stanza_resources).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger files.")
@click.option("--max-paragraph-chars", type=click.IntRange(min=1), default=Limits.max_paragraph_chars,
              show_default=True, help="Split longer paragraphs at sentence boundaries.")
@click.option("--max-sentence-chars", type=click.IntRange(min=1), default=Limits.max_sentence_chars,
              show_default=True, help="Cut longer sentences at spaces.")
@click.option("--max-paragraphs", type=click.IntRange(min=1), default=Limits.max_paragraphs, show_default=True,
              help="Refuse a file with more paragraphs.")
@click.option("--max-pages", type=click.IntRange(min=1), default=Limits.max_pages, show_default=True,
              help="Refuse a file that would fill more reader pages.")
@click.option("--owner", help="The teacher the text belongs to (a user name; default: nobody, admins manage it).")
@click.option("--public", is_flag=True, help="Readable by everyone, even without an account.")
def import_command(path, translation, lang, title, slug, replace, credits, engine, stanza_dir, max_bytes,
                   max_paragraph_chars, max_sentence_chars, max_paragraphs, max_pages, owner, public) -> None:
    """Import a text (plain text in UTF-8, UTF-16, cp1252 or Latin-1; HTML, EPUB, DOCX, PDF, SRT or WebVTT), optionally
    with its translation (in any of these formats). An aligned TSV or TMX file imports with its beads as they are.

    Example: bireader import carnets.fr.txt --translation notebooks.en.txt --title "Carnets"
    """
    from bireader.importer import ImportRequest, import_text

    app = _app()
    if replace and not slug:
        raise click.UsageError("--replace needs --slug: the slug of the text to replace")
    limits = Limits(max_bytes=max_bytes, max_paragraph_chars=max_paragraph_chars,
                    max_sentence_chars=max_sentence_chars, max_paragraphs=max_paragraphs, max_pages=max_pages)
    request = ImportRequest(path=path, translation=translation, lang=lang, title=title, slug=slug, replace=replace,
                            credits=credits, engine=engine, stanza_dir=stanza_dir, max_bytes=max_bytes,
                            limits=limits, public=public)
    if owner:
        from bireader.accounts.service import find_user

        with app.extensions["bireader.sessions"]() as session:
            user = find_user(session, owner)
            if user is None or not user.can_teach:
                click.echo(f"error: --owner {owner}: no teacher or admin of that name (bireader users list)", err=True)
                sys.exit(1)
            request.owner_id, request.owner_is_admin = user.id, user.is_admin
    if translation is not None and lang is not None:
        request.translation_lang = {"fr": "en", "en": "fr"}[lang]
    try:
        saved = import_text(app.extensions["bireader.sessions"], request, _progress)
    except (IngestError, EngineUnavailable) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for warning in request.warnings:
        click.echo(f"warning: {warning}", err=True)
    counts = ", ".join(f"{n} {lang} sentences" for lang, n in saved.sentence_counts.items())
    click.echo(f"imported {saved.title!r} as {saved.slug}: {counts}, {plural(saved.page_count, 'page')}")


@click.command("list")
def list_command() -> None:
    """List the texts of the library.

    Example: bireader list
    """
    from bireader.store.library import list_texts

    app = _app()
    with app.extensions["bireader.sessions"]() as session:
        texts = list_texts(session)
    if not texts:
        click.echo("the library is empty (bireader seed imports the seed texts)")
    for t in texts:
        counts = " + ".join(f"{t.sentence_counts[lang]} {lang}" for lang in t.languages)
        click.echo(f"{t.slug}\t{t.title}\t{counts} sentences\t{plural(t.page_count, 'page')}")



@click.command("import-aligned")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", help="Title shown in the library (default: the TMX title or the file name).")
@click.option("--slug", help="Short name in URLs; importing again under the same slug replaces the text.")
@click.option("--credits", default="", help="Source and licence, shown with the text.")
@click.option("--engine", type=click.Choice(["auto", "offline", "stanza"]), default="auto", show_default=True,
              help="NLP engine for tokens, lemmas and tags (the segments are not split again).")
@click.option("--stanza-dir", type=click.Path(file_okay=False), envvar="STANZA_RESOURCES_DIR",
              help="Folder of stanza's models (default: $STANZA_RESOURCES_DIR or ~/stanza_resources).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger files.")
def import_aligned_command(path, title, slug, credits, engine, stanza_dir, max_bytes) -> None:
    """Import a text aligned elsewhere: a two-column TSV (French and English; `bireader export`'s format with or
    without its header, or LF Aligner's three columns, whatever the file's extension) or a TMX 1.4 file. Each row
    is kept as one bead.

    Example: bireader import-aligned candide.tsv --title "Candide"
    """
    from bireader.importer import ImportRequest, import_text

    app = _app()
    request = ImportRequest(path=path, title=title, slug=slug, credits=credits, engine=engine,
                            stanza_dir=stanza_dir, max_bytes=max_bytes, aligned=True)
    try:
        saved = import_text(app.extensions["bireader.sessions"], request, _progress)
    except (IngestError, EngineUnavailable) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    counts = ", ".join(f"{n} {lang} sentences" for lang, n in saved.sentence_counts.items())
    click.echo(f"imported {saved.title!r} as {saved.slug}: {counts}, {plural(saved.page_count, 'page')}")
