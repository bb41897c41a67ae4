"""The ``bireader`` command line: each command mirrors a function of the Python API."""

from __future__ import annotations

import click

from bireader import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bireader")
def main() -> None:
    """bireader: read a French text beside its English translation, sentence by sentence."""


# Feature commands register here, one line each (keep this block sorted by feature).
# --- commands ---
from bireader.library_commands import import_aligned_command, import_command, list_command, seed_command, serve_command  # noqa: E402,E501

for _command in (serve_command, import_command, list_command, seed_command, import_aligned_command):
    main.add_command(_command)
from bireader.nlp.commands import models_group, segment_command  # noqa: E402

main.add_command(segment_command, "segment")
main.add_command(models_group, "models")
from bireader.align.commands import align_command, eval_command  # noqa: E402

main.add_command(align_command, "align")
main.add_command(eval_command, "eval")
from bireader.gloss.commands import wordalign_command  # noqa: E402

main.add_command(wordalign_command, "wordalign")
from bireader.export.commands import export_command, export_vocab_command  # noqa: E402

main.add_command(export_command, "export")
from bireader.jobs.commands import worker_command  # noqa: E402

main.add_command(worker_command, "worker")
main.add_command(export_vocab_command, "export-vocab")
from bireader.accounts.commands import users_group  # noqa: E402

main.add_command(users_group, "users")
# --- end commands ---
