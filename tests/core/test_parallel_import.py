"""Reading in several processes gives exactly what one process gives, with progress per file."""

from __future__ import annotations

import shutil

import pandas as pd

from dti_app.core import importer
from dti_app.core.importer import import_inputs


def test_two_workers_give_the_same_result_as_one(repo, tmp_path, dti2022, units63, monkeypatch):
    for path in sorted((repo / "sample_workbooks").glob("*.xlsx"))[:9]:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "hong.xlsx").write_bytes(b"not a workbook")
    monkeypatch.setattr(importer, "CHUNK", 2)  # several chunks from a few files
    ticks: list[int] = []
    one = import_inputs([tmp_path], dti2022, units63, 2022)
    two = import_inputs([tmp_path], dti2022, units63, 2022, workers=2,
                        progress=lambda done, total: ticks.append(done))
    assert ticks == list(range(1, 11))
    pd.testing.assert_frame_equal(one.values, two.values)
    pd.testing.assert_frame_equal(one.cells, two.cells)
    assert len(two.values) == 9
    assert [i.to_dict() for i in one.issues] == [i.to_dict() for i in two.issues]
    assert [i.code.value for i in two.issues if i.file == "hong.xlsx"] == ["file_not_spreadsheet"]
