package org.vrrpstudio.deploy.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vrrpstudio.cluster.Maintenance;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployTarget;
import org.vrrpstudio.deploy.KeepalivedDataDump;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.internal.ConnectionMessages;
import org.vrrpstudio.deploy.internal.ExecResult;
import org.vrrpstudio.deploy.internal.HostKeyNotTrusted;
import org.vrrpstudio.deploy.internal.RemoteFailure;
import org.vrrpstudio.deploy.internal.NumberFiles;
import org.vrrpstudio.deploy.internal.RemoteNames;
import org.vrrpstudio.deploy.internal.SshConnection;
import org.vrrpstudio.deploy.internal.SshConnector;
import org.vrrpstudio.live.AgentStatusReader;
import org.vrrpstudio.live.DirectorProbe;
import org.vrrpstudio.live.DirectorSnapshot;
import org.vrrpstudio.live.Intended;
import org.vrrpstudio.live.JournalReader;
import org.vrrpstudio.live.KeepalivedJsonReader;
import org.vrrpstudio.live.Snapshots;
import org.vrrpstudio.live.Transition;

/**
 * Reads one director's live state over one SSH connection that stays open between refreshes, connected with the
 * deploy's rules (known_hosts, key file, ssh-agent, {@code sudo -n}). One remote command per refresh:
 * <ul>
 * <li>keepalived (stock Debian 2.2.7, nothing installed): its JSON dump ({@code keepalived --signum=JSON}), read
 * once its size stands still and read again when still half written; the dump is removed afterwards and its
 * {@code auth_data} blanked on the director, so no auth_pass leaves it; {@code ip -j addr}; the journal's new lines
 * since the last refresh (transitions with the director's timestamps);</li>
 * <li>our agent: {@code status --json} and {@code ip -j addr}, plus a second channel running
 * {@code status --follow --json} that pushes every transition as it happens.</li>
 * </ul>
 * Both also print the sha256 of the live config file (never the file: it holds auth_pass), compared with the
 * model's export for {@code drift}. A director that cannot be read is unreachable with the reason; the probe then
 * reconnects by itself with back-off (1, 2, 4, ... 30 s).
 */
public final class SshDirectorProbe implements DirectorProbe {

    /** keepalived's JSON dump, next to its data dump ({@code $TMPDIR} of the daemon, /tmp on Debian). */
    public static final String DEFAULT_JSON_DUMP = "/tmp/keepalived.json";
    private static final int READS_OF_A_HALF_WRITTEN_DUMP = 4;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /**
     * The maintenance files beside the config ({@code vrrpstudio-maint-UNIT}): one line each, its modification time
     * (epoch seconds), its name and its first line, so "drained since" comes with the same read.
     */
    private static final String MAINTENANCE_FILES = """
            echo "@@vrrpstudio maint"
            for f in "${cfg%/*}"/vrrpstudio-maint-*; do
              [ -f "$f" ] && printf '%s %s %s\n' "$(stat -c %Y "$f")" "${f##*/}" "$(head -c 32 "$f" | head -n 1)"
            done
            """;

    private static final String KEEPALIVED = """
            pidfile=$1 json=$2 cfg=$3 cursor=$4
            """ + KeepalivedDataDump.runningCheck() + """
            trap 'rm -f "$json"' EXIT
            rm -f "$json"
            kill -s "$(keepalived --signum=JSON)" "$pid" 2>/dev/null || { echo "keepalived (PID $pid) stopped" >&2; exit 1; }
            n=0
            while [ ! -s "$json" ] && [ $n -lt 40 ]; do sleep 0.05; n=$((n + 1)); done
            last=-1; size=$(wc -c < "$json" 2>/dev/null || echo 0)
            while [ "$size" != "$last" ] && [ $n -lt 80 ]; do sleep 0.02; last=$size; size=$(wc -c < "$json" 2>/dev/null || echo 0); n=$((n + 1)); done
            echo "@@vrrpstudio dump"
            sed -E 's/"auth_data":"([^"\\\\]|\\\\.)*"/"auth_data":""/g' "$json" 2>/dev/null
            echo; echo "@@vrrpstudio ip"
            ip -j addr
            echo "@@vrrpstudio sha"
            [ -f "$cfg" ] && sha256sum < "$cfg" | cut -d' ' -f1
            echo "@@vrrpstudio journal"
            if [ -n "$cursor" ]; then
              journalctl -u keepalived -o short-iso-precise --no-pager --show-cursor --after-cursor="$cursor" 2>/dev/null
            else
              journalctl -u keepalived -o short-iso-precise --no-pager --show-cursor -n 30 2>/dev/null
            fi
            """ + MAINTENANCE_FILES + """
            exit 0
            """;


    private final DeployTarget target;
    private final SshConnector connector;
    private final Clock clock;
    private final String expectedSha256;
    private final String jsonDump;
    private final String pidFile;
    private final List<Transition> pending = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, String> lastState = new LinkedHashMap<>();

    private SshConnection connection;
    private AutoCloseable events;
    private String eventsEnded;
    private Instant nextAttempt = Instant.MIN;
    private Duration backoff = Duration.ZERO;
    private String lastError;
    private String journalCursor = "";
    /** The sha256 the last read printed for the live file ("" when it is missing). */
    private String lastSha;
    private volatile java.util.function.Consumer<Transition> pushed = t -> { };
    private final JournalReader journal = new JournalReader();

    /**
     * @param expectedFile the model's export for this director (drift is judged against it), or null: not judged
     */
    public SshDirectorProbe(DeployTarget target, DeployOptions options, PassphraseProvider passphrases, Clock clock,
            String expectedFile) {
        this(target, options, passphrases, clock, expectedFile, KeepalivedDataDump.DEFAULT.pidFile(), DEFAULT_JSON_DUMP);
    }

    public SshDirectorProbe(DeployTarget target, DeployOptions options, PassphraseProvider passphrases, Clock clock,
            String expectedFile, String keepalivedPidFile, String keepalivedJsonDump) {
        this.target = target;
        this.connector = new SshConnector(options, passphrases);
        this.clock = clock;
        this.expectedSha256 = expectedFile == null ? null : sha256(expectedFile);
        this.pidFile = keepalivedPidFile;
        this.jsonDump = keepalivedJsonDump;
    }

    @Override
    public String director() {
        return target.director();
    }

    @Override
    public synchronized DirectorSnapshot refresh(Intended intended) {
        Instant now = clock.instant();
        if (connection == null || !connection.isConnected()) {
            closeConnection();
            if (now.isBefore(nextAttempt)) {
                return DirectorSnapshot.unreachable(director(), now, lastError + "; retrying in "
                        + Math.max(1, Duration.between(now, nextAttempt).toSeconds()) + " s");
            }
            try {
                connection = connector.open(target, warning -> { });
            } catch (HostKeyNotTrusted e) {
                return failed(now, "host key of " + target.host() + ":" + target.port() + " is not trusted yet ("
                        + e.result().fingerprint() + "); accept it with --accept-new-host-key or add it to " + target.knownHosts());
            } catch (RemoteFailure e) {
                return failed(now, e.getMessage());
            } catch (RuntimeException e) {
                return failed(now, "internal error: " + e.getClass().getSimpleName() + ": " + ConnectionMessages.oneLine(e.getMessage()));
            }
            backoff = Duration.ZERO;
            if (target.kind() == DaemonKind.AGENT) {
                startEvents();
            }
        }
        try {
            DirectorSnapshot snapshot = target.kind() == DaemonKind.AGENT ? readAgent(intended, now) : readKeepalived(intended, now);
            return drift(snapshot, lastSha);
        } catch (RemoteFailure e) {
            closeConnection();
            return failed(now, e.getMessage());
        } catch (IllegalArgumentException unreadable) {
            return DirectorSnapshot.unreachable(director(), now, "unreadable answer: " + ConnectionMessages.oneLine(unreadable.getMessage()));
        } catch (RuntimeException e) {
            closeConnection();
            return failed(now, "internal error: " + e.getClass().getSimpleName() + ": " + ConnectionMessages.oneLine(e.getMessage()));
        }
    }

    private DirectorSnapshot readKeepalived(Intended intended, Instant now) throws RemoteFailure {
        String command = "sh -c " + RemoteNames.shellQuote(KEEPALIVED) + " live-keepalived " + RemoteNames.shellQuote(pidFile)
                + " " + RemoteNames.shellQuote(jsonDump) + " " + RemoteNames.shellQuote(target.remoteConfigPath()) + " "
                + RemoteNames.shellQuote(journalCursor);
        for (int read = 1;; read++) {
            Map<String, String> sections = sections(run(command));
            lastSha = sections.getOrDefault("sha", "").strip();
            journal(sections.getOrDefault("journal", ""));
            try {
                return Snapshots.keepalived(director(), now, sections.getOrDefault("dump", ""), sections.getOrDefault("ip", ""), intended)
                        .withMaintenance(maintenance(sections.getOrDefault("maint", "")));
            } catch (KeepalivedJsonReader.IncompleteDump e) {
                if (read == READS_OF_A_HALF_WRITTEN_DUMP) {
                    throw new IllegalArgumentException(e.getMessage() + " after " + read + " reads");
                }
            }
        }
    }

    private DirectorSnapshot readAgent(Intended intended, Instant now) throws RemoteFailure {
        String script = "cfg=$1\necho '@@vrrpstudio status'\n" + target.statusCommand() + " || exit 1\necho '@@vrrpstudio ip'\n"
                + "ip -j addr\necho '@@vrrpstudio sha'\n[ -f \"$cfg\" ] && sha256sum < \"$cfg\" | cut -d' ' -f1\n"
                + MAINTENANCE_FILES + "exit 0\n";
        Map<String, String> sections = sections(run("sh -c " + RemoteNames.shellQuote(script) + " live-agent "
                + RemoteNames.shellQuote(target.remoteConfigPath())));
        lastSha = sections.getOrDefault("sha", "").strip();
        String status = sections.getOrDefault("status", "");
        AgentStatusReader.AgentStatus parsed = AgentStatusReader.read(status);
        synchronized (pending) {
            parsed.transitions().forEach(t -> offer(t.withDirector(director())));
        }
        return Snapshots.agent(director(), now, status, sections.getOrDefault("ip", ""), intended)
                .withMaintenance(maintenance(sections.getOrDefault("maint", "")));
    }

    /**
     * The units the maintenance files give away (a number other than 0, read as keepalived reads it) with each file's
     * modification time; lines that are not "EPOCH NAME VALUE" are skipped.
     */
    static Map<String, Instant> maintenance(String section) {
        Map<String, Instant> units = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            String[] parts = line.strip().split(" ", 3);
            if (parts.length < 2 || !parts[1].startsWith(Maintenance.FILE_PREFIX) || parts[1].length() == Maintenance.FILE_PREFIX.length()) {
                continue;
            }
            try {
                Instant written = Instant.ofEpochSecond(Long.parseLong(parts[0]));
                if (parts.length == 3 && NumberFiles.value(parts[2]) != 0) {
                    units.put(parts[1].substring(Maintenance.FILE_PREFIX.length()), written);
                }
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // not a line of ours (a login banner...)
            }
        }
        return units;
    }

    private ExecResult run(String command) throws RemoteFailure {
        ExecResult result = connection.exec(command);
        if (!result.succeeded()) {
            throw new RemoteFailure(result.outputSummary());
        }
        return result;
    }

    /** The output's "@@vrrpstudio NAME" sections. */
    static Map<String, String> sections(ExecResult result) {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : result.stdout().split("\n", -1)) {
            if (line.startsWith("@@vrrpstudio ")) {
                if (name != null) {
                    sections.put(name, text.toString());
                }
                name = line.substring("@@vrrpstudio ".length()).strip();
                text.setLength(0);
            } else if (name != null) {
                text.append(line).append('\n');
            }
        }
        if (name != null) {
            sections.put(name, text.toString());
        }
        return sections;
    }

    private void journal(String text) {
        synchronized (pending) {
            for (String line : text.split("\n")) {
                if (line.startsWith("-- cursor: ")) {
                    journalCursor = line.substring("-- cursor: ".length()).strip();
                } else {
                    journal.line(director(), line).ifPresent(this::offer);
                }
            }
        }
    }

    private void startEvents() {
        String follow = target.statusCommand().contains("status --json")
                ? target.statusCommand().replace("status --json", "status --follow --json") : null;
        if (follow == null) {
            return;
        }
        try {
            eventsEnded = null;
            events = connection.follow(follow, line -> {
                try {
                    Transition t = AgentStatusReader.event(line).withDirector(director());
                    boolean fresh;
                    synchronized (pending) {
                        fresh = offer(t);
                    }
                    if (fresh) {
                        pushed.accept(t);
                    }
                } catch (IllegalArgumentException e) {
                    // a line that is not an event (e.g. a warning of the launcher): not a transition
                }
            }, why -> eventsEnded = why);
        } catch (RemoteFailure e) {
            eventsEnded = e.getMessage(); // the status reads still give the transitions the agent keeps
        }
    }

    /** Keeps a transition once, however many ways it arrived (event stream, status document, journal). */
    private boolean offer(Transition t) {
        if (seen.add(t.time() + " " + t.instance() + " " + t.to())) {
            String from = t.from().isEmpty() ? lastState.getOrDefault(t.instance(), "") : t.from();
            lastState.put(t.instance(), t.to());
            pending.add(new Transition(t.time(), t.director(), t.instance(), from, t.to(), t.reason(), t.priority()));
            return true;
        }
        return false;
    }

    @Override
    public void onTransition(java.util.function.Consumer<Transition> listener) {
        pushed = listener;
    }

    @Override
    public List<Transition> drainTransitions() {
        synchronized (pending) {
            List<Transition> out = List.copyOf(pending);
            pending.clear();
            return out;
        }
    }

    /** Whether the agent's event stream stopped, and why (null while it runs or was never started). */
    public String eventsEnded() {
        return eventsEnded;
    }

    private DirectorSnapshot drift(DirectorSnapshot snapshot, String remoteSha) {
        if (expectedSha256 == null || remoteSha == null) {
            return snapshot;
        }
        if (remoteSha.isEmpty()) {
            return snapshot.withDrift(target.remoteConfigPath() + " is missing on the director");
        }
        if (remoteSha.equals(expectedSha256)) {
            return snapshot;
        }
        return snapshot.withDrift("sha256 of " + target.remoteConfigPath() + " is " + remoteSha.substring(0, Math.min(12, remoteSha.length()))
                + "..., the model's export gives " + expectedSha256.substring(0, 12) + "... (edited on the director, or not deployed yet)");
    }

    private DirectorSnapshot failed(Instant now, String error) {
        lastError = error;
        backoff = backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2);
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        nextAttempt = now.plus(backoff);
        return DirectorSnapshot.unreachable(director(), now, error);
    }

    private void closeConnection() {
        if (events != null) {
            try {
                events.close();
            } catch (Exception e) {
                // closing a channel of a dead connection
            }
            events = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
