"""One-page scorecards and the export of everything at once."""

from __future__ import annotations

import io
import re
import warnings

import pytest
from export_testdata import sample_case, small_case

from dti_app.core.exports import CHARTS_DIR, SCORECARDS_DIR, WORKBOOK_NAME, export_all
from dti_app.core.gain import points_to_gain
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.scorecard import scorecard_figure, scorecard_filename, write_scorecards


def _texts(fig) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # a missing glyph would warn
        fig.savefig(io.BytesIO(), format="png", dpi=25)
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.fixture(scope="module")
def case63():
    return sample_case()


def test_scorecard_of_a_ranked_unit(case63):
    criteria, register, values, result = case63
    code = "48"
    issue = Issue.warning(IssueCode.VALUE_CLEANED, file="48.xlsx", sheet="Phiếu", cell="D17",
                          unit=code, node="NTS.05", value="85,5 %", params={"cleaned": "85.5"})
    texts = _texts(scorecard_figure(result, register, code, [issue], values))
    assert "Đà Nẵng" in texts
    assert f"{result.shown[code]:.4f}" in texts
    rank = int(result.rank[code])
    assert any(t.startswith(f"Xếp hạng {rank}/60 · hạng ") and t.endswith("trong vùng")
               for t in texts)
    for p in criteria.pillars:
        assert f"{result.pillar_shown.at[code, p.code]:.4f}" in texts
    gains = points_to_gain(criteria, result.leaf_fraction, code, values).head(5)
    shown_codes = [t for t in texts if re.fullmatch(r"[A-Z]+\.\d\d", t)]
    assert shown_codes == list(gains["leaf"])
    top = gains.iloc[0]
    assert f"{top['available']:.2f}".rstrip("0").rstrip(".") in texts
    assert "Vấn đề dữ liệu đã phát hiện (1)" in texts
    assert any("[Phiếu › D17]" in t and "85.5" in t for t in texts)
    assert any("DTI 2022" in t and "bộ mã 63" in t for t in texts)


def test_scorecard_of_units_not_ranked(case63):
    criteria, register, values, result = case63
    missing = Issue.error(IssueCode.UNIT_MISSING, unit="02")
    texts = _texts(scorecard_figure(result, register, "02", [missing], values))
    assert "Không xếp hạng: chưa nộp" in texts
    assert any("Chưa có dữ liệu của 02" in t for t in texts)
    texts = _texts(scorecard_figure(result, register, "06", [], values, lang="en"))
    assert "Not ranked: invalid" in texts and "No data problems found." in texts


def test_write_scorecards_one_file_per_unit_and_a_combined_pdf(tmp_path, case63):
    criteria, register, values, result = case63
    seen = []
    written = write_scorecards(tmp_path, result, register, result.issues, values,
                               units=["79", "02"], progress=lambda d, n: seen.append(d))
    assert [p.name for p in written] == ["scorecard_79_ho-chi-minh.pdf",
                                         "scorecard_02_ha-giang.pdf", "scorecards.pdf"]
    assert seen == [1, 2]
    for path in written[:2]:
        assert _pages(path.read_bytes()) == 1
    assert _pages(written[-1].read_bytes()) == 2
    assert scorecard_filename(register, "48") == "scorecard_48_da-nang"


def test_cancelled_scorecards_keep_the_previous_combined_pdf(tmp_path, case63):
    criteria, register, values, result = case63
    combined = tmp_path / "scorecards.pdf"
    combined.write_bytes(b"%PDF old")
    done = []
    written = write_scorecards(tmp_path, result, register, [], values, units=["01", "79"],
                               progress=lambda d, n: done.append(d),
                               cancelled=lambda: len(done) >= 1)
    assert [p.name for p in written] == ["scorecard_01_ha-noi.pdf"]
    assert combined.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scorecard_01_ha-noi.pdf",
                                                          "scorecards.pdf"]


def test_export_all_writes_workbook_charts_and_scorecards(tmp_path):
    criteria, register, imported, result, issues = small_case(tmp_path)
    steps = []
    outcome = export_all(tmp_path / "out", result, register, issues, imported.files,
                         imported.values, formats=("png",),
                         progress=lambda d, n: steps.append((d, n)))
    out = tmp_path / "out"
    assert outcome.workbook == out / WORKBOOK_NAME and outcome.workbook.exists()
    assert [p.name for p in outcome.charts] == ["ranking.png", "pillars.png", "heatmap.png"]
    assert all(p.parent == out / CHARTS_DIR for p in outcome.charts)
    assert [p.name for p in outcome.scorecards][-1] == "scorecards.pdf"
    assert len(outcome.scorecards) == 5 + 1 and outcome.scorecards[0].parent == out / SCORECARDS_DIR
    assert steps == [(i, 1 + 3 + 5) for i in range(1, 10)]
    assert not outcome.cancelled and outcome.warnings == []


def test_export_all_stops_when_cancelled(tmp_path):
    criteria, register, imported, result, issues = small_case(tmp_path)
    steps = []
    outcome = export_all(tmp_path / "out", result, register, issues, imported.files,
                         imported.values, formats=("png",),
                         progress=lambda d, n: steps.append(d), cancelled=lambda: len(steps) >= 2)
    assert outcome.cancelled and outcome.workbook is not None
    assert [p.name for p in outcome.charts] == ["ranking.png"] and outcome.scorecards == []
