"""Properties of the unit-name matcher, on random spellings of every unit's names.

Each example takes a name (or a spelling variant) of a unit of the 63 or 34 register and types it
the way people do: random case, NFC or NFD, with or without diacritics, extra spaces, a "TP." /
"Thành phố" / "Tỉnh" prefix, hyphens and dashes swapped, the tone mark on another vowel of the
word (old "Hòa" / new "Hoà"). It must still find the same unit. Random text never raises: it finds
a unit or gives ``unit_unknown`` / ``unit_ambiguous`` / ``unit_former``.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dti_app.core.units import builtin_register

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
TONES = "\u0300\u0301\u0303\u0309\u0323"
VOWELS = set("aăâeêioôơuưy")
PREFIXES = ["TP. ", "TP.", "TP ", "Tp. ", "tp ", "Thành phố ", "THÀNH PHỐ ", "Thanh pho ",
            "Tỉnh ", "tỉnh ", "Tinh "]
DASHES = ["-", "–", "—", "‑", " - ", " – ", "-  "]
STARTS_WITH_PREFIX = re.compile(r"^(thành phố|thanh pho|tỉnh|tinh|tp)([\s.]|$|(?=[a-zđ]))")
REGISTERS = {cs: builtin_register(cs) for cs in ("63", "34")}


def _spellings(code_set: str) -> list[tuple[str, str]]:
    """(unit code, one of its names) for every name and variant of every unit."""
    return [(u.code, name) for u in REGISTERS[code_set].units
            for name in dict.fromkeys((u.name_vi, u.name_en, *u.variants)) if name]


def _strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _move_tones(text: str, draw) -> str:
    """Put each word's tone mark on a vowel of the word chosen at random."""
    words = re.split(r"(\s+)", unicodedata.normalize("NFD", text))
    out = []
    for word in words:
        tones = [ch for ch in word if ch in TONES]
        base = [ch for ch in word if ch not in TONES]
        slots = [i for i, ch in enumerate(base) if ch.lower() in VOWELS]
        if len(tones) != 1 or len(slots) < 2:
            out.append(word)
            continue
        at = draw(st.sampled_from(slots))
        # the tone follows the vowel's own marks (circumflex, breve, horn) as NFD orders them
        end = at + 1
        while end < len(base) and unicodedata.combining(base[end]):
            end += 1
        out.append("".join(base[:end]) + tones[0] + "".join(base[end:]))
    return unicodedata.normalize("NFC", "".join(out))


def _swap_dashes(text: str, draw) -> str:
    return re.sub(r"\s*[-‐‑‒–—―]\s*", lambda m: draw(st.sampled_from(DASHES)), text)


def _space_out(text: str, draw) -> str:
    text = re.sub(r"\s+", lambda m: draw(st.sampled_from([" ", "  ", "   ", "\u00a0", " \t"])),
                  text)
    return draw(st.sampled_from(["", " ", "  ", "\u00a0"])) + text + \
        draw(st.sampled_from(["", " ", "   "]))


def _random_case(text: str, draw) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(ch.upper() if up else ch.lower() for ch, up in zip(text, flips))


def _typed(name: str, draw) -> str:
    """``name`` as someone might type it."""
    text = name
    if draw(st.booleans()):
        text = _move_tones(text, draw)
    if draw(st.booleans()):
        text = _swap_dashes(text, draw)
    if draw(st.booleans()) and not STARTS_WITH_PREFIX.match(text.lower()):
        text = draw(st.sampled_from(PREFIXES)) + text
    if draw(st.booleans()):
        text = _strip_diacritics(text)
    if draw(st.booleans()):
        text = _space_out(text, draw)
    if draw(st.booleans()):
        text = _random_case(text, draw)
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD", "NFKC"])), text)


@SETTINGS
@given(data=st.data())
def test_any_typing_of_a_63_name_finds_the_same_unit(data):
    code, name = data.draw(st.sampled_from(_spellings("63")))
    typed = _typed(name, data.draw)
    found = REGISTERS["63"].resolve(typed)
    assert found.issue is None, (name, typed, found.issue)
    assert found.unit.code == code


@SETTINGS
@given(data=st.data())
def test_any_typing_of_a_34_name_finds_the_same_unit(data):
    code, name = data.draw(st.sampled_from(_spellings("34")))
    typed = _typed(name, data.draw)
    found = REGISTERS["34"].resolve(typed)
    assert found.issue is None, (name, typed, found.issue)
    assert found.unit.code == code


def _former_only() -> list[tuple[str, str]]:
    """Names of the 63 provinces that are no unit of the 34 (merged away), with the new label."""
    r34 = REGISTERS["34"]
    out = []
    for unit in REGISTERS["63"].units:
        merged = r34.by_code[unit.merged_into] if unit.merged_into in r34.by_code else None
        for name in (unit.name_vi, *unit.variants):
            if merged and name and r34.resolve(name).unit is None:
                out.append((merged.label, name))
    return out


def test_the_former_names_are_a_real_sample():
    assert len(_former_only()) >= 29          # 63 - 34 provinces merged away, at least a name each


@SETTINGS
@given(data=st.data())
def test_a_former_province_typed_anyhow_is_unit_former_in_the_34_set(data):
    label, name = data.draw(st.sampled_from(_former_only()))
    typed = _typed(name, data.draw)
    found = REGISTERS["34"].resolve(typed)
    assert found.unit is None and found.issue.code.value == "unit_former", (name, typed)
    assert found.issue.params["merged_into"] == label


@SETTINGS
@given(data=st.data())
def test_a_code_typed_as_number_or_text_finds_its_unit(data):
    code_set = data.draw(st.sampled_from(["63", "34"]))
    unit = data.draw(st.sampled_from(REGISTERS[code_set].units))
    n = int(unit.code)
    typed = data.draw(st.sampled_from([unit.code, str(n), n, float(n), f" {unit.code} "]))
    assert REGISTERS[code_set].resolve(typed).unit.code == unit.code


ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậ -–.TPtp", max_size=30),
    st.sampled_from(["", " ", "TP.", "Tỉnh", "Thành phố", "-", "–", "\u0301", "\x00", "Hà",
                     "Hà Nội Hà Nội", "Quảng", "Bình", "99", "0", "-1", "1e3"]),
)
ANY_VALUE = st.one_of(ANY_TEXT, st.none(), st.integers(), st.floats(), st.booleans())


@settings(max_examples=300, deadline=None)
@given(code_set=st.sampled_from(["63", "34"]), value=ANY_VALUE)
def test_random_text_finds_a_unit_or_says_why_not(code_set, value):
    found = REGISTERS[code_set].resolve(value)
    if found.unit is not None:
        assert found.issue is None
        assert found.unit.code in REGISTERS[code_set].by_code
    else:
        assert found.issue.code.value in ("unit_unknown", "unit_ambiguous", "unit_former")
        assert found.issue.severity.value == "error"
