package dev.orrery.deploy.policy;

import java.util.List;

import dev.orrery.deploy.render.KubeObject;

/** Secrets are referenced by name and created on the cluster; a Secret with values must not be in git. */
final class NoCommittedSecrets implements Policy {

    @Override
    public List<String> violations(List<KubeObject> objects) {
        return objects.stream().filter(o -> o.is("Secret"))
                .filter(secret -> !secret.body().path("data").isEmpty()
                        || !secret.body().path("stringData").isEmpty())
                .map(secret -> secret.describe() + ": carries secret values; reference the Secret by name instead")
                .toList();
    }
}
