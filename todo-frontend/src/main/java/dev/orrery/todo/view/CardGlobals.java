package dev.orrery.todo.view;

import dev.orrery.todo.todo.Priority;
import io.vertx.core.json.JsonArray;
import io.quarkus.qute.TemplateGlobal;

@TemplateGlobal
public class CardGlobals {

    /** The picker's options as JSON, read by the browser script: the server stays the only list of priorities. */
    static final String priorityOptions = new JsonArray(Priority.wireValues()).encode();
}
