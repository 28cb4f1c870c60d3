package dev.orrery.gateway.compose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * The headers of every fragment request of one page, built once per page and shared by its fragment requests: as
 * HTTP/1.1 header lines (what {@link FragmentPool} writes) and, for the rare TLS or absolute fragment, as a Vert.x
 * header map.
 */
final class FragmentRequestHeaders {

    private final List<Map.Entry<String, String>> fields = new ArrayList<>(8);
    private byte[] lines;

    FragmentRequestHeaders add(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // what Vert.x refused too: a line break or control character would split the header
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("invalid value for header " + name);
            }
        }
        fields.add(Map.entry(name, value));
        lines = null;
        return this;
    }

    /** {@code Name: value\r\n} for each field and the blank line that ends the head, ISO-8859-1. */
    byte[] lines() {
        if (lines == null) {
            StringBuilder head = new StringBuilder(256);
            for (Map.Entry<String, String> field : fields) {
                head.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
            }
            lines = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        return lines;
    }

    MultiMap asMultiMap() {
        MultiMap headers = HttpHeaders.headers();
        fields.forEach(field -> headers.add(field.getKey(), field.getValue()));
        return headers;
    }
}
