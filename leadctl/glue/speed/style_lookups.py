"""citeproc-py answering each question about a style's tree once, and finding an item's reference once.

For every item it renders, citeproc-py walks the style again: it runs an XPath
query for each macro, term and option it looks up, and asks each group
recursively whether it prints a variable. Both answers depend on the style's
tree alone, which nothing changes once it is parsed, so they are kept, per
element (a few thousand elements for the four styles). While it renders an
item, each element of the style looks the item's reference up again, through
the citation and the bibliography, some two hundred times a citation; the
reference an item cites is kept on the item, which lives as long as one
rendering. The text is the same; benchmarks/README.md has the gain.
"""

from __future__ import annotations

from typing import Any

_originals: dict[tuple[type, str], Any] = {}


def answer_style_questions_once(on: bool) -> None:
    """Keep citeproc-py's answers about style trees (``on``), or give it back its own methods."""
    from citeproc import model
    from citeproc.source import CitationItem

    if on == bool(_originals):
        return
    if not on:
        for (cls, name), method in _originals.items():
            setattr(cls, name, method)
        _originals.clear()
        return

    element = model.CitationStylesElement
    xpath = vars(element)["xpath_search"]
    _originals[(element, "xpath_search")] = xpath
    found: dict[tuple[Any, str], tuple[Any, ...]] = {}

    def xpath_search(self: Any, expression: str) -> tuple[Any, ...]:
        key = (self, expression)
        if key not in found:
            found[key] = tuple(xpath(self, expression))
        return found[key]

    element.xpath_search = xpath_search
    prints_variable: dict[Any, bool] = {}
    for cls in [value for value in vars(model).values() if isinstance(value, type) and "calls_variable" in vars(value)]:
        method = vars(cls)["calls_variable"]
        _originals[(cls, "calls_variable")] = method
        setattr(cls, "calls_variable", _remembered(method, prints_variable))
    cited = vars(CitationItem)["reference"]
    _originals[(CitationItem, "reference")] = cited
    CitationItem.reference = property(_reference_kept_on_item(cited.fget))


def _remembered(method: Any, answers: dict[Any, bool]) -> Any:
    def calls_variable(self: Any) -> bool:
        if self not in answers:
            answers[self] = method(self)
        return answers[self]

    return calls_variable


def _reference_kept_on_item(find: Any) -> Any:
    def reference(self: Any) -> Any:
        # The item is a dict whose attributes are its keys; the reference is kept beside them, not among them.
        kept = self.__dict__.get("lead_reference")
        if kept is None:
            kept = self.__dict__["lead_reference"] = find(self)
        return kept

    return reference
