package dev.orrery.gateway.compose;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The pooled, keep-alive client that reads manifests (fragments and the proxy use core HttpClients). */
@ApplicationScoped
public class WebClientProducer {

    @Produces
    @ApplicationScoped
    WebClient webClient(Vertx vertx) {
        return WebClient.create(vertx, new WebClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(64)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setFollowRedirects(false)
                .setUserAgent("orrery-gateway"));
    }
}
