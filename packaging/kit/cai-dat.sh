#!/bin/sh
# Cài DTI Scorer @@VERSION@@ từ thư mục wheels, không dùng mạng / Install DTI Scorer offline.
#   ./cai-dat.sh            (PYTHON=python3.12 ./cai-dat.sh to choose the Python;
#                            DTI_VENV=DIR to choose where the environment goes)
# Gỡ / uninstall: rm -rf "$DTI_VENV" (by default ~/dti-scorer-venv).
set -u
KIT="$(cd "$(dirname "$0")" && pwd)"
VENV="${DTI_VENV:-$HOME/dti-scorer-venv}"
PYTHON="${PYTHON:-python3}"
PYTHONS="@@PYTHONS@@"
VERSION="@@VERSION@@"
NEED_MB="@@NEED_MB@@"
HELPER="$KIT/ho-tro/kiem_tra.py"

fail() {
    echo "" >&2
    echo "Chưa cài được DTI Scorer. $1" >&2
    echo "DTI Scorer was not installed. $2" >&2
    exit "$3"
}

echo "[1/6] Kiểm tra các tệp của bộ cài / checking the kit's files"
ls "$KIT"/wheels/dti_scorer-"$VERSION"-*.whl >/dev/null 2>&1 && [ -f "$HELPER" ] ||
    fail "Thiếu thư mục wheels hoặc ho-tro: chép lại cả thư mục bộ cài." \
         "The wheels or ho-tro folder is missing: copy the whole kit again." 11

echo "[2/6] Tìm Python $PYTHONS / looking for Python $PYTHONS"
found="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" ||
    fail "Không tìm thấy $PYTHON: cài Python $PYTHONS rồi chạy lại." \
         "$PYTHON was not found: install Python $PYTHONS and run this again." 12
case " $PYTHONS " in
    *" $found "*) ;;
    *) fail "$PYTHON là bản $found; bộ cài này dành cho Python $PYTHONS (đặt PYTHON=... để chọn bản khác)." \
            "$PYTHON is version $found; this kit is for Python $PYTHONS (set PYTHON=... to choose another)." 14 ;;
esac

echo "[3/6] Kiểm tra các tệp không bị hỏng / checking the copy against SHA256SUMS.txt"
"$PYTHON" "$HELPER" sums "$KIT" ||
    fail "Các tệp trên bị hỏng hoặc thiếu: chép lại cả thư mục bộ cài." \
         "The files above are damaged or missing: copy the whole kit again." 15

echo "[4/6] Kiểm tra chỗ trống / checking free disk space"
mkdir -p "$(dirname "$VENV")"
free="$("$PYTHON" "$HELPER" space "$(dirname "$VENV")" "$NEED_MB")" ||
    fail "Chỉ còn $free MB trống; cần ít nhất $NEED_MB MB." \
         "Only $free MB free; at least $NEED_MB MB are needed." 16

echo "[5/6] Môi trường riêng / private environment: $VENV"
identity="$("$PYTHON" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
if [ -d "$VENV" ] && [ "$(cat "$VENV/.dti-python" 2>/dev/null)" != "$identity" ]; then
    echo "      Python đã thay đổi: tạo lại môi trường / Python changed: making it again"
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" ||
        fail "Không tạo được môi trường trong $VENV (cần gói python3-venv?)." \
             "Could not make the environment in $VENV (is python3-venv installed?)." 18
    echo "$identity" > "$VENV/.dti-python"
fi
PIP_CONFIG_FILE=/dev/null "$VENV/bin/python" -m pip install --isolated --no-index \
    --find-links "$KIT/wheels" --disable-pip-version-check --quiet "dti-scorer==$VERSION" ||
    fail "Cài các gói từ thư mục wheels không thành công (thông báo ở trên)." \
         "Installing the packages from the wheels folder failed (see above)." 19

echo "[6/6] Chạy thử với 63 phiếu mẫu / trying it on the 63 sample workbooks"
"$VENV/bin/python" "$HELPER" demo ||
    fail "Chạy thử dti-scorer demo không thành công (thông báo ở trên)." \
         "The trial run dti-scorer demo failed (see above)." 20

echo ""
echo "Đã cài xong DTI Scorer $VERSION: ứng dụng $VENV/bin/dti-app, dòng lệnh $VENV/bin/dti-scorer."
echo "Kết quả chạy thử ở ~/Documents/DTI Scorer/demo (hoặc ~/DTI Scorer/demo). Gỡ: rm -rf \"$VENV\""
echo "Installed: app $VENV/bin/dti-app, command line $VENV/bin/dti-scorer; uninstall: rm -rf \"$VENV\""
