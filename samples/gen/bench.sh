#!/usr/bin/env bash
# bench.sh: the documented performance command of orderimport (issue 6).
#
# From the repository root:
#   samples/gen/bench.sh                      # 1,000,000-row CSV, 200,000-row XLSX, 100,000-row CSV
#   CSV_ROWS=200000 XLSX_ROWS=20000 samples/gen/bench.sh    # a quicker run
#   REPEAT=9 samples/gen/bench.sh             # each timing 9 times (default 5): medians
#
# It builds orderimport and the helpers, generates deterministic synthetic
# damaijia files into a temporary directory, and for each file runs
#   orderimport import FILE --provider damaijia --dry-run --out ...
# beside a bare library read of the same file (encoding/csv; excelize Rows()),
# printing rows/s and peak RSS. Peak RSS and CPU come from the kernel's
# accounting of the finished process (wait4 rusage, via samples/gen/measure),
# so nothing is sampled: no GNU time needed. Then it submits to a sandbox in a
# separate process (--rate 0, 16 workers) and prints the importer's CPU per
# order. Set ORDERIMPORT_BIN to measure a prebuilt binary instead.
set -euo pipefail

CSV_ROWS=${CSV_ROWS:-1000000}
XLSX_ROWS=${XLSX_ROWS:-200000}
SMALL_ROWS=${SMALL_ROWS:-100000}
XLSX_SMALL_ROWS=${XLSX_SMALL_ROWS:-20000}
SUBMIT_ROWS=${SUBMIT_ROWS:-20000}
REPEAT=${REPEAT:-5}

cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
sandbox_pid=""
cleanup() {
	if [[ -n $sandbox_pid ]]; then kill "$sandbox_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

echo "== building"
bin=${ORDERIMPORT_BIN:-$tmp/orderimport}
[[ -n ${ORDERIMPORT_BIN:-} ]] || go build -o "$bin" .
go build -o "$tmp/gen" ./samples/gen
go build -o "$tmp/measure" ./samples/gen/measure
go build -o "$tmp/bare" ./samples/gen/bare
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"

echo "== generating (seed 1)"
"$tmp/gen" -rows "$CSV_ROWS" -out "$tmp/big.csv"
"$tmp/gen" -rows "$SMALL_ROWS" -out "$tmp/small.csv"
"$tmp/gen" -rows "$XLSX_ROWS" -out "$tmp/big.xlsx"
"$tmp/gen" -rows "$XLSX_SMALL_ROWS" -out "$tmp/small.xlsx"
ls -l "$tmp"/*.csv "$tmp"/*.xlsx | awk '{printf "  %s %d bytes\n", $NF, $5}'

# calc EXPR: floating-point arithmetic (awk: no bc needed).
calc() { awk "BEGIN { print $1 }"; }

# field NAME LINE: the value of NAME=... in a measure line.
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

# measured LABEL ROWS CMD...: runs CMD under measure and prints one line.
measured() {
	local label=$1 rows=$2
	shift 2
	local line
	line=$("$tmp/measure" -- "$@" 2>&1 >/dev/null | grep '^measure:' || true)
	local wall rss user sys
	wall=$(field wall "$line") rss=$(field maxrss "$line") user=$(field user "$line") sys=$(field sys "$line")
	printf "  %-34s %8.2fs %10.0f rows/s  peak RSS %7.1f MB  cpu %.2fs  (%s)\n" \
		"$label" "$wall" "$(calc "$rows / $wall")" "$rss" "$(calc "$user + $sys")" "${line#measure: }"
	echo "$wall $rss" >"$tmp/last"
}

# median N...: the middle value (the lower of the two middle ones for an
# even count).
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# run_pair NAME FILE ROWS: the bare read and the dry run of FILE, REPEAT
# times each, one after the other (so that a slower moment of a shared
# machine hits both); the ratio is of the median times, RSS is the largest.
declare -A wall rss
run_pair() {
	local name=$1 file=$2 rows=$3 ext=${2##*.} i
	local -a bare_w imp_w bare_r imp_r
	for ((i = 0; i < REPEAT; i++)); do
		measured "$name bare read" "$rows" "$tmp/bare" "$file"
		read -r w r <"$tmp/last"
		bare_w+=("$w") bare_r+=("$r")
		# The last run's result sheet goes first, outside the timing: the
		# rename that replaces a 100 MB file spends tens of ms freeing it,
		# which is not work of this run.
		rm -f "$tmp/out.$ext"
		measured "$name orderimport --dry-run" "$rows" \
			"$bin" import "$file" --provider damaijia --dry-run --out "$tmp/out.$ext"
		read -r w r <"$tmp/last"
		imp_w+=("$w") imp_r+=("$r")
	done
	wall[$name.bare]=$(median "${bare_w[@]}") wall[$name.imp]=$(median "${imp_w[@]}")
	rss[$name.bare]=$(printf '%s\n' "${bare_r[@]}" | sort -g | tail -1)
	rss[$name.imp]=$(printf '%s\n' "${imp_r[@]}" | sort -g | tail -1)
	printf "  %-34s %8.2fx   (median of %d: %.2fs / %.2fs)\n" "$name dry run / bare" \
		"$(calc "${wall[$name.imp]} / ${wall[$name.bare]}")" "$REPEAT" "${wall[$name.imp]}" "${wall[$name.bare]}"
}

echo "== dry runs (damaijia), each beside a bare read of the same file"
echo "  (csv-big: $CSV_ROWS rows, csv-small: $SMALL_ROWS rows, xlsx: $XLSX_ROWS rows, xlsx-small: $XLSX_SMALL_ROWS rows)"
run_pair csv-big "$tmp/big.csv" "$CSV_ROWS"
run_pair csv-small "$tmp/small.csv" "$SMALL_ROWS"
run_pair xlsx "$tmp/big.xlsx" "$XLSX_ROWS"
run_pair xlsx-small "$tmp/small.xlsx" "$XLSX_SMALL_ROWS"

echo "== targets"
printf "  CSV dry run / bare encoding/csv      %.2fx   (target <= 3)\n" "$(calc "${wall[csv-big.imp]} / ${wall[csv-big.bare]}")"
printf "  XLSX dry run / bare excelize Rows()  %.2fx   (target <= 2)\n" "$(calc "${wall[xlsx.imp]} / ${wall[xlsx.bare]}")"
printf "  peak RSS, CSV %d rows                %.1f MB (target <= 100)\n" "$CSV_ROWS" "${rss[csv-big.imp]}"
printf "  peak RSS, CSV %d / %d rows      %.2fx   (target <= 1.3)\n" "$CSV_ROWS" "$SMALL_ROWS" "$(calc "${rss[csv-big.imp]} / ${rss[csv-small.imp]}")"
printf "  peak RSS, XLSX %d rows             %.1f MB (bare read: %.1f MB)\n" "$XLSX_ROWS" "${rss[xlsx.imp]}" "${rss[xlsx.bare]}"
printf "  peak RSS, XLSX %d / %d rows       %.2fx   (flat apart from excelize's tables)\n" "$XLSX_ROWS" "$XLSX_SMALL_ROWS" "$(calc "${rss[xlsx.imp]} / ${rss[xlsx-small.imp]}")"

echo "== submitting to a sandbox in its own process: --rate 0, 16 workers, --batch 1, a fresh ledger"
"$tmp/gen" -rows "$SUBMIT_ROWS" -out "$tmp/submit.csv"
"$bin" sandbox --listen 127.0.0.1:0 --token bench-token >"$tmp/sandbox.out" 2>&1 &
sandbox_pid=$!
for _ in $(seq 50); do grep -q listening "$tmp/sandbox.out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$tmp/sandbox.out" | head -1)
line=$(ORDERIMPORT_TOKEN=bench-token "$tmp/measure" -- "$bin" import "$tmp/submit.csv" --provider damaijia \
	--base-url "$url" --rate 0 --workers 16 --batch 1 --ledger "$tmp/ledger.db" --out "$tmp/submit.result.csv" 2>&1 >/dev/null | grep '^measure:' || true)
cpu=$(calc "$(field user "$line") + $(field sys "$line")")
printf "  %d orders: %s\n" "$SUBMIT_ROWS" "${line#measure: }"
printf "  importer CPU per order: %.1f us (user+sys of the importer process only, ledger included), %.0f orders/s\n" \
	"$(calc "$cpu * 1000000 / $SUBMIT_ROWS")" "$(calc "$SUBMIT_ROWS / $(field wall "$line")")"
kill "$sandbox_pid" && wait "$sandbox_pid" 2>/dev/null || true
sandbox_pid=""
