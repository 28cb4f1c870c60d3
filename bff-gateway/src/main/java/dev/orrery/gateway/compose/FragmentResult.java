package dev.orrery.gateway.compose;

/** The outcome of fetching one fragment: the HTML to put in its slot, and how it was obtained. */
public record FragmentResult(String slot, String html, int status, Source source) {

    public enum Source {
        FRESH, FALLBACK, MISSING
    }
}
