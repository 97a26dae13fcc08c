"""Normalising unit names so that every common spelling of a name finds the same unit.

Two keys are made from a name:
- ``strict_key``: NFC, lower case, the prefixes "TP."/"Thành phố"/"Tỉnh" removed, hyphens, dashes
  and dots made spaces, spaces collapsed, and the tone mark of each word moved to one canonical
  place (so old "Hòa" and new "Hoà" agree).
- ``loose_key``: the strict key without any diacritics (đ → d) and without spaces, for text typed
  without accents ("Dak Lak", "Kontum").
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["strict_key", "loose_key"]

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_PREFIX = re.compile(r"^(thành phố|thanh pho|tỉnh|tinh)\s+|^tp\b\.?\s*|^tp(?=[a-zđ])")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.,/()]+")


def _canonical_tones(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", base + "".join(tones))


def strict_key(name: str) -> str:
    text = unicodedata.normalize("NFC", str(name)).replace("\u00a0", " ").strip().lower()
    text = _PREFIX.sub("", re.sub(r"\s+", " ", text), count=1)  # "Thành  phố" is a prefix too
    words = [w for w in _SEPARATORS.split(text) if w]
    return " ".join(_canonical_tones(w) for w in words)


def loose_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", strict_key(name).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != " ")
