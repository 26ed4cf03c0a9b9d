#!/usr/bin/env bash
# Runs docker-compose.yml end to end and takes it down again, leaving no container, network
# or volume behind. The application images stay; what a rebuild replaced, and the build
# stage, are removed (the build stage is only ever reused by an unchanged source tree):
#   1. docker-compose up --build, until every service reports healthy (timed);
#   2. a product created in inventory-service and seen in order-service's replica;
#   3. an order placed and CONFIRMED, then cancelled and its stock released;
#   4. the relay killed (SIGKILL), an order placed while it is down, the relay started again,
#      and that order CONFIRMED;
#   5. the auditor against the compose system: nothing lost, published twice or applied twice.
# Everything goes through the published ports, as a user's client would. The images are the
# compose file's defaults unless the WAYBILL_*_IMAGE variables name others
# (docker/standins/images.sh names the stand-ins). Needs Docker, docker-compose, curl, a JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

PROJECT=waybill-check
compose() {
	docker-compose --project-name "${PROJECT}" "$@"
}

ORDERS=http://127.0.0.1:8081
INVENTORY=http://127.0.0.1:8082
SKU="CHECK-$(date +%s)"

log() {
	echo "[compose check $(date +%H:%M:%S)] $*"
}

fail() {
	echo "[compose check] FAILED: $*" >&2
	compose ps >&2 || true
	compose logs --no-color --tail=40 >&2 || true
	exit 1
}

take_down() {
	compose down --volumes --remove-orphans > /dev/null 2>&1 || true
	docker image prune --force --filter label=dev.waybill.image > /dev/null 2>&1 || true
}
trap take_down EXIT

# until SECONDS DESCRIPTION COMMAND...: retries COMMAND every second.
until_true() {
	local seconds="$1" what="$2"
	shift 2
	for _ in $(seq 1 "${seconds}"); do
		if "$@" > /dev/null 2>&1; then
			return 0
		fi
		sleep 1
	done
	fail "${what}: not within ${seconds} s"
}

# the five long-running services; the one-shots have exited by then
all_healthy() {
	local ids
	ids="$(compose ps -q postgres kafka order-service inventory-service outbox-relay)"
	[ "$(echo "${ids}" | wc -w)" -eq 5 ] || return 1
	! docker inspect --format '{{.State.Health.Status}}' ${ids} | grep -qv '^healthy$'
}

json_field() { # json_field NAME: the first string value of NAME in the JSON on stdin
	sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -1
}

order_status() {
	curl -fsS "${ORDERS}/orders/$1" | json_field status
}

status_is() {
	[ "$(order_status "$1")" = "$2" ]
}

place_order() {
	curl -fsS -X POST "${ORDERS}/orders" -H 'Content-Type: application/json' \
		-d "{\"customerId\":\"compose-check\",\"lines\":[{\"sku\":\"${SKU}\",\"quantity\":$1}]}" | json_field id
}

replica_has_product() {
	curl -fsS "${ORDERS}/products?size=100" | grep -q "\"${SKU}\""
}

reservation_is() {
	curl -fsS "${INVENTORY}/reservations/$1" | grep -q "\"status\":\"$2\""
}

take_down
log "docker-compose up --build"
started=$(date +%s)
build_log="$(mktemp)"
compose up --build --detach > "${build_log}" 2>&1 || { tail -40 "${build_log}" >&2; fail "docker-compose up"; }
rm -f "${build_log}"
until_true 600 "every service healthy" all_healthy
log "all five services healthy $(($(date +%s) - started)) s after up --build"

curl -fsS -X POST "${INVENTORY}/products" -H 'Content-Type: application/json' \
	-d "{\"sku\":\"${SKU}\",\"name\":\"Compose check\",\"stock\":10}" > /dev/null || fail "creating ${SKU}"
until_true 60 "${SKU} in order-service's replica" replica_has_product

first="$(place_order 2)"
[ -n "${first}" ] || fail "placing an order"
until_true 60 "order ${first} CONFIRMED" status_is "${first}" CONFIRMED
log "order ${first} CONFIRMED"
curl -fsS -X POST "${ORDERS}/orders/${first}/cancel" > /dev/null || fail "cancelling ${first}"
until_true 60 "order ${first} CANCELLED" status_is "${first}" CANCELLED
until_true 60 "the reservation of ${first} released" reservation_is "${first}" RELEASED
log "order ${first} CANCELLED and its stock released"

compose kill -s KILL outbox-relay > /dev/null 2>&1
log "outbox-relay killed"
second="$(place_order 3)"
[ -n "${second}" ] || fail "placing an order while the relay is down"
sleep 3
[ "$(order_status "${second}")" = PENDING ] || fail "order ${second} settled with no relay running"
compose start outbox-relay > /dev/null 2>&1
restarted=$(date +%s)
until_true 120 "order ${second} CONFIRMED after the relay's restart" status_is "${second}" CONFIRMED
log "order ${second}, placed while the relay was down, CONFIRMED $(($(date +%s) - restarted)) s after its start"

auditor="$(ls auditor/target/auditor-*-exec.jar 2> /dev/null | head -1 || true)"
if [ -z "${auditor}" ]; then
	mvn -B -q -pl auditor -am package -DskipTests -Djacoco.skip=true
	auditor="$(ls auditor/target/auditor-*-exec.jar | head -1)"
fi
java -jar "${auditor}" --settle=60s || fail "the auditor found the compose system inconsistent"

take_down
log "passed; taken down in full"
