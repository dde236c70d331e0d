package org.vrrpstudio.agent.linux;

import java.io.IOException;
import java.util.List;

/** What a {@link LinkMonitor} reports. */
public sealed interface NetworkEvent {

    /** A link appeared or changed state (up/down, carrier, name, MAC). */
    record LinkChanged(LinkInfo link) implements NetworkEvent {
    }

    /** A link was deleted. */
    record LinkRemoved(LinkInfo link) implements NetworkEvent {
    }

    /** An IPv4 address was added, by us or by anyone else. */
    record AddressAdded(Ipv4InterfaceAddress address) implements NetworkEvent {
    }

    /** An IPv4 address was removed, by us or by anyone else (e.g. an admin, or its link was deleted). */
    record AddressRemoved(Ipv4InterfaceAddress address) implements NetworkEvent {
    }

    /**
     * The complete current state. Sent once when monitoring starts, and again whenever the kernel dropped
     * notifications (ENOBUFS) so that earlier events may be missing: replace any state built from events.
     *
     * @param afterOverrun true when caused by dropped notifications rather than the start
     */
    record Resynchronized(List<LinkInfo> links, List<Ipv4InterfaceAddress> addresses, boolean afterOverrun)
            implements NetworkEvent {
        public Resynchronized {
            links = List.copyOf(links);
            addresses = List.copyOf(addresses);
        }
    }

    /** Monitoring stopped because of an error; no more events follow. */
    record Failed(IOException cause) implements NetworkEvent {
    }
}
