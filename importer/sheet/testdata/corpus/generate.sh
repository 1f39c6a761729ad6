#!/usr/bin/env bash
# Regenerates the reader corpus: files written by other tools than this
# project (Python's csv module, openpyxl, LibreOffice), then the golden
# outputs. Not run by CI (CI has no LibreOffice); the files are committed.
#
# Needs Debian's python3-openpyxl and libreoffice-calc-nogui
# (apt-get install python3-openpyxl libreoffice-calc-nogui).
# Run from anywhere: importer/sheet/testdata/corpus/generate.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3 # Debian's python, which has openpyxl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find "$here" -maxdepth 1 -type f ! -name generate.sh -delete

"$py" "$here/gen/make_corpus.py" "$here"
# excelize and hand-written XML in a zip (issue 16: merged header blocks,
# wide rows, s="", number formats, VelvetSweatshop and real passwords,
# Strict Open XML, .xlsb, chart sheets, a styled workbook, CSV rows).
(cd "$here/../../../.." && go run ./importer/sheet/testdata/corpus/gen/gofixtures "$here")

# LibreOffice: open openpyxl's workbook (formulas without cached values),
# compute it and save it in other formats.
export HOME="$work/home" # a fresh LibreOffice profile
cp "$here/openpyxl_orders.xlsx" "$work/lo_orders.xlsx"
lo() { soffice --headless --norestore --convert-to "$1" --outdir "$work/out" "$work/lo_orders.xlsx" >/dev/null 2>&1; }
lo xlsx
lo ods
lo xls
# CSV of the second sheet (订单), UTF-8 (76), comma (44), quote (34), as shown.
lo 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2'
cp "$work/out/lo_orders.xlsx" "$here/lo_orders.xlsx"
cp "$work/out/lo_orders.ods" "$here/lo_orders.ods"
cp "$work/out/lo_orders.xls" "$here/lo_orders.xls"
cp "$work/out/lo_orders-订单.csv" "$here/lo_orders_sheet2.csv"

# A truncated download: the first half of LibreOffice's XLSX.
size=$(stat -c %s "$here/lo_orders.xlsx")
head -c $((size / 2)) "$here/lo_orders.xlsx" >"$here/truncated.xlsx"

# No password-protected XLSX from LibreOffice: neither its command line nor
# its UNO API (Password / EncryptionData on storeToURL) wrote an encrypted
# OOXML package in LibreOffice 7.4, and Debian's msoffcrypto-tool 5.0 only
# decrypts. gen/gofixtures writes them with excelize instead.

# Golden outputs.
cd "$here/../../../.."
go test ./importer/sheet/ -run 'TestCorpus' -update >/dev/null
echo "corpus regenerated in $here"
