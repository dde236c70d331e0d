package org.vrrpstudio.deploy;

import java.time.Duration;
import java.util.Objects;
import org.vrrpstudio.deploy.internal.RemoteNames;

/**
 * Remote commands that ask a running keepalived for its instances' states: SIGUSR1 to the PID in its PID file
 * makes keepalived 2.x write its data dump ({@code $TMPDIR/keepalived.data}, {@code /tmp} by default), in which
 * every VRRP instance appears as {@code " VRRP Instance = NAME"} followed by {@code "   State = MASTER"} (or BACKUP,
 * FAULT, INIT). The dump also holds auth_pass values: the commands print only names and states, never the file.
 * Both commands are plain POSIX sh (run through {@code sh -c}, whatever the login shell) and change nothing but the
 * dump file, which they remove first so that a stale dump is never read, and again at exit so that no copy of the
 * secrets stays behind.
 *
 * @param pidFile  keepalived's main PID file ({@code -p}); {@code /run/keepalived.pid} on Debian
 * @param dataFile where keepalived writes its dump
 */
public record KeepalivedDataDump(String pidFile, String dataFile) {

    /** Debian's keepalived 2.2 under systemd: default PID file, no TMPDIR. */
    public static final KeepalivedDataDump DEFAULT = new KeepalivedDataDump("/run/keepalived.pid", "/tmp/keepalived.data");

    /** keepalived applies a reload in the background; this long a verify waits for the new instances to appear. */
    public static final Duration DEFAULT_VERIFY_WAIT = Duration.ofSeconds(10);

    public KeepalivedDataDump {
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(dataFile, "dataFile");
    }

    // Shell pieces shared by both commands. $pid is keepalived's main process; it passes SIGUSR1 on to its VRRP
    // child, which writes the dump. Names and states leave as "NAME STATE" lines (the name may hold spaces).
    private static final String RUNNING = """
            pid=$(cat "$pidfile" 2>/dev/null)
            case $pid in ""|*[!0-9]*) echo "keepalived is not running: no PID in $pidfile" >&2; exit 1 ;; esac
            if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != keepalived ]; then
              echo "keepalived is not running: PID $pid from $pidfile is not a keepalived process" >&2; exit 1
            fi
            """;
    private static final String DUMP = """
            dump() {
              rm -f "$data"
              kill -USR1 "$pid" 2>/dev/null || { echo "keepalived (PID $pid) stopped" >&2; exit 1; }
              n=0
              while [ ! -s "$data" ] && [ $n -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
              sleep 0.1
            }
            states() {
              awk '/^------< VRRP Topology >/ { inside = 1; next }
                   /^------</ { inside = 0 }
                   inside && /^ VRRP Instance = / { name = substr($0, 18) }
                   inside && name != "" && $1 == "State" && $2 == "=" { print name, $3; name = "" }' "$data" 2>/dev/null
            }
            """;
    private static final String VERIFY = """
            pidfile=$1 data=$2 wait=$3
            shift 3
            trap 'rm -f "$data"' EXIT
            """ + RUNNING + """
            [ $# -eq 0 ] && exit 0
            end=$(( $(date +%s) + wait ))
            """ + DUMP + """
            while :; do
              dump
              current=$(states)
              missing=
              for name in "$@"; do
                printf '%s\\n' "$current" | grep -qxF -e "$name MASTER" -e "$name BACKUP" -e "$name FAULT" \\
                  || missing="$missing${missing:+, }$name"
              done
              [ -z "$missing" ] && exit 0
              [ "$(date +%s)" -ge "$end" ] && break
              sleep 0.5
            done
            if [ ! -s "$data" ]; then
              echo "keepalived wrote no data dump to $data on SIGUSR1; no state for $missing" >&2
            else
              echo "keepalived reports no state for $missing (waited $wait s after the reload)" >&2
            fi
            exit 1
            """;
    private static final String STATUS = """
            pidfile=$1 data=$2
            trap 'rm -f "$data"' EXIT
            """ + RUNNING + DUMP + """
            dump
            [ -s "$data" ] || { echo "keepalived wrote no data dump to $data on SIGUSR1" >&2; exit 1; }
            states
            """;

    /**
     * POSIX sh that sets {@code $pid} to keepalived's main process from {@code $pidfile}, or exits 1 saying that
     * keepalived is not running (the live view's read uses the same check as the deploy's).
     */
    public static String runningCheck() {
        return RUNNING;
    }

    /**
     * Succeeds when keepalived runs and every instance named by {@code {instances}} reports MASTER, BACKUP or FAULT
     * in a fresh dump, polling up to {@code wait}; otherwise says what is missing, e.g.
     * {@code keepalived reports no state for VI_2 (waited 10 s after the reload)}. Without instances it only checks
     * that keepalived runs.
     */
    public String verifyCommand(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return "sh -c " + RemoteNames.shellQuote(VERIFY) + " keepalived-verify " + RemoteNames.shellQuote(pidFile) + " "
                + RemoteNames.shellQuote(dataFile) + " " + seconds + " {instances}";
    }

    /** Prints one {@code NAME STATE} line per instance keepalived runs now; fails when it does not run. */
    public String statusCommand() {
        return "sh -c " + RemoteNames.shellQuote(STATUS) + " keepalived-status " + RemoteNames.shellQuote(pidFile) + " "
                + RemoteNames.shellQuote(dataFile);
    }
}
