package org.learningloop.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who is calling: the identity of the request's verified bearer token. Its name is the token's subject
 * ({@code quarkus.oidc.token.principal-claim=sub}), a pseudonymous id issued by the identity provider, never a
 * person's name: that is what every event records as its actor.
 */
@ApplicationScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    /** The actor recorded on the events this request causes. */
    public String actor() {
        if (identity.isAnonymous()) {
            // every endpoint requires a signed-in caller (deny-unannotated-endpoints), so this is a bug
            throw new IllegalStateException("A command reached the service without a signed-in caller");
        }
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
