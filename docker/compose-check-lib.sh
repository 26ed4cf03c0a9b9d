# Sourced by docker/check-compose.sh and docker/check-compose-secure.sh: what both checks do
# the same way. The caller sets CHECK (the name its log lines carry) and COMPOSE_FILES (the
# compose files, in order), and may call take_down, which the EXIT trap calls too.

PROJECT=waybill-check
compose() {
	local files=()
	for file in "${COMPOSE_FILES[@]}"; do
		files+=(-f "${file}")
	done
	docker-compose --project-name "${PROJECT}" "${files[@]}" "$@"
}

ORDERS=http://127.0.0.1:8081
INVENTORY=http://127.0.0.1:8082
SKU="CHECK-$(date +%s)"

log() {
	echo "[${CHECK} $(date +%H:%M:%S)] $*"
}

fail() {
	echo "[${CHECK}] FAILED: $*" >&2
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

# up_until_healthy [--build]: up, until every service is healthy (timed)
up_until_healthy() {
	local started build_log
	log "up${*:+ $*} (${COMPOSE_FILES[*]})"
	started=$(date +%s)
	build_log="$(mktemp)"
	compose up "$@" --detach > "${build_log}" 2>&1 || { tail -40 "${build_log}" >&2; fail "docker-compose up"; }
	rm -f "${build_log}"
	until_true 600 "every service healthy" all_healthy
	log "all five services healthy $(($(date +%s) - started)) s after up${*:+ $*}"
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

# a product with stock 10 in inventory-service, until order-service's replica has it
create_product() {
	curl -fsS -X POST "${INVENTORY}/products" -H 'Content-Type: application/json' \
		-d "{\"sku\":\"${SKU}\",\"name\":\"Compose check\",\"stock\":10}" > /dev/null || fail "creating ${SKU}"
	until_true 60 "${SKU} in order-service's replica" replica_has_product
}

reservation_is() {
	curl -fsS "${INVENTORY}/reservations/$1" | grep -q "\"status\":\"$2\""
}

# the auditor's executable jar, built when missing
auditor_jar() {
	local jar
	jar="$(ls auditor/target/auditor-*-exec.jar 2> /dev/null | head -1 || true)"
	if [ -z "${jar}" ]; then
		mvn -B -q -pl auditor -am package -DskipTests -Djacoco.skip=true
		jar="$(ls auditor/target/auditor-*-exec.jar | head -1)"
	fi
	echo "${jar}"
}
