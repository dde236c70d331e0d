package org.vrrpstudio.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.vrrpstudio.agent.linux.Accounts;
import org.vrrpstudio.config.ScriptPaths;
import org.vrrpstudio.vrrp.binding.CheckScript;
import org.vrrpstudio.vrrp.binding.DirectorSetup;
import org.vrrpstudio.vrrp.binding.NotifyFifoScript;
import org.vrrpstudio.vrrp.binding.NotifyScripts;
import org.vrrpstudio.vrrp.binding.ScriptSecurity;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.TrackConfig;

/**
 * Who runs each notify and check script, and which scripts are not run, with keepalived 2.2.7's rules (its
 * keepalived.conf(5), and what it did in the namespace lab, {@code ScriptSecurityLabTest}):
 * <ul>
 * <li>a script runs as its own {@code user USER [GROUP]}, else as {@code global_defs { script_user USER [GROUP] }},
 * else as the system user {@code keepalived_script} when it exists, else as root (said once: keepalived logs
 * "Script user 'keepalived_script' does not exist"); a group not given is the user's own;</li>
 * <li>a user that does not exist removes the scripts that would run as it (keepalived: "Unable to set default user
 * for vrrp script X - removing"); with {@code enable_script_security} a missing {@code keepalived_script} does the
 * same to every script without a user of its own (it does not fall back to root then);</li>
 * <li>a script that would run as root from a path that a non-root user can change ({@link ScriptPaths}) is refused under {@code enable_script_security} ("Unsafe permissions found for script ... - disabling")
 * and runs with a warning without it ("SECURITY VIOLATION - scripts are being executed but script_security not
 * enabled").</li>
 * </ul>
 * A refused or removed check script is dropped from every instance's tracking, as keepalived disables it: it neither
 * fails nor adds its weight. A refused notify script is not run. Scripts that would run as the agent's own user run
 * directly; others through setpriv (see {@link #command}).
 */
final class ScriptPolicy {

    /** The identity a script runs with. */
    record Identity(String user, int uid, int gid) {

        boolean root() {
            return uid == 0;
        }
    }

    /** Look-ups the policy needs from the host; {@link #HOST} is the real one. */
    interface Host {
        Optional<Identity> user(String name);

        OptionalInt group(String name);

        /** Empty when the entry does not exist or cannot be read. */
        Optional<ScriptPaths.Entry> entry(Path path);

        /** The uid the agent runs as. */
        int ownUid();
    }

    static final Host HOST = new Host() {
        @Override
        public Optional<Identity> user(String name) {
            return Accounts.user(name).map(u -> new Identity(u.name(), u.uid(), u.gid()));
        }

        @Override
        public OptionalInt group(String name) {
            return Accounts.group(name);
        }

        @Override
        public Optional<ScriptPaths.Entry> entry(Path path) {
            return ScriptPaths.LOCAL.apply(path);
        }

        @Override
        public int ownUid() {
            return entry(Path.of("/proc/self")).map(ScriptPaths.Entry::uid).orElse(0);
        }
    };

    /** keepalived's default script user, used when it exists and no script_user is set. */
    static final String DEFAULT_USER = "keepalived_script";

    /**
     * util-linux's setpriv. The JVM starts processes with posix_spawn (through jspawnhelper): no Java code runs
     * between fork and exec in the child, so there is no place for setresgid/setgroups/setresuid there, and changing
     * the identity of the agent's own process (all its threads) is no option. Calling fork through FFM from a
     * multithreaded JVM is unsafe (the child may only call async-signal-safe functions, and the JVM's own code is not).
     * setpriv is a small exec in between from util-linux (essential on Debian), which keepalived's hosts have anyway.
     */
    static final String SETPRIV = "/usr/bin/setpriv";

    /**
     * The setup as this host runs it.
     *
     * @param setup     refused check scripts dropped from the instances' tracks and from the check scripts, the others'
     *                  {@code user} set to the identity they run with ({@code UID GID}, empty: the agent's own)
     * @param notifyAs  the identity notify scripts run with ({@code UID GID}, empty: the agent's own)
     * @param refused   one line per script not run, for the log and the status
     * @param warnings  what runs but keepalived would also complain about
     */
    record Outcome(DirectorSetup setup, Optional<String> notifyAs, List<String> refused, List<String> warnings) {
    }

    private final ScriptSecurity security;
    private final Host host;
    private final List<String> refused = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private boolean violation;

    private ScriptPolicy(ScriptSecurity security, Host host) {
        this.security = security;
        this.host = host;
    }

    static Outcome apply(DirectorSetup setup, Host host) {
        return new ScriptPolicy(setup.scriptSecurity(), host).apply(setup);
    }

    private Outcome apply(DirectorSetup setup) {
        Optional<Identity> defaultIdentity = defaultIdentity(setup);
        Set<String> tracked = new LinkedHashSet<>();
        setup.instances().forEach(i -> i.tracks().stream().filter(t -> t instanceof TrackConfig.Script)
                .forEach(t -> tracked.add(t.name())));
        List<CheckScript> checks = new ArrayList<>();
        Set<String> dropped = new LinkedHashSet<>();
        for (CheckScript script : setup.checkScripts()) {
            if (!tracked.contains(script.name()) || script.script().isEmpty() || Notifier.words(script.script().get()).isEmpty()) {
                checks.add(script); // not run anyway (the agent says so where it decides what runs)
                continue;
            }
            String what = "vrrp_script " + script.name();
            Optional<String> own = script.user().filter(u -> !u.isBlank());
            Optional<Identity> identity = own.isPresent() ? identity(own.get(), what) : defaultIdentity.or(() -> {
                refused.add(what + ": " + missingDefault());
                return Optional.empty();
            });
            if (identity.isEmpty() || !allowed(what, Notifier.words(script.script().get()).getFirst(), identity.get())) {
                dropped.add(script.name());
                continue;
            }
            checks.add(new CheckScript(script.name(), script.script(), script.interval(), script.timeout(), script.rise(),
                    script.fall(), script.weight(), script.initFail(), runAs(identity.get())));
        }
        dropped.forEach(name -> refused.replaceAll(line -> line.startsWith("vrrp_script " + name + ":")
                ? line + "; the track is ignored, as keepalived disables it" : line));
        List<InstanceConfig> instances = setup.instances().stream().map(i -> withoutScripts(i, dropped)).toList();
        Map<String, NotifyScripts> instanceNotify = new LinkedHashMap<>();
        setup.instanceNotify().forEach((name, scripts) -> instanceNotify.put(name, notify(scripts, "vrrp_instance " + name, defaultIdentity)));
        Map<String, NotifyScripts> groupNotify = new LinkedHashMap<>();
        setup.groupNotify().forEach((name, scripts) -> groupNotify.put(name, notify(scripts, "vrrp_sync_group " + name, defaultIdentity)));
        Optional<NotifyFifoScript> fifoScript = setup.notifyFifoScript().flatMap(script -> fifoScript(script, defaultIdentity));
        if (violation) {
            warnings.add("SECURITY VIOLATION: scripts run as root from paths a non-root user can change, and "
                    + "enable_script_security is not set (keepalived warns the same and runs them)");
        }
        DirectorSetup secured = new DirectorSetup(setup.director(), instances, setup.segmentByInterface(), setup.syncGroups(),
                setup.notRun(), setup.placements(), instanceNotify, groupNotify, checks, setup.trackFiles(), setup.notifyFifo(),
                fifoScript, setup.scriptSecurity());
        return new Outcome(secured, defaultIdentity.flatMap(this::runAs), List.copyOf(refused), List.copyOf(warnings));
    }

    /** script_user, else keepalived_script, else root (empty: no identity, every script without its own is removed). */
    private Optional<Identity> defaultIdentity(DirectorSetup setup) {
        if (security.scriptUser().isPresent()) {
            return identity(security.scriptUser().get(), "script_user");
        }
        Optional<Identity> system = host.user(DEFAULT_USER);
        if (system.isPresent()) {
            return system;
        }
        if (security.enabled()) {
            return Optional.empty();
        }
        if (hasScripts(setup)) {
            warnings.add("script user '" + DEFAULT_USER + "' does not exist and no script_user is set: scripts run as root");
        }
        return Optional.of(new Identity("root", 0, 0));
    }

    private String missingDefault() {
        return security.scriptUser().isPresent() ? "script_user " + security.scriptUser().get() + " does not exist; not run"
                : "no script_user and user '" + DEFAULT_USER + "' does not exist, so it would run as root, which "
                        + "enable_script_security forbids; not run";
    }

    private static boolean hasScripts(DirectorSetup setup) {
        return !setup.checkScripts().isEmpty() || setup.notifyFifoScript().isPresent() || setup.instanceNotify().values().stream().anyMatch(ScriptPolicy::any)
                || setup.groupNotify().values().stream().anyMatch(ScriptPolicy::any);
    }

    private static boolean any(NotifyScripts s) {
        return s.master().isPresent() || s.backup().isPresent() || s.fault().isPresent() || s.stop().isPresent()
                || s.generic().isPresent();
    }

    /** {@code USER [GROUP]}: empty (said as refused for {@code what}) when the user or group does not exist. */
    private Optional<Identity> identity(String written, String what) {
        List<String> words = Notifier.words(written);
        if (words.isEmpty()) { // e.g. control characters alone: no name to look up (the fuzzer's find, issue 20)
            if (!what.equals("script_user")) {
                refused.add(what + ": no user name; not run");
            }
            return Optional.empty();
        }
        Optional<Identity> user = host.user(words.getFirst());
        if (user.isEmpty()) {
            if (!what.equals("script_user")) {
                refused.add(what + ": user " + words.getFirst() + " does not exist; not run");
            }
            return Optional.empty();
        }
        if (words.size() < 2) {
            return user;
        }
        OptionalInt gid = host.group(words.get(1));
        if (gid.isEmpty()) {
            if (!what.equals("script_user")) {
                refused.add(what + ": group " + words.get(1) + " does not exist; not run");
            }
            return Optional.empty();
        }
        return Optional.of(new Identity(user.get().user(), user.get().uid(), gid.getAsInt()));
    }

    /** False (said) when {@code identity} is root, the path is unsafe and enable_script_security is set. */
    private boolean allowed(String what, String program, Identity identity) {
        if (!identity.root()) {
            return true;
        }
        Optional<String> unsafe = ScriptPaths.unsafePart(ScriptPaths.executable(program, host::entry), host::entry);
        if (unsafe.isEmpty()) {
            return true;
        }
        if (security.enabled()) {
            refused.add(what + ": runs as root and " + unsafe.get() + " (enable_script_security); not run");
            return false;
        }
        warnings.add(what + ": runs as root and " + unsafe.get());
        violation = true;
        return true;
    }

    /**
     * The notify scripts that may run (the others said as refused). A script with a user of its own
     * ({@code notify_master /x.sh nobody [GROUP]}) runs as that user, which beats script_user; its entry in
     * {@link NotifyScripts#users()} becomes the identity it runs with ({@code UID GID}, blank: the agent's own).
     */
    private NotifyScripts notify(NotifyScripts scripts, String owner, Optional<Identity> identity) {
        List<Optional<String>> kept = new ArrayList<>();
        Map<String, String> users = new LinkedHashMap<>();
        for (String keyword : NotifyScripts.KEYWORDS) {
            Optional<String> script = scripts.script(keyword);
            String what = keyword + " of " + owner;
            Optional<String> own = scripts.user(keyword).filter(u -> !u.isBlank());
            if (script.isEmpty() || Notifier.words(script.get()).isEmpty() || own.isEmpty()) {
                kept.add(allowed(script, what, identity));
                continue;
            }
            Optional<Identity> ownIdentity = identity(own.get(), what);
            if (ownIdentity.isEmpty() || !allowed(what, Notifier.words(script.get()).getFirst(), ownIdentity.get())) {
                kept.add(Optional.empty());
                continue;
            }
            kept.add(script);
            users.put(keyword, runAs(ownIdentity.get()).orElse(""));
        }
        return new NotifyScripts(kept.get(0), kept.get(1), kept.get(2), kept.get(3), kept.get(4), users);
    }

    /**
     * Who runs {@code keyword}'s script of a judged setup: its own identity when it has one ({@code UID GID}; empty:
     * the agent's own), else {@code defaultRunAs}.
     */
    static Optional<String> runAs(NotifyScripts scripts, String keyword, Optional<String> defaultRunAs) {
        Optional<String> own = scripts.user(keyword);
        if (own.isEmpty()) {
            return defaultRunAs;
        }
        return own.get().isBlank() ? Optional.empty() : own;
    }

    private Optional<String> allowed(Optional<String> script, String what, Optional<Identity> identity) {
        if (script.isEmpty() || Notifier.words(script.get()).isEmpty()) {
            return script;
        }
        if (identity.isEmpty()) {
            refused.add(what + ": " + missingDefault());
            return Optional.empty();
        }
        return allowed(what, Notifier.words(script.get()).getFirst(), identity.get()) ? script : Optional.empty();
    }

    /**
     * The notify_fifo_script as it may run: its own user, else the default identity (none: refused), judged by the
     * path rule like any script; its {@code user} becomes the identity it runs with ({@code UID GID}, blank: the agent's).
     */
    private Optional<NotifyFifoScript> fifoScript(NotifyFifoScript script, Optional<Identity> defaultIdentity) {
        List<String> words = Notifier.words(script.script());
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String what = "notify_fifo_script";
        Optional<String> own = script.user().filter(u -> !u.isBlank());
        Optional<Identity> identity = own.isPresent() ? identity(own.get(), what) : defaultIdentity;
        if (identity.isEmpty()) {
            if (own.isEmpty()) {
                refused.add(what + ": " + missingDefault());
            }
            return Optional.empty();
        }
        if (!allowed(what, words.getFirst(), identity.get())) {
            return Optional.empty();
        }
        return Optional.of(new NotifyFifoScript(script.script(), Optional.of(runAs(identity.get()).orElse(""))));
    }

    /** {@code UID GID} for setpriv, empty when the agent itself is that user (nothing to change). */
    private Optional<String> runAs(Identity identity) {
        if (identity.uid() == host.ownUid()) {
            return Optional.empty();
        }
        return Optional.of(identity.uid() + " " + identity.gid());
    }

    private static InstanceConfig withoutScripts(InstanceConfig i, Set<String> dropped) {
        if (dropped.isEmpty() || i.tracks().stream().noneMatch(t -> t instanceof TrackConfig.Script && dropped.contains(t.name()))) {
            return i;
        }
        InstanceConfig.Builder kept = i.toBuilder().clearTracks();
        i.tracks().stream().filter(t -> !(t instanceof TrackConfig.Script && dropped.contains(t.name()))).forEach(kept::track);
        return kept.build();
    }

    /**
     * The process to start for {@code command} run as {@code runAs} ({@code UID GID}, or as written {@code USER [GROUP]}):
     * behind setpriv with real and effective ids and the user's supplementary groups, or as it is when empty.
     */
    static List<String> command(List<String> command, Optional<String> runAs) {
        if (runAs.isEmpty()) {
            return command;
        }
        List<String> identity = Notifier.words(runAs.get());
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV, "--reuid=" + identity.getFirst(),
                "--regid=" + (identity.size() > 1 ? identity.get(1) : identity.getFirst()), "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

}
