#!/usr/bin/env bash
# Whole-process benchmarks of the release binary: time (hyperfine, or a
# loop of /usr/bin/time if hyperfine is missing) and peak memory
# (/usr/bin/time -v, maximum resident set size). In-process figures:
# `cargo bench -p nastavnik-engine`. Results are written up in docs/bench.md.
#
#   scripts/bench.sh            # all measures
#   RUNS=5 scripts/bench.sh     # fewer runs per measure
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build -q --release --locked -p nastavnik -p nastavnik-engine --examples --bins
BIN="$CARGO_TARGET_DIR/release/nastavnik"
GEN="$CARGO_TARGET_DIR/release/examples/big_school"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$GEN" "$WORK/pairs5000" --pairs 5000 >&2
"$GEN" "$WORK/school1000" --participants 1000 >&2
"$GEN" "$WORK/school10000" --participants 10000 >&2
for i in $(seq -w 1 20); do "$GEN" "$WORK/batch/s$i" --participants 250 >/dev/null; done

# time_of NAME COMMAND...: median wall time over RUNS runs and the peak RSS of one run.
time_of() {
  local name=$1; shift
  local rss
  # `check` exits 1 when it finds errors (the example has some): not a failure here.
  rss=$( (/usr/bin/time -v "$@" 2>&1 >/dev/null || true) | awk -F': ' '/Maximum resident/ {print $2}')
  if command -v hyperfine >/dev/null 2>&1; then
    local median
    # -i: `check` exits 1 when it finds errors, as the example's do.
    hyperfine -i --runs "$RUNS" --warmup 1 --export-json "$WORK/h.json" \
      --prepare "rm -rf $WORK/out" "$(printf '%q ' "$@")" >/dev/null 2>&1 || true
    median=$(python3 -c "import json;r=json.load(open('$WORK/h.json'))['results'][0];print(f\"{r['median']*1000:.0f} ms (min {r['min']*1000:.0f}, max {r['max']*1000:.0f})\")")
    printf '| %s | %s | %s MiB |\n' "$name" "$median" "$((rss / 1024))"
  else
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$RUNS"); do rm -rf "$WORK/out"; "$@" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    printf '| %s | %d ms (mean) | %s MiB |\n' "$name" "$(( (end - start) / RUNS / 1000000 ))" "$((rss / 1024))"
  fi
  rm -rf "$WORK/out"
}

echo "| measure | time | peak memory |"
echo "|---|---|---|"
time_of "generate --only order-pairs, 5,000 pairs (load XLSX + check + render)" \
  "$BIN" generate "$WORK/pairs5000" --out "$WORK/out" --only order-pairs
# The floor under the pairs order (docs/bench.md): reading alone, then
# reading and handing the model to Rhai with every base rule replaced by none.
mkdir -p "$WORK/no-rules"
for s in 1 2 3 4 5 6 7; do echo 'fn rules() { [] }' > "$WORK/no-rules/stage$s.rhai"; done
time_of "validate, 5,000 pairs (load XLSX only)" \
  "$BIN" validate "$WORK/pairs5000"
time_of "check, 5,000 pairs, no rules (load XLSX + model to Rhai)" \
  "$BIN" check "$WORK/pairs5000" --rules "$WORK/no-rules" --format json
time_of "generate, whole package, 1,000 participants" \
  "$BIN" generate "$WORK/school1000" --out "$WORK/out"
time_of "check, 10,000 participants (load XLSX + rules)" \
  "$BIN" check "$WORK/school10000" --format json
# The batch: 20 schools, two at a time (2 cores).
cat > "$WORK/batch.sh" <<BATCH
#!/usr/bin/env bash
ls -d "$WORK"/batch/s* | xargs -P2 -I{} "$BIN" generate {} --out {}/out --force
BATCH
chmod +x "$WORK/batch.sh"
time_of "batch: 20 schools of 250 participants, generate, xargs -P2" "$WORK/batch.sh"
