package io.draftboard.simulator.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Requests read off a connection: bodies by length or in chunks, bounded, one after another. */
class RequestReaderTest {
    private static InputStream wire(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aChunkedBodyIsJoinedAndTheNextRequestFollowsOnTheSameConnection() throws Exception {
        InputStream in = wire("POST /api/prompt?clientId=a%20b&clientId=second&flag HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nX-Odd:  spaced  \r\n\r\n"
                + "5;name=ext\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: ignored\r\n\r\n"
                + "get /view HTTP/1.1\r\nContent-Length: 0\r\n\r\n");

        Request first = RequestReader.read(in);
        Request second = RequestReader.read(in);

        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/api/prompt");
        assertThat(first.query()).containsEntry("clientId", "a b").containsEntry("flag", "");
        assertThat(first.header("X-ODD")).isEqualTo("spaced");
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
        assertThat(second.method()).isEqualTo("GET");
        assertThat(second.path()).isEqualTo("/view");
        assertThat(second.body()).isEmpty();
        assertThat(RequestReader.read(in)).as("the end of the stream").isNull();
    }

    @Test
    void aBodyOverTheBoundIsRefusedBeforeItIsRead() {
        long tooMuch = RequestReader.MAX_BODY_BYTES + 1;

        assertThatThrownBy(() -> RequestReader.read(wire("POST /upload/image HTTP/1.1\r\nContent-Length: " + tooMuch
                + "\r\n\r\n"))).isInstanceOf(IOException.class).hasMessage("body too large");
        assertThatThrownBy(() -> RequestReader.read(wire("POST /upload/image HTTP/1.1\r\nTransfer-Encoding: chunked"
                + "\r\n\r\n" + Long.toHexString(tooMuch) + "\r\n"))).isInstanceOf(IOException.class)
                .hasMessage("body too large");
    }

    @Test
    void aBodyCutShortOrHugeHeadersEndTheConnection() {
        assertThatThrownBy(() -> RequestReader.read(wire("POST /prompt HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort")))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> RequestReader.read(wire("GET /\r\n\r\n"))).hasMessage("bad request line");
        String big = "X-Big: " + "a".repeat(RequestReader.MAX_HEADER_BYTES / 2) + "\r\n";
        assertThatThrownBy(() -> RequestReader.read(wire("GET / HTTP/1.1\r\n" + big + big + big + "\r\n")))
                .hasMessage("headers too large");
    }
}
