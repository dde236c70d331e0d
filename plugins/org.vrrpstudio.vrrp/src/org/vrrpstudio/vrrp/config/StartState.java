package org.vrrpstudio.vrrp.config;

/** keepalived's {@code state} keyword: only a start hint, the election decides. */
public enum StartState {
    MASTER, BACKUP
}
