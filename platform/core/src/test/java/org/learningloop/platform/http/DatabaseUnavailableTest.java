package org.learningloop.platform.http;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database cannot be reached now" (503, retry) rather than a bug (500). */
class DatabaseUnavailableTest {

    @Test
    void givenTheDatabaseAwayOrFailingOver_thenUnavailable() {
        assertThat(ProblemMappers.unavailable(new ConnectException("Connection refused"))).isTrue();
        // the server killed while a query was on the wire: the read fails before the connection counts as closed
        assertThat(ProblemMappers.unavailable(new CompletionException(new SocketException("Connection reset"))))
                .isTrue();
        assertThat(ProblemMappers.unavailable(new CompletionException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(ProblemMappers.unavailable(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null))).isTrue();
        assertThat(ProblemMappers.unavailable(new PgException("the database system is starting up", "FATAL", "57P03",
                null))).isTrue();
        assertThat(ProblemMappers.unavailable(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
        assertThat(ProblemMappers.unavailable(new NoStackTraceThrowable("Timeout"))).isTrue();
    }

    @Test
    void givenAFailureOfTheServiceItself_thenNotUnavailable() {
        assertThat(ProblemMappers.unavailable(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(ProblemMappers.unavailable(new PgException("syntax error", "ERROR", "42601", null))).isFalse();
        assertThat(ProblemMappers.unavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(ProblemMappers.unavailable(new NoStackTraceThrowable("something else"))).isFalse();
    }
}
