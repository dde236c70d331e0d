package org.vrrpstudio.agent.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoding and decoding of the rtnetlink messages this bundle uses (linux/netlink.h, linux/rtnetlink.h,
 * linux/if_addr.h, linux/if_link.h). Netlink is in host byte order; attributes are 4-byte aligned TLVs.
 * Pure Java, no native calls, so it is unit-tested on captured bytes.
 */
final class Rtnetlink {

    static final int HEADER_SIZE = 16;

    static final short NLMSG_NOOP = 1;
    static final short NLMSG_ERROR = 2;
    static final short NLMSG_DONE = 3;
    static final short NLMSG_OVERRUN = 4;

    static final short NLM_F_REQUEST = 0x1;
    static final short NLM_F_MULTI = 0x2;
    static final short NLM_F_ACK = 0x4;
    static final short NLM_F_DUMP = 0x300;
    static final short NLM_F_EXCL = 0x200;
    static final short NLM_F_CREATE = 0x400;
    /** In an error message: the request was not echoed back (NETLINK_CAP_ACK). */
    static final short NLM_F_CAPPED = 0x100;
    /** In an error message: extended-ack attributes follow (NETLINK_EXT_ACK). */
    static final short NLM_F_ACK_TLVS = 0x200;

    static final short RTM_NEWLINK = 16;
    static final short RTM_DELLINK = 17;
    static final short RTM_GETLINK = 18;
    static final short RTM_NEWADDR = 20;
    static final short RTM_DELADDR = 21;
    static final short RTM_GETADDR = 22;

    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;

    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;

    private static final short IFA_ADDRESS = 1;
    private static final short IFA_LOCAL = 2;
    private static final short IFA_LABEL = 3;
    private static final short IFA_BROADCAST = 4;
    private static final short IFA_FLAGS = 8;

    /** Add without duplicate address detection: a VIP must be usable at once (it moves between directors). */
    static final int IFA_F_NODAD = 0x02;
    static final int IFA_F_TENTATIVE = 0x40;

    private static final short IFLA_ADDRESS = 1;
    private static final short IFLA_IFNAME = 3;
    private static final short IFLA_MTU = 4;
    private static final short IFLA_OPERSTATE = 16;
    private static final short IFLA_LINKINFO = 18;
    private static final short IFLA_INFO_KIND = 1;
    private static final short IFLA_INFO_DATA = 2;
    private static final short VETH_INFO_PEER = 1;
    private static final short NLA_F_NESTED = (short) 0x8000;

    private static final int IFF_UP = 0x1;
    private static final int IFF_LOWER_UP = 0x10000;

    private static final short NLMSGERR_ATTR_MSG = 1;

    private Rtnetlink() {
    }

    /** A decoded netlink message. */
    sealed interface Message {
        int sequence();
    }

    record LinkMessage(int sequence, LinkInfo link, boolean removed) implements Message {
    }

    record AddressMessage(int sequence, Ipv4InterfaceAddress address, boolean removed) implements Message {
    }

    record Address6Message(int sequence, Ipv6InterfaceAddress address, boolean removed) implements Message {
    }

    /** NLMSG_ERROR: errno 0 is the acknowledgement of a request; detail is the kernel's extended message. */
    record ErrorMessage(int sequence, int errno, String detail) implements Message {
    }

    record DoneMessage(int sequence) implements Message {
    }

    /** Anything this bundle does not interpret (other families, other types). */
    record OtherMessage(int sequence, int type) implements Message {
    }

    // ---- encoding

    static ByteBuffer addressRequest(short type, short flags, int sequence, Ipv4InterfaceAddress address) {
        ByteBuffer message = newMessage(type, (short) (NLM_F_REQUEST | flags), sequence);
        message.put((byte) LibC.AF_INET).put((byte) address.prefixLength()).put((byte) 0)
                .put((byte) address.scope().code()).putInt(address.ifindex());
        byte[] local = address.address().getAddress();
        attribute(message, IFA_LOCAL, local);
        attribute(message, IFA_ADDRESS, local);
        if (address.broadcast() != null) {
            attribute(message, IFA_BROADCAST, address.broadcast().getAddress());
        }
        if (address.label() != null) {
            attribute(message, IFA_LABEL, cString(address.label()));
        }
        return finish(message);
    }

    /** An IPv6 address, added without duplicate address detection (keepalived adds its VIPs the same way). */
    static ByteBuffer address6Request(short type, short flags, int sequence, Ipv6InterfaceAddress address) {
        ByteBuffer message = newMessage(type, (short) (NLM_F_REQUEST | flags), sequence);
        message.put((byte) LibC.AF_INET6).put((byte) address.prefixLength()).put((byte) IFA_F_NODAD)
                .put((byte) address.scope().code()).putInt(address.ifindex());
        byte[] local = address.address().getAddress();
        attribute(message, IFA_LOCAL, local);
        attribute(message, IFA_ADDRESS, local);
        attribute(message, IFA_FLAGS, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(IFA_F_NODAD).array());
        return finish(message);
    }

    static ByteBuffer dumpAddressesRequest(int sequence) {
        return dumpAddressesRequest(sequence, LibC.AF_INET);
    }

    static ByteBuffer dumpAddressesRequest(int sequence, int family) {
        ByteBuffer message = newMessage(RTM_GETADDR, (short) (NLM_F_REQUEST | NLM_F_DUMP), sequence);
        message.put((byte) family).put(new byte[7]);
        return finish(message);
    }

    static ByteBuffer dumpLinksRequest(int sequence) {
        ByteBuffer message = newMessage(RTM_GETLINK, (short) (NLM_F_REQUEST | NLM_F_DUMP), sequence);
        message.put(new byte[16]);
        return finish(message);
    }

    /** RTM_NEWLINK changing only IFF_UP of one link (what {@code ip link set DEV up|down} does). */
    static ByteBuffer setLinkUpRequest(int sequence, int ifindex, boolean up) {
        ByteBuffer message = newMessage(RTM_NEWLINK, (short) (NLM_F_REQUEST | NLM_F_ACK), sequence);
        message.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(ifindex).putInt(up ? IFF_UP : 0)
                .putInt(IFF_UP);
        return finish(message);
    }

    /**
     * RTM_NEWLINK (create, exclusive) of a veth pair {@code name} and {@code peer} in the socket's network namespace,
     * both down (what {@code ip link add NAME type veth peer name PEER} does).
     */
    static ByteBuffer vethPairRequest(int sequence, String name, String peer) {
        ByteBuffer message = newMessage(RTM_NEWLINK, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL),
                sequence);
        message.put(new byte[16]); // struct ifinfomsg: nothing asked of the link itself
        attribute(message, IFLA_IFNAME, cString(name));
        int linkInfo = beginNested(message, IFLA_LINKINFO);
        attribute(message, IFLA_INFO_KIND, cString("veth"));
        int data = beginNested(message, IFLA_INFO_DATA);
        int peerInfo = beginNested(message, VETH_INFO_PEER);
        message.put(new byte[16]); // the peer's own struct ifinfomsg, then its attributes
        attribute(message, IFLA_IFNAME, cString(peer));
        endNested(message, peerInfo);
        endNested(message, data);
        endNested(message, linkInfo);
        return finish(message);
    }

    private static int beginNested(ByteBuffer message, short type) {
        int start = message.position();
        message.putShort((short) 0).putShort((short) (type | NLA_F_NESTED));
        return start;
    }

    private static void endNested(ByteBuffer message, int start) {
        message.putShort(start, (short) (message.position() - start));
    }

    private static ByteBuffer newMessage(short type, short flags, int sequence) {
        ByteBuffer message = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        message.putInt(0).putShort(type).putShort(flags).putInt(sequence).putInt(0);
        return message;
    }

    private static ByteBuffer finish(ByteBuffer message) {
        message.putInt(0, message.position());
        return message.flip();
    }

    private static void attribute(ByteBuffer message, short type, byte[] value) {
        message.putShort((short) (4 + value.length)).putShort(type).put(value);
        while (message.position() % 4 != 0) {
            message.put((byte) 0);
        }
    }

    private static byte[] cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, bytes.length + 1);
    }

    // ---- decoding

    /** Decodes every message in {@code data} (position to limit), ignoring a truncated tail. */
    static List<Message> parse(ByteBuffer data) {
        ByteBuffer buffer = data.slice().order(ByteOrder.nativeOrder());
        List<Message> messages = new ArrayList<>();
        int offset = 0;
        while (offset + HEADER_SIZE <= buffer.limit()) {
            int length = buffer.getInt(offset);
            if (length < HEADER_SIZE || offset + length > buffer.limit()) {
                break;
            }
            short type = buffer.getShort(offset + 4);
            short flags = buffer.getShort(offset + 6);
            int sequence = buffer.getInt(offset + 8);
            ByteBuffer payload = buffer.slice(offset + HEADER_SIZE, length - HEADER_SIZE).order(ByteOrder.nativeOrder());
            messages.add(decode(type, flags, sequence, payload));
            offset += align(length);
        }
        return messages;
    }

    private static Message decode(short type, short flags, int sequence, ByteBuffer payload) {
        return switch (type) {
            case NLMSG_ERROR -> decodeError(flags, sequence, payload);
            case NLMSG_DONE -> new DoneMessage(sequence);
            case RTM_NEWLINK, RTM_DELLINK -> payload.limit() < 16 ? new OtherMessage(sequence, type)
                    : new LinkMessage(sequence, decodeLink(payload), type == RTM_DELLINK);
            case RTM_NEWADDR, RTM_DELADDR -> {
                if (payload.limit() >= 8 && payload.get(0) == LibC.AF_INET6) {
                    Ipv6InterfaceAddress address = decodeAddress6(payload);
                    yield address == null ? new OtherMessage(sequence, type)
                            : new Address6Message(sequence, address, type == RTM_DELADDR);
                }
                if (payload.limit() < 8 || payload.get(0) != LibC.AF_INET) {
                    yield new OtherMessage(sequence, type);
                }
                Ipv4InterfaceAddress address = decodeAddress(payload);
                yield address == null ? new OtherMessage(sequence, type)
                        : new AddressMessage(sequence, address, type == RTM_DELADDR);
            }
            default -> new OtherMessage(sequence, type);
        };
    }

    private static ErrorMessage decodeError(short flags, int sequence, ByteBuffer payload) {
        int errno = payload.limit() >= 4 ? -payload.getInt(0) : 0;
        String detail = null;
        if ((flags & NLM_F_ACK_TLVS) != 0 && payload.limit() >= 4 + HEADER_SIZE) {
            int echoed = (flags & NLM_F_CAPPED) != 0 ? HEADER_SIZE : payload.getInt(4);
            int start = 4 + align(echoed);
            for (Attribute attribute : attributes(payload, start)) {
                if (attribute.type == NLMSGERR_ATTR_MSG) {
                    detail = attribute.string();
                }
            }
        }
        return new ErrorMessage(sequence, errno, detail);
    }

    private static LinkInfo decodeLink(ByteBuffer payload) {
        int index = payload.getInt(4);
        int flags = payload.getInt(8);
        String name = "if" + index;
        MacAddress mac = null;
        int mtu = 0;
        LinkInfo.OperState operState = LinkInfo.OperState.UNKNOWN;
        for (Attribute attribute : attributes(payload, 16)) {
            switch (attribute.type) {
                case IFLA_IFNAME -> name = attribute.string();
                case IFLA_ADDRESS -> mac = attribute.value.length == 6 ? MacAddress.of(attribute.value) : null;
                case IFLA_MTU -> mtu = attribute.intValue();
                case IFLA_OPERSTATE -> operState = LinkInfo.OperState.fromCode(attribute.value[0] & 0xFF);
                default -> {
                    // not needed
                }
            }
        }
        return new LinkInfo(index, name, (flags & IFF_UP) != 0, (flags & IFF_LOWER_UP) != 0, operState, mac, mtu);
    }

    private static Ipv4InterfaceAddress decodeAddress(ByteBuffer payload) {
        int prefixLength = payload.get(1) & 0xFF;
        int scopeCode = payload.get(3) & 0xFF;
        int ifindex = payload.getInt(4);
        Inet4Address local = null;
        Inet4Address peer = null;
        Inet4Address broadcast = null;
        String label = null;
        for (Attribute attribute : attributes(payload, 8)) {
            switch (attribute.type) {
                case IFA_LOCAL -> local = attribute.ipv4();
                case IFA_ADDRESS -> peer = attribute.ipv4();
                case IFA_BROADCAST -> broadcast = attribute.ipv4();
                case IFA_LABEL -> label = attribute.string();
                default -> {
                    // cache info, flags: not needed
                }
            }
        }
        Inet4Address address = local != null ? local : peer;
        if (address == null || ifindex <= 0) {
            return null;
        }
        AddressScope scope = AddressScope.fromCode(scopeCode).orElse(AddressScope.GLOBAL);
        return new Ipv4InterfaceAddress(ifindex, address, prefixLength, broadcast, label, scope);
    }

    private static Ipv6InterfaceAddress decodeAddress6(ByteBuffer payload) {
        int prefixLength = payload.get(1) & 0xFF;
        int flags = payload.get(2) & 0xFF;
        int scopeCode = payload.get(3) & 0xFF;
        int ifindex = payload.getInt(4);
        byte[] local = null;
        byte[] address = null;
        for (Attribute attribute : attributes(payload, 8)) {
            switch (attribute.type) {
                case IFA_LOCAL -> local = attribute.value;
                case IFA_ADDRESS -> address = attribute.value;
                case IFA_FLAGS -> flags = attribute.intValue(); // the full 32 bits; the header byte holds the low 8
                default -> {
                    // label, cache info: not needed
                }
            }
        }
        byte[] bytes = local != null ? local : address;
        if (bytes == null || bytes.length != 16 || ifindex <= 0 || prefixLength > 128) {
            return null;
        }
        try {
            Inet6Address ip = Inet6Address.getByAddress(null, bytes, -1);
            AddressScope scope = AddressScope.fromCode(scopeCode).orElse(AddressScope.GLOBAL);
            return new Ipv6InterfaceAddress(ifindex, ip, prefixLength, scope, (flags & IFA_F_TENTATIVE) != 0);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Attribute(short type, byte[] value) {
        String string() {
            int end = 0;
            while (end < value.length && value[end] != 0) {
                end++;
            }
            return new String(value, 0, end, StandardCharsets.UTF_8);
        }

        int intValue() {
            return value.length >= 4 ? ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt() : 0;
        }

        Inet4Address ipv4() {
            return value.length == 4 ? Ipv4Sockets.address(value) : null;
        }
    }

    private static List<Attribute> attributes(ByteBuffer payload, int start) {
        List<Attribute> attributes = new ArrayList<>();
        int offset = start;
        while (offset + 4 <= payload.limit()) {
            int length = payload.getShort(offset) & 0xFFFF;
            if (length < 4 || offset + length > payload.limit()) {
                break;
            }
            byte[] value = new byte[length - 4];
            payload.get(offset + 4, value);
            // the top bits of the type are NLA_F_NESTED / NLA_F_NET_BYTEORDER, not part of the type
            attributes.add(new Attribute((short) (payload.getShort(offset + 2) & 0x3FFF), value));
            offset += align(length);
        }
        return attributes;
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }
}
