"""The user guides: every issue code explained, every link and picture there, the FAQ's numbers right.

Both guides (``docs/huong-dan.md``, ``docs/guide.md``) are checked against ``IssueCode``: a code
added without an explanation, or an explanation left for a code that no longer exists, fails. The
FAQ's worked example is recomputed with the scoring engine and the shipped DTI 2022 criteria.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dti_app.core.bundled import GUIDES, bundled_dir, default_criteria_path, guide_path
from dti_app.core.criteria_load import load_criteria
from dti_app.core.issues import IssueCode
from dti_app.core.ranking import competition_rank, round_shown
from dti_app.core.scoring import score_units

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDE_FILES = [DOCS / name for name in GUIDES.values()]
ENTRY = re.compile(r"^- \*\*`([a-z0-9_]+)`\*\*", re.M)          # - **`value_trailing_text`** …
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
# The FAQ's example: main indicator values of one province (DTI 2022 structure).
EXAMPLE = {"NTS": 1.0, "TCS": 0.9, "HTS": 0.8253, "NLS": 0.8487, "ATTT": 0.7578,
           "HDCQS": 0.8575, "HDKTS": 0.7836, "HDXHS": 0.5197}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _number(value: float, lang: str, decimals: int = 4) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "vi" else text


def _slug(heading: str) -> str:
    """The anchor a Markdown renderer gives a heading: lower case, punctuation dropped, '-'."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def _lang(path: Path) -> str:
    return "vi" if path.name == GUIDES["vi"] else "en"


@pytest.mark.parametrize("path", GUIDE_FILES, ids=lambda p: p.name)
def test_the_guide_explains_every_issue_code_once(path):
    documented = ENTRY.findall(_text(path))
    assert sorted(c for c in set(documented) if documented.count(c) > 1) == []
    codes = {code.value for code in IssueCode}
    assert sorted(codes - set(documented)) == []          # codes nobody explained
    assert sorted(set(documented) - codes) == []          # explanations of codes that are gone


@pytest.mark.parametrize("path", GUIDE_FILES, ids=lambda p: p.name)
def test_links_and_pictures_resolve(path):
    text = _text(path)
    anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
    targets = LINK.findall(text)
    assert len(targets) > 10
    broken = []
    for target in targets:
        if target.startswith(("http://", "https://", "mailto:")):
            broken.append(target)                          # the guide must work offline
        elif target.startswith("#"):
            if target[1:] not in anchors:
                broken.append(target)
        elif not (path.parent / target.split("#")[0]).resolve().is_file():
            broken.append(target)
    assert broken == []


def test_both_guides_show_the_same_screenshots():
    shown = [sorted(re.findall(r"!\[[^\]]*\]\((screenshots/[^)]+\.png)\)", _text(p)))
             for p in GUIDE_FILES]
    assert shown[0] == shown[1]
    assert "screenshots/ranking.png" in shown[0] and len(shown[0]) >= 6


def test_the_faq_example_is_what_the_tool_computes():
    criteria = load_criteria(default_criteria_path("2022"))
    leaves = list(criteria.leaves)
    fraction = pd.DataFrame([[EXAMPLE.get(criteria.main_of(leaf), np.nan) for leaf in leaves]],
                            index=["48"], columns=leaves)
    result = score_units(criteria, pd.DataFrame(index=["48"], columns=leaves, dtype=float),
                         leaf_fraction=fraction)
    points = sum(value * criteria.max_points(code) for code, value in EXAMPLE.items())
    assert points == pytest.approx(800.175)
    assert result.shown["48"] == pytest.approx(0.8002)
    pillars = {p.code: (criteria.pillar_points(p), result.pillar_shown.at["48", p.code])
               for p in criteria.pillars}
    assert pillars == {"CQS": (700, pytest.approx(0.8638)), "KTS": (650, pytest.approx(0.8473)),
                       "XHS": (650, pytest.approx(0.7864))}
    for path in GUIDE_FILES:
        faq = _text(path).split("\n## 6.")[1].split("\n## 7.")[0]
        lang = _lang(path)
        assert f"**{_number(0.8002, lang)}**" in faq
        assert _number(points, lang, 3) in faq
        for denominator, shown in pillars.values():
            assert f"**{denominator:.0f}**" in faq and _number(shown, lang) in faq
        for value in EXAMPLE.values():
            assert _number(value, lang).rstrip("0").rstrip(",.") in faq


def test_the_faq_tie_example_shares_a_rank():
    shown = round_shown(pd.Series([0.81234, 0.81226, 0.8]), 4)
    assert list(shown) == [0.8123, 0.8123, 0.8]
    assert list(competition_rank(shown)) == [1, 1, 3]
    for path in GUIDE_FILES:
        lang = _lang(path)
        assert all(_number(v, lang, 5) in _text(path) for v in (0.81234, 0.81226))
        assert "(1, 2, 2, 4)" in _text(path)


@pytest.mark.parametrize("path", GUIDE_FILES, ids=lambda p: p.name)
def test_the_guide_says_the_sub_indicators_are_illustrative(path):
    faq = _text(path).split("\n## 6.")[1]
    assert ("minh họa" if _lang(path) == "vi" else "ILLUSTRATIVE") in faq


def test_the_app_finds_the_guides():
    assert guide_path("vi").name == "huong-dan.md" and guide_path("en").name == "guide.md"
    assert guide_path("fr") == guide_path("vi")                # Vietnamese unless asked
    assert guide_path("vi").read_text(encoding="utf-8") == _text(DOCS / "huong-dan.md")
    assert (bundled_dir("docs") / "screenshots").is_dir()
