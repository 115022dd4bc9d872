"""The language a screen reader would use for a piece of text on a page (WCAG 3.1.2, language of parts)."""

from __future__ import annotations

import lxml.html


def language_of(page: str, text: str) -> str | None:
    """The ``lang`` that applies to the innermost element holding ``text`` (``None``: the text is absent)."""
    document = lxml.html.fromstring(page)
    holders = [el for el in document.iter() if isinstance(el.tag, str) and text in el.text_content()]
    if not holders:
        return None
    node = holders[-1]  # document order: the last holder is the innermost
    while node is not None:
        if node.get("lang"):
            return node.get("lang")
        node = node.getparent()
    return None
