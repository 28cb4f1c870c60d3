package dev.orrery.ha.services;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

/** One open tab of the composed page with its live socket; what its socket received, and the cards it shows. */
final class LivePage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakUser user;
    private final Page page;
    private final long initialSeq;

    private LivePage(KeycloakUser user, Page page, long initialSeq) {
        this.user = user;
        this.page = page;
        this.initialSeq = initialSeq;
    }

    static LivePage opened(KeycloakUser user, Page page) {
        page.waitForSelector("[data-live-state=open]");
        long seq = Long.parseLong(String.valueOf(page.evaluate("() => document.querySelector('[data-live]').dataset.seq || '0'")));
        return new LivePage(user, page, seq);
    }

    KeycloakUser user() {
        return user;
    }

    /** Everything the socket(s) of this tab received so far, replayed through the page script's own rule. */
    FrameChain chain() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> recorded = (List<Map<String, Object>>) page.evaluate("() => window.__orreryFrames");
        FrameChain chain = new FrameChain(initialSeq);
        for (Map<String, Object> entry : recorded) {
            long at = ((Number) entry.get("t")).longValue();
            if (entry.containsKey("data")) {
                try {
                    chain.received(JSON.readTree(String.valueOf(entry.get("data"))), at);
                } catch (Exception e) {
                    throw new IllegalStateException("unreadable frame " + entry.get("data"), e);
                }
            } else if (entry.containsKey("open")) {
                chain.opened(at);
            }
        }
        return chain;
    }

    /** The todo ids of the cards on the page, as often as each is shown. */
    List<Long> shownTodoIds() {
        @SuppressWarnings("unchecked")
        List<Object> ids = (List<Object>) page.evaluate(
                "() => [...document.querySelectorAll('ul.todo-list [data-todo-id]')].map(e => e.dataset.todoId)");
        return ids.stream().map(o -> Long.parseLong(String.valueOf(o))).toList();
    }

    Page page() {
        return page;
    }
}
