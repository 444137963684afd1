"""What a person sees in an HTML report: its visible text, its letters by script, leaked code names.

Used by the notebook tests (every block report on the demo company) and by hand::

    python tests/report_text.py reports/kb__01_main_errors.html [more.html …]

prints, per report, the Cyrillic and Latin letters of its visible text and every ``snake_case``
word in it.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

_HIDDEN = {"script", "style", "head", "title", "noscript", "svg", "math"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
SNAKE = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])")
"""A ``snake_case`` identifier (two words or more joined by ``_``; not part of a path or file name)."""


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.stack: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag in _HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in _HIDDEN:
                self.hidden -= 1
            if top == tag:
                break

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a browser shows of ``html`` (no scripts, styles, head or inline SVG/MathML)."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def letters(text: str, *, aside=()) -> tuple[int, int]:
    """(Cyrillic letters, Latin letters) of ``text``, after removing each string of ``aside``.

    ``aside`` holds what the count leaves out: client names, units, formulas.
    """
    for item in sorted((a for a in aside if a), key=len, reverse=True):
        text = text.replace(item, " ")
    cyrillic = len(re.findall(r"[\u0400-\u04FF]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return cyrillic, latin


def snake_words(text: str) -> list[str]:
    """The distinct ``snake_case`` words of ``text``, sorted."""
    return sorted(set(SNAKE.findall(text)))


if __name__ == "__main__":
    for name in sys.argv[1:]:
        text = visible_text(Path(name).read_text(encoding="utf-8"))
        cyr, lat = letters(text)
        ratio = f"{cyr / lat:.1f}" if lat else "∞"
        print(f"{name}: Cyrillic {cyr}, Latin {lat} (ratio {ratio}); snake_case: "
              f"{', '.join(snake_words(text)) or 'none'}")
