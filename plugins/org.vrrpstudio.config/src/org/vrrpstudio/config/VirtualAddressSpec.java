package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a {@code virtual_ipaddress} or {@code virtual_ipaddress_excluded} block read once, model-free, for the
 * daemon's binding and the model's import ({@code 10.0.0.1/24 brd 10.0.0.255 dev eth0 scope global label eth0:1
 * no_track}); a bad prefix length is reported here, once, and leaves the prefix null.
 *
 * @param options the other words of the line, in order
 * @param line the line, for its location and comments
 */
public record VirtualAddressSpec(String address, Integer prefix, String brd, String device, String scope, String label,
        List<String> options, ResolvedStatement line) {

    /** The block's lines in order. */
    public static List<VirtualAddressSpec> read(ResolvedStatement block, List<Diagnostic> diagnostics) {
        List<VirtualAddressSpec> addresses = new ArrayList<>();
        for (ResolvedStatement line : block.children()) {
            List<String> words = line.words();
            String first = words.getFirst();
            int slash = first.indexOf('/');
            Integer prefix = null;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(first.substring(slash + 1));
                } catch (NumberFormatException e) {
                    diagnostics.add(Diagnostic.error(line.location(), "bad prefix length in '" + first + "'"));
                }
            }
            String brd = null;
            String device = null;
            String scope = null;
            String label = null;
            List<String> options = new ArrayList<>();
            for (int i = 1; i < words.size(); i++) {
                String word = words.get(i);
                String value = i + 1 < words.size() ? words.get(i + 1) : null;
                switch (word) {
                    case "brd" -> brd = value;
                    case "dev" -> device = value;
                    case "scope" -> scope = value;
                    case "label" -> label = value;
                    default -> {
                        options.add(word);
                        continue;
                    }
                }
                i++;
            }
            addresses.add(new VirtualAddressSpec(slash < 0 ? first : first.substring(0, slash), prefix, brd, device, scope,
                    label, List.copyOf(options), line));
        }
        return addresses;
    }
}
