package org.vrrpstudio.agent.linux;

/** What became of an add or remove of an address: the expected refusals are values, not exceptions. */
public sealed interface AddressChange {

    /** The kernel made the change. */
    record Applied() implements AddressChange {
    }

    /** Add refused with EEXIST: the interface already has this address. */
    record AlreadyPresent() implements AddressChange {
    }

    /** Remove refused with EADDRNOTAVAIL: the interface does not have this address (with this prefix). */
    record NotPresent() implements AddressChange {
    }

    /** Add refused with ERANGE: labels must be shorter than 16 characters (IFNAMSIZ). */
    record LabelTooLong(String label) implements AddressChange {
    }

    /**
     * Any other refusal, e.g. EPERM without CAP_NET_ADMIN or ENODEV for a vanished interface.
     *
     * @param errno the kernel's errno
     * @param reason strerror text, plus the kernel's extended message when it sent one
     */
    record Refused(int errno, String reason) implements AddressChange {
    }

    /** True for {@link Applied}. */
    default boolean applied() {
        return this instanceof Applied;
    }
}
