package dev.faultline.observer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.verdict.FailureKind;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    @Test
    void timeoutsOfTheHttpClientAndOfConnectsAreTimeouts() {
        assertThat(Outcomes.kindOf(new CompletionException(new HttpTimeoutException("request timed out"))))
                .isEqualTo(FailureKind.TIMEOUT);
        assertThat(Outcomes.kindOf(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo(FailureKind.TIMEOUT);
        assertThat(Outcomes.kindOf(new ConnectException("Connection timed out"))).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void aRefusedConnectIsRefusedEvenWithoutAMessage() {
        // What the JDK's HTTP client throws for a closed port: messageless ConnectExceptions over a closed channel.
        ConnectException inner = new ConnectException();
        inner.initCause(new ClosedChannelException());
        ConnectException outer = new ConnectException();
        outer.initCause(inner);
        assertThat(Outcomes.kindOf(new CompletionException(outer))).isEqualTo(FailureKind.REFUSED);
        assertThat(Outcomes.kindOf(new ConnectException("Connection refused"))).isEqualTo(FailureKind.REFUSED);
    }

    @Test
    void aResetOrAConnectionClosedBeforeAnswerIsAReset() {
        assertThat(Outcomes.kindOf(new IOException("Connection reset by peer"))).isEqualTo(FailureKind.RESET);
        assertThat(Outcomes.kindOf(new IOException("HTTP/1.1 header parser received no bytes")))
                .isEqualTo(FailureKind.RESET);
        // Vert.x's client, when the target closes the connection before answering
        assertThat(Outcomes.kindOf(new CompletionException(new HttpClosedException("Connection was closed"))))
                .isEqualTo(FailureKind.RESET);
    }

    @Test
    void anythingElseIsOther() {
        assertThat(Outcomes.kindOf(new UnknownHostException("shop-orders"))).isEqualTo(FailureKind.OTHER);
        assertThat(Outcomes.kindOf(new IllegalStateException())).isEqualTo(FailureKind.OTHER);
    }
}
