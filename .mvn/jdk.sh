# Sourced by ./mvnw, ./vigil and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Order: JAVA_HOME if it is >= 21, then the newest JDK under /usr/lib/jvm, then `java` on the PATH.
vigil_java_major() { # $1 = java executable; prints the feature version (17, 21, 25 …) or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
vigil_quiet_maven() { # Maven 3.9's own libraries call sun.misc.Unsafe; JDK 24+ warns about it on every build.
  if [ "$1" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
  fi
}
vigil_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV) ; do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(vigil_java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      vigil_quiet_maven "$major"
      return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    major="$(vigil_java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  echo "Vigil needs a JDK 21 or newer and found none." >&2
  echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/* and the java on the PATH." >&2
  echo "  Install one (e.g. apt-get install openjdk-21-jdk, or Temurin 21/25) or set JAVA_HOME to it." >&2
  return 1
}
