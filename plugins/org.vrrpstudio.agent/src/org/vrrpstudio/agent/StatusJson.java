package org.vrrpstudio.agent;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.engine.InstanceStatus;
import org.vrrpstudio.vrrp.engine.StateTransition;
import org.vrrpstudio.vrrp.engine.VrrpState;
import org.vrrpstudio.vrrp.packet.RejectReason;

/** The status document: instances (state, effective priority, VIPs held), counters, recent transitions. */
final class StatusJson {

    private StatusJson() {
    }

    static String of(Instant now, List<InstanceStatus> instances, Collection<InstanceConfig> configs, long sent,
            long received, Map<RejectReason, Long> rejections, List<StateTransition> transitions) {
        return of(now, instances, configs, sent, received, rejections, transitions, List.of());
    }

    /** @param refusedScripts the scripts not run (ScriptPolicy), one line each: {@code "scriptsRefused"} */
    static String of(Instant now, List<InstanceStatus> instances, Collection<InstanceConfig> configs, long sent,
            long received, Map<RejectReason, Long> rejections, List<StateTransition> transitions, List<String> refusedScripts) {
        StringBuilder json = new StringBuilder(1024).append("{\"time\":").append(string(now.toString()));
        json.append(",\"instances\":[");
        for (int i = 0; i < instances.size(); i++) {
            InstanceStatus s = instances.get(i);
            List<InetAddress> vips = s.state() == VrrpState.MASTER ? configs.stream().filter(c -> c.name().equals(s.name()))
                    .findFirst().map(InstanceConfig::virtualAddresses).map(List::copyOf).orElse(List.of()) : List.of();
            json.append(i == 0 ? "" : ",").append("{\"name\":").append(string(s.name()))
                    .append(",\"interface\":").append(string(s.interfaceName()))
                    .append(",\"vrid\":").append(s.vrid())
                    .append(",\"state\":").append(string(s.state().name()))
                    .append(",\"priority\":").append(s.effectivePriority())
                    .append(",\"configuredPriority\":").append(configs.stream().filter(c -> c.name().equals(s.name()))
                            .findFirst().map(InstanceConfig::priority).map(String::valueOf).orElse("null"))
                    .append(",\"master\":").append(s.masterAddress().map(a -> string(a.getHostAddress())).orElse("null"))
                    .append(",\"fault\":").append(s.faultCause().map(StatusJson::string).orElse("null"))
                    .append(",\"vips\":[")
                    .append(String.join(",", vips.stream().map(a -> string(a.getHostAddress())).toList())).append("]}");
        }
        json.append("],\"counters\":{\"advertsSent\":").append(sent).append(",\"advertsReceived\":").append(received)
                .append(",\"rejected\":{");
        json.append(String.join(",", rejections.entrySet().stream()
                .map(e -> string(e.getKey().name()) + ":" + e.getValue()).toList()));
        json.append("}},\"transitions\":[");
        for (int i = 0; i < transitions.size(); i++) {
            StateTransition t = transitions.get(i);
            json.append(i == 0 ? "" : ",").append("{\"time\":").append(string(t.time().toString()))
                    .append(",\"instance\":").append(string(t.instance()))
                    .append(",\"from\":").append(string(t.from().name()))
                    .append(",\"to\":").append(string(t.to().name()))
                    .append(",\"reason\":").append(string(t.reason().name()))
                    .append(",\"priority\":").append(t.priority()).append("}");
        }
        json.append("],\"scriptsRefused\":{\"count\":").append(refusedScripts.size()).append(",\"scripts\":[")
                .append(String.join(",", refusedScripts.stream().map(StatusJson::string).toList())).append("]}");
        return json.append("}\n").toString();
    }

    /**
     * One transition as one line of {@code status --follow --json}: time (the agent's clock), instance, from, to,
     * reason, detail (e.g. the interface) and the effective priority at the change.
     */
    static String event(StateTransition t) {
        return "{\"time\":" + string(t.time().toString()) + ",\"instance\":" + string(t.instance()) + ",\"from\":"
                + string(t.from().name()) + ",\"to\":" + string(t.to().name()) + ",\"reason\":" + string(t.reason().name())
                + ",\"detail\":" + string(t.detail()) + ",\"priority\":" + t.priority() + "}\n";
    }

    /** The same as a table for people: one line per instance. */
    static String text(List<InstanceStatus> instances, Collection<InstanceConfig> configs, long sent, long received, long rejected) {
        return text(instances, configs, sent, received, rejected, List.of());
    }

    static String text(List<InstanceStatus> instances, Collection<InstanceConfig> configs, long sent, long received, long rejected,
            List<String> refusedScripts) {
        StringBuilder text = new StringBuilder(String.format("%-12s %-8s %5s  %-7s %8s  %s%n", "INSTANCE", "IFACE", "VRID", "STATE",
                "PRIORITY", "VIPS HELD"));
        for (InstanceStatus s : instances) {
            List<String> vips = s.state() == VrrpState.MASTER ? configs.stream().filter(c -> c.name().equals(s.name())).findFirst()
                    .map(c -> c.virtualAddresses().stream().map(InetAddress::getHostAddress).toList()).orElse(List.of()) : List.of();
            text.append(String.format("%-12s %-8s %5d  %-7s %8d  %s%n", s.name(), s.interfaceName(), s.vrid(), s.state(),
                    s.effectivePriority(), String.join(" ", vips)));
        }
        text.append(String.format("adverts sent %d, received %d, rejected %d%n", sent, received, rejected));
        if (!refusedScripts.isEmpty()) {
            text.append("scripts refused: ").append(refusedScripts.size()).append(System.lineSeparator());
            refusedScripts.forEach(r -> text.append("  ").append(r).append(System.lineSeparator()));
        }
        return text.toString();
    }

    /** A JSON string literal (names and reasons are ours, but escape them properly anyway). */
    static String string(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
