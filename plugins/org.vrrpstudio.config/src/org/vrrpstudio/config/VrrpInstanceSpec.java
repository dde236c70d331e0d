package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@code vrrp_instance} block read once, model-free, for the daemon's binding and the model's import: its name and
 * each child statement with the value read from it. Every diagnostic of the reading (a bad number, a state that is
 * neither MASTER nor BACKUP, an unknown keyword, and those of the authentication block and address lines) is reported
 * here, once, in statement order; what needs the whole file (a track_script naming no vrrp_script) is
 * {@link #missingScript}'s, with the same words for both readers.
 *
 * @param parts the block's children in file order
 */
public record VrrpInstanceSpec(String name, ResolvedStatement block, List<Part> parts) {

    /** What was read from a statement. */
    public sealed interface Value {
    }

    /** {@code state MASTER|BACKUP} */
    public record State(boolean master) implements Value {
    }

    /** {@code interface NAME}, {@code unicast_src_ip ADDRESS}: the one word. */
    public record Word(String value) implements Value {
    }

    /** {@code virtual_router_id}, {@code priority}, {@code version}, {@code preempt_delay}, {@code garp_master_*}. */
    public record Number(int value) implements Value {
    }

    public record Interval(AdvertInterval value) implements Value {
    }

    public record Authentication(AuthenticationSpec spec) implements Value {
    }

    /** A {@code virtual_ipaddress} or {@code virtual_ipaddress_excluded} block's lines. */
    public record Addresses(List<VirtualAddressSpec> addresses, boolean excluded) implements Value {
    }

    /** A {@code virtual_routes} block: its lines as written. */
    public record Routes(List<ResolvedStatement> lines) implements Value {
    }

    /**
     * A {@code unicast_peer} block: the addresses in order, and the {@code min_ttl}/{@code max_ttl} of the lines that give
     * them (a line without options is 0..255 and has no entry).
     */
    public record Peers(List<String> addresses, Map<String, TtlBounds> ttl) implements Value {
    }

    /** A peer line's {@code min_ttl N max_ttl M}: the TTL range its adverts must arrive with. */
    public record TtlBounds(int min, int max) {
    }

    /** {@code unicast_ttl N}, N in 1..255. */
    public record UnicastTtl(int value) implements Value {
    }

    /** {@code nopreempt}, {@code smtp_alert}: present. */
    public record Flag() implements Value {
    }

    /** A {@code track_interface}, {@code track_script} or {@code track_file} block: line i is the block's child i. */
    public record Tracks(List<TrackLine> lines) implements Value {
    }

    /** A notify line: {@link NotifyLine#KEYWORDS}' index of its keyword, the script and its user (null when none). */
    public record Notify(int index, NotifyLine line) implements Value {
    }

    /** Nothing taken: a bad value (its error reported) or a statement kept as written for what it says. */
    public record Nothing() implements Value {
    }

    /**
     * @param modelled true when the console's model holds the statement in its own fields; false when it keeps it as
     *                 written (an unknown keyword, an option the model does not hold). A statement kept as written may
     *                 still have a value the daemon runs: see {@link #runByTheEngine()}.
     */
    public record Part(ResolvedStatement statement, Value value, boolean modelled) {

        /**
         * Whether the engine runs what the statement says: every modelled one, and of those kept as written the
         * {@code unicast_peer} block with per-peer TTLs and {@code unicast_ttl}. The other kept statements are not
         * run (a notify line with a user is run through its {@link Notify} value, and still counted as not run
         * otherwise, as keepalived's other options on it are).
         */
        public boolean runByTheEngine() {
            return modelled || value instanceof Peers || value instanceof UnicastTtl;
        }
    }

    private static final Nothing NOTHING = new Nothing();
    private static final Flag FLAG = new Flag();

    /**
     * Reads the block; null (and an error) when it has no single name, or when {@code defined} says an instance of
     * that name was read before (its children are then not read).
     */
    public static VrrpInstanceSpec read(ResolvedStatement block, Predicate<String> defined, List<Diagnostic> diagnostics) {
        if (block.args().size() != 1) {
            diagnostics.add(Diagnostic.error(block.location(), "vrrp_instance needs a name"));
            return null;
        }
        String name = block.args().getFirst();
        if (defined.test(name)) {
            diagnostics.add(Diagnostic.error(block.location(), "vrrp_instance " + name + " is defined twice"));
            return null;
        }
        List<Part> parts = new ArrayList<>();
        for (ResolvedStatement s : block.children()) {
            Part part = part(s, diagnostics);
            if (!part.modelled() && !OpaqueKeywords.INSTANCE.contains(s.keyword())) {
                diagnostics.add(Diagnostic.warning(s.location(),
                        "unknown keyword '" + s.keyword() + "' in vrrp_instance " + name + ": kept as written"));
            }
            parts.add(part);
        }
        return new VrrpInstanceSpec(name, block, List.copyOf(parts));
    }

    /**
     * One statement of an instance, read as {@link #read} reads it. The model's reading of a statement it keeps as
     * written goes through here too, so that both see the same values.
     */
    public static Part part(ResolvedStatement s, List<Diagnostic> diagnostics) {
        List<String> args = s.args();
        boolean single = args.size() == 1 && !s.hasBlock();
        return switch (s.keyword()) {
            case "state" -> {
                if (!single || !(args.getFirst().equals("MASTER") || args.getFirst().equals("BACKUP"))) {
                    diagnostics.add(Diagnostic.error(s.location(), "state must be MASTER or BACKUP"));
                    yield new Part(s, NOTHING, true);
                }
                yield new Part(s, new State(args.getFirst().equals("MASTER")), true);
            }
            case "interface", "unicast_src_ip" -> single ? new Part(s, new Word(args.getFirst()), true) : new Part(s, NOTHING, false);
            case "virtual_router_id", "priority", "version", "preempt_delay", "garp_master_delay", "garp_master_repeat",
                "garp_master_refresh", "garp_master_refresh_repeat" -> {
                Integer value = StatementValues.integer(s, diagnostics);
                yield new Part(s, value == null ? NOTHING : new Number(value), true);
            }
            case "advert_int" -> {
                AdvertInterval interval = seconds(s, diagnostics);
                yield new Part(s, interval == null ? NOTHING : new Interval(interval), true);
            }
            case "authentication" -> new Part(s, new Authentication(AuthenticationSpec.read(s, diagnostics)), true);
            case "virtual_ipaddress", "virtual_ipaddress_excluded" -> new Part(s,
                    new Addresses(VirtualAddressSpec.read(s, diagnostics), s.keyword().equals("virtual_ipaddress_excluded")), true);
            case "virtual_routes" -> new Part(s, new Routes(s.children()), true);
            case "unicast_ttl" -> new Part(s, unicastTtl(s), false);
            case "unicast_peer" -> {
                if (hasOptions(s)) {
                    // per-peer options: the model keeps the block as written, the engine runs min_ttl/max_ttl
                    yield new Part(s, peersWithOptions(s), false);
                }
                List<String> peers = new ArrayList<>();
                for (ResolvedStatement line : s.children()) {
                    peers.add(line.keyword());
                }
                yield new Part(s, new Peers(List.copyOf(peers), Map.of()), true);
            }
            case "nopreempt" -> args.isEmpty() && !s.hasBlock() ? new Part(s, FLAG, true) : new Part(s, NOTHING, false);
            case "smtp_alert" -> args.isEmpty() ? new Part(s, FLAG, true) : new Part(s, NOTHING, false);
            case "track_interface", "track_script", "track_file" -> {
                Optional<List<TrackLine>> lines = TrackLine.block(s);
                yield lines.isPresent() ? new Part(s, new Tracks(lines.get()), true) : new Part(s, NOTHING, false);
            }
            case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify" -> {
                Optional<NotifyLine> line = s.hasBlock() ? Optional.empty() : NotifyLine.of(args);
                if (line.isEmpty()) {
                    yield new Part(s, NOTHING, false);
                }
                // a user/group after the script: run as that user; the model keeps the line as written
                yield new Part(s, new Notify(NotifyLine.KEYWORDS.indexOf(s.keyword()), line.get()), single);
            }
            default -> new Part(s, NOTHING, false);
        };
    }

    /** The error for a track_script line naming no vrrp_script, known once the whole file is read. */
    public static Diagnostic missingScript(ResolvedStatement line, String script) {
        return Diagnostic.error(line.location(), "track_script names '" + script + "', which no vrrp_script defines");
    }

    /** As {@link StatementValues#seconds}, without BigDecimal for the plain forms (see {@link AdvertInterval}). */
    private static AdvertInterval seconds(ResolvedStatement s, List<Diagnostic> diagnostics) {
        if (s.args().size() == 1 && !s.hasBlock()) {
            AdvertInterval plain = AdvertInterval.parsePlain(s.args().getFirst());
            if (plain != null) {
                return plain;
            }
        }
        return AdvertInterval.of(StatementValues.seconds(s, diagnostics));
    }

    /** {@code unicast_ttl N} with N in 1..255, else nothing (the statement is then not run). */
    private static Value unicastTtl(ResolvedStatement s) {
        if (s.hasBlock() || s.args().size() != 1) {
            return NOTHING;
        }
        Integer value = smallInt(s.args().getFirst());
        return value == null || value < 1 ? NOTHING : new UnicastTtl(value);
    }

    /** Whether a unicast_peer block's lines say more than an address. */
    private static boolean hasOptions(ResolvedStatement block) {
        for (ResolvedStatement line : block.children()) {
            if (!line.args().isEmpty() || line.hasBlock()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code unicast_peer { ADDRESS [min_ttl N] [max_ttl N] ... }}; nothing when a line has another option or a block
     * (the block is then kept as written and the daemon refuses the instance rather than run it as multicast).
     */
    private static Value peersWithOptions(ResolvedStatement block) {
        List<String> peers = new ArrayList<>();
        Map<String, TtlBounds> ttl = new LinkedHashMap<>();
        for (ResolvedStatement line : block.children()) {
            if (line.hasBlock() || line.args().size() % 2 != 0) {
                return NOTHING;
            }
            int min = 0;
            int max = 255;
            for (int i = 0; i < line.args().size(); i += 2) {
                Integer value = smallInt(line.args().get(i + 1));
                if (value == null) {
                    return NOTHING;
                }
                switch (line.args().get(i)) {
                    case "min_ttl" -> min = value;
                    case "max_ttl" -> max = value;
                    default -> {
                        return NOTHING;
                    }
                }
            }
            if (min > max) {
                return NOTHING;
            }
            peers.add(line.keyword());
            if (!line.args().isEmpty()) {
                ttl.put(line.keyword(), new TtlBounds(min, max));
            }
        }
        return new Peers(List.copyOf(peers), ttl);
    }

    private static Integer smallInt(String text) {
        if (!text.matches("[0-9]{1,3}")) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value <= 255 ? value : null;
    }
}
