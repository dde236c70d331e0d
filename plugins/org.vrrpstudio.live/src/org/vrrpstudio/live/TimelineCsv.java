package org.vrrpstudio.live;

import java.util.List;

/** Transitions as CSV (RFC 4180): {@code time,director,instance,from,to,reason,priority}, one line each, CRLF. */
public final class TimelineCsv {

    public static final String HEADER = "time,director,instance,from,to,reason,priority";

    private TimelineCsv() {
    }

    public static String of(List<Transition> transitions) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Transition t : transitions) {
            csv.append(field(t.time().toString())).append(',').append(field(t.director())).append(',')
                    .append(field(t.instance())).append(',').append(field(t.from())).append(',').append(field(t.to()))
                    .append(',').append(field(t.reason())).append(',').append(t.priority() < 0 ? "" : String.valueOf(t.priority()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** Quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String field(String value) {
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
