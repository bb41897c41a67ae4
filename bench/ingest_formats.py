"""How long reading each format takes, and how quickly hostile files are refused: ``python -m bench.ingest_formats``.

Candide I–VI (the corpus's French text, 160 sentences) is written as plain text, EPUB, DOCX, HTML and PDF with the
test suite's builders (tests/ingest/files.py), and Madame Bovary (7,319 sentences) as EPUB and DOCX; each is read
to its structure (no NLP: that cost is the same for all formats and measured in docs/nlp.md) five times, the
median reported, and the peak of Python's allocations in a sixth run. Then the hostile files of
tests/ingest/test_hostile_files.py are refused, with the same measures. Figures go to docs/ingest.md.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench import SHARED, write_block

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ingest"))
sys.path.insert(0, str(ROOT / "tests"))

RUNS = 5


def measure(read) -> tuple[float, float]:
    """(median seconds over RUNS calls of ``read``, peak MiB of Python allocations in one more call under
    tracemalloc, which slows Python down and so is left out of the timed calls)."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    read()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak


def main() -> None:
    from files import chapters_of_plaintext, make_docx, make_epub, make_pdf
    from ingest.test_hostile_files import FONT, LAUGHS, PAGE, epub_members, raw_pdf, stream, zip_of

    from bireader.ingest.decode import IngestError
    from bireader.ingest.pipeline import read_document

    source = SHARED / "corpus" / "voltaire_candide_ch1-6.fr.txt"
    text = source.read_text("utf-8")
    chapters = chapters_of_plaintext(text)
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    files = {"plain text": folder / "candide.txt"}
    files["plain text"].write_text(text, "utf-8")
    files["EPUB 3"] = folder / "candide.epub"
    files["EPUB 3"].write_bytes(make_epub(chapters))
    files["DOCX"] = make_docx(folder / "candide.docx", "Candide", chapters)
    files["HTML"] = folder / "candide.html"
    files["HTML"].write_text("<html><head><title>Candide</title></head><body>" + "".join(
        "<h2>" + h.replace("\n", "<br>") + "</h2>" + "".join(f"<p>{p}</p>" for p in ps) for h, ps in chapters)
        + "</body></html>", "utf-8")
    files["PDF"] = make_pdf(folder / "candide.pdf", [ps for _, ps in chapters], header="Candide", title="Candide")

    # A whole novel: Madame Bovary's 7,319 French sentences, eight a paragraph, thirty paragraphs a chapter.
    sentences = (SHARED / "eval" / "bovary_fr-en" / "bovary.french.sent.txt").read_text("utf-8").split("\n")
    paragraphs = [" ".join(sentences[i:i + 8]) for i in range(0, len(sentences), 8)]
    novel = [(f"CHAPITRE {n + 1}", paragraphs[i:i + 30]) for n, i in enumerate(range(0, len(paragraphs), 30))]
    files["Madame Bovary, EPUB 3"] = folder / "bovary.epub"
    files["Madame Bovary, EPUB 3"].write_bytes(make_epub(novel, title="Madame Bovary", author="Flaubert"))
    files["Madame Bovary, DOCX"] = make_docx(folder / "bovary.docx", "Madame Bovary", novel)

    rows = ["| format | file size | paragraphs | read (median of 5) | peak Python memory |", "|---|---|---|---|---|"]
    for label, path in files.items():
        document = read_document(path, "fr")
        seconds, peak = measure(lambda: read_document(path, "fr"))
        count = sum(1 for _ in document.paragraphs())
        rows.append(f"| {label} | {path.stat().st_size / 1024:,.0f} KB | {count} | {seconds * 1000:,.0f} ms | {peak:,.1f} MiB |")
        print(rows[-1])

    hostile = {}
    members = epub_members()
    members["OEBPS/ch1.xhtml"] = b"<html><body><p>" + b" " * 20_000_000 + b"</p></body></html>"
    hostile["zip bomb (20 MB member, ratio 1000:1)"] = ("bomb.epub", zip_of(members))
    members = epub_members()
    members["OEBPS/ch1.xhtml"] = LAUGHS
    hostile["billion laughs in an EPUB chapter"] = ("laughs.epub", zip_of(members))
    hostile["PDF stream inflating to 105 MB"] = ("bomb.pdf", raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE,
        stream(b"(x) Tj " * 15_000_000, flate=True), FONT]))
    hostile["PDF page tree that loops"] = ("loop.pdf", raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", PAGE,
        stream(b"BT /F1 12 Tf 72 700 Td (Il pleuvait.) Tj ET"), FONT]))
    rows += ["", "| hostile file | size on disk | refused in (median of 5) | peak Python memory |", "|---|---|---|---|"]
    for label, (name, data) in hostile.items():
        path = folder / name
        path.write_bytes(data)

        def refuse() -> None:
            try:
                read_document(path, "fr")
            except IngestError:
                return
            raise AssertionError(f"{label} was not refused")

        seconds, peak = measure(refuse)
        rows.append(f"| {label} | {len(data) / 1024:,.0f} KB | {seconds * 1000:,.1f} ms | {peak:,.1f} MiB |")
        print(rows[-1])
    write_block(ROOT / "docs" / "ingest.md", "<!-- bench.ingest_formats -->", "<!-- /bench.ingest_formats -->",
                "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
