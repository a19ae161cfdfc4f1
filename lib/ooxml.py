"""Office Open XML uploads (XLSX, DOCX): refuse a DTD before any XML parser reads a part.

An XLSX or DOCX is a zip of XML parts. A part that carries a document type
declaration can define entities that expand a few kilobytes into hundreds of
megabytes ("billion laughs"), or point at files outside the upload. Excel and
Word never write a DTD, so a file that has one is refused as a whole, before
openpyxl or python-docx touch it.

defusedxml does the same inside the parser but is not among our dependencies;
this check uses the standard library's expat, the parser openpyxl itself uses,
and reads each part only up to its first element: a DTD can only come before it.
"""

import zipfile
from xml.parsers import expat

_CHUNK = 64 * 1024


class _Declared(Exception):
    pass


class _RootReached(Exception):
    pass


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    parser = expat.ParserCreate()

    def on_doctype(*_args: object) -> None:
        raise _Declared

    def on_element(*_args: object) -> None:
        raise _RootReached

    parser.StartDoctypeDeclHandler = on_doctype
    parser.EntityDeclHandler = on_doctype
    parser.StartElementHandler = on_element
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Declared:
        return True
    except (_RootReached, expat.ExpatError):
        # The root element came first (no DTD is possible after it), or the part
        # is not XML at all (a picture); the reader decides what to make of it.
        return False
    return False


def part_with_dtd(archive: zipfile.ZipFile) -> str | None:
    """The name of the first part of `archive` that declares a DTD, or None.

    Every entry is read, including entries that share a name: a reader may take
    either one.
    """
    for info in archive.infolist():
        if not info.is_dir() and _declares_dtd(archive, info):
            return info.filename
    return None
