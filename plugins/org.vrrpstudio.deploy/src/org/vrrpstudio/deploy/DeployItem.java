package org.vrrpstudio.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One director's target plus the rendered config text to put there. */
public record DeployItem(DeployTarget target, String configText) {

    public DeployItem {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(configText, () -> "director " + target.director() + ": config text is missing");
    }

    public String director() {
        return target.director();
    }

    public byte[] configBytes() {
        return configText.getBytes(StandardCharsets.UTF_8);
    }

    /** Never shows the config text: it holds auth_pass secrets. */
    @Override
    public String toString() {
        return "DeployItem[" + target.director() + " -> " + target.address() + ":" + target.remoteConfigPath() + ", "
                + configText.length() + " chars]";
    }
}
