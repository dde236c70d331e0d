package org.vrrpstudio.vrrp.binding;

/** The cluster cannot run as configured for this director; the message names the director, instance and value. */
public final class BindingException extends Exception {

    private static final long serialVersionUID = 1L;

    public BindingException(String message) {
        super(message);
    }
}
