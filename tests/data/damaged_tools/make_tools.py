"""Damaged copies made by real tools (issue 11): reports whose truth we have, rendered as real documents and
read back the way reviewers get them — not our own imitation of the damage (tests/data/damaged/).

Each source report (a truth JSON: the samples, holdout reports in both format versions) is laid out in the
official table format (tests/docgen.py `official_report`: merged cells as in the State Council template) and
written as a PDF (reportlab, page numbers at the foot, narrow table columns so labels wrap) and as a web page
(site navigation around it). The text is then taken out with:

- `pdftotext` (poppler-utils) in its default reading order, and with `-layout`;
- pdfplumber `Page.extract_text()`;
- pypdfium2 `PdfTextPage.get_text_range()`;
- lxml `text_content()` of the web page: a crawler's text, every row's cells glued together;
- `html2text` and `markdownify`: converter Markdown of the web page;
- Tesseract OCR (`tesseract -l chi_sim`, its default page analysis and `--psm 4`) of the PDF's pages
  rendered by `pdftoppm` at 200 dpi;
- the same report as a Word document (python-docx) exported to PDF by LibreOffice (`soffice --convert-to pdf`),
  read by pdftotext (both modes), pdfplumber and pypdfium2;
- the converters offices use to turn PDF, Word and web pages into Markdown or text (stems 83N–95N):
  pymupdf4llm `to_markdown` of both PDFs (its default page analysis, pymupdf-layout's model shipped in the
  wheel) and of the reportlab PDF without it (its older table finder: a merged cell's text repeated in every
  column it spans), markitdown of LibreOffice's PDF (pdfminer's text) and of the Word document (mammoth's HTML
  made Markdown), pdfminer.six `extract_text` (pdf2txt) of the reportlab PDF, pandoc of the Word document
  (`-t markdown`: multiline tables; `-t gfm`: pipe tables) and of the web page (`-t markdown`), `w3m -dump`
  (the table drawn with box characters) and `lynx -dump` (a cell a paragraph) of the web page, LibreOffice's
  `--convert-to txt` of the Word document (a cell a line) and docx2txt (cells as paragraphs);
- PyMuPDF's `Page.get_text()` (the text most scripts take from a PDF) of both PDFs (stems 96N, 97N);
- the web page saved as a PDF by LibreOffice (`--convert-to pdf:writer_web_pdf_Export`: each row's first cell
  apart from the others) read by pdftotext (both modes) and PyMuPDF (stems 98N, 99N, 100N);
- RapidOCR (PaddleOCR's models, as Umi-OCR and most Chinese OCR tools run them) of LibreOffice's print at 150 dpi,
  a text box a line in the engine's order, and the boxes that share a line joined (stems 101N, 102N).

The truth is the source's values, never adjusted to what a tool kept. The outputs are committed
(tests/data/damaged_tools/7NN_*.txt, 8NN_*.txt, 9NN_*.txt + .json), so the test needs none of these tools. To
rewrite them, run `.venv/bin/python tests/data/damaged_tools/make_tools.py [part of a name]` from the repository
root with the Debian packages poppler-utils, poppler-data, tesseract-ocr-chi-sim, libreoffice-writer-nogui,
fonts-wqy-microhei, pandoc, w3m and lynx and the extra `.[corpus]` (html2text, markdownify, pymupdf4llm,
markitdown, docx2txt) installed. reportlab writes in its invariant mode, so the same tools give the same text.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent.parent
ROOT = TESTS.parent
sys.path[:0] = [str(TESTS), str(ROOT)]

import docgen  # noqa: E402

# (name, truth file): both format versions, a few cells to thousands, decimals, blank cells
SOURCES: list[tuple[str, Path]] = [
    ("county_decimals", ROOT / "resources/samples/truth/000_da2a12a5ef8cdc3f.json"),
    ("county_small", ROOT / "resources/samples/truth/002_4baf6e6a93faded0.json"),
    ("ministry", TESTS / "data/holdout/101_pdfplumber_ministry.json"),
    ("2019_blanks_amounts", ROOT / "resources/samples/truth/004_22e9dc75990c25ed.json"),
    ("2019_province", TESTS / "data/holdout/112_2019_change_zeng_jian.json"),
    ("2019_township", TESTS / "data/holdout2/p14_pdf_2019_township_title_split.json"),
    ("city_thousands", TESTS / "data/reports/026_thousands_separator.json"),
    ("half_blank", TESTS / "data/reports/021_web_merged_cells.json"),
    ("2019_county", TESTS / "data/holdout4/401_2019_county_cells_per_line_sign_changes.json"),
]


def truth_of(path: Path) -> dict:
    t = json.loads(path.read_text(encoding="utf-8"))
    return {"agency": t["agency"], "year": t["year"], "template": t["template"], "values": t["values"],
            "findings": []}


def pdf_bytes(truth: dict) -> bytes:
    from reportlab import rl_config

    rl_config.invariant = 1  # no creation date or random id: the same bytes every run
    return docgen.to_pdf(docgen.official_report(truth), page_numbers=True)


def html_bytes(truth: dict) -> bytes:
    return docgen.to_html(docgen.official_report(truth))


def _run(args: list[str], data: bytes | None = None) -> str:
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode("utf-8")


def office_pdf_bytes(truth: dict) -> bytes:
    """The report as a Word document (python-docx, merged cells) turned into a PDF by LibreOffice, as an office
    exports it: its text layer orders merged cells and wrapped labels otherwise than reportlab's."""
    return _soffice(docx_bytes(truth), ".docx", "pdf", ".pdf")


def web_pdf_bytes(truth: dict) -> bytes:
    """The web page saved as a PDF by LibreOffice's web export."""
    return _soffice(html_bytes(truth), ".html", "pdf:writer_web_pdf_Export", ".pdf")


def _soffice(data: bytes, suffix: str, target: str, result: str) -> bytes:
    """`data` (a file ending in suffix) converted by LibreOffice (`--convert-to target`): the result's bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"report{suffix}"
        source.write_bytes(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        target, "--outdir", tmp, str(source)], capture_output=True, check=True)
        return (Path(tmp) / f"report{result}").read_bytes()


def pdftotext(truth: dict, pdf: Callable[[dict], bytes] = pdf_bytes) -> str:
    return _run(["pdftotext", "-enc", "UTF-8", "-", "-"], pdf(truth))


def pdftotext_layout(truth: dict, pdf: Callable[[dict], bytes] = pdf_bytes) -> str:
    return _run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], pdf(truth))


def pdfplumber_text(truth: dict, pdf: Callable[[dict], bytes] = pdf_bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf(truth))) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages) + "\n"


def pypdfium_text(truth: dict, pdf: Callable[[dict], bytes] = pdf_bytes) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf(truth))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))) + "\n"
    finally:
        doc.close()


def lxml_glued(truth: dict) -> str:
    import lxml.html

    body = lxml.html.fromstring(html_bytes(truth)).find("body")
    return body.text_content().strip() + "\n"


def html2text_md(truth: dict) -> str:
    import html2text

    return html2text.html2text(html_bytes(truth).decode("utf-8"))


def markdownify_md(truth: dict) -> str:
    from markdownify import markdownify

    return markdownify(html_bytes(truth).decode("utf-8"))


def tesseract_ocr(truth: dict, *options: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(pdf_bytes(truth))
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), str(Path(tmp) / "page")], check=True)
        pages = sorted(Path(tmp).glob("page-*.png"))
        return "".join(_run(["tesseract", str(p), "-", "-l", "chi_sim", *options]) for p in pages)


def tesseract_rows(truth: dict) -> str:
    """Tesseract reading the page as one column of lines (--psm 4), as one does for tables: every column of
    a row kept on its line (the default page analysis drops table three's last two columns here)."""
    return tesseract_ocr(truth, "--psm", "4")


def rapidocr_text(truth: dict, lines: bool = False) -> str:
    """RapidOCR (PaddleOCR's models, which Umi-OCR and most Chinese OCR tools run) over LibreOffice's print at
    150 dpi: each text box a line in the engine's own order (top to bottom, left to right within a box's height),
    or with `lines` the boxes that share a line joined by spaces."""
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(office_pdf_bytes(truth))
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(Path(tmp) / "page")], check=True)
        for page in sorted(Path(tmp).glob("page-*.png")):
            found, _ = engine(str(page))
            boxes = [(min(p[1] for p in box), max(p[1] for p in box), min(p[0] for p in box), text)
                     for box, text, _ in found or []]
            if not lines:
                out += [text for *_, text in boxes]
                continue
            rows: list[list] = []  # [top, bottom, boxes]
            for box in boxes:
                middle = (box[0] + box[1]) / 2
                row = next((r for r in rows if r[0] <= middle <= r[1]), None)
                if row is None:
                    rows.append([box[0], box[1], [box]])
                else:
                    row[2].append(box)
            out += [" ".join(b[3] for b in sorted(r[2], key=lambda b: b[2])) for r in rows]
    return "\n".join(out) + "\n"


def docx_bytes(truth: dict) -> bytes:
    return docgen.to_docx(docgen.official_report(truth))


def _on_file(data: bytes, suffix: str, args: list[str]) -> str:
    """A command-line tool's stdout for data written to a file (the path is args' "{}")."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report{suffix}"
        path.write_bytes(data)
        return _run([a.replace("{}", str(path)) for a in args])


def pymupdf4llm_md(truth: dict, pdf: Callable[[dict], bytes] = pdf_bytes, layout: bool = True) -> str:
    """pymupdf4llm's Markdown: with pymupdf-layout installed its default is the layout model's page analysis;
    without it (use_layout(False)) the older find_tables, which repeats a merged cell in every column."""
    import pymupdf
    import pymupdf4llm

    pymupdf4llm.use_layout(layout)
    doc = pymupdf.open(stream=pdf(truth), filetype="pdf")
    try:
        return pymupdf4llm.to_markdown(doc, show_progress=False)
    finally:
        doc.close()


def markitdown_md(data: bytes, suffix: str) -> str:
    import io

    from markitdown import MarkItDown, StreamInfo

    return MarkItDown().convert_stream(io.BytesIO(data), stream_info=StreamInfo(extension=suffix)).text_content + "\n"


def pdfminer_text(truth: dict) -> str:
    import io

    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(pdf_bytes(truth)))


def pandoc(data: bytes, source: str, target: str) -> str:
    return _on_file(data, "." + source, ["pandoc", "-f", source, "-t", target, "{}"])


def soffice_txt(truth: dict) -> str:
    """LibreOffice's "Save as text" of the Word document: every table cell on a line of its own."""
    return _soffice(docx_bytes(truth), ".docx", "txt:Text (encoded):UTF8", ".txt").decode("utf-8-sig")


def docx2txt_text(truth: dict) -> str:
    import io

    import docx2txt

    return docx2txt.process(io.BytesIO(docx_bytes(truth))) + "\n"


def pymupdf_text(truth: dict, pdf: Callable[[dict], bytes] = pdf_bytes) -> str:
    import pymupdf

    with pymupdf.open(stream=pdf(truth), filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


TOOLS: list[tuple[str, Callable[[dict], str]]] = [
    ("pdftotext", pdftotext), ("pdftotext_layout", pdftotext_layout), ("pdfplumber", pdfplumber_text),
    ("pypdfium", pypdfium_text), ("lxml_glued", lxml_glued), ("html2text", html2text_md),
    ("markdownify", markdownify_md), ("tesseract", tesseract_ocr), ("tesseract_psm4", tesseract_rows),
    # the Word document exported to PDF by LibreOffice, then read by the same PDF tools (stems 8NN)
    ("office_pdftotext", lambda t: pdftotext(t, office_pdf_bytes)),
    ("office_pdftotext_layout", lambda t: pdftotext_layout(t, office_pdf_bytes)),
    ("office_pdfplumber", lambda t: pdfplumber_text(t, office_pdf_bytes)),
    ("office_pypdfium", lambda t: pypdfium_text(t, office_pdf_bytes)),
    # converters to Markdown and text (stems 83N on)
    ("pymupdf4llm", pymupdf4llm_md), ("office_pymupdf4llm", lambda t: pymupdf4llm_md(t, office_pdf_bytes)),
    ("pymupdf4llm_nolayout", lambda t: pymupdf4llm_md(t, layout=False)),
    ("office_markitdown", lambda t: markitdown_md(office_pdf_bytes(t), ".pdf")),
    ("markitdown_docx", lambda t: markitdown_md(docx_bytes(t), ".docx")),
    ("pdfminer", pdfminer_text),
    ("pandoc_docx", lambda t: pandoc(docx_bytes(t), "docx", "markdown")),
    ("pandoc_docx_gfm", lambda t: pandoc(docx_bytes(t), "docx", "gfm")),
    ("pandoc_html", lambda t: pandoc(html_bytes(t), "html", "markdown")),
    ("w3m", lambda t: _on_file(html_bytes(t), ".html", ["w3m", "-dump", "-cols", "80", "-T", "text/html",
                                                         "-O", "UTF-8", "{}"])),
    ("lynx", lambda t: _on_file(html_bytes(t), ".html", ["lynx", "-dump", "-nolist", "-display_charset=utf-8",
                                                          "-assume_charset=utf-8", "-width=80", "{}"])),
    ("soffice_txt", soffice_txt), ("docx2txt", docx2txt_text),
    ("pymupdf", pymupdf_text), ("office_pymupdf", lambda t: pymupdf_text(t, office_pdf_bytes)),
    ("web_pdftotext", lambda t: pdftotext(t, web_pdf_bytes)),
    ("web_pdftotext_layout", lambda t: pdftotext_layout(t, web_pdf_bytes)),
    ("web_pymupdf", lambda t: pymupdf_text(t, web_pdf_bytes)),
    ("office_rapidocr", rapidocr_text), ("office_rapidocr_lines", lambda t: rapidocr_text(t, lines=True)),
]


def stem(k: int, s: int) -> str:
    """The file name (no suffix) of source s read by tool k: 7ks for the first ten tools, 8ks for the next ten,
    9ks for the next ten, 10ks after them."""
    return f"{7 + k // 10}{k % 10}{s}_{TOOLS[k][0]}_{SOURCES[s][0]}"


def tool_of(name: str) -> str:
    """The tool a file's stem names."""
    return next(tool for k, (tool, _) in enumerate(TOOLS) for s in range(len(SOURCES)) if stem(k, s) == name)


def truths() -> dict[str, str]:
    """stem → truth JSON text (needs no tool)."""
    out = {}
    for s, (_, path) in enumerate(SOURCES):
        t = json.dumps(truth_of(path), ensure_ascii=False, indent=1) + "\n"
        for k in range(len(TOOLS)):
            out[stem(k, s)] = t
    return out


def build_all(only: str | None = None) -> dict[str, tuple[str, str]]:
    """stem → (report text, truth JSON text); only: the stems holding this string."""
    out = {}
    for s, (_, path) in enumerate(SOURCES):
        truth = truth_of(path)
        for k, (_, make) in enumerate(TOOLS):
            name = stem(k, s)
            if only and only not in name:
                continue
            out[name] = (make(truth), json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    return out


if __name__ == "__main__":
    for name, (text, js) in build_all(sys.argv[1] if len(sys.argv) > 1 else None).items():
        (HERE / f"{name}.txt").write_text(text, encoding="utf-8")
        (HERE / f"{name}.json").write_text(js, encoding="utf-8")
        print("wrote", name)
