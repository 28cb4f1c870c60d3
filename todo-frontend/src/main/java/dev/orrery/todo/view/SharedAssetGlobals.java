package dev.orrery.todo.view;

import dev.orrery.style.StyleAssets;
import io.quarkus.qute.TemplateGlobal;

@TemplateGlobal
public class SharedAssetGlobals {

    /** The iframe bridge's content-hashed URL, for the browser script to import when it connects the summary. */
    static final String bridgeUrl = StyleAssets.load().url("orrery-bridge.js");
}
