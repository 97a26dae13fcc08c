"""What the frozen app carries besides code, and where it goes inside the bundle.

The data files keep the places the code looks for them in an installed wheel
(``dti_app/core/bundled.py``, ``dti_app/gui/translations.py``, ``importlib.resources`` for the
unit registers), so the same lookups work in the frozen app. Used by ``dti_app.spec`` to collect
them and by ``tools/build_app.py`` to check the built folder.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA", "data_files", "REQUIRED", "MPL_BACKENDS", "EXCLUDES"]

# (folder in the repository, file patterns, folder inside the bundle)
DATA: list[tuple[str, tuple[str, ...], str]] = [
    ("criteria", ("*.yaml", "*.md"), "dti_app/_bundled/criteria"),
    ("sample_workbooks", ("*.xlsx", "*.md"), "dti_app/_bundled/sample_workbooks"),
    ("docs", ("*.md",), "dti_app/_bundled/docs"),
    ("docs/screenshots", ("*.png",), "dti_app/_bundled/docs/screenshots"),
    ("dti_app/gui/i18n", ("*.qm", "*.ts"), "dti_app/gui/i18n"),
    ("dti_app/core/data", ("*.csv",), "dti_app/core/data"),
]

# Files a working bundle must hold (relative to the bundle's data folder).
REQUIRED = [
    "dti_app/_bundled/criteria/dti_2022.yaml",
    "dti_app/_bundled/criteria/dti_2024.yaml",
    "dti_app/_bundled/sample_workbooks/DTI2022_48_Da_Nang.xlsx",
    "dti_app/_bundled/docs/huong-dan.md",
    "dti_app/_bundled/docs/guide.md",
    "dti_app/gui/i18n/dti_app_vi.qm",
    "dti_app/core/data/units_63.csv",
    "dti_app/core/data/units_34.csv",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSans-Bold.ttf",
    "matplotlib/mpl-data/matplotlibrc",
]

# Agg draws (PNG and the app's canvas), PDF and SVG are the export formats, QtAgg the app's.
MPL_BACKENDS = ["Agg", "PDF", "SVG", "QtAgg"]

# Never needed at run time; keeps a build from a crowded Python small.
EXCLUDES = [
    "tkinter", "_tkinter", "IPython", "jupyter_client", "ipykernel", "notebook", "pytest",
    "_pytest", "hypothesis", "pytestqt", "scipy", "sympy", "PyQt5", "PyQt6", "PySide2",
    "torch", "tensorflow", "pyarrow", "numba", "numexpr", "bottleneck", "tables", "sqlalchemy",
    "jinja2", "botocore", "boto3", "s3fs", "fsspec", "requests", "urllib3", "charset_normalizer",
    "bs4", "lxml", "odf", "xlrd", "xlsxwriter", "pyxlsb", "setuptools", "pip",
]


def data_files(repo: Path) -> list[tuple[str, str]]:
    """(source file, destination folder in the bundle) for every data file, for ``Analysis``."""
    found: list[tuple[str, str]] = []
    for folder, patterns, dest in DATA:
        for pattern in patterns:
            found += [(str(path), dest) for path in sorted((repo / folder).glob(pattern))]
    return found
