package dev.orrery.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.buffer.Buffer;

/**
 * Reads one small text field of a {@code multipart/form-data} body (RFC 7578) without decoding the rest: parts are
 * scanned in order and the first part whose {@code Content-Disposition} names the field is returned. Files are
 * skipped over as bytes, never converted to text.
 */
final class MultipartFields {

    private static final Pattern BOUNDARY = Pattern.compile(";\\s*boundary=(\"([^\"]{1,70})\"|([^;\\s]{1,70}))",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_HEADERS = 4096;
    private static final int MAX_VALUE = 1024;

    private MultipartFields() {
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static Optional<String> field(Buffer body, String contentType, String name) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        byte[] delimiter = ("--" + (m.group(2) != null ? m.group(2) : m.group(3))).getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = body.getBytes();
        int at = indexOf(bytes, delimiter, 0);
        while (at >= 0) {
            int headersStart = at + delimiter.length + 2; // the CRLF after the delimiter
            if (headersStart > bytes.length || bytes[at + delimiter.length] == '-') {
                return Optional.empty(); // closing delimiter "--boundary--"
            }
            int headersEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
            if (headersEnd < 0 || headersEnd - headersStart > MAX_HEADERS) {
                return Optional.empty();
            }
            int next = indexOf(bytes, ("\r\n" + new String(delimiter, StandardCharsets.US_ASCII))
                    .getBytes(StandardCharsets.US_ASCII), headersEnd + 4);
            if (next < 0) {
                return Optional.empty();
            }
            String headers = new String(bytes, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
            if (namesField(headers, name)) {
                int length = next - (headersEnd + 4);
                return length > MAX_VALUE ? Optional.empty()
                        : Optional.of(new String(bytes, headersEnd + 4, length, StandardCharsets.UTF_8));
            }
            at = next + 2;
        }
        return Optional.empty();
    }

    private static boolean namesField(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:") && lower.contains("form-data")) {
                Matcher m = Pattern.compile(";\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(line);
                return m.find() && m.group(1).equals(name);
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
