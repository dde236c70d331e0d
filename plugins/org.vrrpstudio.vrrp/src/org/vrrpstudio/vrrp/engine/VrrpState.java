package org.vrrpstudio.vrrp.engine;

/** RFC 3768/5798 states plus keepalived's FAULT. INITIALIZE is also the state after shutdown. */
public enum VrrpState {
    INITIALIZE, BACKUP, MASTER, FAULT
}
