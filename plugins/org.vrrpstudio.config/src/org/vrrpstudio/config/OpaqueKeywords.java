package org.vrrpstudio.config;

import java.util.Set;

/**
 * Keywords keepalived 2.2 accepts (from keepalived.conf(5)) that the readers (the model's import and the daemon's
 * binding) do not interpret. They are kept as opaque statements without a warning; any other keyword is kept too,
 * but reported as unknown. One list for both readers, so both warn about the same keywords.
 */
public final class OpaqueKeywords {

    private OpaqueKeywords() {
    }

    public static final Set<String> TOP_LEVEL = Set.of("global_defs", "vrrp_instance", "vrrp_sync_group",
            "vrrp_script", "static_ipaddress", "static_routes", "static_rules", "virtual_server",
            "virtual_server_group", "vrrp_track_process", "vrrp_track_file", "track_file", "track_process",
            "bfd_instance", "linkbeat_interfaces", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets",
            "instance", "use_pid_dir", "child_wait_time", "garp_group");

    public static final Set<String> INSTANCE = Set.of("accept", "no_accept", "dont_track_primary",
            "track_src_ip", "use_vmac", "use_vmac_addr", "vmac_xmit_base", "use_ipvlan", "native_ipv6",
            "check_unicast_src", "unicast_ttl", "unicast_fault_no_peer", "old_unicast_checksum", "mcast_src_ip",
            "mcast_dst_ip", "virtual_rules", "track_process", "track_bfd", "skip_check_adv_addr", "strict_mode",
            "preempt", "garp_lower_prio_delay", "garp_lower_prio_repeat", "garp_extra_if",
            "lower_prio_no_advert", "higher_prio_send_advert", "kernel_rx_buf_size", "down_timer_adverts",
            "linkbeat_use_polling", "notify_master_rx_lower_pri", "notify_priority_changes", "promote_secondaries",
            "debug", "vrf", "ha_suspend", "interface_up_down_delays", "snmp_name", "ip_family", "vrrp4", "vrrp6",
            "track_interface", "track_script", "track_file", "notify_master", "notify_backup", "notify_fault",
            "notify_stop", "notify", "smtp_alert",
            // modelled ones, kept as written when their shape is unusual (options the model does not hold)
            "state", "interface", "virtual_router_id", "priority", "advert_int", "version", "authentication",
            "virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "unicast_src_ip", "unicast_peer",
            "nopreempt", "preempt_delay", "garp_master_delay", "garp_master_repeat", "garp_master_refresh",
            "garp_master_refresh_repeat");

    public static final Set<String> SYNC_GROUP = Set.of("track_interface", "track_script", "track_file",
            "track_process", "track_bfd", "global_tracking", "sync_group_tracking_weight", "notify_priority_changes", "notify_master", "notify_backup", "notify_fault",
            "notify_stop", "notify", "smtp_alert", "group");

    public static final Set<String> SCRIPT = Set.of("init_fail", "script", "interval", "weight", "fall", "rise",
            "timeout", "user");
}
