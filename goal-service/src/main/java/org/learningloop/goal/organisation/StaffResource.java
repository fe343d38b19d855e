package org.learningloop.goal.organisation;

import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.goal.organisation.OrganisationApi.Erasure;
import org.learningloop.goal.organisation.OrganisationApi.PersonData;
import org.learningloop.platform.security.Roles;

import java.util.UUID;

/** A person's data: the right to erasure (issue 12, docs/privacy.md). */
@Path("/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisation", description = "Units, WIG teams and their members")
@RolesAllowed(Roles.ORG_ADMIN)
public class StaffResource {

    private final StaffService staff;

    public StaffResource(StaffService staff) {
        this.staff = staff;
    }

    @GET
    @Path("/{memberId}")
    @Operation(summary = "What is held of a person",
            description = "For a data-subject access request: the display name, whether the fingerprint of their name "
                    + "is kept, whether they were erased, their stays in teams and the units they manage. What the "
                    + "events say of them is in the analysts' export (docs/privacy.md). Someone unknown gets an empty "
                    + "answer, not 404: the question is answered either way.")
    public Uni<PersonData> data(@PathParam("memberId") UUID memberId) {
        return staff.data(memberId);
    }

    @POST
    @Path("/{memberId}/erasure")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Erase a person's data",
            description = "Erases the person's display name and the fingerprint of their name here, and records "
                    + "goal.member-erased (no personal data), on which every other service forgets the fingerprint it "
                    + "keeps. Their id stays in the history (pseudonymous). Erasing again erases nothing and records "
                    + "nothing (alreadyErased); someone the organisation never knew gets 404 member-not-found. Free "
                    + "text is not erasable yet (docs/privacy.md).")
    @APIResponse(responseCode = "200", description = "What was erased",
            content = @Content(schema = @Schema(implementation = Erasure.class)))
    public Uni<Erasure> erase(@PathParam("memberId") UUID memberId) {
        return staff.erase(memberId);
    }
}
