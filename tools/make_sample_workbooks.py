"""Write the 63 SYNTHETIC sample self-assessment workbooks (DTI 2022) into sample_workbooks/.

Usage: python tools/make_sample_workbooks.py [--out DIR] [--seed N]

The values come from ``dti_app.core.sample_data.generate_values`` (seeded, deterministic) and every
timestamp inside the files is fixed, so running this again gives byte-identical files. Each
workbook says on its cover that it is synthetic; so does sample_workbooks/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dti_app.core.atomic import atomic_write_bytes  # noqa: E402
from dti_app.core.bundled import default_criteria_path  # noqa: E402
from dti_app.core.criteria_load import load_criteria  # noqa: E402
from dti_app.core.sample_data import SAMPLE_SEED, generate_values  # noqa: E402
from dti_app.core.template import write_template  # noqa: E402
from dti_app.core.template_layout import template_filename  # noqa: E402
from dti_app.core.units import builtin_register  # noqa: E402

STAMP = datetime(2023, 1, 1)
README = """# Phiếu tự đánh giá mẫu / Sample self-assessment workbooks

**DỮ LIỆU TỔNG HỢP (SYNTHETIC). Không phải số liệu thật của bất kỳ địa phương nào.**
**SYNTHETIC DATA. These are not the real figures of any province or city.**

{n} phiếu tự đánh giá DTI {year} (bộ tiêu chí `{criteria}`, bộ mã đơn vị 63), mỗi tỉnh, thành phố
một tệp, được điền bằng giá trị sinh ngẫu nhiên có hạt giống cố định (seed {seed}): có tỉnh mạnh,
tỉnh yếu và khác biệt giữa các vùng, để thử phần mềm (`dti-scorer demo`). Trang bìa của mỗi tệp
ghi rõ là dữ liệu mẫu.

{n} DTI {year} self-assessment workbooks (criteria `{criteria}`, code set 63), one per province or
city, filled with seeded random values (seed {seed}) with strong and weak units and regional
differences, for trying the tool (`dti-scorer demo`). Each file's cover says it is synthetic.

Tạo lại / regenerate (the same bytes every time):

```bash
python tools/make_sample_workbooks.py
```
"""


def write_samples(out: Path, seed: int = SAMPLE_SEED, codes: list[str] | None = None
                  ) -> list[Path]:
    """Write the sample workbooks (all 63, or those of ``codes``) and the README into ``out``."""
    criteria = load_criteria(default_criteria_path("2022"))
    register = builtin_register("63")
    year = criteria.year or 2022
    values = generate_values(criteria, register, seed)
    written = []
    for unit in register.units:
        if codes is not None and unit.code not in codes:
            continue
        path = Path(out) / template_filename(unit, year)
        write_template(
            criteria, unit, register.code_set, year, path,
            values={code: float(v) for code, v in values.loc[unit.code].items()},
            contact={"contact_agency": f"Sở Thông tin và Truyền thông {unit.name_vi} (mẫu)",
                     "contact_name": "Dữ liệu mẫu / Synthetic"},
            synthetic=True, when=STAMP)
        written.append(path)
    text = README.format(n=len(register), year=year, criteria=criteria.label, seed=seed)
    atomic_write_bytes(Path(out) / "README.md", text.encode("utf-8"))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "sample_workbooks"))
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    written = write_samples(Path(args.out), args.seed)
    print(f"{len(written)} workbooks in {args.out} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
