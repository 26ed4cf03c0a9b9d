#!/usr/bin/env bash
# Runs the secured setup (docker-compose.yml with docker-compose.secure.yml) end to end and
# takes it down again, leaving no container, network or volume behind:
#   1. up --build, until every service reports healthy (timed); with --images-built, up
#      alone, on the application images docker/check-compose.sh has just built (CI runs it
#      first: its take-down removes the build stage, which --build would then run again);
#   2. a product created in inventory-service, seen in order-service's replica, and an order
#      placed and CONFIRMED: the saga over TLS-only PostgreSQL and SCRAM over TLS with ACLs;
#   3. every connection of the relay's and the services' roles encrypted (pg_stat_ssl); a
#      connection without TLS refused; the broker's PLAINTEXT listener out of the services'
#      reach;
#   4. with psql on the host (if there is one), the README's line connects over TLS;
#   5. the auditor: nothing lost, published twice or applied twice. It runs in the broker's
#      network, reading Kafka as its administrator does (the loopback listener) and the
#      databases over TLS as the services' roles;
#   6. none of the generated passwords, nor the key store's, nor a line of the server's
#      private key, in the containers' logs or environment.
# Needs what docker/check-compose.sh needs.
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK="secure compose check"
COMPOSE_FILES=(docker-compose.yml docker-compose.secure.yml)
# shellcheck source=compose-check-lib.sh
. docker/compose-check-lib.sh
RUNTIME_IMAGE="${WAYBILL_RUNTIME_IMAGE:-eclipse-temurin:17-jre}"

# volume NAME: the project's volume of that name in the compose files
volume() {
	docker volume ls -q --filter "label=com.docker.compose.project=${PROJECT}" \
		--filter "label=com.docker.compose.volume=$1"
}

build=(--build)
if [ "${1:-}" = --images-built ]; then
	build=()
fi
take_down
up_until_healthy "${build[@]}"
create_product
order="$(place_order 2)"
[ -n "${order}" ] || fail "placing an order"
until_true 60 "order ${order} CONFIRMED" status_is "${order}" CONFIRMED
log "order ${order} CONFIRMED"

# the roles' connections, as the server sees them: unencrypted ones, all of them
connections="$(compose exec -T postgres psql -U postgres -tAc "SELECT count(*) FILTER (WHERE NOT s.ssl) || ' ' || count(*)
	FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.usename IN ('relay', 'orders', 'inventory')")"
read -r plain total <<< "${connections}"
[ "${plain}" = 0 ] && [ "${total}" -gt 0 ] || fail "the roles' connections: ${plain} of ${total} without TLS"
log "all ${total} connections of relay, orders and inventory use TLS"
refused="$(compose exec -T postgres psql "host=postgres dbname=orders user=orders sslmode=disable" -c 'SELECT 1' 2>&1 || true)"
echo "${refused}" | grep -q 'no encryption' || fail "a connection without TLS was not refused: ${refused}"
if compose exec -T order-service bash -c 'exec 3<> /dev/tcp/kafka/19092' > /dev/null 2>&1; then
	fail "order-service reaches the broker's PLAINTEXT listener"
fi
log "a connection without TLS refused; the PLAINTEXT listener out of the services' reach"

ca="$(mktemp)"
compose exec -T order-service cat /run/secrets/waybill/ca/ca.crt > "${ca}"
if command -v psql > /dev/null; then
	# the README's line
	PGPASSWORD="$(compose exec -T order-service cat /run/secrets/waybill/orders/password)" psql \
		"host=127.0.0.1 port=5433 dbname=orders user=orders sslmode=verify-full sslrootcert=${ca}" \
		-tAc 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()' | grep -qx t \
		|| fail "psql from the host over TLS as orders"
	log "psql from the host: connected over TLS as orders, the server verified"
fi
rm -f "${ca}"

auditor="$(auditor_jar)"
tls="sslmode=verify-full&sslrootcert=/secrets/ca/ca.crt"
docker run --rm --network "container:$(compose ps -q kafka)" --user 10001 \
	-v "${PWD}/${auditor}:/auditor.jar:ro" -v "$(volume secrets-ca):/secrets/ca:ro" \
	-v "$(volume secrets-orders):/secrets/orders:ro" -v "$(volume secrets-inventory):/secrets/inventory:ro" \
	"${RUNTIME_IMAGE}" java -jar /auditor.jar --bootstrap-servers 127.0.0.1:19092 \
	--orders-url "jdbc:postgresql://postgres:5432/orders?${tls}" --orders-password-file /secrets/orders/password \
	--inventory-url "jdbc:postgresql://postgres:5432/inventory?${tls}" \
	--inventory-password-file /secrets/inventory/password --settle=60s \
	|| fail "the auditor found the secured compose system inconsistent"

# the secrets, read as root from their volumes: each user's password, the key store's, and a
# line from the middle of the server's private key
secrets="$(docker run --rm -v "$(volume secrets-relay):/s/relay:ro" -v "$(volume secrets-orders):/s/orders:ro" \
	-v "$(volume secrets-inventory):/s/inventory:ro" -v "$(volume secrets-kafka):/s/kafka:ro" \
	-v "$(volume secrets-postgres):/s/postgres:ro" "${RUNTIME_IMAGE}" \
	bash -c 'for f in relay/password orders/password inventory/password kafka/keystore-password; do
		cat "/s/${f}"; echo; done; sed -n 2p /s/postgres/server.key')"
[ "$(echo "${secrets}" | awk 'length($0) > 20' | wc -l)" -eq 5 ] || fail "the generated secrets were not all found"
logs="$(mktemp)"
compose logs --no-color > "${logs}" 2>&1
# shellcheck disable=SC2046 # the project's containers, one word each
docker inspect --format '{{.Name}} {{json .Config.Env}} {{json .Config.Cmd}} {{json .Config.Entrypoint}}' \
	$(compose ps -q) >> "${logs}"
if echo "${secrets}" | grep -qFf - "${logs}"; then
	rm -f "${logs}"
	fail "a generated secret is in the logs, or in a container's environment or command"
fi
log "no generated secret in the logs ($(wc -l < "${logs}") lines) nor in a container's environment or command"
rm -f "${logs}"

take_down
log "passed; taken down in full"
