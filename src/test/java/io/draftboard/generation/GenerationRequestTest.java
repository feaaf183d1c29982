package io.draftboard.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerationRequestTest {

    private static GenerationRequest request(int steps, double guidance, int width, int height) {
        return new GenerationRequest("a red balloon", 1, steps, guidance, width, height, List.of(), OutputFormat.PNG,
                false, 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            steps 0          | 0  | 5.0  | 1024 | 1024 | steps    | steps must be between 1 and 50 (got 0)
            steps 51         | 51 | 5.0  | 1024 | 1024 | steps    | steps must be between 1 and 50 (got 51)
            guidance 1.4     | 6  | 1.4  | 1024 | 1024 | guidance | guidance must be between 1.5 and 10.0 (got 1.4)
            guidance 10.5    | 6  | 10.5 | 1024 | 1024 | guidance | guidance must be between 1.5 and 10.0 (got 10.5)
            guidance NaN     | 6  | NaN  | 1024 | 1024 | guidance | guidance must be between 1.5 and 10.0 (got NaN)
            width 48         | 6  | 5.0  | 48   | 1024 | width    | width must be at least 64 and a multiple of 16 (got 48)
            width 1000       | 6  | 5.0  | 1000 | 1024 | width    | width must be at least 64 and a multiple of 16 (got 1000)
            height 1030      | 6  | 5.0  | 1024 | 1030 | height   | height must be at least 64 and a multiple of 16 (got 1030)
            over 4 MP        | 6  | 5.0  | 2064 | 2048 | size     | size 2064x2048 is 4.03 MP; at most 4 MP (2048x2048 pixels) is allowed
            """)
    void anInvalidRequestNamesTheFieldAndTheAllowedRange(String name, int steps, double guidance, int width,
            int height, String field, String message) {
        assertThatThrownBy(() -> request(steps, guidance, width, height))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(request(1, 1.5, 64, 64).steps()).isEqualTo(1);
        assertThat(request(50, 10.0, 2048, 2048).outputMegapixels()).isEqualTo(4.194304);
        assertThat(request(6, 5, 4096, 1024).width()).isEqualTo(4096);
    }

    @Test
    void aBlankOrOverlongPromptIsRefused() {
        assertThatThrownBy(() -> GenerationRequest.of("   \n", 1, 6, 512, 512))
                .hasMessage("prompt must not be blank");
        String huge = "x".repeat(100_000);
        assertThatThrownBy(() -> GenerationRequest.of(huge, 1, 6, 512, 512))
                .hasMessage("prompt is 100000 characters; at most 32000 are allowed");
    }

    @Test
    void controlCharactersAreRefusedButNewlinesTabsAndEmojiAreFine() {
        assertThatThrownBy(() -> GenerationRequest.of("bell\u0007", 1, 6, 512, 512))
                .hasMessage("prompt contains control character U+0007 at position 5");
        assertThat(GenerationRequest.of("line one\n\tline two \uD83C\uDF88 \u6C14\u7403", 1, 6, 512, 512).prompt())
                .contains("\uD83C\uDF88");
    }

    @Test
    void tooManyReferencesAreRefused() {
        Reference ref = new Reference("abc", "image/png", 8, 8, new byte[0]);
        List<Reference> eleven = Collections.nCopies(11, ref);
        assertThatThrownBy(() -> GenerationRequest.of("x", 1, 6, 512, 512).withReferences(eleven))
                .hasMessage("at most 10 reference images are allowed (got 11)");
    }

    @Test
    void aDraftAndItsFinalDifferOnlyInSteps() {
        GenerationRequest draft = GenerationRequest.of("poster", 99, 6, 1024, 768);
        GenerationRequest fin = draft.withSteps(50);
        assertThat(fin.withSteps(6)).isEqualTo(draft);
        assertThat(fin).usingRecursiveComparison().ignoringFields("steps").isEqualTo(draft);
    }

    @Test
    void providerCapabilitiesNarrowTheModelLimits() {
        ProviderCapabilities bfl = new ProviderCapabilities(8, false, true, 256, 2048, 1, 24);
        Reference ref = new Reference("abc", "image/png", 8, 8, new byte[0]);
        assertThatThrownBy(() -> bfl.check("Black Forest Labs",
                GenerationRequest.of("x", 1, 6, 512, 512).withReferences(Collections.nCopies(9, ref))))
                .hasMessage("Black Forest Labs takes at most 8 reference images (got 9)");
        assertThatThrownBy(() -> bfl.check("Black Forest Labs", GenerationRequest.of("x", 1, 6, 128, 512)))
                .hasMessage("Black Forest Labs takes width between 256 and 2048 (got 128)");
    }

    @Test
    void outputFormatParsesWhatUsersType() {
        assertThat(OutputFormat.parse("JPG")).isEqualTo(OutputFormat.JPEG);
        assertThat(OutputFormat.parse(" webp ")).isEqualTo(OutputFormat.WEBP);
        assertThatThrownBy(() -> OutputFormat.parse("gif"))
                .hasMessage("output format must be png, jpeg or webp (got \"gif\")");
    }
}
