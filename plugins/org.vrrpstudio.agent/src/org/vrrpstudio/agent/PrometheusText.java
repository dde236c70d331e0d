package org.vrrpstudio.agent;

import java.util.List;
import java.util.Map;

import org.vrrpstudio.vrrp.engine.InstanceStatus;
import org.vrrpstudio.vrrp.engine.VrrpState;
import org.vrrpstudio.vrrp.packet.RejectReason;

/** The agent's figures in the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {

    private PrometheusText() {
    }

    static String of(List<InstanceStatus> instances, long sent, long received, Map<RejectReason, Long> rejections,
            Map<String, Long> transitions) {
        StringBuilder text = new StringBuilder(2048);
        header(text, "vrrpstudio_instance_state", "gauge", "1 for the state the instance is in, 0 for the others");
        for (InstanceStatus s : instances) {
            for (VrrpState state : VrrpState.values()) {
                text.append("vrrpstudio_instance_state{").append(labels(s)).append(",state=\"").append(state.name())
                        .append("\"} ").append(s.state() == state ? 1 : 0).append('\n');
            }
        }
        header(text, "vrrpstudio_instance_priority", "gauge", "effective priority (configured priority adjusted by tracking)");
        instances.forEach(s -> text.append("vrrpstudio_instance_priority{").append(labels(s)).append("} ")
                .append(s.effectivePriority()).append('\n'));
        header(text, "vrrpstudio_instance_transitions_total", "counter", "state transitions since the agent started");
        instances.forEach(s -> text.append("vrrpstudio_instance_transitions_total{").append(labels(s)).append("} ")
                .append(transitions.getOrDefault(s.name(), 0L)).append('\n'));
        header(text, "vrrpstudio_adverts_sent_total", "counter", "VRRP packets sent");
        text.append("vrrpstudio_adverts_sent_total ").append(sent).append('\n');
        header(text, "vrrpstudio_adverts_received_total", "counter", "VRRP and AH packets received");
        text.append("vrrpstudio_adverts_received_total ").append(received).append('\n');
        header(text, "vrrpstudio_adverts_rejected_total", "counter", "received packets refused, by reason");
        for (RejectReason reason : RejectReason.values()) {
            text.append("vrrpstudio_adverts_rejected_total{reason=\"").append(reason.name()).append("\"} ")
                    .append(rejections.getOrDefault(reason, 0L)).append('\n');
        }
        return text.toString();
    }

    /** The scripts the agent does not run (ScriptPolicy: script_user, enable_script_security), as a gauge. */
    static String scriptsRefused(int count) {
        StringBuilder text = new StringBuilder();
        header(text, "vrrpstudio_scripts_refused", "gauge", "notify and check scripts not run (user missing or unsafe path)");
        return text.append("vrrpstudio_scripts_refused ").append(count).append('\n').toString();
    }

    private static void header(StringBuilder text, String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Instance and interface names come from the config: escaped as label values must be. */
    private static String labels(InstanceStatus s) {
        return "instance=\"" + escape(s.name()) + "\",interface=\"" + escape(s.interfaceName()) + "\",vrid=\"" + s.vrid() + "\"";
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
