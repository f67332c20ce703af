"""XML for the importers: parsing that refuses DTDs, entities and external references, the
declared encoding, and tag names without their namespace."""

from __future__ import annotations

import codecs
import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import fromstring as defused_fromstring

from runcoach.workouts.importers.errors import ImportFailed


def local_name(tag: object) -> str:
    """An XML tag without its ``{namespace}`` or ``prefix:`` part."""
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def safe_xml_root(data: bytes, root_name: str, label: str) -> Element:
    """Parse ``data`` with defusedxml (no DTD, entities or external refs); check the root name."""
    try:
        root = defused_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DTDForbidden as exc:
        raise ImportFailed("XML document type declarations are not allowed") from exc
    except EntitiesForbidden as exc:
        raise ImportFailed("XML entity declarations are not allowed") from exc
    except DefusedXmlException as exc:
        raise ImportFailed("external XML references are not allowed") from exc
    except ParseError as exc:
        raise ImportFailed(f"not a {label} document (the file is not well-formed XML)") from exc
    if local_name(root.tag) != root_name:
        raise ImportFailed(f"not a {label} document (unexpected root element)")
    return root


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")


def xml_text(data: bytes) -> str:
    """Decode an XML document's bytes using its BOM or declared encoding (default UTF-8)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    match = _XML_ENCODING.match(data)
    encoding = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"cannot decode the file as {encoding} text") from exc
