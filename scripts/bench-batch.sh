#!/usr/bin/env bash
# The region in one run (issue 14): `nastavnik batch` over N generated
# schools (`init --schools N`: about 250 participants each, one in ten
# refused), whole process, side by side with a plain loop of `generate`
# two at a time (`xargs -P2`) over the same schools. Prints wall time and
# peak resident memory (/usr/bin/time -v) of each; a benchmark, not a test.
# Results are written up in docs/bench.md and the README.
#
#   scripts/bench-batch.sh              # 500 schools
#   SCHOOLS=50 scripts/bench-batch.sh   # a quicker look
#   BIN=/path/to/nastavnik scripts/bench-batch.sh   # another build
set -euo pipefail
cd "$(dirname "$0")/.."
SCHOOLS=${SCHOOLS:-500}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
if [ -z "${BIN:-}" ]; then
  cargo build -q --release --locked -p nastavnik
  BIN="$CARGO_TARGET_DIR/release/nastavnik"
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$BIN" init "$WORK/region" --schools "$SCHOOLS" >/dev/null
participants=$(python3 - "$WORK/region" <<'EOF'
import sys, zipfile, pathlib, re
# Rows of the participants' two sheets less their title and header rows,
# from the XLSX itself, so the script states what it measured.
total = 0
schools = sorted(p for p in pathlib.Path(sys.argv[1]).iterdir() if p.is_dir())
for s in schools:
    with zipfile.ZipFile(s / "inputs" / "participants.xlsx") as z:
        for name in z.namelist():
            if re.fullmatch(r"xl/worksheets/sheet[12]\.xml", name):
                total += z.read(name).count(b"<row ") - 2
print(f"{len(schools)} schools, {total / len(schools):.0f} participants a school on average")
EOF
)
echo "$participants; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME COMMAND...: wall time and peak RSS of the whole command.
measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || true
  local wall rss cpu share
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
  # How much of the cores the run got: 200 % is both cores all the time.
  share=$(awk -F': ' '/Percent of CPU/ {print $2}' "$WORK/time.txt")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt")
  # CPU (user + system) does not depend on what else the machine runs.
  # System time (creating ~16,000 files) swings with the file system's
  # state, so user time is shown apart.
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$WORK/time.txt")
  user=$(awk -F': ' '/User time/ {printf "%.1f", $2}' "$WORK/time.txt")
  printf '| %s | %s | %s s (user %s s) | %s | %s MiB |\n' "$name" "$wall" "$cpu" "$user" "$share" "$((rss / 1024))"
}

echo "| run | wall (m:ss) | CPU | CPU share | peak memory |"
echo "|---|---|---|---|---|"
rm -rf "$WORK/out"
measure "batch, one process" "$BIN" batch "$WORK/region" --out "$WORK/out"
batch_docs=$(find "$WORK/out" -name '*.docx' | wc -l)
rm -rf "$WORK/out"
mkdir -p "$WORK/out2"
# The peak of the loop is that of its largest single `generate` (each is
# its own process; two run at once).
measure "xargs -P2 generate, a process a school" \
  sh -c "ls '$WORK/region' | xargs -P2 -I{} '$BIN' generate '$WORK/region/{}' --out '$WORK/out2/{}' >/dev/null 2>&1"
loop_docs=$(find "$WORK/out2" -name '*.docx' | wc -l)
echo "documents: batch $batch_docs, loop $loop_docs; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
