package io.draftboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** multipart/form-data as the gateway's and ComfyUI's upload routes read it. */
class MultipartTest {
    private static final String TYPE = "multipart/form-data; boundary=\"XyZ\"";

    @Test
    void fieldsAndFilesComeApartWithTheirBytesUnchanged() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0, (byte) 0xFF};
        String head = "--XyZ\r\nContent-Disposition: form-data; filename=\"réf.png\"; name=\"image\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        String rest = "\r\n--XyZ\r\nContent-Disposition: form-data; name=subfolder\r\n\r\ndraftboard\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"subfolder\"\r\n\r\nsecond\r\n--XyZ--\r\n";
        byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), png, rest.getBytes(StandardCharsets.UTF_8));

        List<Multipart.Part> parts = Multipart.parse(TYPE, body);

        assertThat(parts).extracting(Multipart.Part::name).containsExactly("image", "subfolder", "subfolder");
        Multipart.Part image = parts.get(0);
        assertThat(image.filename()).as("UTF-8, and not mistaken for the name").isEqualTo("réf.png");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.bytes()).isEqualTo(png);
        assertThat(Multipart.first(parts, "subfolder").map(Multipart.Part::text)).contains("draftboard");
        assertThat(parts.get(1).filename()).isNull();
        assertThat(Multipart.first(parts, "overwrite")).isEmpty();
    }

    @Test
    void aBodyThatIsNotAFormIsRefused() {
        assertThatThrownBy(() -> Multipart.parse("application/json", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multipart.parse("multipart/form-data", new byte[0]))
                .hasMessage("no multipart/form-data boundary");
        assertThatThrownBy(() -> Multipart.parse(null, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
