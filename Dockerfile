# The image of any one of the three applications, built from the repository root:
#
#   docker build --build-arg MODULE=order-service .     (or inventory-service, outbox-relay)
#
# docker-compose.yml builds all three from this file. The build stage does not depend on
# MODULE, so it runs once and the three images share its cached layers: one Maven build, not
# three. The base images are build arguments with the official images as defaults, so that a
# host without access to an image registry can name stand-ins of its own.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
# both stages carry dev.waybill.image, so that images a rebuild replaced can be pruned by it
LABEL dev.waybill.image=build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl order-service,inventory-service,outbox-relay -am -DskipTests package

FROM ${RUNTIME_IMAGE}
LABEL dev.waybill.image=application
# curl serves the health checks; installed only when the base image lacks it
RUN command -v curl > /dev/null \
	|| (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)
RUN useradd --system --uid 10001 waybill
ARG MODULE
RUN case "${MODULE}" in \
		order-service|inventory-service|outbox-relay) ;; \
		*) echo "Build argument MODULE must be order-service, inventory-service or outbox-relay, not '${MODULE}'" >&2; exit 1 ;; \
	esac
COPY --from=build /src/${MODULE}/target/${MODULE}-*-exec.jar /app/app.jar
USER waybill
# Configuration comes from the environment (see docker-compose.yml); no secret is baked in.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
