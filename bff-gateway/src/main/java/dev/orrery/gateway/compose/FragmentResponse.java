package dev.orrery.gateway.compose;

/** A front-end's answer for one fragment; {@code status} 0 means no answer (timeout, refused, too big). */
public record FragmentResponse(int status, String html, String location, String problem) {

    static FragmentResponse failed(String problem) {
        return new FragmentResponse(0, "", null, problem);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
