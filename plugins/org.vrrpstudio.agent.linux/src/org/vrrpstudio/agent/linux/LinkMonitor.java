package org.vrrpstudio.agent.linux;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Watches links and IPv4 addresses through rtnetlink multicast groups (RTMGRP_LINK | RTMGRP_IPV4_IFADDR)
 * and hands each change to a listener — what VRRP needs to move an instance to FAULT when its interface
 * loses carrier, and to notice a virtual IP removed behind its back.
 *
 * <p>The first event is always a {@link NetworkEvent.Resynchronized} snapshot, taken after subscribing so
 * that no change falls between snapshot and events. When the kernel drops notifications (ENOBUFS, the
 * listener was too slow) the monitor takes a fresh snapshot and sends it with {@code afterOverrun} set.
 *
 * <p>Threading: the listener is called on the monitor's own platform thread, one event at a time; it should
 * return quickly. {@link #close()} may be called from any thread, including the listener's.
 */
public final class LinkMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LinkMonitor.class.getName());

    /** Receives the monitor's events. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(NetworkEvent event);
    }

    private final NetlinkSocket subscription;
    private final Netlink snapshots;
    private final Listener listener;
    private final Thread thread;

    private LinkMonitor(NetlinkSocket subscription, Netlink snapshots, Listener listener) {
        this.subscription = subscription;
        this.snapshots = snapshots;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("link monitor").unstarted(this::run);
    }

    /** Starts monitoring the calling thread's network namespace. */
    public static LinkMonitor start(Listener listener) throws NativeException {
        return start(listener, 0);
    }

    /** As {@link #start(Listener)} with a given socket receive buffer (small values provoke ENOBUFS in tests). */
    static LinkMonitor start(Listener listener, int receiveBufferBytes) throws NativeException {
        Objects.requireNonNull(listener, "listener");
        NetlinkSocket subscription = NetlinkSocket.open(Rtnetlink.RTMGRP_LINK | Rtnetlink.RTMGRP_IPV4_IFADDR,
                receiveBufferBytes);
        Netlink snapshots;
        try {
            snapshots = Netlink.open();
        } catch (NativeException e) {
            subscription.close();
            throw e;
        }
        LinkMonitor monitor = new LinkMonitor(subscription, snapshots, listener);
        monitor.thread.start();
        return monitor;
    }

    private void run() {
        try {
            deliver(snapshot(false));
            while (true) {
                switch (subscription.receive(-1, "receive link and address notifications")) {
                    case NetlinkSocket.Datagram(ByteBuffer bytes) -> Rtnetlink.parse(bytes).forEach(this::deliver);
                    case NetlinkSocket.Overrun overrun -> deliver(snapshot(true));
                    case NetlinkSocket.Closed closed -> {
                        return;
                    }
                    case NetlinkSocket.TimedOut timedOut -> {
                        // not with an infinite wait
                    }
                }
            }
        } catch (java.nio.channels.ClosedChannelException e) {
            // closed while taking a snapshot: normal shutdown
        } catch (IOException e) {
            deliver(new NetworkEvent.Failed(e));
        }
    }

    private NetworkEvent.Resynchronized snapshot(boolean afterOverrun) throws IOException {
        return new NetworkEvent.Resynchronized(snapshots.links(), snapshots.addresses(), afterOverrun);
    }

    private void deliver(Rtnetlink.Message message) {
        switch (message) {
            case Rtnetlink.LinkMessage(int sequence, LinkInfo link, boolean removed) ->
                deliver(removed ? new NetworkEvent.LinkRemoved(link) : new NetworkEvent.LinkChanged(link));
            case Rtnetlink.AddressMessage(int sequence, Ipv4InterfaceAddress address, boolean removed) ->
                deliver(removed ? new NetworkEvent.AddressRemoved(address) : new NetworkEvent.AddressAdded(address));
            default -> {
                // acknowledgements and other families are not events
            }
        }
    }

    private void deliver(NetworkEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // one faulty listener call must not end monitoring
            LOG.log(Level.WARNING, "link monitor listener failed on " + event, e);
        }
    }

    /** Stops monitoring and waits briefly for the monitor thread to end. Idempotent. */
    @Override
    public void close() {
        subscription.close();
        snapshots.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
