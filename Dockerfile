# Build stage: the Maven wrapper builds the runnable jar (tests run in CI, not here).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY config config
COPY src src
RUN ./mvnw -B -q -DskipTests package

# Run stage: a slim JRE, a non-root user, production config only.
FROM eclipse-temurin:17-jre
RUN groupadd --system reportpost && useradd --system --gid reportpost --home /app reportpost
WORKDIR /app
COPY --from=build /src/target/reportpost.jar /app/reportpost.jar
COPY config /app/config
USER reportpost
EXPOSE 8080
# SIGTERM (docker stop) stops taking requests and lets those in flight finish.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/reportpost.jar"]
