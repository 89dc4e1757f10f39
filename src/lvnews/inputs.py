"""What an article may come in as: text coercion and item normalization.

A leaf module (nothing from lvnews imported): the analyzer, the batch readers
and the Dask entry points all accept the same inputs, and sharing these
functions through a module below all of them keeps the imports running one way
(``batch`` must not import ``pipeline``, which imports ``batch``).
"""

from __future__ import annotations

from typing import Any, Mapping


def approx_words(text: Any) -> int:
    """Words in ``text`` as far as grouping needs them: spaces counted, nothing allocated."""
    if isinstance(text, str):
        return text.count(" ") + text.count("\n") + 1
    return len(text) // 6 + 1 if isinstance(text, (bytes, bytearray)) else 1  # coerce_text refuses the rest


def coerce_text(text: Any) -> str:
    """Accept str, or bytes that decode as UTF-8; refuse anything else clearly."""
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        try:
            return bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValueError(f"text is not valid UTF-8 (byte {err.start}): decode it first") from None
    raise TypeError(f"text must be str (or UTF-8 bytes), not {type(text).__name__}")


def normalize_item(item: Any, index: int) -> tuple[str | None, Any, dict]:
    """str | {"id", "text", ...} -> (id, text, metadata).

    A bare tuple is refused: spaCy's ``(text, context)`` and an ``(id, text)`` pair
    look alike, and guessing would analyse the id.
    """
    if isinstance(item, (str, bytes, bytearray)):
        return None, item, {}
    if isinstance(item, Mapping):
        if "text" not in item:
            raise ValueError(f"item {index} has no 'text' field")
        meta = {k: v for k, v in item.items() if k not in ("id", "text")}
        id_ = item.get("id")
        return (None if id_ is None else str(id_)), item["text"], meta
    if isinstance(item, tuple):
        raise TypeError(f"item {index} is a tuple: pass {{'id': ..., 'text': ...}}, or (text, context) "
                        "pairs with as_tuples=True")
    raise TypeError(f"item {index}: expected str or a dict with 'text', not {type(item).__name__}")
