"""Read an input file's bytes and text with the same checks everywhere:
the file exists, is not huge, and is UTF-8."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

__all__ = ["read_bytes", "decode_utf8"]


def read_bytes(path: Path, *, display: str, max_bytes: int, missing: str = "file does not exist") -> bytes:
    """The file's bytes; an :class:`InputError` naming ``display`` if it is
    missing or larger than ``max_bytes`` (checked before reading)."""
    if not path.is_file():
        raise InputError(missing, file=display)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file is larger than the {max_bytes} byte limit", file=display, value=size)
    return path.read_bytes()


def decode_utf8(raw: bytes, *, display: str, allow_bom: bool = False, hint: str = "") -> str:
    """Decode UTF-8 (with an optional byte-order mark, as spreadsheets write it)."""
    try:
        return raw.decode("utf-8-sig" if allow_bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"file is not valid UTF-8 (bad byte at offset {exc.start}){hint}", file=display) from None
