"""The one XML reader of trialparse: hardened, so a hostile file cannot hurt the reader.

Registry XML never needs a DTD or entity declarations (ClinicalTrials.gov's
``<clinical_study>`` records only point at their schema in a comment). So
anything of the kind is refused outright, before it can expand ("billion
laughs"), fetch a URL or read a local file (XXE):

>>> parse_xml("<clinical_study><brief_title>T</brief_title></clinical_study>").tag
'clinical_study'
>>> parse_xml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
Traceback (most recent call last):
...
trialparse._errors.UnsafeXMLError: refused unsafe XML: it declares a DTD (<!DOCTYPE a>)...

Malformed XML is an ``InputError`` that says where (line and column, both
1-based). The text is given as ``str``: bytes were decoded once, in ``_text``,
so an ``encoding=`` in the XML declaration is not consulted again. Whitespace
before the XML declaration (a saved file starting with a blank line) is
tolerated. ``parse_xml_lines`` also tells the source line of every element, so
extractors can point their issues at the right line of the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import NamedTuple

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.common import ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from ._errors import InputError, UnsafeXMLError

__all__ = ["XmlDocument", "parse_xml", "parse_xml_lines"]

_WHY_UNSAFE = (
    "XML with a DTD, entity declarations or external references is not read, "
    "because such constructs can expand without bound or reach outside the file"
)


class XmlDocument(NamedTuple):
    """A parsed document and the 1-based source line of each of its elements."""

    root: ET.Element
    lines: dict[int, int]  # id(element) -> line of its start tag

    def line(self, element: ET.Element) -> int:
        """The line where ``element`` starts (1 when unknown)."""
        return self.lines.get(id(element), 1)


class _LineTreeBuilder(ET.TreeBuilder):
    """A tree builder that notes the line of every start tag as the parser reports it."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.expat: object = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        self.lines[id(element)] = getattr(self.expat, "CurrentLineNumber", 1)
        return element


def _without_leading_space(text: str) -> str:
    """Blank the XML declaration when whitespace precedes it (expat refuses that).

    The declaration is replaced by spaces of the same length, so line numbers stay
    true; its only useful content, the encoding, does not apply to decoded text.
    """
    body = text.lstrip()
    if len(body) == len(text) or not body.startswith("<?xml"):
        return text
    end = body.find("?>")
    if end < 0:
        return text
    lead = text[: len(text) - len(body)]
    return lead + " " * (end + 2) + body[end + 2 :]


def _parse(text: str, target: ET.TreeBuilder) -> ET.Element:
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    if isinstance(target, _LineTreeBuilder):
        target.expat = getattr(parser, "parser", None)
    try:
        parser.feed(_without_leading_space(text))
        return parser.close()
    except DTDForbidden as exc:
        raise UnsafeXMLError(
            f"refused unsafe XML: it declares a DTD (<!DOCTYPE {exc.name}>); {_WHY_UNSAFE}"
        ) from None
    except EntitiesForbidden as exc:
        raise UnsafeXMLError(
            f"refused unsafe XML: it declares the entity {exc.name!r}; {_WHY_UNSAFE}"
        ) from None
    except ExternalReferenceForbidden as exc:
        raise UnsafeXMLError(
            f"refused unsafe XML: it references the external resource {exc.sysid!r}; {_WHY_UNSAFE}"
        ) from None
    except DefusedXmlException as exc:  # any other construct defusedxml refuses
        raise UnsafeXMLError(f"refused unsafe XML: {exc}; {_WHY_UNSAFE}") from None
    except ET.ParseError as exc:
        line, col = exc.position
        reason = str(exc).split(":", 1)[0]
        raise InputError(f"malformed XML at line {line}, column {col + 1}: {reason}") from None
    except UnicodeError:
        raise InputError(
            "XML text holds characters that cannot be encoded (lone surrogates)"
        ) from None
    except RecursionError:
        raise InputError("XML is nested too deeply to read") from None
    except MemoryError:
        raise InputError("XML is too large to read in memory") from None


def parse_xml(text: str) -> ET.Element:
    """Parse an XML document into its root element, refusing DTDs and entities.

    Raises ``UnsafeXMLError`` (an ``InputError``) for a DTD, an entity
    declaration or an external reference, and ``InputError`` for malformed XML.
    """
    return _parse(text, ET.TreeBuilder())


def parse_xml_lines(text: str) -> XmlDocument:
    """Like ``parse_xml``, and also note the source line of every element."""
    builder = _LineTreeBuilder()
    root = _parse(text, builder)
    return XmlDocument(root, builder.lines)
