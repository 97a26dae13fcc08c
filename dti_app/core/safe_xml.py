"""The project's one way to parse XML: defusedxml, with entity declarations always refused.

``parse_xml`` gives an ElementTree element for a small part read whole (a workbook's sheet list,
relationships, styles, shared strings; the app's ``.ts`` translation files). ``stream_xml`` feeds
bytes to a namespace-aware SAX handler for parts read as they inflate (a large sheet or an
OpenDocument ``content.xml``). Both refuse any ENTITY declaration and never fetch anything
external; a DOCTYPE is refused too unless the caller allows a bare one (``.ts`` files start with
``<!DOCTYPE TS>``). Any refusal or parse failure raises ``XmlError`` (``declaration`` tells which).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.sax import SAXException
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree
from defusedxml.expatreader import create_parser

__all__ = ["XmlError", "parse_xml", "stream_xml", "local_name", "namespace",
           "SPREADSHEET_NS", "RELATIONSHIPS_NS", "PACKAGE_RELATIONSHIPS_NS"]

# SpreadsheetML's main namespace: transitional (what Excel, LibreOffice and openpyxl write) and
# strict ISO 29500.
SPREADSHEET_NS = frozenset({"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                            "http://purl.oclc.org/ooxml/spreadsheetml/main"})
RELATIONSHIPS_NS = frozenset({
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships"})
PACKAGE_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class XmlError(Exception):
    """XML that was refused (``declaration``: a DOCTYPE or ENTITY) or could not be parsed."""

    def __init__(self, reason: str, declaration: bool = False):
        super().__init__(reason)
        self.declaration = declaration


def parse_xml(data: bytes, allow_doctype: bool = False) -> Any:
    """The root element (ElementTree) of ``data``; ``XmlError`` for a declaration or broken XML."""
    try:
        return SafeTree.fromstring(data, forbid_dtd=not allow_doctype)
    except DefusedXmlException as exc:
        raise XmlError(type(exc).__name__, declaration=True) from None
    except (SafeTree.ParseError, ValueError) as exc:
        raise XmlError(str(exc)[:200]) from None


def stream_xml(chunks: Iterable[bytes], handler: ContentHandler, namespaces: bool = True) -> None:
    """Feed ``chunks`` to ``handler`` (SAX; with ``namespaces``, element and attribute names are
    (namespace, local name) pairs); ``XmlError`` for a declaration or broken XML. Exceptions
    the handler raises pass through."""
    parser = create_parser(forbid_dtd=True)
    parser.setFeature(feature_namespaces, namespaces)
    parser.setContentHandler(handler)
    try:
        for chunk in chunks:
            parser.feed(chunk)
        parser.close()
    except DefusedXmlException as exc:
        raise XmlError(type(exc).__name__, declaration=True) from None
    except (SAXException, ValueError) as exc:
        raise XmlError(str(exc)[:200]) from None


def local_name(tag: str) -> str:
    """'{namespace}name' -> 'name'."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    """'{namespace}name' -> 'namespace' ('' for no namespace)."""
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""
