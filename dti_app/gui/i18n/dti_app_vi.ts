<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
    <context>
        <name>App</name>
        <message>
            <source>Unexpected error (%1): %2</source>
            <translation>Lỗi không mong đợi (%1): %2</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
    </context>
    <context>
        <name>CampaignDialog</name>
        <message>
            <source>New campaign</source>
            <translation>Đợt đánh giá mới</translation>
        </message>
        <message>
            <source>DTI %1 (built in)</source>
            <translation>DTI %1 (có sẵn)</translation>
        </message>
        <message>
            <source>Other criteria file…</source>
            <translation>Tệp tiêu chí khác…</translation>
        </message>
        <message>
            <source>63 provinces and cities (until 30/06/2025)</source>
            <translation>63 tỉnh, thành phố (đến 30/06/2025)</translation>
        </message>
        <message>
            <source>34 provincial units (from 01/07/2025)</source>
            <translation>34 đơn vị cấp tỉnh (từ 01/07/2025)</translation>
        </message>
        <message>
            <source>Custom list of units (CSV)…</source>
            <translation>Danh sách đơn vị riêng (CSV)…</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Chọn…</translation>
        </message>
        <message>
            <source>Criteria:</source>
            <translation>Bộ tiêu chí:</translation>
        </message>
        <message>
            <source>Units:</source>
            <translation>Đơn vị:</translation>
        </message>
        <message>
            <source>Year:</source>
            <translation>Năm:</translation>
        </message>
        <message>
            <source>Campaign file:</source>
            <translation>Tệp đợt đánh giá:</translation>
        </message>
        <message>
            <source>Create</source>
            <translation>Tạo</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Criteria file</source>
            <translation>Tệp tiêu chí</translation>
        </message>
        <message>
            <source>Criteria files (*.yaml *.yml)</source>
            <translation>Tệp tiêu chí (*.yaml *.yml)</translation>
        </message>
        <message>
            <source>List of units</source>
            <translation>Danh sách đơn vị</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>Tệp CSV (*.csv)</translation>
        </message>
        <message>
            <source>Campaign file</source>
            <translation>Tệp đợt đánh giá</translation>
        </message>
        <message>
            <source>Campaign files (%1)</source>
            <translation>Tệp đợt đánh giá (%1)</translation>
        </message>
        <message>
            <source>Choose where to save the campaign file.</source>
            <translation>Hãy chọn nơi lưu tệp đợt đánh giá.</translation>
        </message>
        <message>
            <source>This file exists already; choose another name.</source>
            <translation>Tệp này đã có; hãy chọn tên khác.</translation>
        </message>
        <message>
            <source>Choose a criteria file and a list of units.</source>
            <translation>Hãy chọn tệp tiêu chí và danh sách đơn vị.</translation>
        </message>
    </context>
    <context>
        <name>ChartsView</name>
        <message>
            <source>Save chart…</source>
            <translation>Lưu biểu đồ…</translation>
        </message>
        <message>
            <source>Ranking</source>
            <translation>Xếp hạng</translation>
        </message>
        <message>
            <source>Pillars</source>
            <translation>Trụ cột</translation>
        </message>
        <message>
            <source>Main indicators (heat map)</source>
            <translation>Chỉ số chính (bản đồ nhiệt)</translation>
        </message>
        <message>
            <source>Radar of the selected unit</source>
            <translation>Biểu đồ radar của đơn vị đang chọn</translation>
        </message>
        <message>
            <source>Rank change from the edited weights</source>
            <translation>Thay đổi hạng do trọng số đã sửa</translation>
        </message>
        <message>
            <source>Map</source>
            <translation>Bản đồ</translation>
        </message>
        <message>
            <source>Saved: %1</source>
            <translation>Đã lưu: %1</translation>
        </message>
        <message>
            <source>Save chart</source>
            <translation>Lưu biểu đồ</translation>
        </message>
        <message>
            <source>Images (*.png *.svg *.pdf)</source>
            <translation>Hình ảnh (*.png *.svg *.pdf)</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export</source>
            <translation>Xuất</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Chọn…</translation>
        </message>
        <message>
            <source>Ranking workbook (Excel)</source>
            <translation>Bảng xếp hạng (Excel)</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>Biểu đồ</translation>
        </message>
        <message>
            <source>One-page scorecard per unit (PDF)</source>
            <translation>Phiếu điểm một trang cho từng đơn vị (PDF)</translation>
        </message>
        <message>
            <source>Folder:</source>
            <translation>Thư mục:</translation>
        </message>
        <message>
            <source>Choose what to export, then press Export.</source>
            <translation>Chọn nội dung cần xuất rồi bấm Xuất.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Export folder</source>
            <translation>Thư mục xuất</translation>
        </message>
        <message>
            <source>Choose a folder first.</source>
            <translation>Hãy chọn thư mục trước.</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Đang xuất…</translation>
        </message>
        <message>
            <source>Stopping after the current file…</source>
            <translation>Sẽ dừng sau tệp đang xử lý…</translation>
        </message>
        <message>
            <source>Writing %1 of %2…</source>
            <translation>Đang ghi %1/%2…</translation>
        </message>
        <message>
            <source>Export stopped: %1 files written.</source>
            <translation>Đã dừng xuất: đã ghi %1 tệp.</translation>
        </message>
        <message>
            <source>%1 files written.</source>
            <translation>Đã ghi %1 tệp.</translation>
        </message>
        <message>
            <source>%1 warnings.</source>
            <translation>%1 cảnh báo.</translation>
        </message>
        <message>
            <source>Export to %1</source>
            <translation>Xuất vào %1</translation>
        </message>
        <message>
            <source>The export failed: %1</source>
            <translation>Xuất không thành công: %1</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import</source>
            <translation>Nhập dữ liệu</translation>
        </message>
        <message>
            <source>Looking for files…</source>
            <translation>Đang tìm tệp…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Stopping after the current file…</source>
            <translation>Sẽ dừng sau tệp đang xử lý…</translation>
        </message>
        <message>
            <source>Reading file %1 of %2…</source>
            <translation>Đang đọc tệp %1/%2…</translation>
        </message>
        <message>
            <source>reading…</source>
            <translation>đang đọc…</translation>
        </message>
        <message>
            <source>waiting</source>
            <translation>đang chờ</translation>
        </message>
        <message>
            <source>Import cancelled: nothing was changed.</source>
            <translation>Đã hủy nhập: không có gì thay đổi.</translation>
        </message>
        <message>
            <source>The import failed: %1</source>
            <translation>Nhập không thành công: %1</translation>
        </message>
        <message>
            <source>table</source>
            <translation>bảng tổng hợp</translation>
        </message>
        <message>
            <source>workbook</source>
            <translation>phiếu tự đánh giá</translation>
        </message>
        <message>
            <source>read</source>
            <translation>đã đọc</translation>
        </message>
        <message>
            <source>read with errors</source>
            <translation>đã đọc, có lỗi</translation>
        </message>
        <message>
            <source>not usable</source>
            <translation>không dùng được</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Loại</translation>
        </message>
        <message>
            <source>Units</source>
            <translation>Đơn vị</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>Lỗi</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>Cảnh báo</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Kết quả</translation>
        </message>
        <message>
            <source>%1 files read, %2 units imported. Issues about the data in use: %3.</source>
            <translation>Đã đọc %1 tệp, nhập %2 đơn vị. Vấn đề về dữ liệu đang dùng: %3.</translation>
        </message>
        <message>
            <source>not used: another file was chosen</source>
            <translation>không dùng: đã chọn tệp khác</translation>
        </message>
        <message>
            <source>not used: the unit sent several files</source>
            <translation>không dùng: đơn vị nộp nhiều tệp</translation>
        </message>
    </context>
    <context>
        <name>IssuesPanel</name>
        <message>
            <source>Severity:</source>
            <translation>Mức độ:</translation>
        </message>
        <message>
            <source>Unit:</source>
            <translation>Đơn vị:</translation>
        </message>
        <message>
            <source>File:</source>
            <translation>Tệp:</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>Sheet</source>
            <translation>Trang tính</translation>
        </message>
        <message>
            <source>Cell</source>
            <translation>Ô</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Đơn vị</translation>
        </message>
        <message>
            <source>Value found</source>
            <translation>Giá trị tìm thấy</translation>
        </message>
        <message>
            <source>Reason code</source>
            <translation>Mã lý do</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Nội dung</translation>
        </message>
        <message>
            <source>No errors or warnings.</source>
            <translation>Không có lỗi hay cảnh báo.</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Mức độ</translation>
        </message>
        <message>
            <source>All severities</source>
            <translation>Mọi mức độ</translation>
        </message>
        <message>
            <source>All units</source>
            <translation>Mọi đơn vị</translation>
        </message>
        <message>
            <source>All files</source>
            <translation>Mọi tệp</translation>
        </message>
        <message>
            <source>Issues about the data in use: %1</source>
            <translation>Vấn đề về dữ liệu đang dùng: %1</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>Cách giải quyết</translation>
        </message>
        <message>
            <source>Resolved or not</source>
            <translation>Đã và chưa giải quyết</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Tình trạng</translation>
        </message>
        <message>
            <source>State:</source>
            <translation>Tình trạng:</translation>
        </message>
        <message>
            <source>resolved</source>
            <translation>đã giải quyết</translation>
        </message>
        <message>
            <source>unresolved</source>
            <translation>chưa giải quyết</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Units</source>
            <translation>Đơn vị</translation>
        </message>
        <message>
            <source>Ranking</source>
            <translation>Xếp hạng</translation>
        </message>
        <message>
            <source>Unit detail</source>
            <translation>Chi tiết đơn vị</translation>
        </message>
        <message>
            <source>Verification</source>
            <translation>Thẩm định</translation>
        </message>
        <message>
            <source>Weights</source>
            <translation>Trọng số</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>Biểu đồ</translation>
        </message>
        <message>
            <source>Issues</source>
            <translation>Vấn đề</translation>
        </message>
        <message>
            <source>Analysis</source>
            <translation>Phân tích</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
        </message>
        <message>
            <source>&amp;New campaign…</source>
            <translation>Đợt đánh giá &amp;mới…</translation>
        </message>
        <message>
            <source>&amp;Open campaign…</source>
            <translation>&amp;Mở đợt đánh giá…</translation>
        </message>
        <message>
            <source>Save campaign &amp;as…</source>
            <translation>&amp;Lưu đợt đánh giá thành…</translation>
        </message>
        <message>
            <source>&amp;Recent campaigns</source>
            <translation>Đợt đánh giá &amp;gần đây</translation>
        </message>
        <message>
            <source>&amp;Import files…</source>
            <translation>&amp;Nhập tệp…</translation>
        </message>
        <message>
            <source>Import a &amp;folder…</source>
            <translation>Nhập &amp;thư mục…</translation>
        </message>
        <message>
            <source>Newest file wins when a unit sends twice</source>
            <translation>Khi một đơn vị nộp nhiều lần, dùng tệp mới nhất</translation>
        </message>
        <message>
            <source>&amp;Export…</source>
            <translation>&amp;Xuất…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>T&amp;hoát</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Sửa</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>Reset &amp;weights</source>
            <translation>Đặt lại &amp;trọng số</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Xem</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Ngôn ngữ</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Trợ &amp;giúp</translation>
        </message>
        <message>
            <source>&amp;User guide</source>
            <translation>&amp;Hướng dẫn sử dụng</translation>
        </message>
        <message>
            <source>&amp;About DTI Scorer</source>
            <translation>&amp;Giới thiệu DTI Scorer</translation>
        </message>
        <message>
            <source>no campaign open</source>
            <translation>chưa mở đợt đánh giá</translation>
        </message>
        <message>
            <source>Issues (%1)</source>
            <translation>Vấn đề (%1)</translation>
        </message>
        <message>
            <source>Criteria %1 · units %2 · year %3</source>
            <translation>Bộ tiêu chí %1 · bộ đơn vị %2 · năm %3</translation>
        </message>
        <message>
            <source>Campaign files (%1)</source>
            <translation>Tệp đợt đánh giá (%1)</translation>
        </message>
        <message>
            <source>Open campaign</source>
            <translation>Mở đợt đánh giá</translation>
        </message>
        <message>
            <source>Save campaign as</source>
            <translation>Lưu đợt đánh giá thành</translation>
        </message>
        <message>
            <source>Campaign: %1</source>
            <translation>Đợt đánh giá: %1</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Spreadsheets (%1)</source>
            <translation>Bảng tính (%1)</translation>
        </message>
        <message>
            <source>Import files</source>
            <translation>Nhập tệp</translation>
        </message>
        <message>
            <source>Import a folder</source>
            <translation>Nhập thư mục</translation>
        </message>
        <message>
            <source>Offline scoring and ranking of the digital transformation index.</source>
            <translation>Chấm điểm và xếp hạng chỉ số chuyển đổi số, hoạt động ngoại tuyến.</translation>
        </message>
        <message>
            <source>Criteria: %1 (%2), version %3</source>
            <translation>Bộ tiêu chí: %1 (%2), phiên bản %3</translation>
        </message>
        <message>
            <source>Note: the sub-indicators of this criteria file are illustrative.</source>
            <translation>Lưu ý: các chỉ số thành phần trong tệp tiêu chí này chỉ mang tính minh họa.</translation>
        </message>
        <message>
            <source>About DTI Scorer</source>
            <translation>Giới thiệu DTI Scorer</translation>
        </message>
    </context>
    <context>
        <name>RankingView</name>
        <message>
            <source>Search unit name or code…</source>
            <translation>Tìm theo tên hoặc mã đơn vị…</translation>
        </message>
        <message>
            <source>Region:</source>
            <translation>Vùng:</translation>
        </message>
        <message>
            <source>Search:</source>
            <translation>Tìm:</translation>
        </message>
        <message>
            <source>All regions</source>
            <translation>Mọi vùng</translation>
        </message>
        <message>
            <source>Rank</source>
            <translation>Hạng</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Đơn vị</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>Vùng</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Index</source>
            <translation>Chỉ số</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Thay đổi</translation>
        </message>
        <message>
            <source>Rank %1</source>
            <translation>Hạng %1</translation>
        </message>
        <message>
            <source> (weights edited)</source>
            <translation> (đã sửa trọng số)</translation>
        </message>
        <message>
            <source> (%1 provisional)</source>
            <translation> (%1 tạm tính)</translation>
        </message>
        <message>
            <source>%1 not submitted</source>
            <translation>%1 chưa nộp</translation>
        </message>
        <message>
            <source>%1 not usable</source>
            <translation>%1 không dùng được</translation>
        </message>
        <message>
            <source>%1 provisional, not ranked</source>
            <translation>%1 tạm tính, không xếp hạng</translation>
        </message>
        <message>
            <source>%1 units ranked</source>
            <translation>%1 đơn vị được xếp hạng</translation>
        </message>
        <message>
            <source>* Provisional: ranked, but some of its input values still have unresolved errors and count as missing, so its score may change. Verify those values to resolve them, or tick “Strict ranking” to leave such units out of the ranking.</source>
            <translation>* Tạm tính: đơn vị được xếp hạng, nhưng một số giá trị đầu vào còn lỗi chưa giải quyết và được tính như thiếu, nên điểm có thể thay đổi. Thẩm định các giá trị đó để giải quyết, hoặc chọn «Xếp hạng nghiêm ngặt» để không xếp hạng các đơn vị này.</translation>
        </message>
        <message>
            <source>Provisional units keep their scores but are not ranked; the others&apos; ranks close up.</source>
            <translation>Đơn vị tạm tính vẫn có điểm nhưng không được xếp hạng; hạng của các đơn vị khác được dồn lên.</translation>
        </message>
        <message>
            <source>Provisional: some of the unit&apos;s input values still have unresolved errors. Strict ranking: these units keep their scores but are not ranked, and the others&apos; ranks close up. Verify those values to resolve the errors.</source>
            <translation>Tạm tính: một số giá trị đầu vào của đơn vị còn lỗi chưa giải quyết. Xếp hạng nghiêm ngặt: các đơn vị này vẫn có điểm nhưng không được xếp hạng, hạng của các đơn vị khác được dồn lên. Thẩm định các giá trị đó để giải quyết lỗi.</translation>
        </message>
        <message>
            <source>Strict ranking (rank only units without errors)</source>
            <translation>Xếp hạng nghiêm ngặt (chỉ xếp hạng đơn vị không còn lỗi)</translation>
        </message>
        <message>
            <source>criteria %1</source>
            <translation>bộ tiêu chí %1</translation>
        </message>
        <message>
            <source>issues: %1</source>
            <translation>vấn đề: %1</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <source>yes</source>
            <translation>có</translation>
        </message>
        <message>
            <source>no</source>
            <translation>không</translation>
        </message>
        <message>
            <source>not submitted</source>
            <translation>chưa nộp</translation>
        </message>
        <message>
            <source>valid</source>
            <translation>hợp lệ</translation>
        </message>
        <message>
            <source>warnings</source>
            <translation>cảnh báo</translation>
        </message>
        <message>
            <source>verified</source>
            <translation>đã thẩm định</translation>
        </message>
        <message>
            <source>error</source>
            <translation>lỗi</translation>
        </message>
        <message>
            <source>warning</source>
            <translation>cảnh báo</translation>
        </message>
        <message>
            <source>%1 errors, %2 warnings</source>
            <translation>%1 lỗi, %2 cảnh báo</translation>
        </message>
        <message>
            <source>; %1 resolved by verification</source>
            <translation>; %1 đã giải quyết bằng thẩm định</translation>
        </message>
        <message>
            <source>invalid</source>
            <translation>không hợp lệ</translation>
        </message>
        <message>
            <source>provisional</source>
            <translation>tạm tính</translation>
        </message>
        <message>
            <source>provisional, not ranked (%1 errors)</source>
            <translation>tạm tính, không xếp hạng (%1 lỗi)</translation>
        </message>
        <message>
            <source>provisional (%1 errors)</source>
            <translation>tạm tính (%1 lỗi)</translation>
        </message>
    </context>
    <context>
        <name>UnitDetail</name>
        <message>
            <source>Where the most points can still be gained</source>
            <translation>Nơi còn có thể tăng điểm nhiều nhất</translation>
        </message>
        <message>
            <source>Choose a unit in the list on the left.</source>
            <translation>Hãy chọn một đơn vị trong danh sách bên trái.</translation>
        </message>
        <message>
            <source>Status: %1. This unit has no score.</source>
            <translation>Trạng thái: %1. Đơn vị này chưa có điểm.</translation>
        </message>
        <message>
            <source>Index %1 · rank %2 of %3 · rank in region %4 · status: %5</source>
            <translation>Chỉ số %1 · hạng %2/%3 · hạng trong vùng %4 · trạng thái: %5</translation>
        </message>
        <message>
            <source>Index</source>
            <translation>Chỉ số DTI</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>Difference
from the region</source>
            <translation>Chênh lệch
so với vùng</translation>
        </message>
        <message>
            <source>Difference
from the nation</source>
            <translation>Chênh lệch
so với cả nước</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>Điểm</translation>
        </message>
        <message>
            <source>Max points</source>
            <translation>Điểm tối đa</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>Giá trị</translation>
        </message>
        <message>
            <source>Rank</source>
            <translation>Hạng</translation>
        </message>
        <message>
            <source>Strongest:</source>
            <translation>Mạnh nhất:</translation>
        </message>
        <message>
            <source>Weakest:</source>
            <translation>Yếu nhất:</translation>
        </message>
        <message>
            <source>Sub-indicator</source>
            <translation>Chỉ số thành phần</translation>
        </message>
        <message>
            <source>Value now</source>
            <translation>Giá trị hiện tại</translation>
        </message>
        <message>
            <source>Value for full points</source>
            <translation>Giá trị đạt điểm tối đa</translation>
        </message>
        <message>
            <source>Points to gain</source>
            <translation>Điểm có thể tăng</translation>
        </message>
        <message>
            <source>Index then</source>
            <translation>Chỉ số khi đó</translation>
        </message>
        <message>
            <source>Rank then</source>
            <translation>Hạng khi đó</translation>
        </message>
        <message>
            <source>Index %1 · not ranked (strict ranking) · status: %2</source>
            <translation>Chỉ số %1 · không xếp hạng (xếp hạng nghiêm ngặt) · trạng thái: %2</translation>
        </message>
        <message>
            <source>some input values could not be used and count as missing; see the Issues tab, or verify them.</source>
            <translation>một số giá trị đầu vào không dùng được và được tính như thiếu; xem thẻ Vấn đề, hoặc thẩm định các giá trị đó.</translation>
        </message>
    </context>
    <context>
        <name>UnitsPanel</name>
        <message>
            <source>Search…</source>
            <translation>Tìm…</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Đơn vị</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>All units (%1)</source>
            <translation>Mọi đơn vị (%1)</translation>
        </message>
    </context>
    <context>
        <name>VerifyPanel</name>
        <message>
            <source>verify</source>
            <translation>thẩm định</translation>
        </message>
        <message>
            <source>clear</source>
            <translation>xóa thẩm định</translation>
        </message>
        <message>
            <source>Undo: %1</source>
            <translation>Hoàn tác: %1</translation>
        </message>
        <message>
            <source>e.g. 85 or có / không</source>
            <translation>ví dụ 85 hoặc có / không</translation>
        </message>
        <message>
            <source>Why the value is changed (required)</source>
            <translation>Lý do thay đổi giá trị (bắt buộc)</translation>
        </message>
        <message>
            <source>Set verified value</source>
            <translation>Đặt giá trị thẩm định</translation>
        </message>
        <message>
            <source>Clear verified value</source>
            <translation>Xóa giá trị thẩm định</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Hoàn tác</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Làm lại</translation>
        </message>
        <message>
            <source>Sub-indicator:</source>
            <translation>Chỉ số thành phần:</translation>
        </message>
        <message>
            <source>Verified value:</source>
            <translation>Giá trị thẩm định:</translation>
        </message>
        <message>
            <source>Note:</source>
            <translation>Ghi chú:</translation>
        </message>
        <message>
            <source>Choose a unit in the list on the left.</source>
            <translation>Hãy chọn một đơn vị trong danh sách bên trái.</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
        </message>
        <message>
            <source>Sub-indicator</source>
            <translation>Chỉ số thành phần</translation>
        </message>
        <message>
            <source>Unit of measure</source>
            <translation>Đơn vị tính</translation>
        </message>
        <message>
            <source>Self-assessed</source>
            <translation>Tự đánh giá</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>Thẩm định</translation>
        </message>
        <message>
            <source>Final</source>
            <translation>Cuối cùng</translation>
        </message>
        <message>
            <source>Difference
from the region</source>
            <translation>Chênh lệch
so với vùng</translation>
        </message>
        <message>
            <source>Difference
from the nation</source>
            <translation>Chênh lệch
so với cả nước</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>Điểm</translation>
        </message>
        <message>
            <source>Cell</source>
            <translation>Ô</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Ghi chú</translation>
        </message>
    </context>
    <context>
        <name>WeightsEditor</name>
        <message>
            <source>Indicator</source>
            <translation>Chỉ số</translation>
        </message>
        <message>
            <source>Max points</source>
            <translation>Điểm tối đa</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>Trọng số</translation>
        </message>
        <message>
            <source>Reset to the file's weights</source>
            <translation>Trở về trọng số của tệp</translation>
        </message>
        <message>
            <source>Save as new version…</source>
            <translation>Lưu thành phiên bản mới…</translation>
        </message>
        <message>
            <source>Double-click a number to change it. Points of a group are shared out over its sub-indicators in proportion.</source>
            <translation>Nhấp đúp vào một số để sửa. Điểm của một nhóm được chia lại cho các chỉ số thành phần theo tỷ lệ.</translation>
        </message>
        <message>
            <source>Rank</source>
            <translation>Hạng</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Đơn vị</translation>
        </message>
        <message>
            <source>Index</source>
            <translation>Chỉ số</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Thay đổi</translation>
        </message>
        <message>
            <source>File rank</source>
            <translation>Hạng theo tệp</translation>
        </message>
        <message>
            <source>Weights edited: %1 units change rank.</source>
            <translation>Đã sửa trọng số: %1 đơn vị thay đổi hạng.</translation>
        </message>
        <message>
            <source>Weights of the criteria file.</source>
            <translation>Trọng số theo tệp tiêu chí.</translation>
        </message>
        <message>
            <source>The original criteria file is never overwritten: choose another file name.</source>
            <translation>Không bao giờ ghi đè tệp tiêu chí gốc: hãy chọn tên tệp khác.</translation>
        </message>
        <message>
            <source>Saved %1 to %2</source>
            <translation>Đã lưu %1 vào %2</translation>
        </message>
        <message>
            <source>New criteria version</source>
            <translation>Phiên bản tiêu chí mới</translation>
        </message>
        <message>
            <source>Version label:</source>
            <translation>Tên phiên bản:</translation>
        </message>
        <message>
            <source>Save criteria as</source>
            <translation>Lưu bộ tiêu chí thành</translation>
        </message>
        <message>
            <source>Criteria files (*.yaml *.yml)</source>
            <translation>Tệp tiêu chí (*.yaml *.yml)</translation>
        </message>
    </context>
    <context>
        <name>GuideDialog</name>
        <message>
            <source>User guide</source>
            <translation>Hướng dẫn sử dụng</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Quay lại</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>The user guide was not found: %1</source>
            <translation>Không tìm thấy hướng dẫn sử dụng: %1</translation>
        </message>
    </context>
    <context>
        <name>AnalysisView</name>
        <message>
            <source>%1 runs, each weight changed by up to ±%2 % (%3 s). %4 pairs of units cannot be told apart.</source>
            <translation>%1 lần chạy, mỗi trọng số thay đổi tối đa ±%2 % (%3 giây). Có %4 cặp đơn vị không phân biệt được thứ hạng.</translation>
        </message>
        <message>
            <source>63 → 34</source>
            <translation>63 → 34</translation>
        </message>
        <message>
            <source>At least two scored units are needed.</source>
            <translation>Cần ít nhất hai đơn vị đã được chấm điểm.</translation>
        </message>
        <message>
            <source>Choose a unit in the list on the left.</source>
            <translation>Chọn một đơn vị trong danh sách bên trái.</translation>
        </message>
        <message>
            <source>Each main indicator of a merged unit is the mean of its former provinces' values; the index is computed from those means (the rule published with DTI 2024). %1 of 34 units ranked; a unit with a former province missing is not ranked.</source>
            <translation>Mỗi chỉ số chính của đơn vị sau sáp nhập là trung bình cộng giá trị của các tỉnh cũ; chỉ số DTI được tính từ các giá trị trung bình đó (quy tắc công bố cùng DTI 2024). %1/34 đơn vị được xếp hạng; đơn vị còn thiếu kết quả của tỉnh cũ nào thì không được xếp hạng.</translation>
        </message>
        <message>
            <source>Each weight is changed at random within the range chosen, many times over; a unit's ranks over all runs give its median and its 5–95 % interval. Units whose intervals overlap cannot be told apart at this level of uncertainty.</source>
            <translation>Mỗi trọng số được thay đổi ngẫu nhiên trong biên độ đã chọn, lặp lại nhiều lần; thứ hạng của một đơn vị qua các lần chạy cho hạng trung vị và khoảng hạng 5–95 %. Các đơn vị có khoảng hạng chồng lên nhau không phân biệt được thứ hạng ở mức bất định này.</translation>
        </message>
        <message>
            <source>Former provinces</source>
            <translation>Các tỉnh cũ</translation>
        </message>
        <message>
            <source>Indicators at least one standard deviation above (strength) or below (weakness) the mean of the unit's region or of the whole country.</source>
            <translation>Các chỉ số cao hơn (điểm mạnh) hoặc thấp hơn (điểm yếu) mức trung bình của vùng hoặc của cả nước từ một độ lệch chuẩn trở lên.</translation>
        </message>
        <message>
            <source>No indicator is far above or below the region or the nation.</source>
            <translation>Không có chỉ số nào cao hơn hay thấp hơn hẳn so với vùng hoặc cả nước.</translation>
        </message>
        <message>
            <source>Difference
from the region</source>
            <translation>Chênh lệch
so với vùng</translation>
        </message>
        <message>
            <source>Difference
from the nation</source>
            <translation>Chênh lệch
so với cả nước</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>Điểm</translation>
        </message>
        <message>
            <source>Rank interval
5–95 %</source>
            <translation>Khoảng hạng
5–95 %</translation>
        </message>
        <message>
            <source>Median
rank</source>
            <translation>Hạng
trung vị</translation>
        </message>
        <message>
            <source>Rank %1 in %2 of the runs; best rank %3, worst rank %4.</source>
            <translation>Giữ hạng %1 trong %2 số lần chạy; hạng tốt nhất %3, kém nhất %4.</translation>
        </message>
        <message>
            <source>Units not
distinguishable</source>
            <translation>Số đơn vị không
phân biệt được</translation>
        </message>
        <message>
            <source>Press Run to start.</source>
            <translation>Bấm Chạy để bắt đầu.</translation>
        </message>
        <message>
            <source>Rank stability</source>
            <translation>Độ ổn định thứ hạng</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Chạy</translation>
        </message>
        <message>
            <source>Running…</source>
            <translation>Đang chạy…</translation>
        </message>
        <message>
            <source>Runs:</source>
            <translation>Số lần chạy:</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Dừng</translation>
        </message>
        <message>
            <source>Stopped before the end; the table is unchanged.</source>
            <translation>Đã dừng trước khi xong; bảng không thay đổi.</translation>
        </message>
        <message>
            <source>Strengths and weaknesses</source>
            <translation>Điểm mạnh, điểm yếu</translation>
        </message>
        <message>
            <source>The projection onto the 34 merged units applies to the set of 63 provinces only; this campaign uses another set of units.</source>
            <translation>Quy đổi sang 34 đơn vị sau sáp nhập chỉ áp dụng cho bộ 63 tỉnh, thành phố; đợt đánh giá này dùng bộ đơn vị khác.</translation>
        </message>
        <message>
            <source>This unit has no score.</source>
            <translation>Đơn vị này chưa có điểm.</translation>
        </message>
        <message>
            <source>Weight change:</source>
            <translation>Biên độ thay đổi trọng số:</translation>
        </message>
    </context>
</TS>
