#!/usr/bin/env bash
# Runs a Kafka class with the broker's jars, as the distribution's script of this name does.
exec java ${KAFKA_HEAP_OPTS:--Xmx512m} ${KAFKA_OPTS:-} -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.yaml \
	-cp "/opt/kafka/libs/*" "$@"
