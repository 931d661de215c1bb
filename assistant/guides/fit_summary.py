"""A one-page summary of a support-fit result, to bring to a meeting with City staff: Markdown and PDF.

It holds the answers given (each criterion's state, the needs as typed), the result as shown, every quote with its
slide, the date and the corpus version, in the result's language. In the summary each quote carries its slide
instead of a source number, so the page stands on its own. The PDF (fpdf2) uses matplotlib's bundled DejaVu Sans
for accents and typographic quotes, and shrinks its type until the page holds everything.

Usage: ``write_summary(result, Path("resume.pdf"))``; ``summary_markdown(result)``
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.messages import t

FONT_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)  # largest first; the first that fits on one page is used
MARGIN_MM = 12
_MARKER = re.compile(r" ?\[(\d+)\]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


class SummaryError(ValueError):
    pass


def _with_slides(text: str, result) -> str:
    """``« quote » [3]`` -> ``« quote » (diapositive 20)``."""
    pages = {c.n: c.page for c in result.citations}
    label = t("page_label_diapositive", result.language)
    return _MARKER.sub(lambda m: f" ({label} {pages.get(int(m.group(1)), '?')})", text)


def _answers(result) -> list[tuple[str, str, str]]:
    """(type, question, state in words) for every criterion."""
    return [(str(c["type"]), c["question"], t(f"fit_state_{c['state']}", result.language)) for c in result.criteria]


def _needs(result) -> list[str]:
    return [need["label"] if "id" in need else t("fit_user_text", result.language, text=need["text"])
            for need in result.needs_given]


def _blocks(result) -> list[tuple[str, str]]:
    """The result as (kind, text) blocks: lead, title, note, item."""
    out = []
    for section in result.sections:
        if section["title"]:
            out.append(("title", section["title"]))
        if section["note"]:
            out.append(("note", section["note"]))
        lines = list(section["lines"])
        if section["key"] == "eligibility" and lines:
            out.append(("lead", lines.pop(0)))
        out += [("item", line) for line in lines]
    return [(kind, _with_slides(text, result)) for kind, text in out]


def _header(result) -> tuple[str, str, str]:
    lang = result.language
    title = result.citations[0].title if result.citations else ""
    return (t("fit_summary_title", lang), t("fit_summary_meta", lang, date=result.date, version=result.corpus_version),
            t("fit_summary_source", lang, title=title))


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def summary_markdown(result) -> str:
    lang = result.language
    title, meta, source = _header(result)
    out = [f"# {_md(title)}", "", _md(meta), "", _md(source), "", f"## {t('fit_summary_answers', lang)}", "",
           f"| Type | Question | {t('fit_summary_answer', lang)} |", "|---|---|---|"]
    out += [f"| {a} | {_md(q)} | {_md(s)} |" for a, q, s in _answers(result)]
    out += ["", f"## {t('fit_summary_needs', lang)}", ""]
    out += [f"- {_md(n)}" for n in _needs(result)] or [f"- {t('fit_summary_none', lang)}"]
    out += ["", f"## {t('fit_summary_result', lang)}", ""]
    for kind, text in _blocks(result):
        if kind == "lead":
            out += [f"**{_md(text)}**", ""]
        elif kind == "title":
            out += ["", f"### {_md(text)}", ""]
        elif kind == "note":
            out += [f"*{_md(text)}*", ""]
        else:
            out.append(f"- {_md(text)}")
    return "\n".join(out).replace("\n\n\n", "\n\n").strip() + "\n"


def _fonts_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _pdf(result, size: float):
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    lang = result.language
    pdf = FPDF(format="letter")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM)
    fonts = _fonts_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    pdf.set_title(t("fit_summary_title", lang))
    pdf.set_creator("Repère")
    pdf.add_page()
    line = size * 0.44  # mm per line for a font size in points, a little leading included
    width = pdf.epw

    def para(text: str, style: str = "", scale: float = 1.0, indent: float = 0.0, gap: float = 0.6):
        pdf.set_font("DejaVu", style, size * scale)
        pdf.set_x(MARGIN_MM + indent)
        pdf.multi_cell(width - indent, line * scale, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    title, meta, source = _header(result)
    para(title, "B", 1.45, gap=1)
    para(meta, "", 0.9)
    para(source, "I", 0.9, gap=1.5)
    para(t("fit_summary_answers", lang), "B", 1.1)
    pdf.set_font("DejaVu", "", size * 0.85)
    answers = _answers(result)
    half = (len(answers) + 1) // 2  # two criteria a row: the questions are short, the page is not
    heading = ("Type", "Question", t("fit_summary_answer", lang))
    with pdf.table(col_widths=(9, 70, 17, 9, 70, 17), line_height=line * 0.9, first_row_as_headings=True,
                   text_align=("CENTER", "LEFT", "LEFT", "CENTER", "LEFT", "LEFT"),
                   borders_layout="HORIZONTAL_LINES", padding=0.5) as table:
        for left, right in [(heading, heading)] + list(zip(answers[:half], answers[half:] + [("", "", "")])):
            row = table.row()
            for cell in left + right:
                row.cell(cell)
    pdf.ln(1.5)
    para(t("fit_summary_needs", lang), "B", 1.1)
    for need in _needs(result) or [t("fit_summary_none", lang)]:
        para(f"•  {need}", indent=2, gap=0.3)
    pdf.ln(1)
    para(t("fit_summary_result", lang), "B", 1.1)
    for kind, text in _blocks(result):
        if kind == "lead":
            para(text, "B", gap=1)
        elif kind == "title":
            pdf.ln(0.6)
            para(text, "B", 1.0)
        elif kind == "note":
            para(text, "I", 0.95)
        else:
            para(f"•  {text}", indent=2, gap=0.4)
    return pdf


def summary_pdf(result) -> bytes:
    """The PDF bytes, on one page at the largest type size that allows it."""
    pdf = None
    for size in FONT_SIZES:
        pdf = _pdf(result, size)
        if pdf.page_no() == 1:
            break
    return bytes(pdf.output())


def write_summary(result, path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix == ".md":
        path.write_text(summary_markdown(result), encoding="utf-8")
    elif suffix == ".pdf":
        path.write_bytes(summary_pdf(result))
    else:
        raise SummaryError(f"{path}: the summary is written as .md or .pdf, not '{suffix or '(none)'}'; "
                           f"name the file résumé.md or résumé.pdf")
    return path
