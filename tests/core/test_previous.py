"""Year over year: last round's results from a campaign file or a JSON result, and the changes."""

from __future__ import annotations

import pytest
from campaign_testdata import ROUND1, import_table, new_campaign, write_table

from dti_app.core.campaign import Campaign
from dti_app.core.errors import CampaignError
from dti_app.core.previous import compare_with_previous, load_previous
from dti_app.core.report import write_json


@pytest.fixture
def last_year(tmp_path):
    """Round 1 as last year's campaign: D1 96.00 (1), D3 55.00 (2), D2 47.50 (3)."""
    with new_campaign(tmp_path, "2023.dticampaign", 2023) as c:
        import_table(c, write_table(tmp_path / "round1.csv", ROUND1))
    return c.path


def this_year(tmp_path):
    """This year: D2 gains A.1 (+30 → 77.50), D4 is new, D3 unchanged, D1 loses B.1 (−25)."""
    rows = dict(ROUND1, D1=["có", 80, "không", 10], D2=["có", 50, "có", 5],
                D4=["không", 0, "không", 0])
    c = new_campaign(tmp_path, "2024.dticampaign", 2024)
    import_table(c, write_table(tmp_path / "round-2024.csv", rows))
    return c


def test_rank_and_score_changes_against_a_previous_campaign(tmp_path, last_year):
    previous = load_previous(last_year)
    assert previous.year == 2023 and previous.code_set == "so"
    assert previous.table["rank"].to_dict() == {"D1": 1, "D2": 3, "D3": 2}
    with this_year(tmp_path) as c:
        result = c.score()
        table = compare_with_previous(result, previous, c.register().code_set)
    # now: D2 77.50 (1), D1 71.00 (2), D3 55.00 (3), D4 0.00 (4)
    assert table.loc["D2"].tolist() == [1, 3, 2, 77.5, 47.5, 30.0]
    assert table.loc["D1"].tolist() == [2, 1, -1, 71.0, 96.0, -25.0]
    assert table.loc["D3", "rank_change"] == -1
    assert table.loc["D3", "score_change"] == 0.0
    assert table.loc["D4", "rank"] == 4
    assert table.loc["D4", ["previous_rank", "rank_change"]].isna().all()
    assert list(table.columns) == ["rank", "previous_rank", "rank_change", "score",
                                   "previous_score", "score_change"]


def test_previous_campaign_gives_what_was_published(tmp_path, last_year):
    with Campaign.open(last_year) as c:
        c.save_snapshot(c.results_document(), "Công bố 2023")
        c.set_verified("D2", "B.2", 10, note="sau công bố")  # D2 would now be 60.00
    assert load_previous(last_year).table.at["D2", "score"] == 47.5


def test_previous_from_a_json_result(tmp_path, last_year):
    with Campaign.open(last_year, read_only=True) as c:
        write_json(c.results_document(), tmp_path / "2023.json")
    previous = load_previous(tmp_path / "2023.json")
    assert previous.table["score"].to_dict() == {"D1": 96.0, "D2": 47.5, "D3": 55.0}
    # pillar CQS = indicator A (50 points) on the 0–100 scale: D2 has 0 + 10 points → 20.00
    assert previous.pillars.at["D2", "CQS"] == 20.0
    assert previous.criteria == "thu-nghiem-dot-danh-gia v1"


def test_units_are_not_matched_across_code_sets(tmp_path, last_year):
    previous = load_previous(last_year)
    with this_year(tmp_path) as c:
        with pytest.raises(CampaignError, match="bộ mã đơn vị so.*63"):
            compare_with_previous(c.score(), previous, "63")


@pytest.mark.parametrize("content", [b"code,score\nD1,1\n", b"{not json", b'{"units": 3}'])
def test_unreadable_previous_files_are_reported(tmp_path, content):
    path = tmp_path / "previous.txt"
    path.write_bytes(content)
    with pytest.raises(CampaignError, match="Không đọc được kết quả năm trước"):
        load_previous(path)
