# Sourced by releng/lab-test and releng/bench-failover: the seed lab in network namespaces this shell creates.
# A switch namespace with bridges br0 (192.168.200.0/24, eth0) and br1 (192.168.100.0/24, eth1), directors
# $d1 and $d2 (hosts .5 and .6). lab_cleanup (on EXIT) ends the processes it started, by PID, and deletes it all.

LAB_INITIAL1="192.168.100.10 192.168.200.10 192.168.200.11 "
LAB_INITIAL2="192.168.100.11 192.168.200.12 192.168.200.13 "
LAB_ALL="192.168.100.10 192.168.100.11 192.168.200.10 192.168.200.11 192.168.200.12 192.168.200.13 "
pids=()

lab_cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  for ns in "$d1" "$d2" "$sw"; do ip netns del "$ns" 2>/dev/null; done
  rm -rf "$work"
}

lab_setup() {
  local p="vsl$$" host=5 d
  sw=${p}sw; d1=${p}d1; d2=${p}d2
  work=$(mktemp -d /tmp/vrrpstudio-lab.XXXXXX)
  trap lab_cleanup EXIT
  ip netns add "$sw" && ip netns add "$d1" && ip netns add "$d2"
  ip -n "$sw" link add br0 type bridge && ip -n "$sw" link add br1 type bridge
  ip -n "$sw" link set br0 up && ip -n "$sw" link set br1 up
  for d in "$d1" "$d2"; do
    ip -n "$d" link set lo up
    ip -n "$d" link add eth0 type veth peer name "${d: -2}e0" netns "$sw"
    ip -n "$d" link add eth1 type veth peer name "${d: -2}e1" netns "$sw"
    ip -n "$sw" link set "${d: -2}e0" master br0 up && ip -n "$sw" link set "${d: -2}e1" master br1 up
    ip -n "$d" addr add "192.168.200.$host/24" dev eth0 && ip -n "$d" addr add "192.168.100.$host/24" dev eth1
    ip -n "$d" link set eth0 up && ip -n "$d" link set eth1 up
    host=$((host+1))
  done
}

# lab_start NS LOG COMMAND...: runs the command in the namespace in the background; LAB_PID is its PID
lab_start() {
  local ns=$1 log=$2; shift 2
  ip netns exec "$ns" "$@" > "$log" 2>&1 &
  LAB_PID=$!
  pids+=("$LAB_PID")
}

# the VIPs (/32 addresses) a namespace holds, sorted, space-separated
lab_vips() { ip -n "$1" -4 -o addr show | awk '{print $4}' | grep -E '/32$' | sed 's#/32##' | sort | tr '\n' ' '; }

# lab_converge SECONDS WANT1 WANT2: waits until d1 and d2 hold exactly these VIPs (says what they hold if not)
lab_converge() {
  local seconds=$1 want1=$2 want2=$3 got1 got2
  for _ in $(seq $((seconds * 100))); do
    got1=$(lab_vips "$d1"); got2=$(lab_vips "$d2")
    [ "$got1" = "$want1" ] && [ "$got2" = "$want2" ] && return 0
    sleep 0.01
  done
  echo "    d1 holds: [$got1] want [$want1]"; echo "    d2 holds: [$got2] want [$want2]"
  return 1
}

# lab_keepalived NS CONF LOG: keepalived 2.2.7's VRRP process in the foreground of a background job
lab_keepalived() {
  lab_start "$1" "$3" keepalived -n -l -D -f "$2" -p "$work/$1-k.pid" -r "$work/$1-kv.pid" -c "$work/$1-kc.pid" --vrrp
}

# vs_agent_cmd REPO: sets VS_AGENT_CMD to how a director runs the agent, for the benchmarks: the agent product's
# launcher (what the Debian package installs: the daemon on a plain class path with its ahead-of-time cache, no
# Equinox) on JDK 25, its state (the prepared runtime) in a folder of this run instead of /var/lib/vrrpstudio.
# Builds the product when needed.
vs_agent_cmd() {
  local repo=$1 launcher
  "$repo/vrrpstudio" --version >/dev/null || return 2
  launcher="$repo/products/org.vrrpstudio.agent.product/target/products/org.vrrpstudio.agent.daemon/linux/gtk/x86_64/vrrpstudio-agent/vrrpstudio-agent"
  [ -x "$launcher" ] || { echo "no agent launcher at $launcher" >&2; return 2; }
  . "$repo/releng/env.sh"
  JAVA_HOME=$(vs_java_home) || return 2
  export JAVA_HOME
  export VRRPSTUDIO_STATE=${VRRPSTUDIO_STATE:-$(mktemp -d /tmp/vrrpstudio-bench-state.XXXXXX)}
  VS_AGENT_CMD="$launcher agent"
}
