#!/usr/bin/env bash
# Whole-process figures of this checkout beside those of REV, one build
# after the other on the same machine (the machine drifts by 30 %: only a
# side-by-side run says whether a change made something slower).
#
#   scripts/bench-compare.sh REV            # e.g. HEAD~3, 0bb78dc
#   RUNS=3 scripts/bench-compare.sh REV     # fewer runs per measure
#
# REV is built in a temporary worktree with a target of its own (kept in
# target/bench-compare/REV so a second comparison does not build it again).
# The inputs are made once, by this checkout's `big_school` example, and
# given to both binaries: the 1,000-participant package, the pairs order of
# 5,000 mentees, `check` on 10,000 participants and a batch of 50 schools
# (`init --schools 50`: 44 to 440 participants each).
# Medians of RUNS runs (time) and the peak resident set of one run (memory).
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?"укажите ревизию для сравнения: scripts/bench-compare.sh REV"}
RUNS=${RUNS:-5}
ROOT=$(pwd)
SHA=$(git rev-parse --short "$REV")
OLD_TARGET="$ROOT/target/bench-compare/$SHA"
WORK=$(mktemp -d)
trap 'git worktree remove --force "$WORK/rev" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

cargo build -q --release --locked -p nastavnik -p nastavnik-engine --examples --bins
NEW="$ROOT/target/release/nastavnik"
GEN="$ROOT/target/release/examples/big_school"

git worktree add -q --detach "$WORK/rev" "$SHA"
(cd "$WORK/rev" && CARGO_TARGET_DIR="$OLD_TARGET" cargo build -q --release --locked -p nastavnik)
OLD="$OLD_TARGET/release/nastavnik"

"$GEN" "$WORK/school1000" --participants 1000 >/dev/null
"$GEN" "$WORK/pairs5000" --pairs 5000 >/dev/null
"$GEN" "$WORK/school10000" --participants 10000 >/dev/null
# Fifty different schools (one school copied fifty times is refused as
# copies of one: issue 24).
"$NEW" init "$WORK/batch" --schools 50 >/dev/null

# REV's own copy of the inputs: programme.json without the fields added
# since (its schema refuses unknown fields, and a refused run would be
# timed as a fast one).
old_inputs() {
  rm -rf "$WORK/old" && mkdir -p "$WORK/old"
  for d in school1000 pairs5000 school10000 batch; do cp -r "$WORK/$d" "$WORK/old/$d"; done
  find "$WORK/old" -name programme.json -print0 | xargs -0 python3 -c '
import json, sys
for p in sys.argv[1:]:
    d = json.load(open(p))
    for k in ("students_10_19", "students_15_19"):
        d.get("organisation", {}).pop(k, None)
    json.dump(d, open(p, "w"), ensure_ascii=False, indent=2)
'
}

# measure BIN ARGS...: "median_seconds peak_mib"; a run that fails (exit
# above 1: `check` exits 1 on findings) stops the comparison.
measure() {
  local times=() rss
  for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out" "$WORK/old/out"
    local start end rc=0
    start=$(date +%s%N)
    "$@" >/dev/null 2>"$WORK/err" || rc=$?
    end=$(date +%s%N)
    # `batch` exits 2 when a school is refused (one in ten is, on purpose).
    local allowed=1
    [ "$2" = batch ] && allowed=2
    if [ "$rc" -gt "$allowed" ]; then
      echo "не выполнено ($rc): $* — $(head -c 300 "$WORK/err")" >&2
      exit 1
    fi
    times+=("$(( (end - start) / 1000000 ))")
  done
  rm -rf "$WORK/out" "$WORK/old/out"
  rss=$( (/usr/bin/time -v "$@" 2>&1 >/dev/null || true) | awk -F': ' '/Maximum resident/ {print $2}')
  rm -rf "$WORK/out" "$WORK/old/out"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $((rss / 1024))"
}

row() {
  local name=$1; shift
  local old new
  old=$(measure "$OLD" "${@//$WORK\//$WORK/old/}") || exit 1
  new=$(measure "$NEW" "$@") || exit 1
  python3 - "$name" "$old" "$new" <<'EOF'
import sys
name, old, new = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
ot, om, nt, nm = int(old[0]), int(old[1]), int(new[0]), int(new[1])
ratio = nt / ot if ot else float("nan")
print(f"| {name} | {ot/1000:.3f} s, {om} MiB | {nt/1000:.3f} s, {nm} MiB | {ratio:.2f}× |")
EOF
}

old_inputs
echo "| work | $SHA | $(git rev-parse --short HEAD) (this checkout) | time ratio |"
echo "|---|---|---|---|"
row "package, 1,000 participants" generate "$WORK/school1000" --out "$WORK/out" --date 20.12.2025
row "pairs order, 5,000 mentees" generate "$WORK/pairs5000" --out "$WORK/out" --only order-pairs --date 20.12.2025
row "check, 10,000 participants" check "$WORK/school10000" --format json
row "batch, 50 schools (init --schools 50)" batch "$WORK/batch" --out "$WORK/out" --date 20.12.2025
