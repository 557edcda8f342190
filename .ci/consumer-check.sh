#!/usr/bin/env bash
# The README's quick start, followed by a new user: a new Maven project with an EMPTY local repository imports
# nexusrpc-bom, adds the dependencies the README lists, and compiles, tests and runs the README's code, on the class
# path and then on the module path, once per JDK given. It fails when anything of that fails or when anything prints
# a warning (Maven's [WARNING] lines, javac's, SLF4J's, the JVM's).
#
#   .ci/consumer-check.sh [JDK_HOME...]     default: the java on PATH
#
# Run it after a build of this checkout (mvn verify): it publishes the SDK's published modules from that build into
# a file repository that stands in for Maven Central (mvn deploy to target/consumer-check/central, with neither
# tests nor install, so ~/.m2 is not touched), then builds the consumer with -Dmaven.repo.local pointing at a new,
# empty folder for each JDK: everything else (Maven's plugins, Jackson, SLF4J, JUnit) is downloaded from Maven
# Central as for a new user. Only nexusrpc.api, .spi, .handler and .http are used: no Temporal.
#
# What the consumer is, all taken from README.md, never from this repository's own sources:
#   pom.xml     the "Quick start" section's XML (BOM import, dependencies) in a minimal pom of the script's
#   src/main    the quick start's three main files, in package com.example.echo; Main.java runs the "Serving over
#               HTTP" block (wrapped in a main method with the imports it needs)
#   src/test    the quick start's test
#   module-info the "On the module path" block, added for the second build
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
WORK="${ROOT}/target/consumer-check"
CENTRAL="${WORK}/central"
README="${ROOT}/README.md"
VERSION="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)"

jdks=("$@")
if [[ ${#jdks[@]} -eq 0 ]]; then
    jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi

fail() { echo "consumer-check: $*" >&2; exit 1; }

# Block number $3 (1-based) of language $2 in the README section that starts with heading $1 (up to the next "## ").
readme_block() {
    awk -v h="$1" -v lang="$2" -v n="$3" '
        $0 == h { in_s = 1; next }
        in_s && /^## / && $0 != h { in_s = 0 }
        in_s && !in_b && $0 == "```" lang { count++; in_b = 1; next }
        in_b && /^```$/ { in_b = 0; next }
        in_b && count == n { print }
    ' "${README}"
}

# Fails when a log holds a warning: Maven's, javac's, SLF4J's "SLF4J(W)", the JVM's "WARNING:", a logger's WARN.
no_warnings() {
    local log="$1" what="$2"
    if grep -nE '^\[WARNING\]|^WARNING|SLF4J\(W\)|SLF4J: |\bWARN\b|warning:' "${log}" >&2; then
        fail "${what} printed a warning (above; whole output: ${log})"
    fi
}

started=${SECONDS}
rm -rf "${WORK}"
mkdir -p "${WORK}"

echo "== consumer-check: publishing nexusrpc ${VERSION} to a stand-in for Maven Central (${CENTRAL})"
# The root project is the parent pom the modules' poms name. (Not offline: deploy refuses to run offline.)
mvn -B -q deploy -Dmaven.test.skip=true -Dmaven.install.skip=true -Denforcer.skip=true \
    -DaltDeploymentRepository="stand-in-central::file://${CENTRAL}" \
    -pl .,nexusrpc-bom,nexusrpc.api,nexusrpc.spi,nexusrpc.handler,nexusrpc.http > "${WORK}/deploy.log" 2>&1 \
    || { cat "${WORK}/deploy.log" >&2; fail "publishing to ${CENTRAL} failed"; }
for artifact in nexusrpc-parent nexusrpc-bom nexusrpc.api nexusrpc.spi nexusrpc.handler nexusrpc.http; do
    [[ -d "${CENTRAL}/io/github/nexusrpc-java/${artifact}/${VERSION}" ]] || fail "${artifact} was not published"
done
for artifact in nexusrpc.api nexusrpc.spi nexusrpc.handler nexusrpc.http; do
    for kind in sources javadoc; do
        ls "${CENTRAL}/io/github/nexusrpc-java/${artifact}/${VERSION}/"*-"${kind}.jar" > /dev/null 2>&1 \
            || fail "${artifact} was published without its ${kind} jar"
    done
done

# The consumer project, from the README.
project="${WORK}/project"
mkdir -p "${project}/src/main/java/com/example/echo" "${project}/src/test/java/com/example/echo"
dependencies="$(readme_block "## Quick start" xml 1)"
[[ "${dependencies}" == *nexusrpc-bom* ]] || fail "README's quick start has no XML block importing nexusrpc-bom"
cat > "${project}/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>echo</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
$(sed 's/^/  /' <<< "${dependencies}")
  <build>
    <plugins>
      <plugin><artifactId>maven-clean-plugin</artifactId><version>3.5.0</version></plugin>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.5.1</version></plugin>
      <plugin>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.11.0</version>
        <executions>
          <execution>
            <id>runtime-jars</id>
            <phase>package</phase>
            <goals><goal>copy-dependencies</goal></goals>
            <configuration>
              <includeScope>runtime</includeScope>
              <outputDirectory>\${project.build.directory}/lib</outputDirectory>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF
# Maven Central for everything else, the stand-in for the SDK (as if it were on Central)
cat > "${WORK}/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>stand-in-central</id>
      <repositories>
        <repository>
          <id>stand-in-central</id>
          <url>file://${CENTRAL}</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>stand-in-central</activeProfile></activeProfiles>
</settings>
EOF
for n in 1 2 3 4; do
    block="$(readme_block "## Quick start" java "${n}")"
    name="$(grep -oE '^(public )?(final )?(class|interface|record) [A-Za-z]+' <<< "${block}" | head -1 | awk '{print $NF}')"
    [[ -n "${name}" ]] || fail "README quick start block ${n} declares no type"
    dir=main
    [[ "${block}" == *org.junit* ]] && dir=test
    printf 'package com.example.echo;\n\n%s\n' "${block}" > "${project}/src/${dir}/java/com/example/echo/${name}.java"
done
[[ -f "${project}/src/test/java/com/example/echo/EchoServiceTest.java" ]] || fail "no quick start test found"
http_block="$(readme_block "## Serving over HTTP, calling with the typed client" java 1)"
[[ -n "${http_block}" ]] || fail "README has no \"Serving over HTTP\" block"
cat > "${project}/src/main/java/com/example/echo/Main.java" <<EOF
package com.example.echo;

import com.example.echo.EchoService.EchoInput;
import com.example.echo.EchoService.EchoOutput;
import java.net.InetSocketAddress;
import java.time.Duration;
import nexusrpc.api.client.CallOptions;
import nexusrpc.api.client.ServiceClient;
import nexusrpc.handler.NexusHandler;
import nexusrpc.http.NexusHttpClient;
import nexusrpc.http.NexusHttpServer;

/** README's "Serving over HTTP" block. */
public final class Main {
    public static void main(String[] args) throws Exception {
$(sed 's/^/        /' <<< "${http_block}")
    }
}
EOF
module_info="$(readme_block "### On the module path" java 1)"
[[ "${module_info}" == module* ]] || fail "README's \"On the module path\" has no module declaration"

for jdk in "${jdks[@]}"; do
    [[ -x "${jdk}/bin/java" ]] || fail "not a JDK: ${jdk}"
    major="$("${jdk}/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    repo="${WORK}/repository-java${major}"   # new and empty: what a new user has
    rm -rf "${repo}" && mkdir -p "${repo}"
    opts=""
    # Maven 3.8's own Guava calls sun.misc.Unsafe, which JDK 24+ warns about: Maven's warning, not the SDK's
    [[ "${major}" -ge 24 ]] && opts="--sun-misc-unsafe-memory-access=allow"
    for mode in class-path module-path; do
        t0=${SECONDS}
        rm -f "${project}/src/main/java/module-info.java"
        [[ "${mode}" == module-path ]] && printf '%s\n' "${module_info}" > "${project}/src/main/java/module-info.java"
        log="${WORK}/java${major}-${mode}-mvn.log"
        echo "== consumer-check: Java ${major}, ${mode}: mvn package (compiles, runs the quick start's test)"
        (cd "${project}" && JAVA_HOME="${jdk}" PATH="${jdk}/bin:${PATH}" MAVEN_OPTS="${MAVEN_OPTS:-} ${opts}" \
            mvn -B -ntp -s "${WORK}/settings.xml" -Dmaven.repo.local="${repo}" clean package > "${log}" 2>&1) \
            || { tail -50 "${log}" >&2; fail "Java ${major}, ${mode}: the build failed (${log})"; }
        no_warnings "${log}" "Java ${major}, ${mode}: mvn package"
        grep -qE 'Tests run: 3, Failures: 0, Errors: 0' "${log}" || fail "Java ${major}, ${mode}: the quick start's 3 tests did not run (${log})"
        if [[ "${mode}" == module-path ]]; then
            run=("${jdk}/bin/java" -p "${project}/target/classes:${project}/target/lib" -m com.example.echo/com.example.echo.Main)
        else
            run=("${jdk}/bin/java" -cp "${project}/target/classes:${project}/target/lib/*" com.example.echo.Main)
        fi
        out="${WORK}/java${major}-${mode}-run.out"
        err="${WORK}/java${major}-${mode}-run.err"
        "${run[@]}" > "${out}" 2> "${err}" || { cat "${out}" "${err}" >&2; fail "Java ${major}, ${mode}: Main failed"; }
        [[ "$(cat "${out}")" == hi ]] || { cat "${out}" "${err}" >&2; fail "Java ${major}, ${mode}: Main printed $(head -c 200 "${out}"), not \"hi\""; }
        no_warnings "${err}" "Java ${major}, ${mode}: Main"
        echo "   ok in $((SECONDS - t0)) s: 3 tests passed, Main printed \"hi\", no warning"
    done
done
echo "== consumer-check: passed in $((SECONDS - started)) s"
