# Sourced by ./vrrpstudio and ./run-tests: picks a JDK >= 25 and installs the Debian packages a purpose needs.

vs_java_home() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    # the JDK's release file says its version without starting a JVM (0.2 s of every launch); java itself if absent
    local v="" line
    if [ -r "$c/release" ]; then
      while IFS= read -r line; do case "$line" in JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; v=${v%%[!0-9]*} ;; esac; done < "$c/release"
    fi
    [ -n "$v" ] || v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  echo "vrrpstudio: no JDK 25 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm); install Temurin 25 and set JAVA_HOME" >&2
  return 1
}

# vs_apt_ensure PKG... : installs the packages that are missing (needs root; says what is missing otherwise).
vs_apt_ensure() {
  local missing=() p
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "vrrpstudio: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    return 1
  fi
  echo "Installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

VS_RUNTIME_PACKAGES=(libgtk-3-0 xauth)
VS_TEST_PACKAGES=(libgtk-3-0 xvfb xauth dbus-daemon dbus-x11 x11-utils imagemagick keepalived tshark openssh-server openssh-client iproute2 procps debootstrap systemd-container sudo iputils-ping)

# vs_build_lock REPO: holds (on fd 9) the one lock every build of this tree takes, ./vrrpstudio's and ./run-tests';
# a second build waits instead of cleaning target/ under the first. The lock lives outside the tree ("clean").
vs_build_lock() {
  exec 9>"${TMPDIR:-/tmp}/vrrpstudio-build-$EUID-${1//\//_}.lock"
  flock 9
}
