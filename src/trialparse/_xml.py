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
so an ``encoding=`` in the XML declaration is not consulted again.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml import ElementTree as SafeET
from defusedxml.common import ExternalReferenceForbidden

from ._errors import InputError, UnsafeXMLError

__all__ = ["parse_xml"]

_WHY_UNSAFE = (
    "XML with a DTD, entity declarations or external references is not read, "
    "because such constructs can expand without bound or reach outside the file"
)


def parse_xml(text: str) -> ET.Element:
    """Parse an XML document into its root element, refusing DTDs and entities.

    Raises ``UnsafeXMLError`` (an ``InputError``) for a DTD, an entity
    declaration or an external reference, and ``InputError`` for malformed XML.
    """
    try:
        return SafeET.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
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
