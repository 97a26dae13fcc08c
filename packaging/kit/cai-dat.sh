#!/bin/sh
# Cài DTI Scorer từ thư mục wheels, không dùng mạng / Install DTI Scorer offline.
set -e
KIT="$(cd "$(dirname "$0")" && pwd)"
VENV="${DTI_VENV:-$HOME/dti-scorer-venv}"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --no-index --find-links "$KIT/wheels" --upgrade dti-scorer
"$VENV/bin/dti-scorer" demo
echo "Đã cài xong / installed: $VENV/bin/dti-app (ứng dụng / app), $VENV/bin/dti-scorer (dòng lệnh / CLI)"
