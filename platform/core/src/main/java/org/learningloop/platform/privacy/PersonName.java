package org.learningloop.platform.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request field that is meant to hold a person's name (a staff member's display name, kept where it can be erased):
 * the only kind of field {@link NoNamesInRequests} lets name a member of the organisation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface PersonName {
}
