# newsflow image: one jar, one service per container (`docker run newsflow fetcher|processor|sink|run`).
# Build: docker build -t newsflow .   (docker-compose.yml builds it for every newsflow service)

# --- build stage: Maven on JDK 17; the local repository is a BuildKit cache, so rebuilds do not download again ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schemas schemas
COPY services services
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package && cp services/app/target/newsflow.jar /newsflow.jar

# --- runtime stage: JRE 17 only ---
FROM eclipse-temurin:17-jre
# jemalloc instead of glibc malloc: RocksDB's allocations fragmented glibc's arenas, and the processor's RSS grew about
# twice as fast with articles (docs/BENCHMARKS.md, "Native memory: jemalloc"); linked under one path on every architecture
RUN apt-get update && apt-get install -y --no-install-recommends curl libjemalloc2 && rm -rf /var/lib/apt/lists/* \
    && ln -s "$(find /usr/lib -name libjemalloc.so.2 | head -n 1)" /usr/local/lib/libjemalloc.so.2 \
    && useradd --system --uid 10001 --home-dir /app newsflow && mkdir -p /data && chown newsflow /data
WORKDIR /app
COPY --from=build /newsflow.jar /app/newsflow.jar
COPY config /app/config
USER newsflow
# ParallelGC: less CPU per article and a lower p99 than G1 in bench e2e / bench latency (docs/BENCHMARKS.md,
# "Parse-ahead workers"); see docs/operations.md#scaling
ENV NEWSFLOW_DATA_DIR=/data \
    LD_PRELOAD=/usr/local/lib/libjemalloc.so.2 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC"
VOLUME /data
EXPOSE 9400
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=4 CMD curl -fsS http://127.0.0.1:9400/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/newsflow.jar"]
CMD ["run"]
