"""XML parsing that refuses XML bombs and never reaches the network.

The parsers never expand entities, never load a DTD, never fetch anything, keep libxml2's
size limits (no ``huge_tree``), and refuse outright any document whose DTD declares an
entity (as defusedxml does with ``forbid_entities``): a workout file has no use for one,
and "billion laughs" needs one.
"""

from collections.abc import Iterator
from typing import IO, Any

from defusedxml import EntitiesForbidden
from django.utils.translation import gettext as _
from lxml import etree

from imports.records import ImportFileError

PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "dtd_validation": False,
}


def _bomb_error() -> ImportFileError:
    return ImportFileError(
        _("The file declares XML entities, which LegLog refuses (XML bomb protection).")
    )


def _syntax_error(error: Exception) -> ImportFileError:
    """libxml2 itself stops entity amplification it meets before our check: same answer."""
    if "amplification" in str(error) or "Entity" in str(error):
        return _bomb_error()
    return ImportFileError(_("The file is not valid XML: %(error)s") % {"error": error})


def _refuse_entities(tree: Any) -> None:
    docinfo = tree.docinfo
    for dtd in (docinfo.internalDTD, docinfo.externalDTD):
        if dtd is not None and any(True for _entity in dtd.iterentities()):
            error = EntitiesForbidden("entity", None, None, None, None, None)
            raise _bomb_error() from error


def parse(data: bytes) -> Any:
    """The root element of ``data``; ImportFileError for bad or dangerous XML."""
    parser = etree.XMLParser(**PARSER_OPTIONS, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error) from error
    _refuse_entities(root.getroottree())
    return root


def iterparse_end(stream: IO[bytes], tag: str, *, root_tag: str) -> Iterator[Any]:
    """Yield each finished ``tag`` element of a huge document, keeping memory flat.

    Every child of the root is cleared once finished, and the finished siblings before it
    are dropped, so the tree never holds more than one top-level element at a time.
    Consume the yielded element before asking for the next one. ImportFileError when the
    root element is not ``root_tag``.
    """
    context = etree.iterparse(stream, events=("start", "end"), **PARSER_OPTIONS)
    root = None
    try:
        for event, element in context:
            if root is None:
                root = element
                _refuse_entities(element.getroottree())
                if element.tag != root_tag:
                    raise ImportFileError(
                        _("The file is not the expected XML: %(tag)s expected.") % {"tag": root_tag}
                    )
            if event != "end":
                continue
            if element.tag == tag:
                yield element
            if element.getparent() is root:
                element.clear()
                while element.getprevious() is not None:
                    del root[0]
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error) from error
