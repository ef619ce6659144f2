#!/usr/bin/env bash
# The warm per-leaflet figures with JMH: ./tools/jmh.sh [JMH options], e.g. -p lang=en,ar -f 1
# (defaults: 2 forks, 5 warm-up and 5 measured iterations of 1 s, eight languages; about 3 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -q -B test-compile -Dmaven.test.skip.exec=true
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
exec "$java" -Dhandout.root="$PWD" -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main LeafletBench "$@"
