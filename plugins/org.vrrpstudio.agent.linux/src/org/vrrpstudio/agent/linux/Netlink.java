package org.vrrpstudio.agent.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * rtnetlink requests: add and remove IPv4 addresses (the virtual IPs), list addresses and links, and look up
 * interfaces by name or index, all in the network namespace the object was opened in.
 *
 * <p>Thread-safe: requests are serialised on this object (each waits for its own acknowledgement).
 * For change notifications use {@link LinkMonitor}.
 */
public final class Netlink implements AutoCloseable {

    /** How long a request may wait for the kernel's answer before we call it lost. */
    private static final long ANSWER_TIMEOUT_MILLIS = 5_000;

    private final NetlinkSocket socket;
    private final AtomicInteger sequence = new AtomicInteger((int) (System.nanoTime() & 0xFFFF));
    private final Object requestLock = new Object();

    private Netlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a route socket in the calling thread's network namespace. Works without privileges for reads. */
    public static Netlink open() throws NativeException {
        return new Netlink(NetlinkSocket.open(0, 0));
    }

    /** RTM_NEWADDR (create, exclusive): adds an address; an address already there gives {@link AddressChange.AlreadyPresent}. */
    public AddressChange addAddress(Ipv4InterfaceAddress address) throws IOException {
        ByteBuffer request = Rtnetlink.addressRequest(Rtnetlink.RTM_NEWADDR, ADD_FLAGS, nextSequence(), address);
        Rtnetlink.ErrorMessage answer = acknowledge(request, "add address " + address);
        if (answer.errno() == LibC.ERANGE && address.label() != null) {
            return new AddressChange.LabelTooLong(address.label());
        }
        return added(answer);
    }

    /** RTM_DELADDR: removes an address; one not there gives {@link AddressChange.NotPresent}. */
    public AddressChange removeAddress(Ipv4InterfaceAddress address) throws IOException {
        ByteBuffer request = Rtnetlink.addressRequest(Rtnetlink.RTM_DELADDR, Rtnetlink.NLM_F_ACK, nextSequence(),
                address);
        return removed(acknowledge(request, "remove address " + address));
    }

    /** RTM_NEWADDR for an IPv6 address, without duplicate address detection (usable at once). */
    public AddressChange addAddress(Ipv6InterfaceAddress address) throws IOException {
        ByteBuffer request = Rtnetlink.address6Request(Rtnetlink.RTM_NEWADDR, ADD_FLAGS, nextSequence(), address);
        return added(acknowledge(request, "add address " + address));
    }

    /** RTM_DELADDR for an IPv6 address. */
    public AddressChange removeAddress(Ipv6InterfaceAddress address) throws IOException {
        ByteBuffer request = Rtnetlink.address6Request(Rtnetlink.RTM_DELADDR, Rtnetlink.NLM_F_ACK, nextSequence(),
                address);
        return removed(acknowledge(request, "remove address " + address));
    }

    private static final short ADD_FLAGS = (short) (Rtnetlink.NLM_F_ACK | Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL);

    private static AddressChange added(Rtnetlink.ErrorMessage answer) {
        return switch (answer.errno()) {
            case 0 -> new AddressChange.Applied();
            case LibC.EEXIST -> new AddressChange.AlreadyPresent();
            default -> refused(answer);
        };
    }

    private static AddressChange removed(Rtnetlink.ErrorMessage answer) {
        return switch (answer.errno()) {
            case 0 -> new AddressChange.Applied();
            case LibC.EADDRNOTAVAIL -> new AddressChange.NotPresent();
            default -> refused(answer);
        };
    }

    private static AddressChange refused(Rtnetlink.ErrorMessage answer) {
        String reason = LibC.strerror(answer.errno());
        if (answer.detail() != null && !answer.detail().isBlank()) {
            reason += " (" + answer.detail() + ")";
        }
        if (answer.errno() == LibC.EPERM || answer.errno() == LibC.EACCES) {
            reason += " - " + Capabilities.REQUIREMENT;
        }
        return new AddressChange.Refused(answer.errno(), reason);
    }

    /** All IPv4 addresses of all interfaces. */
    public List<Ipv4InterfaceAddress> addresses() throws IOException {
        List<Ipv4InterfaceAddress> addresses = new ArrayList<>();
        for (Rtnetlink.Message message : dump(Rtnetlink.dumpAddressesRequest(nextSequence()), "list addresses")) {
            if (message instanceof Rtnetlink.AddressMessage(int ignored, Ipv4InterfaceAddress address, boolean removed)
                    && !removed) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** The IPv4 addresses of one interface. */
    public List<Ipv4InterfaceAddress> addresses(int ifindex) throws IOException {
        return addresses().stream().filter(address -> address.ifindex() == ifindex).toList();
    }

    /** The IPv6 addresses of one interface (its link-local address among them once the link is up). */
    public List<Ipv6InterfaceAddress> ipv6Addresses(int ifindex) throws IOException {
        List<Ipv6InterfaceAddress> addresses = new ArrayList<>();
        for (Rtnetlink.Message message : dump(Rtnetlink.dumpAddressesRequest(nextSequence(), LibC.AF_INET6),
                "list IPv6 addresses")) {
            if (message instanceof Rtnetlink.Address6Message(int ignored, Ipv6InterfaceAddress address, boolean removed)
                    && !removed && address.ifindex() == ifindex) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** All links (interfaces) with their state. */
    public List<LinkInfo> links() throws IOException {
        List<LinkInfo> links = new ArrayList<>();
        for (Rtnetlink.Message message : dump(Rtnetlink.dumpLinksRequest(nextSequence()), "list links")) {
            if (message instanceof Rtnetlink.LinkMessage(int ignored, LinkInfo link, boolean removed) && !removed) {
                links.add(link);
            }
        }
        return links;
    }

    public Optional<LinkInfo> link(int ifindex) throws IOException {
        return links().stream().filter(link -> link.index() == ifindex).findFirst();
    }

    public Optional<LinkInfo> link(String name) throws IOException {
        return links().stream().filter(link -> link.name().equals(name)).findFirst();
    }

    /**
     * The index of the named interface.
     *
     * @throws NativeException ENODEV when there is no such interface
     */
    public int interfaceIndex(String name) throws IOException {
        return link(name).orElseThrow(() -> new NativeException("look up interface " + name, LibC.ENODEV)).index();
    }

    /**
     * The name of the interface with this index.
     *
     * @throws NativeException ENODEV when there is no such interface
     */
    public String interfaceName(int ifindex) throws IOException {
        return link(ifindex).orElseThrow(() -> new NativeException("look up interface index " + ifindex,
                LibC.ENODEV)).name();
    }

    /** Sets a link administratively up or down, like {@code ip link set DEV up|down}. */
    public void setLinkUp(int ifindex, boolean up) throws IOException {
        String operation = "set link " + ifindex + (up ? " up" : " down");
        Rtnetlink.ErrorMessage answer = acknowledge(Rtnetlink.setLinkUpRequest(nextSequence(), ifindex, up),
                operation);
        if (answer.errno() != 0) {
            throw new NativeException(operation, answer.errno());
        }
    }

    /**
     * Creates a veth pair, both ends down, like {@code ip link add NAME type veth peer name PEER}: the agent's
     * ahead-of-time training (AgentTraining) builds its throwaway network of them.
     */
    public void addVethPair(String name, String peer) throws IOException {
        String operation = "add veth pair " + name + "/" + peer;
        Rtnetlink.ErrorMessage answer = acknowledge(Rtnetlink.vethPairRequest(nextSequence(), name, peer), operation);
        if (answer.errno() != 0) {
            throw new NativeException(operation, answer.errno());
        }
    }

    private int nextSequence() {
        return sequence.incrementAndGet();
    }

    /** Sends a request with NLM_F_ACK and returns the kernel's error message for it (errno 0 = done). */
    private Rtnetlink.ErrorMessage acknowledge(ByteBuffer request, String operation) throws IOException {
        int expected = request.getInt(8);
        synchronized (requestLock) {
            socket.send(request, operation);
            while (true) {
                for (Rtnetlink.Message message : receiveBatch(operation)) {
                    if (message instanceof Rtnetlink.ErrorMessage error && error.sequence() == expected) {
                        return error;
                    }
                }
            }
        }
    }

    /** Sends a dump request and collects its messages up to NLMSG_DONE. */
    private List<Rtnetlink.Message> dump(ByteBuffer request, String operation) throws IOException {
        int expected = request.getInt(8);
        List<Rtnetlink.Message> collected = new ArrayList<>();
        synchronized (requestLock) {
            socket.send(request, operation);
            while (true) {
                for (Rtnetlink.Message message : receiveBatch(operation)) {
                    if (message.sequence() != expected) {
                        continue;
                    }
                    switch (message) {
                        case Rtnetlink.DoneMessage done -> {
                            return collected;
                        }
                        case Rtnetlink.ErrorMessage error when error.errno() != 0 ->
                            throw new NativeException(operation, error.errno());
                        default -> collected.add(message);
                    }
                }
            }
        }
    }

    private List<Rtnetlink.Message> receiveBatch(String operation) throws IOException {
        return switch (socket.receive(ANSWER_TIMEOUT_MILLIS, operation)) {
            case NetlinkSocket.Datagram(ByteBuffer bytes) -> Rtnetlink.parse(bytes);
            // a request socket joins no groups, so an overrun can only mean a dump too large to keep: retry
            case NetlinkSocket.Overrun overrun -> throw new NativeException(operation, LibC.ENOBUFS);
            case NetlinkSocket.TimedOut timedOut -> throw new IOException(operation + ": no answer from the kernel within "
                    + ANSWER_TIMEOUT_MILLIS + " ms");
            case NetlinkSocket.Closed closed -> throw new java.nio.channels.ClosedChannelException();
        };
    }

    /** Closes the socket; a request in progress fails with ClosedChannelException. Idempotent. */
    @Override
    public void close() {
        socket.close();
    }
}
