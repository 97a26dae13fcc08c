"""One file's notes: a notation used consistently is said once, anything else is kept as it is."""

from __future__ import annotations

from dti_app.core.criteria import Node, Rule
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.messages import render_issue
from dti_app.core.value_notes import summarise_notes
from dti_app.core.values import UNKNOWN, parse_value

PERCENT = Node("A.1", "A", "Tỷ lệ", "Rate", points=10, rule=Rule("target", {"target": 100}),
               unit="%", valid_range=(0, 100))
COUNT = Node("A.2", "A", "Số", "Count", points=10, rule=Rule("target", {"target": 10}),
             unit="số lượng", valid_range=(0, 100000))


def read(cells: dict[str, object], node: Node = COUNT, storage: str = "typed") -> list[Issue]:
    issues: list[Issue] = []
    for cell, raw in cells.items():
        issues += parse_value(raw, node, percent_storage=storage, file="a.xlsx", sheet="Chỉ số",
                              cell=cell, unit="48")[1]
    return issues


def test_one_notation_is_said_once_in_place_of_the_first_note():
    other = Issue.warning(IssueCode.ROW_MOVED, file="a.xlsx", cell="F3", node="A.9")
    issues = [other] + read({"F5": "12,5", "F6": "1.234,5", "F7": "abc", "F8": "12 345",
                             "F9": "7,25"})
    out = summarise_notes(issues)
    assert [(i.code.value, i.cell) for i in out] == [
        ("row_moved", "F3"), ("value_notation_summary", "F5"), ("value_not_number", "F7")]
    summary = out[1]
    assert (summary.file, summary.sheet, summary.unit) == ("a.xlsx", "Chỉ số", "48")
    assert summary.params["count"] == 4          # the plain "12 345" goes with either notation
    assert render_issue(summary) == (
        "4 ô của tệp viết số theo cùng một cách: dấu phẩy là dấu thập phân, dấu chấm tách hàng "
        "nghìn (1.234,5). Ví dụ ô F5 ghi '12,5', đã đọc là 12,5; mọi ô như vậy đều được đọc "
        "theo cách này")
    assert render_issue(summary, "en").endswith(
        "For example cell F5 holds '12,5', read as 12.5; every such cell was read this way")


def test_two_notations_in_one_file_keep_every_note():
    issues = read({"F5": "12,5", "F6": "1,234.5", "F7": "7,25"})
    assert summarise_notes(issues) == issues


def test_a_single_note_is_kept_with_its_cell():
    issues = read({"F5": "12,5", "F6": "12"})
    assert summarise_notes(issues) == issues and issues[0].cell == "F5"


def test_yes_no_words_and_dates_are_not_summarised():
    node = Node("A.3", "A", "Có/không", "Yes/no", points=10, rule=Rule("yes_no", {}),
                unit="có/không")
    issues = read({"F5": "x", "F6": "yes", "F7": "co"}, node)
    assert len(issues) == 3 and summarise_notes(issues) == issues


def test_percentages_of_unknown_storage_are_summarised_apart_from_numbers():
    fractions = read({"F5": 0.855, "F6": 0.5, "F7": 1.0}, PERCENT, UNKNOWN)
    numbers = read({"F8": "12,5", "F9": "3,5"})
    out = summarise_notes(fractions + numbers)
    assert [(i.code.value, i.params["notation"], i.params["count"]) for i in out] == [
        ("value_notation_summary", "percent_fraction", 3),
        ("value_notation_summary", "comma", 2)]
    assert render_issue(out[0]) == (
        "3 ô của tệp viết số theo cùng một cách: ô phần trăm lưu phân số, như ô định dạng phần "
        "trăm (0,855 là 85,5 %). Ví dụ ô F5 ghi '0,855', đã đọc là 85,5; mọi ô như vậy đều được "
        "đọc theo cách này")


def test_fractions_and_percentages_mixed_keep_each_reading_visible():
    issues = read({"F5": 0.855, "F6": 1.5, "F7": 60.0}, PERCENT, UNKNOWN)
    out = summarise_notes(issues)
    assert out == issues
    assert [i.code.value for i in out] == ["value_percent_scaled", "value_percent_as_typed",
                                           "value_percent_as_typed"]
    assert "ô hiển thị 150 %" in render_issue(out[1])


def test_errors_are_never_summarised():
    issues = read({"F5": "1.234", "F6": "2,500"})
    assert [i.severity.value for i in issues] == ["error", "error"]
    assert summarise_notes(issues) == issues
