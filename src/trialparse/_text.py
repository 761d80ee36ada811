"""Bytes to text, text to lines: the one place where input is decoded and normalised.

Extractors never see bytes. They get a ``Page``: the decoded text with line
ends unified, its lines, and the same lines with odd spaces turned into plain
spaces for label matching (``norm``). The normalisation maps one character to
one character, so a column found in ``norm[i]`` is the same column in
``lines[i]``: values are sliced from ``lines`` and keep their real characters.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any, Generic, Self, TypeVar, overload

from ._errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "Page", "decode_bytes", "html_to_lines"]

#: Default size limit of one input, in bytes (``max_bytes=`` overrides it per call).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# Odd spaces -> " " one for one, so columns line up between `lines` and `norm`.
_SPACE_TABLE = {
    cp: " "
    for cp in (
        0x09,
        0x0B,
        0x0C,
        0xA0,
        0x1680,
        *range(0x2000, 0x200C),
        0x2028,
        0x2029,
        0x202F,
        0x205F,
        0x3000,
        0xFEFF,
    )
}

_ODD_SPACES = tuple(chr(cp) for cp in _SPACE_TABLE)
_ASCII_ODD_SPACES = tuple(c for c in _ODD_SPACES if c.isascii())
_NON_ASCII_ODD_SPACES = tuple(c for c in _ODD_SPACES if not c.isascii())
_LATIN1_ODD_SPACES = tuple(c for c in _NON_ASCII_ODD_SPACES if c <= "\xff")  # NBSP
# those a text stored a byte a character can hold
_ONE_BYTE_ODD_SPACES = _ASCII_ODD_SPACES + _LATIN1_ODD_SPACES
# one half of a surrogate pair: "\ud800" in a str built by hand, never in decoded bytes
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_BOM_FIRST = frozenset(bom[:1] for bom, _ in _BOMS)

# C0 controls other than tab / LF / VT / FF / CR: real text pages have next to none.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
# every control byte to NUL, any other byte to itself (NUL is a control: still NUL)
_CONTROLS_TO_NUL = bytes(0 if b in _CONTROL_BYTES else b for b in range(256))


def decode_bytes(data: bytes, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> str:
    """Decode a page: BOM-marked UTF-8/16/32, else UTF-8, else cp1252.

    Raises ``InputError`` for empty, binary or oversized input.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"input is {len(data)} bytes, over the limit of {max_bytes} bytes")
    if not data or data.isspace():
        raise InputError("input is empty")
    text: str | None = None
    # one lookup rules out every byte order mark for the usual page
    for bom, encoding in _BOMS if data[:1] in _BOM_FIRST else ():
        if data.startswith(bom):
            try:
                text = _decode_cut(data[len(bom) :], encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"input has a {encoding} byte order mark but is not {encoding}: {exc.reason}"
                ) from None
            break
    if text is None:
        if data.find(b"\x00", 0, 4096) != -1:
            raise InputError("input looks binary (NUL bytes) and has no UTF-16 byte order mark")
        # UTF-8, cp1252 and latin-1 write a control character as its own byte and never
        # use such a byte inside another character: the bytes can be checked as they are
        _check_controls(data[:8192])
        try:
            text = _decode_cut(data, "utf-8", sure=False)
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                # the five bytes cp1252 leaves undefined: latin-1 keeps them visible
                text = data.decode("latin-1")
        if not text or text.isspace():
            raise InputError("input is empty")
        return text
    return check_text(text)


def _decode_cut(data: bytes, encoding: str, *, sure: bool = True) -> str:
    """Decode, dropping one character cut in two by the end of the data.

    Size-limited scrapes stop at a byte count, often inside a multi-byte
    character; without this the whole page would fall back to cp1252 mojibake.
    Some text must come before the cut (a lone broken character stays an error)
    and, unless ``sure`` (a BOM named the encoding), that text must itself hold
    multi-byte characters: ASCII ending in one high byte may as well be cp1252
    ("caf\xe9"), which the caller's fallback then keeps whole.
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        cut = exc.end == len(data) and exc.reason in ("unexpected end of data", "truncated data")
        head = data[: exc.start]
        if cut and head and (sure or not head.isascii()):
            return head.decode(encoding)
        raise


def check_text(text: str) -> str:
    """Refuse text that is empty or mostly control characters (binary read as text).

    Returns the text, with any lone surrogate as U+FFFD.
    """
    if not text or text.isspace():
        raise InputError("input is empty")
    # Controls are ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte character,
    # so counting control bytes of the encoded sample counts control characters, in C.
    # (The threshold is over bytes, a little laxer for non-ASCII text.)
    _check_controls(text[:8192].encode("utf-8", "surrogatepass"))
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # half a surrogate pair is no character, and no UTF-8 output (the Trial's
            # JSON included) could write it: U+FFFD, as a decoder would have made it
            text = _SURROGATE_RE.sub("\ufffd", text)
    return text


def _check_controls(sample: bytes) -> None:
    # The usual page has none: a plain translate and one memchr settle it in a third
    # less time than counting them by deletion (a translate that deletes is dearer).
    if sample.translate(_CONTROLS_TO_NUL).find(0) == -1:
        return
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 20):
        raise InputError("input looks binary (many control characters)")


def normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def norm_spaces(s: str) -> str:
    """Odd spaces (NBSP, tab, thin space, BOM...) as plain spaces, one for one."""
    # fast path: a dict-driven translate costs ~20 ns a character, the checks ~1
    if s.isascii() and "\t" not in s and "\x0b" not in s and "\x0c" not in s:
        return s
    return s.translate(_SPACE_TABLE)


_SPACE_TABLE_KEEP_TABS = {cp: sp for cp, sp in _SPACE_TABLE.items() if cp != 0x09}


def norm_spaces_keep_tabs(s: str) -> str:
    """``norm_spaces`` but tabs stay tabs (cell separators of table rows)."""
    if s.isascii() and "\x0b" not in s and "\x0c" not in s:
        return s
    return s.translate(_SPACE_TABLE_KEEP_TABS)


# An HTML document rather than text that mentions a tag: the tag opens the page.
_HTML_HEAD_RE = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def _ascii_lower(text: str) -> str:
    """``str.lower`` for ASCII letters: on non-ASCII text, 3x cheaper than ``lower()``."""
    if text.isascii():
        return text.lower()
    if _one_byte(text):
        # a plain copy each way, where UTF-8 would encode every non-ASCII character
        return text.encode("latin-1").lower().decode("latin-1")
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _latin1_overhead() -> int | None:
    """What ``sys.getsizeof`` adds to the length of a fresh Latin-1 string, or None where
    that cannot tell a string's width (another Python, or a size that does not grow
    a byte a character)."""
    try:
        # made at run time: a constant could carry a cached UTF-8 copy that adds to its size
        short, long_, wide = chr(0xE9) * 8, chr(0xE9) * 40, chr(0x101) * 8
        overhead = sys.getsizeof(short) - len(short)
        if sys.getsizeof(long_) - len(long_) != overhead:
            return None
        if sys.getsizeof(wide) - len(wide) <= overhead:
            return None
    except TypeError:  # a Python without getsizeof
        return None
    return overhead


_LATIN1_OVERHEAD = _latin1_overhead()


def _one_byte(text: str) -> bool:
    """Whether no character of ``text`` is above U+00FF (a False may also mean "unsure").

    CPython stores such text a byte a character. Its size tells, without a scan: a
    string of n characters stored wider takes at least one more byte per character,
    and a one-byte string takes more only when it holds a cached UTF-8 copy (then
    the answer is False, which costs its callers speed, never a wrong result: they
    take their path for wide text, right for any text). Where the size cannot tell,
    encoding as Latin-1 does, at the cost of an exception (~2 µs) on wide text.
    """
    if _LATIN1_OVERHEAD is not None:
        return sys.getsizeof(text) - len(text) <= _LATIN1_OVERHEAD
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


_T = TypeVar("_T")


class _lazy(Generic[_T]):  # lower case: used as a decorator, like the one it replaces
    """``functools.cached_property`` without its lock.

    On Python 3.11 every first access takes a class-wide RLock (dropped in 3.12):
    for a Page's four properties ~3 µs, a tenth of a small page's whole parse.
    Computing a property twice in a race is harmless here: each is a pure function
    of the page's text.
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> _T | Self:
        if obj is None:
            return self
        # stored in the instance's dict, which then shadows this (non-data) descriptor
        value = obj.__dict__[self.name] = self.func(obj)
        return value


#: How much of a page ``Page.head`` holds: the first 4 kB, where every site's detector
#: finds what it looks for.
HEAD_CHARS = 4096


class Page:
    """A decoded page, split in lines once, shared by every detector and extractor."""

    def __init__(self, text: str, source: str | None = None) -> None:
        text = normalise_newlines(text)
        if text.startswith("\ufeff"):
            text = text[1:]
        self.text = text
        self.source = source
        first = text[:1]
        #: The page opens with a character no JSON, XML or HTML document opens with
        #: (neither a space nor one of ``<{[``): the structured formats' detectors
        #: are settled by this flag alone.
        self.plain_text = first not in _MARKUP_FIRST and not first.isspace()
        if self.plain_text:
            # A text page, the usual input: every text extractor reads its lines, so
            # they are made now; on a small page the lazy properties' calls cost more
            # than this work. The head stays lazy: the usual page of a format whose
            # detector tests the page as printed (hra) never needs it. JSON, XML and
            # HTML (and a page opening with spaces) stay lazy: a big JSON record is
            # never split in lines, and HTML is rendered only when read.
            lines = text.split("\n")
            self.__dict__.update(is_html=False, lines=lines, norm=_plain_norm(text, lines))

    @_lazy
    def head(self) -> str:
        """The first 4 kB, ASCII letters lower-cased, for cheap sniffing.

        For HTML, of the rendered text: detectors look for a site's words and
        labels, which the markup of a saved page buries under scripts and tags.
        """
        if not self.is_html:
            return _ascii_lower(self.text[:HEAD_CHARS])
        size, taken = 0, []
        for line in self.lines:
            taken.append(line)
            size += len(line) + 1
            if size >= HEAD_CHARS:
                break
        return _ascii_lower("\n".join(taken)[:HEAD_CHARS])

    @_lazy
    def derived(self) -> dict[str, Any]:
        """What a format's detector worked out from the page and its extractor would work
        out again (the generic reader's rows), under a key of that format's own: made by
        the detection of a parse, taken by the extraction that follows on the same Page."""
        return {}

    @_lazy
    def is_html(self) -> bool:
        # The pattern wants spaces, then "<": a page whose first character after its
        # leading spaces is anything else is settled without copying 4 kB for the regex.
        start = self.text[:256].lstrip()
        if start and start[0] != "<":
            return False
        return _HTML_HEAD_RE.match(self.text[:4096]) is not None

    @_lazy
    def lines(self) -> list[str]:
        """The page's lines (for HTML: the rendered text's lines), without line ends."""
        if self.is_html:
            return html_to_lines(self.text)
        return self.text.split("\n")

    @_lazy
    def norm(self) -> list[str]:
        """``lines`` with odd spaces as plain spaces: for matching labels only."""
        if self.is_html:
            return [norm_spaces(line) for line in self.lines]
        return _plain_norm(self.text, self.lines)


# A page opening with one of these (or a space, or nothing: "" is in any string)
# may be markup or JSON: its properties are made only when read.
_MARKUP_FIRST = "<{["


def _plain_norm(text: str, lines: list[str]) -> list[str]:
    """``Page.norm`` of a text page: ``lines`` (its lines) with odd spaces as spaces.

    A `str.find` per kind is ~30x cheaper than a regex scan, and costs next to
    nothing for a kind wider than the text's own characters (CPython stores text
    at the width of its widest character, and such a kind cannot be in it).
    ASCII text (known without a scan) can only hold the three ASCII kinds, Latin-1
    text those and NBSP: it is searched whole, kind by kind, and split again only if
    a kind was there. Wider text (a smart quote, "≥") is stored two or four bytes a
    character, where every whole-text pass costs several times more: see
    ``_wide_norm``.
    """
    if text.isascii():
        kinds = [s for s in _ASCII_ODD_SPACES if s in text]
    elif _one_byte(text):
        kinds = [s for s in _ONE_BYTE_ODD_SPACES if s in text]
    else:
        return _wide_norm(text, lines)
    if not kinds:
        return lines  # the usual page: no odd space
    # one pass over the whole text, not a call per line: same result, line for line,
    # since no odd space is a line end
    for space in kinds:
        text = text.replace(space, " ")
    return text.split("\n")


def _wide_norm(text: str, lines: list[str]) -> list[str]:
    """``_plain_norm`` of text with a character above U+00FF.

    The ASCII kinds (a tab) are searched in the whole text, which costs three
    memchr-like scans; the other kinds can only be on a non-ASCII line, and the
    usual page has a few: those lines are found first (a line's ``isascii`` reads a
    flag; a comprehension calls it faster than ``map``) and searched one by one, a
    Latin-1 line for NBSP only.
    """
    norm = lines
    ascii_kinds = [s for s in _ASCII_ODD_SPACES if s in text]
    if ascii_kinds:
        for space in ascii_kinds:
            text = text.replace(space, " ")
        norm = text.split("\n")
    for i in [i for i, line in enumerate(norm) if not line.isascii()]:
        line = norm[i]
        new = line
        for space in _LATIN1_ODD_SPACES if _one_byte(line) else _NON_ASCII_ODD_SPACES:
            if space in new:
                new = new.replace(space, " ")
        if new is not line:
            if norm is lines:
                norm = lines.copy()
            norm[i] = new
    return norm


# --- HTML to lines --------------------------------------------------------------------
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "center",
        "dir",
        "hgroup",
        "menu",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "title",
        "tr",
        "ul",
        "option",
        "select",
        "textarea",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_ROW_TAGS = frozenset({"tr", "table", "thead", "tbody", "tfoot"})
# Not rendered: scripts, styles, and the fallback content of embedded things.
_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "canvas", "math"}
)
# Page chrome a text dump of the page does not carry (see _TextRenderer).
_HIDE_TAGS = frozenset({"title", "nav"})
_WS_RE = re.compile(r"[ \t\n\r\f\v]+")


class _TextRenderer(HTMLParser):
    """Renders HTML to lines the way a browser's "save as text" does.

    Blocks break lines; cells of a table row stay on one line, tab-separated;
    scripts, styles and other non-rendered content are dropped. The page's
    ``<title>`` and its ``<nav>`` menus are chrome that a text dump of the page
    does not carry: their lines are held back and dropped when the element
    closes (kept after all if it never does, so broken markup loses nothing).
    Content hidden by CSS or the ``hidden`` attribute is kept: pages collapse
    real data that way ("Show 48 study locations").
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.cur: list[str] = []
        self.cur_has_text = False  # the line being built holds more than spaces
        self.drop = 0
        self.pre = 0
        self.cell_open = False
        self.hiding: list[str] = []  # open <title> / <nav> elements
        self.shown: list[str] = []  # the lines before the hidden element began

    def _break(self) -> None:
        line = "".join(self.cur)
        self.cur = []
        self.cur_has_text = False
        line = line.strip(" ")
        if line.strip():
            self.out.append(line)

    def _hide(self, tag: str) -> None:
        if not self.hiding:
            self._break()
            self.shown, self.out = self.out, []
        self.hiding.append(tag)

    def _unhide(self, keep: bool) -> None:
        """End hiding: drop the held-back lines, or put them back (element never closed)."""
        self._break()
        self.out = self.shown + self.out if keep else self.shown
        self.shown = []
        self.hiding.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hiding and self.hiding[-1] == "title":
            self._unhide(keep=True)  # a title holds no tags: this one was never closed
        if tag in _HIDE_TAGS:
            self._hide(tag)
        elif tag in _DROP_TAGS:
            self.drop += 1
        elif tag == "br":
            self._break()  # a line break inside a cell: the row's next cell still gets its tab
        elif tag in _BLOCK_TAGS:
            self._break()
            if tag in _ROW_TAGS:
                self.cell_open = False
            if tag == "pre":
                self.pre += 1
        elif tag in _CELL_TAGS:
            # cells of one row stay on one line, tab-separated, like a browser's text copy
            if self.cell_open and self.cur_has_text:
                self.cur.append("\t")
            self.cell_open = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDE_TAGS:
            if tag in self.hiding:
                while self.hiding and self.hiding.pop() != tag:
                    pass
                if not self.hiding:
                    self._unhide(keep=False)
        elif tag in _DROP_TAGS:
            self.drop = max(0, self.drop - 1)
        elif tag in _BLOCK_TAGS:
            self._break()
            if tag in _ROW_TAGS:
                self.cell_open = False
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.drop:
            return
        if self.pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._break()
                self.cur.append(part)
                self.cur_has_text = self.cur_has_text or bool(part.strip())
            return
        text = _WS_RE.sub(" ", data)
        if self.cur and self.cur[-1].endswith((" ", "\t")) and text.startswith(" "):
            text = text[1:]
        if not self.cur and text.startswith(" "):
            text = text[1:]
        if text:
            self.cur.append(text)
            self.cur_has_text = self.cur_has_text or bool(text.strip())

    def close(self) -> None:
        super().close()
        self._break()
        if self.hiding:
            self._unhide(keep=True)


def html_to_lines(html: str) -> list[str]:
    """Render an HTML page to its text lines: blocks break lines, scripts and styles go."""
    renderer = _TextRenderer()
    try:
        renderer.feed(html)
        renderer.close()
    except (AssertionError, ValueError):  # html.parser's rare complaints on broken markup
        renderer._break()
        if renderer.hiding:
            renderer._unhide(keep=True)
    return renderer.out
