#!/usr/bin/env bash
# The outbox relay's CPU while nothing happens: the demo (two sources, log capture) started
# afresh, no orders, the relay process's CPU time read from /proc over a window after a rest.
#
#   benchmarks/idle-relay-cpu.sh [window seconds, default 30] [rest seconds, default 15]
#
# The relay inherits this environment, so relay settings can be varied, e.g.
#   WAYBILL_RELAY_POLL_INTERVAL=50ms benchmarks/idle-relay-cpu.sh
#   WAYBILL_RELAY_SOURCES_0_DEBEZIUM_QUEUE_PROVIDER_TYPE=memory \
#   WAYBILL_RELAY_SOURCES_1_DEBEZIUM_QUEUE_PROVIDER_TYPE=memory benchmarks/idle-relay-cpu.sh
# (Debezium's own queue storage, which spins through the end of every poll).
# Uses the demo's default ports and run/ (or WAYBILL_RUN_DIR); stops the demo at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
window=${1:-30}
rest=${2:-15}
run_dir=${WAYBILL_RUN_DIR:-run}
log=$(mktemp)

./waybill up --fresh >"$log" 2>&1 &
demo=$!
trap 'kill -TERM $demo 2>/dev/null; wait $demo 2>/dev/null; rm -f "$log"' EXIT

for _ in $(seq 1 1200); do
	grep -q "all healthy" "$log" && break
	kill -0 $demo 2>/dev/null || { cat "$log"; exit 1; }
	sleep 0.5
done
grep -q "all healthy" "$log" || { echo "the demo did not become healthy"; cat "$log"; exit 1; }
pid=$(cut -d' ' -f1 "$run_dir/pids/relay.pid")

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sleep "$rest"
before=$(cpu_ticks "$pid")
sleep "$window"
after=$(cpu_ticks "$pid")
awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$window" \
	'BEGIN { printf "relay CPU, idle, two sources: %.3f cores over %d s\n", ticks / hz / s, s }'
grep -ho "Using QueueProvider [^ ]*" "$run_dir/logs/relay.log" | sort | uniq -c
