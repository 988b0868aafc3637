"""A policy brief's citation as files: ``briefs/<id>/<id>.bib`` (BibTeX) and ``<id>.ris`` (RIS).

Each language's folder gets them, next to the brief's page. Names and titles
are contributor text: the BibTeX writer escapes every character that means
something to BibTeX or LaTeX, and both writers fold line breaks, so no text
can end a field, start a new RIS tag or break the file.
"""

from __future__ import annotations

from pathlib import Path

import rispy

from leadctl.base.urls import record_path
from leadctl.generators.citations import Citation, brief_citation
from leadctl.generators.site import Site

BIBTEX_LANGUAGES = {"en": "english", "zh": "chinese"}


# -- BibTeX -------------------------------------------------------------------------
# Braces become commands rather than \{ \}: BibTeX counts every brace, escaped or not,
# so an escaped brace would still unbalance the field.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
_BIBTEX_TABLE = str.maketrans(_BIBTEX_ESCAPES)


def bibtex_escape(text: str) -> str:
    """Text as the value of a braced BibTeX field: specials escaped, on one line."""
    return " ".join(text.split()).translate(_BIBTEX_TABLE)


def bibtex(citation: Citation) -> str:
    # Each name in its own braces: BibTeX must not reorder "given family" (a Chinese
    # name is written family first) nor split a name that contains "and".
    fields = [
        ("author", " and ".join("{" + bibtex_escape(name) + "}" for name in citation.creators)),
        ("title", "{" + bibtex_escape(citation.title) + "}"),  # inner braces keep its capitals
        ("institution", bibtex_escape(citation.publisher)),
        ("type", bibtex_escape(citation.kind)),
        ("year", str(citation.year)),
        ("date", citation.date),
        ("doi", bibtex_escape(citation.doi) if citation.doi else ""),
        ("url", bibtex_escape(citation.url)),
        ("langid", BIBTEX_LANGUAGES.get(citation.language, citation.language)),
        ("abstract", bibtex_escape(citation.abstract)),
        ("keywords", bibtex_escape(", ".join(citation.keywords))),
    ]
    width = max(len(name) for name, _ in fields)
    lines = [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields if value]
    return f"@techreport{{{citation.key},\n" + "\n".join(lines) + "\n}\n"


# -- RIS ----------------------------------------------------------------------------
class _RisWriter(rispy.RisWriter):
    """RIS as reference managers read it: no numbered header line before the record."""

    def set_header(self, count: int) -> str:
        return ""


RIS_LANGUAGES = {"en": "English", "zh": "Chinese"}


def ris(citation: Citation) -> str:
    record: dict[str, object] = {
        "type_of_reference": "RPRT",
        "id": citation.key,
        "authors": list(citation.creators),
        "title": citation.title,
        "type_of_work": citation.kind,
        "year": str(citation.year),
        "date": citation.date.replace("-", "/") + "/",
        "publisher": citation.publisher,
        "urls": [citation.url],
        "language": RIS_LANGUAGES.get(citation.language, citation.language),
        "abstract": citation.abstract,
    }
    if citation.doi:
        record["doi"] = citation.doi
    if citation.keywords:
        record["keywords"] = list(citation.keywords)
    return rispy.dumps([record], implementation=_RisWriter)


# -- the output writer --------------------------------------------------------------
def write_citation_files(site: Site, language: str, output_dir: Path, base_url: str) -> None:
    """``briefs/<id>/<id>.bib`` and ``.ris`` beside each brief's page, in ``language``."""
    for brief_id in site.project.briefs:
        citation = brief_citation(site.project, site.settings, brief_id, language)
        folder = output_dir / record_path("briefs", brief_id)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{brief_id}.bib").write_text(bibtex(citation), encoding="utf-8")
        (folder / f"{brief_id}.ris").write_text(ris(citation), encoding="utf-8", newline="\n")
