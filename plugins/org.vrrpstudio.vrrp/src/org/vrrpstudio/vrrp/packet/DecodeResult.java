package org.vrrpstudio.vrrp.packet;

/** Outcome of decoding received bytes: never an exception, either an advert or a typed rejection. */
public sealed interface DecodeResult {
    record Decoded(ReceivedAdvert advert) implements DecodeResult {
    }

    record Rejected(Rejection rejection) implements DecodeResult {
    }

    static DecodeResult reject(RejectReason reason, String detail) {
        return new Rejected(new Rejection(reason, detail));
    }
}
