#!/usr/bin/env bash
# The bench command (bench/README.md): builds what the cases need, then runs them and writes
# bench/results/<date>.md. Arguments are the harness's key=value settings (e.g. runs=5, cases=start).
# MVN_ARGS adds Maven options (e.g. -o where ~/.m2 already holds everything); BENCH_SKIP_BUILD=1 reuses the jars.
set -euo pipefail

# the repository root: the app reads config/ and routes/ from its working directory
cd "$(dirname "$0")/.."

# the reference loop and the fingerprint case call these; nothing is installed behind the user's back
missing=()
for tool in java mvn bash md5sum openssl curl git; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "bench: missing ${missing[*]}; install them first (Debian/Ubuntu: apt-get install -y openjdk-17-jdk maven" \
        "coreutils openssl curl git)" >&2
    exit 2
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major:-0}" -lt 17 ] 2>/dev/null; then
    echo "bench: java is $java_major; UsageBridge needs JDK 17 or later" >&2
    exit 2
fi

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
    # package, never install: the app, the sandbox's runnable jar and the harness, in one reactor build
    mvn -B -q ${MVN_ARGS:-} package -DskipTests -Pbench -pl sandbox,quarkus,bench -am
    # the minimal app from its own folder (see its pom: a Quarkus build reads ./config/application.properties)
    (cd bench/minimal-app && mvn -B -q ${MVN_ARGS:-} package -DskipTests)
fi

exec java -jar bench/target/usagebridge-bench.jar "$@"
