"""The campaign file: setup, imports with history, verification, scores, snapshots, history."""

from __future__ import annotations

import math
import threading

import pandas as pd
import pytest
from campaign_testdata import ROUND1, import_table, new_campaign, write_table

from dti_app.core.campaign import Campaign
from dti_app.core.campaign_schema import SCHEMA_VERSION
from dti_app.core.errors import CampaignError
from dti_app.core.imported import file_sha256
from dti_app.core.importer import import_inputs
from dti_app.core.scoring import score_units


@pytest.fixture
def campaign(tmp_path):
    c = new_campaign(tmp_path)
    import_table(c, write_table(tmp_path / "round1.csv", ROUND1))
    yield c
    c.close()


def shown(c: Campaign) -> dict[str, float]:
    return c.score().shown.dropna().to_dict()


def test_new_campaign_keeps_its_setup(tmp_path):
    path = tmp_path / "dot.dticampaign"
    with new_campaign(tmp_path) as c:
        assert c.year == 2024
        assert c.register().codes == ["D1", "D2", "D3", "D4"]
        assert c.register().code_set == "so"
        assert c.criteria().label == "thu-nghiem-dot-danh-gia v1"
        versions = c.criteria_versions()
        assert versions[["label", "current"]].values.tolist() == [["criteria_small.yaml", True]]
        assert versions.at[0, "sha256"] == c.criteria().sha256
        assert c.history()["kind"].tolist() == ["create", "criteria"]
        assert c.current_values()[0].empty
    head = path.read_bytes()[:20]
    assert head[:16] == b"SQLite format 3\x00"
    assert head[18:20] == b"\x02\x02"  # WAL journal mode, kept in the file
    with Campaign.open(path) as c:
        assert c.meta()["format"] == "dti-campaign"
        assert c._db().execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_existing_file_is_never_overwritten(tmp_path):
    target = tmp_path / "dot.dticampaign"
    target.write_bytes(b"keep me")
    with pytest.raises(CampaignError, match="đã có.*already exists"):
        new_campaign(tmp_path)
    assert target.read_bytes() == b"keep me"


def test_import_keeps_values_cells_and_files(campaign, tmp_path):
    values, cells, origin = campaign.current_values()
    assert list(values.index) == ["D1", "D2", "D3"]
    assert values.loc["D2"].tolist() == [0.0, 50.0, 1.0, 5.0]
    # header on row 1, D2 on row 3; columns: code=A, A.1=B, A.2=C
    assert cells.at["D2", "A.2"] == "C3"
    assert cells.at["D1", "B.2"] == "E2"
    assert origin.loc["D3"].tolist() == ["round1.csv", "round1"]
    subs = campaign.submissions()
    assert subs["sha256"].unique().tolist() == [file_sha256(tmp_path / "round1.csv")]
    [source] = campaign.files()
    assert (source.name, source.sha256, source.units) == (
        "round1.csv", file_sha256(tmp_path / "round1.csv"), ["D1", "D2", "D3"])
    assert subs["path"].iloc[0] == str((tmp_path / "round1.csv").resolve())
    d2 = campaign.submission_values(int(subs.loc[subs["unit"] == "D2", "id"].iloc[0]))
    assert d2.loc["A.1"].tolist() == [0.0, "B3", "không"]  # value, cell, as typed


def test_close_and_reopen_gives_identical_scores(campaign):
    campaign.set_verified("D3", "B.1", "có", note="Đã xem sàn TMĐT")
    before = campaign.score()
    campaign.close()
    with Campaign.open(campaign.path) as again:
        after = again.score()
    assert before.shown.dropna().to_dict() == {"D1": 96.0, "D2": 47.5, "D3": 80.0}
    pd.testing.assert_series_equal(before.shown, after.shown)
    pd.testing.assert_series_equal(before.rank, after.rank)
    pd.testing.assert_frame_equal(before.node_points, after.node_points)
    pd.testing.assert_frame_equal(before.pillar_shown, after.pillar_shown)


def test_reimport_keeps_history_and_restore_brings_back_the_old_values(campaign, tmp_path):
    revised = dict(ROUND1, D2=["không", 100, "có", 5])  # D2 revises A.2: 50 % → 100 %
    record = import_table(campaign, write_table(tmp_path / "round2.csv", revised))
    assert list(record.new) == ["D2"]
    assert record.unchanged == ["D1", "D3"]
    history = campaign.submissions("D2")
    assert history["file"].tolist() == ["round1.csv", "round2.csv"]
    assert campaign.submission_values(int(history["id"].iloc[0])).at["A.2", "value"] == 50.0
    assert history["current"].tolist() == [False, True]
    assert shown(campaign)["D2"] == 57.5  # 47.5 + 10 points for A.2 (20 × 50 %)

    campaign.restore_submission(int(history["id"].iloc[0]))
    assert campaign.submissions("D2")["current"].tolist() == [True, False]
    assert shown(campaign)["D2"] == 47.5
    assert campaign.current_values()[2].at["D2", "file"] == "round1.csv"
    kinds = campaign.history("D2")["kind"].tolist()
    assert kinds == ["submission", "submission", "restore"]


def test_same_file_imported_twice_adds_no_submission(campaign, tmp_path):
    record = import_table(campaign, tmp_path / "round1.csv")
    assert record.new == {}
    assert record.unchanged == ["D1", "D2", "D3"]
    assert len(campaign.submissions()) == 3


def test_restore_of_unknown_submission_is_refused(campaign):
    with pytest.raises(CampaignError, match="số 99.*submission 99"):
        campaign.restore_submission(99)


def test_verification_changes_the_final_score_and_keeps_all_three_values(campaign):
    assert shown(campaign) == {"D1": 96.0, "D2": 47.5, "D3": 55.0}
    campaign.set_verified("D2", "A.1", "có", note="Biên bản kiểm tra 12/3", who="An")
    # A.1 is yes/no worth 30 points: D2 goes from 47.50 to 77.50 and passes D3 (55.00)
    result = campaign.score()
    assert result.shown["D2"] == 77.5
    assert result.rank.dropna().to_dict() == {"D1": 1, "D2": 2, "D3": 3}
    layers = campaign.value_layers()
    assert layers["self_assessed"].at["D2", "A.1"] == 0.0
    assert layers["verified"].at["D2", "A.1"] == 1.0
    assert layers["final"].at["D2", "A.1"] == 1.0
    assert layers["verified"].drop(index="D2", columns="A.1", errors="ignore").isna().all().all()
    assert layers["final"].at["D1", "A.2"] == 80.0  # unverified: self-assessed
    log = campaign.verification_log()
    assert log[["unit", "leaf", "action", "value", "note", "who"]].values.tolist() == [
        ["D2", "A.1", "set", 1.0, "Biên bản kiểm tra 12/3", "An"]]


def test_clearing_a_verification_is_recorded(campaign):
    campaign.set_verified("D3", "B.2", "10", note="Số liệu Sở KH&ĐT")
    assert shown(campaign)["D3"] == 75.0  # B.2: 2 of 10 (5 points) → 10 of 10 (25 points)
    campaign.clear_verified("D3", "B.2", note="Số liệu chưa được xác nhận")
    assert shown(campaign)["D3"] == 55.0
    assert math.isnan(campaign.verified_values().at["D3", "B.2"])
    log = campaign.verification_log("D3")
    assert log["action"].tolist() == ["set", "clear"]
    assert log["note"].tolist() == ["Số liệu Sở KH&ĐT", "Số liệu chưa được xác nhận"]
    assert campaign.history("D3")["kind"].tolist() == ["submission", "verify", "clear"]
    with pytest.raises(CampaignError, match="không có giá trị thẩm định để xóa"):
        campaign.clear_verified("D3", "B.2", note="again")


@pytest.mark.parametrize("note", ["", "   ", None])
def test_a_verification_without_note_is_refused(campaign, note):
    with pytest.raises(CampaignError, match="Cần ghi chú.*A note is required"):
        campaign.set_verified("D2", "A.1", 1, note=note)
    assert campaign.verification_log().empty
    assert shown(campaign)["D2"] == 47.5


@pytest.mark.parametrize(("unit", "leaf", "value", "message"), [
    ("D2", "A.2", "150", "0–100"),                      # outside the valid range
    ("D2", "A.1", "có lẽ", "cần 'Có' hoặc 'Không'"),    # not a yes/no answer
    ("D2", "A", "1", "không phải chỉ số thành phần"),   # a main indicator, not a leaf
    ("D4", "A.1", "1", "chưa có dữ liệu tự đánh giá"),  # nothing submitted yet
    ("X9", "A.1", "1", "không có trong danh sách"),     # not in the register
])
def test_unusable_verified_values_are_refused(campaign, unit, leaf, value, message):
    with pytest.raises(CampaignError, match=message):
        campaign.set_verified(unit, leaf, value, note="kiểm tra")
    assert campaign.verification_log().empty


def test_verified_value_is_read_like_a_typed_cell(campaign):
    assert campaign.set_verified("D1", "A.2", "85,5 %", note="Theo hệ thống một cửa") == 85.5
    assert campaign.final_values().at["D1", "A.2"] == 85.5


def test_weight_versions_are_kept_and_can_be_switched(campaign):
    first = campaign.criteria()
    heavier = first.with_weights(points={"A.1": 60}, version="1-w")
    version = campaign.add_criteria_version(heavier, "A.1: 30 → 60 điểm")
    assert campaign.criteria().version == "1-w"
    # 130 points in all now; D3 has A.1 (60) + A.2 (20) + B.2 (5) = 85 → 85/130 × 100 = 65.38
    assert shown(campaign)["D3"] == 65.38
    versions = campaign.criteria_versions()
    assert versions["current"].tolist() == [False, True]
    assert versions["criteria"].tolist() == [
        "thu-nghiem-dot-danh-gia v1", "thu-nghiem-dot-danh-gia v1-w"]
    campaign.set_current_criteria(int(versions["id"].iloc[0]))
    assert campaign.criteria().sha256 == first.sha256
    assert shown(campaign)["D3"] == 55.0
    assert version == int(versions["id"].iloc[1])


def test_snapshots_keep_the_document_exports_were_made_from(campaign):
    document = campaign.results_document()
    snapshot = campaign.save_snapshot(document, "Công bố lần 1")
    campaign.set_verified("D2", "A.1", 1, note="sau công bố")
    assert campaign.snapshots()["label"].tolist() == ["Công bố lần 1"]
    kept = campaign.snapshot(snapshot)
    assert kept == document
    assert [u["score"] for u in kept["units"]] == [96.0, 47.5, 55.0, None]
    assert kept["criteria"]["sha256"] == campaign.criteria().sha256


def test_issues_follow_the_data_in_use(campaign, tmp_path):
    broken = dict(ROUND1, D3=["có", "nhiều", "không", 2])
    import_table(campaign, write_table(tmp_path / "round2.csv", broken))
    current = campaign.issues()
    assert [(i.code.value, i.file, i.cell, i.unit) for i in current] == [
        ("value_not_number", "round2.csv", "C4", "D3")]
    fixed = dict(ROUND1, D3=["có", "90", "không", 2])
    import_table(campaign, write_table(tmp_path / "round3.csv", fixed))
    assert campaign.issues() == []
    assert [i.cell for i in campaign.issues(current=False)] == ["C4"]


def test_read_only_campaign_never_writes(campaign):
    campaign.close()
    before = campaign.path.read_bytes()
    with Campaign.open(campaign.path, read_only=True) as c:
        assert shown(c) == {"D1": 96.0, "D2": 47.5, "D3": 55.0}
        with pytest.raises(CampaignError, match="chỉ để đọc.*read-only"):
            c.set_verified("D2", "A.1", 1, note="x")
    assert campaign.path.read_bytes() == before


def test_closed_campaign_says_so(campaign):
    campaign.close()
    with pytest.raises(CampaignError, match="đã đóng.*is closed"):
        campaign.score()


def test_usable_from_a_worker_thread(campaign):
    found: list = []

    def work() -> None:
        campaign.set_verified("D2", "B.2", 10, note="từ luồng phụ")
        found.append(campaign.score().shown["D2"])

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert found == [60.0]  # B.2: 5 of 10 (12.5 points) → 10 of 10 (25 points)


def test_a_63_province_campaign_scores_like_the_direct_import(tmp_path, table_csv, dti2022,
                                                               units63, repo):
    imported = import_inputs([table_csv(63)], dti2022, units63)
    direct = score_units(dti2022, imported.values, units63, imported.invalid)
    text = (repo / "criteria" / "dti_2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "dti2022.dticampaign"
    with Campaign.create(path, text, "63", 2022) as c:
        assert len(c.record_import(imported).new) == 63
    with Campaign.open(path) as c:
        assert c.criteria().sha256 == dti2022.sha256
        assert c.current_values()[0].shape == (63, len(dti2022.leaves))
        result = c.score()
    assert result.status.value_counts().to_dict() == {"scored": 63}
    pd.testing.assert_series_equal(result.shown, direct.shown)
    pd.testing.assert_series_equal(result.rank, direct.rank)
