"""Sentences for every issue code, in Vietnamese (default) and English.

Each template is formatted with the issue's fields (file, sheet, cell, unit, node, value) and its
``params``. A missing parameter never crashes rendering: it shows as '?'.
"""

from __future__ import annotations

import string

from dti_app.core.issues import Issue, IssueCode
from dti_app.core.number_text import plain_number

__all__ = ["MESSAGES", "render_issue", "render_resolution", "LANGUAGES"]

LANGUAGES = ("vi", "en")

C = IssueCode
MESSAGES: dict[IssueCode, dict[str, str]] = {
    C.CRITERIA_UNREADABLE: {
        "vi": "Không đọc được tệp tiêu chí: {reason}",
        "en": "Cannot read the criteria file: {reason}",
    },
    C.CRITERIA_SYNTAX: {
        "vi": "Tệp tiêu chí sai cú pháp YAML (dòng {line}): {reason}",
        "en": "The criteria file is not valid YAML (line {line}): {reason}",
    },
    C.CRITERIA_MISSING_FIELD: {
        "vi": "Thiếu trường bắt buộc '{field}' ({where})",
        "en": "Required field '{field}' is missing ({where})",
    },
    C.CRITERIA_UNKNOWN_KEY: {
        "vi": "Trường không được hỗ trợ '{field}' ({where}); có phải gõ nhầm?",
        "en": "Unsupported field '{field}' ({where}); a typo?",
    },
    C.CRITERIA_BAD_VALUE: {
        "vi": "Giá trị không hợp lệ cho '{field}' ({where}): {value}",
        "en": "Invalid value for '{field}' ({where}): {value}",
    },
    C.CRITERIA_EMPTY: {
        "vi": "Bộ tiêu chí không có chỉ tiêu nào",
        "en": "The framework has no indicators",
    },
    C.CRITERIA_DUPLICATE_CODE: {
        "vi": "Mã '{node}' bị trùng (xuất hiện {count} lần)",
        "en": "Code '{node}' is duplicated ({count} times)",
    },
    C.CRITERIA_UNKNOWN_PARENT: {
        "vi": "Chỉ tiêu '{node}' có chỉ tiêu cha '{parent}' không tồn tại",
        "en": "Node '{node}' names an unknown parent '{parent}'",
    },
    C.CRITERIA_CYCLE: {
        "vi": "Chỉ tiêu '{node}' nằm trong một vòng lặp cha–con",
        "en": "Node '{node}' is part of a parent cycle",
    },
    C.CRITERIA_NEGATIVE_WEIGHT: {
        "vi": "Chỉ tiêu '{node}' có {field} âm ({value})",
        "en": "Node '{node}' has a negative {field} ({value})",
    },
    C.CRITERIA_MISSING_POINTS: {
        "vi": "Chỉ tiêu '{node}' cần có điểm tối đa 'points' vì chỉ tiêu cha cộng điểm",
        "en": "Node '{node}' needs 'points' because its parent sums points",
    },
    C.CRITERIA_POINTS_MISMATCH: {
        "vi": "Chỉ tiêu '{node}' khai báo {declared} điểm nhưng các chỉ tiêu con cộng lại {total}",
        "en": "Node '{node}' declares {declared} points but its children add up to {total}",
    },
    C.CRITERIA_UNKNOWN_AGGREGATION: {
        "vi": "Chỉ tiêu '{node}': cách tổng hợp '{value}' không có (dùng: {allowed})",
        "en": "Node '{node}': unknown aggregation '{value}' (use: {allowed})",
    },
    C.CRITERIA_UNKNOWN_MISSING_POLICY: {
        "vi": "Chỉ tiêu '{node}': cách xử lý thiếu dữ liệu '{value}' không có (dùng: {allowed})",
        "en": "Node '{node}': unknown missing-value policy '{value}' (use: {allowed})",
    },
    C.CRITERIA_UNKNOWN_RULE: {
        "vi": "Chỉ tiêu '{node}': quy tắc chấm điểm '{value}' không có (dùng: {allowed})",
        "en": "Node '{node}': unknown scoring rule '{value}' (use: {allowed})",
    },
    C.CRITERIA_RULE_PARAMETER: {
        "vi": "Chỉ tiêu '{node}': quy tắc '{rule}' cần tham số '{field}' hợp lệ ({value})",
        "en": "Node '{node}': rule '{rule}' needs a valid '{field}' ({value})",
    },
    C.CRITERIA_LEAF_WITHOUT_RULE: {
        "vi": "Chỉ tiêu thành phần '{node}' không có quy tắc chấm điểm 'rule'",
        "en": "Sub-indicator '{node}' has no scoring 'rule'",
    },
    C.CRITERIA_GOALPOSTS_REVERSED: {
        "vi": "Chỉ tiêu '{node}': ngưỡng dưới ({low}) phải nhỏ hơn ngưỡng trên ({high})",
        "en": "Node '{node}': the low goalpost ({low}) must be below the high one ({high})",
    },
    C.CRITERIA_LOG_NONPOSITIVE: {
        "vi": "Chỉ tiêu '{node}': thang log cần các ngưỡng lớn hơn 0",
        "en": "Node '{node}': a log scale needs goalposts above 0",
    },
    C.CRITERIA_BANDS_UNORDERED: {
        "vi": "Chỉ tiêu '{node}': các mức (bands) phải tăng dần và điểm nằm trong 0–1",
        "en": "Node '{node}': bands must be increasing with scores within 0–1",
    },
    C.CRITERIA_BAD_DIRECTION: {
        "vi": "Chỉ tiêu '{node}': chiều '{value}' không hợp lệ (dùng: higher hoặc lower)",
        "en": "Node '{node}': direction '{value}' is invalid (use: higher or lower)",
    },
    C.CRITERIA_BAD_RANGE: {
        "vi": "Chỉ tiêu '{node}': khoảng giá trị hợp lệ {value} không đúng (cần [nhỏ, lớn])",
        "en": "Node '{node}': valid range {value} is wrong (need [low, high])",
    },
    C.CRITERIA_PILLAR_UNKNOWN_INDICATOR: {
        "vi": "Trụ cột '{node}' nêu chỉ số '{indicator}' không có trong bộ tiêu chí",
        "en": "Pillar '{node}' names indicator '{indicator}', which does not exist",
    },
    C.CRITERIA_PILLAR_NOT_MAIN: {
        "vi": "Trụ cột '{node}' chỉ được gồm chỉ số chính; '{indicator}' không phải chỉ số chính",
        "en": "Pillar '{node}' may only list main indicators; '{indicator}' is not one",
    },
    C.CRITERIA_BAD_SCALE: {
        "vi": "Thang chỉ số phải là 1 hoặc 100, số chữ số thập phân từ 0 đến 12 ({value})",
        "en": "The index scale must be 1 or 100 and decimals 0 to 12 ({value})",
    },
    C.REGISTER_UNREADABLE: {
        "vi": "Không đọc được danh sách đơn vị: {reason}",
        "en": "Cannot read the unit register: {reason}",
    },
    C.REGISTER_MISSING_COLUMN: {
        "vi": "Danh sách đơn vị thiếu cột '{column}'",
        "en": "The unit register lacks column '{column}'",
    },
    C.REGISTER_DUPLICATE_CODE: {
        "vi": "Mã đơn vị '{unit}' bị trùng trong danh sách",
        "en": "Unit code '{unit}' appears twice in the register",
    },
    C.REGISTER_EMPTY_FIELD: {
        "vi": "Dòng {row} của danh sách đơn vị để trống '{column}'",
        "en": "Row {row} of the unit register has an empty '{column}'",
    },
    C.REGISTER_NAME_CLASH: {
        "vi": "Tên '{value}' chỉ tới hai đơn vị khác nhau ({units}); cần đặt tên phân biệt",
        "en": "Name '{value}' points to two different units ({units}); make them distinct",
    },
    C.UNIT_UNKNOWN: {
        "vi": "Không nhận ra đơn vị '{value}' trong bộ mã {code_set}",
        "en": "Unit '{value}' is not in code set {code_set}",
    },
    C.UNIT_AMBIGUOUS: {
        "vi": "Tên '{value}' khớp với nhiều đơn vị ({candidates}); hãy ghi mã đơn vị",
        "en": "Name '{value}' matches several units ({candidates}); give the unit code",
    },
    C.UNIT_FORMER: {
        "vi": "'{value}' là đơn vị cũ, đã hợp nhất vào {merged_into} (bộ mã {code_set}); "
        "hãy chọn đúng bộ mã hoặc đúng đơn vị",
        "en": "'{value}' is a former unit, merged into {merged_into} (code set {code_set}); "
        "choose the right code set or unit",
    },
    C.UNIT_MISSING: {
        "vi": "Chưa có dữ liệu của {unit}",
        "en": "No data for {unit}",
    },
    C.UNIT_FILENAME_MISMATCH: {
        "vi": "Tên tệp gợi ý đơn vị {filename_unit} nhưng trang bìa ghi {unit}; dùng trang bìa",
        "en": "The file name suggests {filename_unit} but the cover sheet says {unit}; "
        "the cover sheet is used",
    },
    C.UNIT_DUPLICATE: {
        "vi": "{unit_label} nộp nhiều lần: {files}; chưa dùng bản nào cho tới khi người dùng chọn",
        "en": "{unit_label} submitted more than once: {files}; none is used until the user "
        "chooses",
    },
    C.FILE_NOT_FOUND: {
        "vi": "Không tìm thấy tệp hoặc thư mục",
        "en": "File or folder not found",
    },
    C.FILE_UNSUPPORTED: {
        "vi": "Không phải bảng tính được hỗ trợ (xlsx, xlsm, xls, ods, csv): {reason}",
        "en": "Not a supported spreadsheet (xlsx, xlsm, xls, ods, csv): {reason}",
    },
    C.FILE_EMPTY: {"vi": "Tệp rỗng", "en": "The file is empty"},
    C.FILE_CORRUPT: {
        "vi": "Tệp bị hỏng hoặc không đọc được: {reason}",
        "en": "The file is damaged or unreadable: {reason}",
    },
    C.FILE_ENCRYPTED: {
        "vi": "Tệp có mật khẩu; hãy gỡ mật khẩu rồi gửi lại",
        "en": "The file is password-protected; remove the password and send it again",
    },
    C.FILE_TOO_LARGE: {
        "vi": "Tệp quá lớn để là một phiếu tự đánh giá ({reason})",
        "en": "The file is too large to be a self-assessment ({reason})",
    },
    C.FILE_NOT_TEMPLATE: {
        "vi": "Không nhận ra mẫu phiếu tự đánh giá hay bảng tổng hợp: {reason}",
        "en": "Not a recognised self-assessment template or consolidated table: {reason}",
    },
    C.SHEET_MISSING: {
        "vi": "Thiếu trang tính '{sheet}'",
        "en": "Sheet '{sheet}' is missing",
    },
    C.YEAR_MISSING: {
        "vi": "Không ghi năm đánh giá",
        "en": "The assessment year is missing",
    },
    C.YEAR_MISMATCH: {
        "vi": "Năm trong tệp là {value}, đợt đánh giá là năm {expected}",
        "en": "The file is for year {value}; the campaign is for {expected}",
    },
    C.CRITERIA_VERSION_MISMATCH: {
        "vi": "Mẫu phiếu thuộc bộ tiêu chí {value}, không khớp {expected}, và không ánh xạ được",
        "en": "The template is for criteria {value}, not {expected}, and cannot be mapped",
    },
    C.CRITERIA_VERSION_MAPPED: {
        "vi": "Mẫu phiếu thuộc bộ tiêu chí {value} (đang dùng {expected}); đã ánh xạ theo mã "
        "chỉ tiêu",
        "en": "The template is for criteria {value} (using {expected}); values were mapped by "
        "sub-indicator code",
    },
    C.TABLE_NO_UNIT_COLUMN: {
        "vi": "Bảng tổng hợp không có cột mã hoặc tên đơn vị",
        "en": "The consolidated table has no unit code or name column",
    },
    C.TABLE_UNKNOWN_COLUMN: {
        "vi": "Cột '{value}' không phải mã chỉ tiêu nào; bỏ qua",
        "en": "Column '{value}' is not a sub-indicator code; ignored",
    },
    C.TABLE_PERCENT_FRACTIONS: {
        "vi": "Cột {node} tính theo % nhưng {count} ô của cột đều là số từ -1 đến 1 (ví dụ ô "
        "{example_cell} ghi {example}): bảng tổng hợp được đọc như đã ghi, nên {example} là "
        "{example} %. Nếu cột được định dạng phần trăm trong Excel (lưu 85,5 % thành 0,855), "
        "hãy ghi lại số phần trăm từ 0 đến 100",
        "en": "Column {node} is a percentage, but its {count} cells all hold numbers between -1 "
        "and 1 (for example cell {example_cell} holds {example}): a consolidated table is read "
        "as written, so {example} is {example} %. If the column is formatted as a percentage in "
        "Excel (85.5 % stored as 0.855), write the percentages again from 0 to 100",
    },
    C.ROW_MISSING: {
        "vi": "Thiếu dòng của chỉ tiêu {node}",
        "en": "The row of sub-indicator {node} is missing",
    },
    C.ROW_DUPLICATE: {
        "vi": "Chỉ tiêu {node} xuất hiện nhiều lần (dòng {rows}); không dùng giá trị nào",
        "en": "Sub-indicator {node} appears more than once (rows {rows}); no value is used",
    },
    C.ROW_MOVED: {
        "vi": "Dòng của chỉ tiêu {node} đã bị dời chỗ (mong đợi ở {expected}); đã đọc theo mã",
        "en": "The row of sub-indicator {node} was moved (expected at {expected}); read by code",
    },
    C.ROW_UNKNOWN_CODE: {
        "vi": "Mã chỉ tiêu '{value}' không có trong bộ tiêu chí; bỏ qua",
        "en": "Sub-indicator code '{value}' is not in the criteria; ignored",
    },
    C.VALUE_MISSING: {
        "vi": "Chưa nhập giá trị cho chỉ tiêu {node}",
        "en": "No value entered for sub-indicator {node}",
    },
    C.VALUE_NOT_NUMBER: {
        "vi": "Chỉ tiêu {node} cần một số, nhưng ô chứa '{value}'",
        "en": "Sub-indicator {node} needs a number, but the cell holds '{value}'",
    },
    C.VALUE_AMBIGUOUS_NUMBER: {
        "vi": "Chỉ tiêu {node}: không rõ '{value}' là số nào: {lead} nghìn {tail} ({as_thousands}) "
        "nếu dấu '{separator}' tách hàng nghìn, hay {lead} phẩy {tail} ({as_decimal}) nếu dấu "
        "'{separator}' là dấu thập phân; cả hai đều có thể với chỉ tiêu này. Hãy ghi lại số "
        "không dùng dấu tách hàng nghìn",
        "en": "Sub-indicator {node}: '{value}' can be read two ways: {lead} thousand {tail} "
        "({as_thousands}) if '{separator}' separates thousands, or {lead} point {tail} "
        "({as_decimal}) if '{separator}' is the decimal mark; both are possible for this "
        "sub-indicator. Write the number again without thousands separators",
    },
    C.VALUE_NOT_YES_NO: {
        "vi": "Chỉ tiêu {node} cần 'Có' hoặc 'Không', nhưng ô chứa '{value}'",
        "en": "Sub-indicator {node} needs 'Có' (yes) or 'Không' (no), but the cell holds '{value}'",
    },
    C.VALUE_OUT_OF_RANGE: {
        "vi": "Giá trị {value} của chỉ tiêu {node} nằm ngoài khoảng cho phép {low}–{high}{measure}",
        "en": "Value {value} of sub-indicator {node} is outside the allowed range "
        "{low}–{high}{measure}",
    },
    C.VALUE_TRAILING_TEXT: {
        "vi": "Ô của chỉ tiêu {node} có chữ kèm theo số ('{value}'); hãy chỉ ghi số, "
        "ghi chú để ở cột minh chứng",
        "en": "The cell of sub-indicator {node} has text with the number ('{value}'); enter "
        "only the number and put notes in the evidence column",
    },
    C.VALUE_FORMULA_NO_CACHE: {
        "vi": "Ô của chỉ tiêu {node} là công thức chưa có kết quả; hãy mở và lưu lại bằng Excel",
        "en": "The cell of sub-indicator {node} is a formula without a stored result; open and "
        "save it in Excel",
    },
    C.VALUE_CLEANED: {
        "vi": "Đã hiểu '{value}' là {cleaned} (chỉ tiêu {node})",
        "en": "Read '{value}' as {cleaned} (sub-indicator {node})",
    },
    C.VALUE_PERCENT_SCALED: {
        "vi": "Chỉ tiêu {node} tính theo %; ô lưu số {stored} và tệp không cho biết ô có định dạng "
        "phần trăm hay không: đã đọc là {number} %, như một ô định dạng phần trăm (85,5 % được "
        "lưu là 0,855). Nếu ý là {stored} %, hãy gõ kèm dấu %",
        "en": "Sub-indicator {node} is a percentage; the cell stores {stored} and the file does "
        "not say whether the cell is formatted as a percentage: read as {number} %, as a "
        "percentage cell stores it (85.5 % is stored as 0.855). If {stored} % was meant, type it "
        "with the % sign",
    },
    C.VALUE_PERCENT_AS_TYPED: {
        "vi": "Chỉ tiêu {node} tính theo %; ô lưu số {stored} và tệp không cho biết ô có định dạng "
        "phần trăm hay không: đã đọc là {stored} %. Nếu ô định dạng phần trăm thì ô hiển thị "
        "{if_formatted} %: hãy kiểm tra lại",
        "en": "Sub-indicator {node} is a percentage; the cell stores {stored} and the file does "
        "not say whether the cell is formatted as a percentage: read as {stored} %. If the cell "
        "is formatted as a percentage it shows {if_formatted} %: check it",
    },
    C.VALUE_READ_BY_RANGE: {
        "vi": "Đã đọc '{value}' là {number}: cách đọc kia, {other}, nằm ngoài khoảng cho phép "
        "{low}–{high}{measure} của chỉ tiêu {node}",
        "en": "Read '{value}' as {number}: the other reading, {other}, is outside the allowed "
        "range {low}–{high}{measure} of sub-indicator {node}",
    },
    C.VALUE_NOTATION_SUMMARY: {
        "vi": "{count} ô của tệp viết số theo cùng một cách: {notation}. Ví dụ ô {example_cell} "
        "ghi '{example}', đã đọc là {number}; mọi ô như vậy đều được đọc theo cách này",
        "en": "{count} cells of the file write numbers the same way: {notation}. For example "
        "cell {example_cell} holds '{example}', read as {number}; every such cell was read "
        "this way",
    },
    C.VALUE_CLOCK_TIME: {
        "vi": "Chỉ tiêu {node} tính theo {measure} nhưng ô chứa thời gian '{value}' (Excel lưu "
        "thời gian theo ngày); hãy ghi một số {measure}, ví dụ 4,5 chứ không phải 4:30",
        "en": "Sub-indicator {node} counts {measure} but the cell holds the time '{value}' (Excel "
        "stores times in days); enter a number of {measure}, e.g. 4.5 rather than 4:30",
    },
    C.SCORE_MISSING_REQUIRED: {
        "vi": "{unit} thiếu giá trị bắt buộc của chỉ tiêu {node}; không thể tính điểm",
        "en": "{unit} lacks the required value of {node}; it cannot be scored",
    },
    C.EXPORT_CHARACTER_REMOVED: {
        "vi": "Đã bỏ ký tự Excel không lưu được trong '{value}'",
        "en": "Removed characters Excel cannot store from '{value}'",
    },
    C.EXPORT_TEXT_TRUNCATED: {
        "vi": "Văn bản dài hơn {limit} ký tự Excel cho phép trong một ô đã bị cắt bớt: '{value}'",
        "en": "Text longer than the {limit} characters Excel allows in a cell was cut short: "
        "'{value}'",
    },
    C.FILE_NOT_SPREADSHEET: {
        "vi": "Tệp mang đuôi '{suffix}' nhưng nội dung không phải bảng tính ({kind})",
        "en": "The file is named '{suffix}' but its content is not a spreadsheet ({kind})",
    },
    C.FILE_HTML_DISGUISED: {
        "vi": "Tệp '{suffix}' thực chất là {kind} (thường do phần mềm khác xuất ra); hãy mở bằng "
        "Excel hoặc LibreOffice rồi lưu lại dạng .xlsx",
        "en": "The '{suffix}' file is really {kind} (often exported by another program); open "
        "it in Excel or LibreOffice and save it as .xlsx",
    },
    C.FILE_UNSAFE_XML: {
        "vi": "Phần '{part}' của tệp có khai báo DOCTYPE/ENTITY; bị từ chối vì lý do an toàn",
        "en": "Part '{part}' of the file declares a DOCTYPE/ENTITY; refused for safety",
    },
    C.FILE_UNSAFE_MEMBER: {
        "vi": "Tệp chứa thành phần có đường dẫn không an toàn '{part}'; bị từ chối",
        "en": "The file holds a member with an unsafe path '{part}'; refused",
    },
    C.FILE_COMPRESSION_BOMB: {
        "vi": "Tệp nén bất thường ('{part}' giải nén ra {size}, tỷ lệ nén {ratio}×); bị từ "
        "chối để bảo vệ máy",
        "en": "Abnormal compression ('{part}' inflates to {size}, ratio {ratio}×); refused to "
        "protect the computer",
    },
    C.FILE_SHEET_TOO_LARGE: {
        "vi": "Trang tính quá lớn ({rows} dòng × {cols} cột; tối đa {limit} dòng) để là một "
        "phiếu tự đánh giá",
        "en": "The sheet is too large ({rows} rows × {cols} columns; at most {limit} rows) to be "
        "a self-assessment",
    },
    C.FILE_AMBIGUOUS_CONTENT: {
        "vi": "Phần '{part}' của tệp được viết theo cách mà các phần mềm bảng tính đọc ra khác "
        "nhau ({reason_vi}); bị từ chối để không đọc sai số. Hãy mở tệp bằng Excel rồi lưu lại",
        "en": "Part '{part}' of the file is written in a way spreadsheet programs read "
        "differently ({reason_en}); refused so that no wrong number is read. Open it in Excel "
        "and save it again",
    },
    C.TEMPLATE_NO_META: {
        "vi": "Tệp thiếu trang ẩn '_meta' của mẫu phiếu; đã đọc theo tiêu đề cột và mã chỉ "
        "tiêu, không kiểm tra được dòng bị dời chỗ",
        "en": "The template's hidden '_meta' sheet is missing; read by column headers and "
        "codes, moved rows cannot be detected",
    },
    C.UNIT_NOT_STATED: {
        "vi": "Trang bìa không ghi đơn vị (mã hoặc tên); tệp không được dùng",
        "en": "The cover sheet names no unit (code or name); the file is not used",
    },
    C.UNIT_CODE_NAME_MISMATCH: {
        "vi": "Trang bìa ghi mã của {unit} nhưng tên của {other}; hãy sửa cho khớp",
        "en": "The cover sheet gives the code of {unit} but the name of {other}; make them agree",
    },
    C.CRITERIA_VERSION_UNKNOWN: {
        "vi": "Tệp không ghi bộ tiêu chí; đã đọc theo mã chỉ tiêu của {expected}",
        "en": "The file does not say which criteria it is for; read by the codes of {expected}",
    },
    C.TREND_CODE_SET_CHANGED: {
        "vi": "Năm {before} dùng bộ mã {set_before}, năm {after} dùng bộ mã {set_after}: đơn vị "
              "không được so khớp theo mã giữa hai bộ, vì một mã có thể đổi nghĩa ({changed})",
        "en": "{before} uses the {set_before} code set and {after} the {set_after} code set: units "
              "are not matched by code across them, since a code may have changed meaning "
              "({changed})",
    },
    C.TREND_CRITERIA_CHANGED: {
        "vi": "Năm {before} chấm theo {criteria_before}, năm {after} theo {criteria_after}: điểm "
              "của hai năm không hoàn toàn so sánh được",
        "en": "{before} was scored with {criteria_before} and {after} with {criteria_after}: "
              "the two years' scores are not strictly comparable",
    },
    C.TREND_NOT_PROJECTED: {
        "vi": "Kết quả năm {year} (bộ mã 63) là tệp JSON, không đủ dữ liệu để quy đổi sang 34 "
              "đơn vị; năm này được giữ theo bộ mã 63",
        "en": "The {year} result (63 code set) is a JSON file without what the 63 → 34 projection "
              "needs; that year stays in the 63 code set",
    },
    C.MERGE_PARTIAL: {
        "vi": "{value}: chỉ có kết quả của {scored}/{total} tỉnh cũ (thiếu {absent}); giá trị là "
              "trung bình của các tỉnh có kết quả, đơn vị được đánh dấu “thiếu tỉnh cũ”",
        "en": "{value}: only {scored} of {total} former provinces have a result ({absent} "
              "missing); its values are the mean over those that do, marked “incomplete”",
    },
    C.CRITERIA_PILLAR_POINTS_TOO_LOW: {
        "vi": "Trụ cột '{node}' khai báo {declared} điểm, ít hơn tổng điểm các chỉ số của nó "
              "({total}): giá trị trụ cột có thể vượt 100%",
        "en": "Pillar '{node}' declares {declared} points, fewer than its indicators' points "
              "together ({total}): the pillar could exceed 100%",
    },
}


# Parameter values that name a term, said in the message's language.
TERMS: dict[str, dict[str, dict[str, str]]] = {
    "notation": {
        "comma": {"vi": "dấu phẩy là dấu thập phân, dấu chấm tách hàng nghìn (1.234,5)",
                  "en": "a decimal comma, dots between thousands (1.234,5)"},
        "point": {"vi": "dấu chấm là dấu thập phân, dấu phẩy tách hàng nghìn (1,234.5)",
                  "en": "a decimal point, commas between thousands (1,234.5)"},
        "plain": {"vi": "có dấu % hoặc khoảng trắng giữa các chữ số",
                  "en": "with a % sign or spaces between the digits"},
        "percent_fraction": {"vi": "ô phần trăm lưu phân số, như ô định dạng phần trăm (0,855 là "
                                   "85,5 %)",
                             "en": "percentage cells store fractions, as percent-formatted "
                                   "cells do (0.855 is 85.5 %)"},
        "percent_typed": {"vi": "ô phần trăm ghi thẳng số phần trăm (85,5 là 85,5 %)",
                          "en": "percentage cells hold the percentage itself (85.5 is 85.5 %)"},
    },
}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def render_issue(issue: Issue, lang: str = "vi", with_place: bool = False) -> str:
    """The issue's sentence in ``lang`` ('vi' or 'en'), optionally prefixed by its place."""
    templates = MESSAGES.get(issue.code, {})
    template = templates.get(lang) or templates.get("vi") or issue.code.value
    fields = _Lenient(
        file=issue.file, sheet=issue.sheet, cell=issue.cell, unit=issue.unit, node=issue.node,
        value=issue.value, unit_label=issue.unit,
    )
    fields.update({k: _text(k, v, lang) for k, v in issue.params.items()})
    text = string.Formatter().vformat(template, (), fields)
    if with_place and issue.place():
        return f"{issue.place()}: {text}"
    return text


RESOLUTION = {
    "vi": "đã giải quyết bằng giá trị thẩm định {value} (ghi chú: {note})",
    "en": "resolved by the verified value {value} (note: {note})",
}


def render_resolution(issue: Issue, lang: str = "vi") -> str:
    """How a verified value settled the issue ('' when none did): the value and the note; with
    the unit when the issue is about several (a column missing from a table)."""
    template = RESOLUTION.get(lang, RESOLUTION["vi"])
    parts = []
    for verified in issue.verified:
        text = template.format(value=_text("value", verified.value, lang), note=verified.note)
        parts.append(text if issue.unit else f"{verified.unit}: {text}")
    return "; ".join(parts)


def _text(key: str, value: object, lang: str) -> str:
    """A parameter as text: a term in ``lang``, a float in ``lang``'s notation (85,5 in
    Vietnamese, 85.5 in English; never grouped, never rounded), a list joined."""
    if isinstance(value, float):
        text = plain_number(value)
        return text.replace(".", ",") if lang == "vi" else text
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    term = TERMS.get(key, {}).get(value) if isinstance(value, str) else None
    if term is not None:
        return term.get(lang) or term["vi"]
    return str(value)
