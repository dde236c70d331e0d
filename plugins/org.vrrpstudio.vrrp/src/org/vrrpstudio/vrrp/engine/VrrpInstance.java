package org.vrrpstudio.vrrp.engine;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.vrrpstudio.vrrp.config.TtlRange;
import org.vrrpstudio.vrrp.config.AuthType;
import org.vrrpstudio.vrrp.config.GroupTakeover;
import org.vrrpstudio.vrrp.config.InstanceConfig;
import org.vrrpstudio.vrrp.config.InterfaceConfig;
import org.vrrpstudio.vrrp.config.StartState;
import org.vrrpstudio.vrrp.config.VrrpVersion;
import org.vrrpstudio.vrrp.packet.AdvertAuthenticator;
import org.vrrpstudio.vrrp.packet.Advertisement;
import org.vrrpstudio.vrrp.packet.AdvertisementEncoder;
import org.vrrpstudio.vrrp.packet.AhFields;
import org.vrrpstudio.vrrp.packet.ReceivedAdvert;
import org.vrrpstudio.vrrp.packet.RejectReason;
import org.vrrpstudio.vrrp.packet.Rejection;
import org.vrrpstudio.vrrp.packet.VrrpWire;

/**
 * The state machine of one VRRP instance (RFC 3768 §6.4, RFC 5798 §6.4) with keepalived's extensions:
 * FAULT from tracking, preempt_delay, nopreempt, the start-state hint, priority 0 when leaving MASTER,
 * and an immediate answer to lower-priority adverts.
 */
final class VrrpInstance {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_CENTISECOND = 10_000_000L;
    private static final int PRIORITY_STOP = 0;

    private final InstanceConfig config;
    private final VrrpNode node;
    private final InetAddress sourceAddress;
    private final AntiReplayWindow antiReplay = new AntiReplayWindow();
    private SyncGroup group;

    private VrrpState state = VrrpState.INITIALIZE;
    private TrackEvaluation evaluation;
    private int masterAdverIntervalCentis;
    private Scheduler.Cancellable masterDownTimer;
    private Scheduler.Cancellable adverTimer;
    /** The master down timer expired but the sync group holds this instance in BACKUP. */
    private boolean wantsMaster;
    /** A lower-priority master was seen and we are letting the timer run out to preempt it. */
    private boolean preemptPending;
    private Optional<InetAddress> currentMaster = Optional.empty();
    /** Foreign sources whose adverts were accepted (at most two kept): two mean a third director exists. */
    private final java.util.Set<InetAddress> foreignSources = new java.util.HashSet<>();
    private long ahSequence;
    private int ipIdentification;

    VrrpInstance(InstanceConfig config, InterfaceConfig iface, VrrpNode node) {
        this.config = config;
        this.node = node;
        this.sourceAddress = config.sourceAddress().orElseGet(() -> config.isIpv6()
                ? iface.linkLocalIpv6().orElseThrow(() -> new IllegalArgumentException("instance " + config.name()
                        + ": IPv6 instance needs a link-local address on " + iface.name()))
                : iface.primaryIpv4().orElseThrow(() -> new IllegalArgumentException("instance " + config.name()
                        + ": IPv4 instance needs an IPv4 address on " + iface.name())));
        this.masterAdverIntervalCentis = config.advertIntervalCentis();
    }

    void joinGroup(SyncGroup syncGroup) {
        this.group = syncGroup;
    }

    // ---- queries

    InstanceConfig config() {
        return config;
    }

    String name() {
        return config.name();
    }

    VrrpState state() {
        return state;
    }

    boolean wantsMaster() {
        return wantsMaster;
    }

    InetAddress sourceAddress() {
        return sourceAddress;
    }

    /**
     * BACKUP following a live master: its adverts reset our master down timer (which has not run out), and the
     * address is known. Such an instance's master is, in a pair, the peer director.
     */
    boolean followsLiveMaster() {
        return state == VrrpState.BACKUP && !wantsMaster && currentMaster.isPresent() && masterDownTimer != null;
    }

    boolean heardSeveralForeignSources() {
        return foreignSources.size() > 1;
    }

    int effectivePriority() {
        return evaluation == null ? config.priority() : evaluation.effectivePriority();
    }

    InstanceStatus status() {
        Optional<InetAddress> master = state == VrrpState.MASTER ? Optional.of(sourceAddress)
                : state == VrrpState.BACKUP ? currentMaster : Optional.empty();
        return new InstanceStatus(config.name(), config.interfaceName(), config.vrid(), state, effectivePriority(), master,
                evaluation == null ? Optional.empty() : evaluation.faultCause());
    }

    /** Skew_Time: v2 (256 − priority)/256 s, v3 ((256 − priority) × Master_Adver_Interval)/256. */
    Duration skewTime() {
        long weight = 256 - effectivePriority();
        if (config.version() == VrrpVersion.V2) {
            return Duration.ofNanos(weight * NANOS_PER_SECOND / 256);
        }
        return Duration.ofNanos(weight * masterAdverIntervalCentis * NANOS_PER_CENTISECOND / 256);
    }

    /** Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time. */
    Duration masterDownInterval() {
        return Duration.ofNanos(3L * masterAdverIntervalCentis * NANOS_PER_CENTISECOND).plus(skewTime());
    }

    // ---- inputs

    void start() {
        evaluation = evaluate();
        if (evaluation.isFault()) {
            enterFault(faultReason(evaluation), evaluation.faultCause().orElseThrow());
        } else if (startsAsOwner()) {
            requestMaster(TransitionReason.ADDRESS_OWNER, "priority 255 and state MASTER");
        } else {
            enterBackup(TransitionReason.STARTUP, "", masterAdverIntervalCentis);
        }
    }

    void shutdown() {
        if (state == VrrpState.INITIALIZE) {
            return;
        }
        VrrpState from = state;
        cancelTimers();
        if (from == VrrpState.MASTER) {
            sendAdvert(PRIORITY_STOP);
            node.io().addresses().removeAddresses(config.interfaceName(), config.virtualAddresses());
        }
        state = VrrpState.INITIALIZE;
        wantsMaster = false;
        emit(from, TransitionReason.SHUTDOWN, from == VrrpState.MASTER ? "sent priority 0" : "");
    }

    /** Tracking input changed: go to or leave FAULT, or just carry the new priority. */
    void reevaluate() {
        TrackEvaluation previous = evaluation;
        evaluation = evaluate();
        if (state == VrrpState.INITIALIZE) {
            return;
        }
        if (evaluation.isFault() && state != VrrpState.FAULT) {
            enterFault(faultReason(evaluation), evaluation.faultCause().orElseThrow());
        } else if (!evaluation.isFault() && state == VrrpState.FAULT) {
            TransitionReason reason = previous != null && previous.interfaceFault()
                    ? TransitionReason.INTERFACE_UP : TransitionReason.TRACK_RECOVERED;
            if (startsAsOwner()) {
                requestMaster(reason, "address owner");
            } else {
                enterBackup(reason, previous == null ? "" : previous.faultCause().orElse(""), config.advertIntervalCentis());
            }
        } else if (state == VrrpState.MASTER && previous != null
                && previous.effectivePriority() != evaluation.effectivePriority()) {
            sendAdvert(evaluation.effectivePriority()); // let backups compare against the new priority at once
        }
    }

    /** A decoded advert for our VRID. Returns a rejection when it must be dropped (and counted). */
    Optional<Rejection> receive(ReceivedAdvert received) {
        // RFC 3768 §7.1 / RFC 5798 §7.1: TTL 255 proves the advert was not routed. Unicast instances, which may
        // span routed subnets, skip it as keepalived does (it sends IPv6 unicast with the default hop limit)
        if (!config.isUnicast() && received.ttl() != VrrpWire.REQUIRED_TTL) {
            return Optional.of(new Rejection(RejectReason.WRONG_TTL, (received.source() instanceof Inet6Address
                    ? "hop limit " : "TTL ") + received.ttl() + " from " + received.source().getHostAddress()));
        }
        if (config.isUnicast() && !config.unicastPeers().contains(received.source())) {
            // checked before authentication: a stranger must not even touch the anti-replay state
            return Optional.of(new Rejection(RejectReason.NOT_A_PEER, "advert from " + received.source().getHostAddress()
                    + " for " + config.name() + ", which lists only " + config.unicastPeers().stream()
                            .map(InetAddress::getHostAddress).toList()));
        }
        TtlRange range = config.peerTtl().get(received.source());
        if (config.isUnicast() && range != null && !range.contains(received.ttl())) {
            return Optional.of(new Rejection(RejectReason.TTL_OUT_OF_RANGE, (received.source() instanceof Inet6Address
                    ? "hop limit " : "TTL ") + received.ttl() + " from " + received.source().getHostAddress() + " is outside min_ttl "
                    + range.min() + " .. max_ttl " + range.max()));
        }
        Optional<Rejection> authProblem = AdvertAuthenticator.check(received, config.auth());
        if (authProblem.isPresent()) {
            return authProblem;
        }
        Advertisement advert = received.advert();
        String from = received.source().getHostAddress();
        if (config.version() == VrrpVersion.V2 && advert.advertIntervalCentis() != config.advertIntervalCentis()) {
            // RFC 3768 §7.1: a v2 router must discard adverts whose interval differs from its own
            return Optional.of(new Rejection(RejectReason.INTERVAL_MISMATCH, "advert_int " + advert.advertIntervalCentis() / 100
                    + " s from " + from + ", configured " + config.advertIntervalCentis() / 100 + " s on " + config.name()));
        }
        if (config.auth().type() == AuthType.AH) {
            AhFields ah = received.ah().orElseThrow();
            if (!antiReplay.accept(received.source(), ah.sequence(), node.io().clock().now(), masterDownInterval())) {
                return Optional.of(new Rejection(RejectReason.REPLAYED, "AH sequence " + ah.sequence() + " from " + from
                        + " not above the last one accepted (" + config.name() + ")"));
            }
            // continue above the peer's numbers, as keepalived 2.2.7 does: a keepalived peer that heard an earlier
            // incarnation of this director drops adverts numbered at or below what it has seen ("sequence number N
            // already processed"), so a freshly started agent counting from 1 would not be heard for seconds
            ahSequence = Math.max(ahSequence, ah.sequence());
        }
        if (foreignSources.size() < 2) {
            foreignSources.add(received.source());
        }
        switch (state) {
            case BACKUP -> backupReceives(received);
            case MASTER -> masterReceives(received);
            case INITIALIZE, FAULT -> {
                // not taking part in the election
            }
        }
        return Optional.empty();
    }

    private void backupReceives(ReceivedAdvert received) {
        int priority = received.advert().priority();
        if (priority == PRIORITY_STOP) {
            GroupTakeover mode = node.config().groupTakeover();
            boolean fromOurMaster = followsLiveMaster() && currentMaster.get().equals(received.source());
            currentMaster = Optional.empty();
            preemptPending = false;
            if (mode != GroupTakeover.OFF && fromOurMaster && group != null) {
                // group-aware: a release by the master of the whole group counts for every member ("or")
                if (group.releasedBy(this)) {
                    if (wantsMaster) {
                        requestMaster(TransitionReason.GROUP_RELEASED, group.config().name() + ": priority 0 from "
                                + received.source().getHostAddress());
                    }
                    return;
                }
            } else if (mode == GroupTakeover.PAIR && fromOurMaster && !heardSeveralForeignSources()) {
                // one possible backup: nobody to order against, so no Skew_Time
                requestMaster(TransitionReason.MASTER_RELEASED, "priority 0 from " + received.source().getHostAddress());
                return;
            }
            // the master resigned: take over after Skew_Time only
            restartMasterDownTimer(skewTime());
        } else if (!preemptAllowed() || priority >= effectivePriority()) {
            if (config.version() == VrrpVersion.V3) {
                masterAdverIntervalCentis = received.advert().advertIntervalCentis();
            }
            currentMaster = Optional.of(received.source());
            wantsMaster = false;
            preemptPending = false;
            restartMasterDownTimer(masterDownInterval());
        } else if (!preemptPending && !wantsMaster) {
            // lower-priority master: let the timer run out without resetting it again (RFC 3768 §6.4.2 discards
            // the advert). The timer already running counts from when we started listening (start-up, link up,
            // the last higher advert); restarting it here cost up to one more advert interval on every return.
            // Only a preempt_delay pushes the deadline, counted from this first lower-priority advert.
            preemptPending = true;
            currentMaster = Optional.of(received.source());
            if (!config.preemptDelay().isZero() || masterDownTimer == null) {
                restartMasterDownTimer(masterDownInterval().plus(config.preemptDelay()));
            }
        }
    }

    private void masterReceives(ReceivedAdvert received) {
        int priority = received.advert().priority();
        int local = effectivePriority();
        if (priority == PRIORITY_STOP) {
            sendAdvert(local);
            scheduleAdverTimer();
        } else if (priority > local || (priority == local && compareUnsigned(received.source(), sourceAddress) > 0)) {
            int learned = config.version() == VrrpVersion.V3 ? received.advert().advertIntervalCentis() : config.advertIntervalCentis();
            currentMaster = Optional.of(received.source());
            enterBackup(TransitionReason.HIGHER_PRIORITY_ADVERT, "priority " + priority + " from "
                    + received.source().getHostAddress(), learned);
        } else if (!config.lowerPriorityNoAdvert()) {
            // keepalived's default: answer a lower priority advert at once so the other side backs off quickly
            sendAdvert(local);
        }
    }

    // ---- transitions

    /** Released by the group's master: stop listening and take over after {@code delay} (zero = at once). */
    void released(Duration delay) {
        currentMaster = Optional.empty();
        preemptPending = false;
        if (delay.isZero()) {
            cancelTimers();
            wantsMaster = true;
        } else {
            restartMasterDownTimer(delay);
        }
    }

    private void requestMaster(TransitionReason reason, String detail) {
        wantsMaster = true;
        if (group == null) {
            becomeMaster(reason, detail);
        } else {
            group.memberReady(this, reason, detail);
        }
    }

    void becomeMaster(TransitionReason reason, String detail) {
        VrrpState from = state;
        cancelTimers();
        wantsMaster = false;
        preemptPending = false;
        currentMaster = Optional.empty();
        state = VrrpState.MASTER;
        masterAdverIntervalCentis = config.advertIntervalCentis();
        emit(from, reason, detail);
        node.io().addresses().addAddresses(config.interfaceName(), config.virtualAddresses());
        sendAdvert(effectivePriority());
        node.io().addresses().announce(config.interfaceName(), config.virtualAddresses());
        scheduleAdverTimer();
    }

    void enterBackup(TransitionReason reason, String detail, int learnedIntervalCentis) {
        VrrpState from = state;
        cancelTimers();
        state = VrrpState.BACKUP;
        wantsMaster = false;
        preemptPending = false;
        masterAdverIntervalCentis = learnedIntervalCentis;
        if (from == VrrpState.MASTER) {
            if (reason != TransitionReason.HIGHER_PRIORITY_ADVERT) {
                sendAdvert(PRIORITY_STOP); // resigning: the peer may take over after its skew time
            }
            node.io().addresses().removeAddresses(config.interfaceName(), config.virtualAddresses());
        }
        restartMasterDownTimer(masterDownInterval());
        emit(from, reason, detail);
        if (group != null && from == VrrpState.MASTER) {
            group.memberDemoted(this);
        }
    }

    private void enterFault(TransitionReason reason, String detail) {
        VrrpState from = state;
        cancelTimers();
        state = VrrpState.FAULT;
        wantsMaster = false;
        preemptPending = false;
        currentMaster = Optional.empty();
        if (from == VrrpState.MASTER) {
            sendAdvert(PRIORITY_STOP);
            node.io().addresses().removeAddresses(config.interfaceName(), config.virtualAddresses());
        }
        emit(from, reason, detail);
        if (group != null) {
            group.memberDemoted(this);
        }
    }

    // ---- timers and output

    private void onMasterDownTimer() {
        masterDownTimer = null;
        if (state != VrrpState.BACKUP) {
            return;
        }
        if (preemptPending) {
            requestMaster(TransitionReason.PREEMPT, currentMaster.map(a -> "over " + a.getHostAddress()).orElse(""));
        } else {
            requestMaster(TransitionReason.MASTER_DOWN_TIMER, "");
        }
    }

    private void onAdverTimer() {
        adverTimer = null;
        if (state == VrrpState.MASTER) {
            sendAdvert(effectivePriority());
            scheduleAdverTimer();
        }
    }

    private void restartMasterDownTimer(Duration delay) {
        if (masterDownTimer != null) {
            masterDownTimer.cancel();
        }
        masterDownTimer = node.io().scheduler().schedule(delay, this::onMasterDownTimer);
    }

    private void scheduleAdverTimer() {
        if (adverTimer != null) {
            adverTimer.cancel();
        }
        adverTimer = node.io().scheduler().schedule(Duration.ofMillis(10L * config.advertIntervalCentis()), this::onAdverTimer);
    }

    private void cancelTimers() {
        if (masterDownTimer != null) {
            masterDownTimer.cancel();
            masterDownTimer = null;
        }
        if (adverTimer != null) {
            adverTimer.cancel();
            adverTimer = null;
        }
    }

    private void sendAdvert(int priority) {
        if (!node.linkUp(config.interfaceName())) {
            return;
        }
        Advertisement advert = new Advertisement(config.version(), config.vrid(), priority, config.advertIntervalCentis(),
                config.virtualAddresses());
        if (!config.isUnicast()) {
            sendTo(advert, sourceAddress instanceof Inet6Address ? VrrpWire.IPV6_GROUP : VrrpWire.IPV4_GROUP);
            return;
        }
        // unicast mode: the same advert once per peer, each addressed to it (keepalived's unicast_peer)
        for (InetAddress peer : config.unicastPeers()) {
            sendTo(advert, peer);
        }
    }

    private void sendTo(Advertisement advert, InetAddress destination) {
        byte[] packet;
        if (sourceAddress instanceof Inet6Address source6) {
            packet = AdvertisementEncoder.ipv6Packet(advert, source6, (Inet6Address) destination);
        } else {
            ipIdentification = ipIdentification == 0xffff ? 1 : ipIdentification + 1;
            if (config.auth().type() == AuthType.AH) {
                // one sequence number per packet: every peer still sees its numbers rise
                ahSequence = ahSequence == 0xffff_ffffL ? 1 : ahSequence + 1;
            }
            packet = AdvertisementEncoder.ipv4Packet(advert, config.auth(), (Inet4Address) sourceAddress,
                    (Inet4Address) destination, ahSequence, ipIdentification,
                    config.isUnicast() ? config.unicastTtl() : VrrpWire.REQUIRED_TTL);
        }
        node.io().sender().send(config.interfaceName(), packet);
    }

    private void emit(VrrpState from, TransitionReason reason, String detail) {
        node.emit(new StateTransition(node.io().clock().now(), node.name(), config.name(), from, state, reason, detail,
                effectivePriority()));
    }

    // ---- helpers

    private TrackEvaluation evaluate() {
        boolean weightsIgnored = group != null && !group.config().trackingWeight();
        return TrackEvaluation.of(config, node.trackInputs(), weightsIgnored);
    }

    private static TransitionReason faultReason(TrackEvaluation evaluation) {
        return evaluation.interfaceFault() ? TransitionReason.INTERFACE_DOWN : TransitionReason.TRACK_FAILED;
    }

    private boolean startsAsOwner() {
        return config.isAddressOwner() && config.startState() == StartState.MASTER;
    }

    /** keepalived ignores nopreempt when the start state is MASTER (its documentation requires BACKUP). */
    private boolean preemptAllowed() {
        return config.preempt() || config.startState() == StartState.MASTER;
    }

    static int compareUnsigned(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }
}
