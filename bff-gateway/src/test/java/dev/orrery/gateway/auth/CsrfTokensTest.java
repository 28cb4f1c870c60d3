package dev.orrery.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

/** The key rules of CSRF tokens; two real gateway processes sharing a key: e2e GatewayCsrfKeyIT. */
class CsrfTokensTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef-shared";

    @Test
    void instancesWithTheSameKeyAcceptEachOthersTokensAndOthersDoNot() {
        CsrfTokens a = new CsrfTokens(Optional.of(KEY), LaunchMode.NORMAL);
        CsrfTokens b = new CsrfTokens(Optional.of(KEY), LaunchMode.NORMAL);
        CsrfTokens other = new CsrfTokens(Optional.of(KEY + "-other"), LaunchMode.NORMAL);

        String token = a.tokenFor("alice-id", "session-1");

        assertTrue(b.matches(b.tokenFor("alice-id", "session-1"), token));
        assertFalse(other.matches(other.tokenFor("alice-id", "session-1"), token));
        assertFalse(b.matches(b.tokenFor("alice-id", "session-2"), token), "bound to the session");
    }

    @Test
    void aMissingKeyStopsAProductionStartWithAClearReasonAndIsGeneratedInDevAndTest() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CsrfTokens(Optional.empty(), LaunchMode.NORMAL));
        assertTrue(e.getMessage().startsWith("gateway.csrf.key is required in production"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new CsrfTokens(Optional.of("short"), LaunchMode.NORMAL));

        CsrfTokens dev = new CsrfTokens(Optional.empty(), LaunchMode.DEVELOPMENT);
        CsrfTokens test = new CsrfTokens(Optional.empty(), LaunchMode.TEST);
        assertEquals(43, dev.tokenFor("u", "s").length());
        assertFalse(test.matches(test.tokenFor("u", "s"), dev.tokenFor("u", "s")), "each generates its own");
    }
}
