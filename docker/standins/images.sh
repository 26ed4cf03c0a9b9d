# Sourced, not run: names the stand-in images in the variables docker-compose.yml, the
# Dockerfile's build arguments and the Testcontainers tests read, and exports them.
#
#   . docker/standins/images.sh && docker-compose up --build
#
# The tags follow the build's versions (the root pom's Kafka version), as build.sh tags them.
_waybill_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WAYBILL_STANDIN_KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "${_waybill_root}/pom.xml" | head -1)"
export WAYBILL_POSTGRES_IMAGE=waybill-standin/postgres:17
export WAYBILL_KAFKA_IMAGE="waybill-standin/kafka:${WAYBILL_STANDIN_KAFKA_VERSION}"
export WAYBILL_BUILD_IMAGE=waybill-standin/build:17
export WAYBILL_RUNTIME_IMAGE=waybill-standin/jre:17
unset _waybill_root
