#!/usr/bin/env bash
# The page (`nastavnik serve`, release binary) on loopback with a school of
# 1,000 participants (engine/examples/big_school.rs). Benchmarks, not
# tests: figures in README «Performance».
#
#   upload-to-check  POST the participants workbook (streamed, counted,
#                    saved, the folder read at once) + GET /check (load,
#                    rules, the 7 stages rendered)
#   generate + ZIP   POST /documents/generate (packages/ГГГГ-ММ-ДД) + GET
#                    the package's ZIP
#   USERS at once    each ROUNDS rounds of the four sections, a blank form
#                    and the ZIP; every answer must be 200
#   peak memory      the server's VmHWM after all of it
#
#   scripts/bench-web.sh
#   RUNS=3 USERS=20 ROUNDS=5 PARTICIPANTS=1000 scripts/bench-web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
USERS=${USERS:-20}
ROUNDS=${ROUNDS:-5}
PARTICIPANTS=${PARTICIPANTS:-1000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build -q --release --locked -p nastavnik --bin nastavnik -p nastavnik-engine --example big_school
BIN="$CARGO_TARGET_DIR/release/nastavnik"
GEN="$CARGO_TARGET_DIR/release/examples/big_school"
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$GEN" "$WORK/org" --participants "$PARTICIPANTS" >/dev/null
cp "$WORK/org/inputs/participants.xlsx" "$WORK/participants.xlsx"
"$BIN" serve "$WORK/org" >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
for _ in $(seq 100); do grep -q 'http://' "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" | head -1)
TOKEN=$(curl -sf "$BASE/tables" | grep -o 'csrf=[0-9a-f]*' | head -1 | cut -d= -f2)

# one METHOD URL [curl args...]: "status seconds"
one() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@"; }
median() { python3 -c "import sys,statistics as s;v=[float(x) for x in sys.argv[1:]];print(f'{s.median(v):.3f} s (min {min(v):.3f}, max {max(v):.3f})')" "$@"; }

up=(); ck=(); sum=()
for _ in $(seq "$RUNS"); do
  read -r s1 t1 < <(one -F "file=@$WORK/participants.xlsx" "$BASE/tables/participants?csrf=$TOKEN")
  read -r s2 t2 < <(one "$BASE/check")
  [ "$s1" = 200 ] && [ "$s2" = 200 ] || { echo "upload $s1, check $s2" >&2; exit 1; }
  up+=("$t1"); ck+=("$t2"); sum+=("$(python3 -c "print($t1+$t2)")")
done
gen=(); zip=(); both=()
for _ in $(seq "$RUNS"); do
  read -r s1 t1 < <(one -X POST "$BASE/documents/generate?csrf=$TOKEN")
  NAME=$(ls "$WORK/org/packages" | sort | tail -1)
  read -r s2 t2 < <(one "$BASE/packages/$NAME/zip")
  [ "$s1" = 200 ] && [ "$s2" = 200 ] || { echo "generate $s1, zip $s2" >&2; exit 1; }
  gen+=("$t1"); zip+=("$t2"); both+=("$(python3 -c "print($t1+$t2)")")
done
DOCS=$(python3 -c "import json;print(len(json.load(open('$WORK/org/packages/$NAME/manifest.json'))['documents']))")

echo "school: $PARTICIPANTS participants, $DOCS documents; $RUNS runs each; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| measure | median |"
echo "|---|---|"
echo "| upload participants.xlsx (saved + read) | $(median "${up[@]}") |"
echo "| GET /check | $(median "${ck[@]}") |"
echo "| **upload-to-check** | $(median "${sum[@]}") |"
echo "| POST generate | $(median "${gen[@]}") |"
echo "| GET ZIP | $(median "${zip[@]}") |"
echo "| **generate + ZIP** | $(median "${both[@]}") |"

python3 - "$BASE" "$NAME" "$USERS" "$ROUNDS" <<'EOF'
import sys, threading, time, urllib.request, urllib.error, statistics
base, name, users, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
paths = ["/check", "/documents", "/tables", "/programme",
         "/tables/participants/blank", f"/packages/{name}/zip"]
times, errors, lock = [], [], threading.Lock()
def user():
    for _ in range(rounds):
        for p in paths:
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(base + p, timeout=120) as r:
                    r.read()
                    ok = r.status == 200
            except (urllib.error.URLError, OSError) as e:
                ok, r = False, e
            with lock:
                times.append(time.perf_counter() - t)
                if not ok:
                    errors.append(f"{p}: {r}")
start = time.perf_counter()
threads = [threading.Thread(target=user) for _ in range(users)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.perf_counter() - start
q = statistics.quantiles(times, n=20)
print(f"| {users} users × {rounds} rounds × {len(paths)} requests = {len(times)} | "
      f"{wall:.1f} s wall; latency median {statistics.median(times):.2f} s, p95 {q[18]:.2f} s, "
      f"max {max(times):.2f} s; errors: {len(errors)} |")
for e in errors[:5]: print("error:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF
echo "| server peak memory (VmHWM) | $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$PID/status") |"
