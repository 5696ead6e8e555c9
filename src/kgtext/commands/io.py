"""Reading user input for the CLI: clear, one-line errors naming file and byte offset."""

from __future__ import annotations

import sys
from pathlib import Path

from kgtext.cli import CliError

__all__ = ["decode_utf8", "read_text_input"]


def decode_utf8(data: bytes, name: str) -> str:
    """Decode *data* as UTF-8 (a BOM is dropped), or raise :class:`CliError`.

    >>> decode_utf8("ок".encode(), "x.txt")
    'ок'
    >>> decode_utf8(b"ok\\xff", "x.txt")
    Traceback (most recent call last):
    ...
    kgtext.cli.CliError: x.txt: not valid UTF-8 at byte offset 2 (byte 0xff)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{name}: not valid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x})"
        ) from None


def read_text_input(name: str) -> str:
    """The text of file *name* (``-`` = standard input), decoded as UTF-8."""
    if name == "-":
        return decode_utf8(sys.stdin.buffer.read(), "<stdin>")
    path = Path(name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{name}: is a directory, expected a text file") from None
    except OSError as exc:
        raise CliError(f"{name}: cannot read ({exc.strerror})") from None
    return decode_utf8(data, name)
