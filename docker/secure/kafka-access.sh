#!/usr/bin/env bash
# The kafka-access one-shot of docker-compose.secure.yml: creates the SCRAM-SHA-512 users
# relay, orders and inventory with their generated passwords, and grants each the least its
# component needs, as a cluster's administrator does: kafka-configs.sh and kafka-acls.sh
# through the broker's PLAINTEXT listener, which listens on the broker's loopback only
# (this container shares the broker's network) and whose anonymous principal is a super
# user. Users and ACLs that exist are set again, so it may run at every start. The ACLs are
# the embedded stack's (dev.waybill.stack.StackPrincipals).
set -euo pipefail

BOOTSTRAP=127.0.0.1:19092
BIN=/opt/kafka/bin

# the password goes in a file, not on a command line, where a process listing shows it
user() {
	local name="$1" file
	file="$(mktemp)"
	printf 'SCRAM-SHA-512=password=%s\n' "$(cat "/secrets/${name}/password")" > "${file}"
	"${BIN}/kafka-configs.sh" --bootstrap-server "${BOOTSTRAP}" --alter --entity-type users \
		--entity-name "${name}" --add-config-file "${file}"
	rm -f "${file}"
}

# allow USER [kafka-acls.sh resource and operation options...]
allow() {
	local name="$1"
	shift
	"${BIN}/kafka-acls.sh" --bootstrap-server "${BOOTSTRAP}" --add --allow-principal "User:${name}" "$@" > /dev/null
}

relay() {
	user relay
	# the outbox topics and the relay's dead-letter topic: written, created when missing
	allow relay --topic outbox.event. --resource-pattern-type prefixed \
		--operation Create --operation Write --operation Describe --operation DescribeConfigs
	allow relay --topic waybill.relay.dead-letter \
		--operation Create --operation Write --operation Describe --operation DescribeConfigs
	# its offsets topic, which it also reads back
	allow relay --topic waybill.relay.offsets \
		--operation Create --operation Write --operation Read --operation Describe --operation DescribeConfigs
	allow relay --transactional-id waybill-relay- --resource-pattern-type prefixed \
		--operation Write --operation Describe
	# the cluster's configuration, to check how its topics are replicated
	allow relay --cluster --operation DescribeConfigs
}

# service USER GROUP AGGREGATE...: reads the topics it consumes in its group, writes their
# dead-letter topics
service() {
	local name="$1" group="$2" topics=() dead_letters=()
	shift 2
	for aggregate in "$@"; do
		topics+=(--topic "outbox.event.${aggregate}")
		dead_letters+=(--topic "outbox.event.${aggregate}.dlt")
	done
	user "${name}"
	allow "${name}" --group "${group}" --operation Read
	allow "${name}" "${topics[@]}" --operation Read --operation Describe
	allow "${name}" "${dead_letters[@]}" --operation Create --operation Write --operation Describe
}

# side by side: each tool is a JVM of its own, and their start is most of the time
relay & relay_pid=$!
service orders order-service reservation product & orders_pid=$!
service inventory inventory-service order & inventory_pid=$!
status=0
for pid in "${relay_pid}" "${orders_pid}" "${inventory_pid}"; do
	wait "${pid}" || status=1
done
[ "${status}" = 0 ] || { echo "kafka-access: a user or ACL could not be set" >&2; exit 1; }
echo "kafka-access: users relay, orders, inventory and their ACLs set"
