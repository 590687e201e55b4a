# The service image, over the jar built by `./mvnw -DskipTests package`.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app baifang && mkdir -p /app/data && chown baifang /app/data
WORKDIR /app
COPY bot-service/target/bot-service.jar /app/bot-service.jar
COPY config /app/config
COPY templates /app/templates
USER baifang
ENV SPRING_PROFILES_ACTIVE=prod \
    BAIFANG_CONFIG_DIR=/app/config \
    BAIFANG_TEMPLATES_DIR=/app/templates \
    BAIFANG_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness >/dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/bot-service.jar"]
