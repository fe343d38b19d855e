package org.learningloop.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the service under test at the JVM's {@link TestIdentityProvider}, as {@code LOOP_OIDC_ISSUER} does. */
public class IdentityResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", TestIdentityProvider.get().issuer());
    }

    @Override
    public void stop() {
        // the issuer outlives the suite, like the broker and the database server
    }
}
