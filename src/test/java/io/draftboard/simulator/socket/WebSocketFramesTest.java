package io.draftboard.simulator.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 6455 framing as the stand-in writes and reads it. */
class WebSocketFramesTest {
    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 31 + 7);
        }
        return p;
    }

    @Test
    void framesOfEveryLengthEncodingComeBackWhole() throws Exception {
        for (int n : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            WebSocketFrames.write(out, WebSocketFrames.BINARY, payload(n));

            byte[] wire = out.toByteArray();
            int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
            assertThat(wire).as("length %d", n).hasSize(header + n);
            assertThat(wire[0] & 0xFF).as("FIN + binary").isEqualTo(0x82);
            assertThat(wire[1] & 0x80).as("a server never masks").isZero();
            WebSocketFrames.Frame f = WebSocketFrames.read(new ByteArrayInputStream(wire), Long.MAX_VALUE);
            assertThat(f.opcode()).isEqualTo(WebSocketFrames.BINARY);
            assertThat(f.payload()).as("length %d", n).isEqualTo(payload(n));
        }
    }

    @Test
    void aClientsMaskedFrameIsUnmasked() throws Exception {
        byte[] text = "Hello".getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        byte[] wire = new byte[2 + 4 + text.length];
        wire[0] = (byte) 0x81;
        wire[1] = (byte) (0x80 | text.length);
        System.arraycopy(mask, 0, wire, 2, 4);
        for (int i = 0; i < text.length; i++) {
            wire[6 + i] = (byte) (text[i] ^ mask[i % 4]);
        }
        // RFC 6455 §5.7's example: a masked "Hello" is 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58.
        assertThat(Arrays.copyOfRange(wire, 6, 11)).containsExactly(0x7f, 0x9f, 0x4d, 0x51, 0x58);

        WebSocketFrames.Frame f = WebSocketFrames.read(new ByteArrayInputStream(wire), 1024);

        assertThat(f.opcode()).isEqualTo(WebSocketFrames.TEXT);
        assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo("Hello");
    }

    @Test
    void theEndOfTheStreamATooLongFrameAndACutPayloadEndReading() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebSocketFrames.write(out, WebSocketFrames.TEXT, payload(300));
        byte[] wire = out.toByteArray();

        assertThat(WebSocketFrames.read(new ByteArrayInputStream(new byte[0]), 1024)).isNull();
        assertThat(WebSocketFrames.read(new ByteArrayInputStream(wire), 299)).isNull();
        assertThat(WebSocketFrames.read(new ByteArrayInputStream(Arrays.copyOf(wire, 100)), 1024)).isNull();
        assertThatThrownBy(() -> WebSocketFrames.read(new ByteArrayInputStream(Arrays.copyOf(wire, 3)), 1024))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void theAcceptKeyIsRfc6455s() {
        assertThat(WebSocketFrames.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
}
