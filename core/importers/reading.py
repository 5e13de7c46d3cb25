"""Reading published CSV files: any encoding they come in, streamed a row at a time."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peerqa.errors import ValidationFailed

CHUNK = 1 << 16


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes as UTF-8, else Windows-1252.

    Reads in chunks with an incremental decoder, so memory does not grow with the file.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        start = handle.read(3)
        bom = start == codecs.BOM_UTF8
        try:
            decoder.decode(start if not bom else b"")
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig" if bom else "utf-8"


@contextmanager
def open_rows(path: Path) -> Iterator[tuple[list[str], Iterator[tuple[int, dict[str, str]]], str]]:
    """Open a CSV: its header, an iterator of (line number, row), and the encoding used.

    Line numbers count the header as line 1, as a spreadsheet would show them. Blank lines are
    skipped; a row with the wrong number of cells is marked (``__width__``) for the caller.
    """
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip() for h in next(reader, [])]
        except UnicodeDecodeError:
            raise _undecodable(path, 1) from None

        def rows() -> Iterator[tuple[int, dict[str, str]]]:
            try:
                yield from _rows()
            except UnicodeDecodeError:
                raise _undecodable(path, reader.line_num) from None

        def _rows() -> Iterator[tuple[int, dict[str, str]]]:
            for values in reader:
                if not any(v.strip() for v in values):
                    continue
                row = dict(zip(header, values, strict=False))
                if len(values) != len(header):
                    row["__width__"] = str(len(values))
                yield reader.line_num, row

        yield header, rows(), encoding


def _undecodable(path: Path, line: int) -> ValidationFailed:
    return ValidationFailed(
        f"{path.name}: near line {line} the file holds bytes that are neither UTF-8 nor "
        "Windows-1252; save it as UTF-8 and import it again."
    )
