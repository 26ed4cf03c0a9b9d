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

CHECK="compose check"
COMPOSE_FILES=(docker-compose.yml)
# shellcheck source=compose-check-lib.sh
. docker/compose-check-lib.sh

take_down
up_until_healthy --build
create_product

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

java -jar "$(auditor_jar)" --settle=60s || fail "the auditor found the compose system inconsistent"

take_down
log "passed; taken down in full"
