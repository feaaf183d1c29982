package io.draftboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.draftboard.cli.CliHarness.Run;
import io.draftboard.history.GenerationMetadata;
import io.draftboard.history.RecalledParameters;
import io.draftboard.imaging.PngMetadata;
import io.draftboard.imaging.PngText;
import io.draftboard.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private static final String BALLOON = "A red balloon on a wooden table, headline \"SALE\"";

    @TempDir
    Path dir;

    private Run run(String... args) {
        return runWithHome(dir.resolve("home"), args);
    }

    private Run runWithHome(Path home, String... args) {
        return runWithEnv(Map.of("DRAFTBOARD_HOME", home.toString()), args);
    }

    private Run runWithEnv(Map<String, String> variables, String... args) {
        return CliHarness.run(variables, dir, args);
    }

    private List<Path> imagesOnDisk() throws IOException {
        Path images = dir.resolve("home/images");
        if (!Files.exists(images)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(images)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("thumbs")).toList();
        }
    }

    @Test
    void generateWritesAPngWhoseMetadataRoundTripsAndHistoryFindsIt() throws Exception {
        Run r = run("generate", "--prompt", BALLOON, "--steps", "6", "--seed", "42", "--width", "512",
                "--height", "512", "--out", "a.png");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("#1 draft 512x512, 6 steps, seed 42").contains("a.png");
        byte[] png = Files.readAllBytes(dir.resolve("a.png"));
        List<PngText> texts = PngMetadata.read(png);
        assertThat(texts).extracting(PngText::keyword).contains("parameters", "draftboard");
        RecalledParameters recalled = GenerationMetadata.read(texts).orElseThrow();
        assertThat(recalled.prompt()).isEqualTo(BALLOON);
        assertThat(recalled.seed()).isEqualTo(42L);
        assertThat(recalled.steps()).isEqualTo(6);
        assertThat(recalled.width()).isEqualTo(512);
        String parameters = texts.stream().filter(t -> t.keyword().equals("parameters")).findFirst().orElseThrow().text();
        assertThat(parameters).startsWith(BALLOON + "\n").contains("Steps: 6").contains("Seed: 42")
                .contains("Size: 512x512");

        Run search = run("history", "search", "balloon");
        assertThat(search.code()).isZero();
        assertThat(search.out()).contains("#1").contains("A red balloon on a wooden table");
    }

    @Test
    void theSameSeedAndParametersGiveTheSameImage() throws Exception {
        run("generate", "--prompt", "teal waves", "--steps", "4", "--seed", "7", "--width", "256", "--height", "256",
                "--out", "one.png");
        run("generate", "--prompt", "teal waves", "--steps", "4", "--seed", "7", "--width", "256", "--height", "256",
                "--out", "two.png");

        Run list = run("history", "list", "--json");
        JsonNode rows = Json.MAPPER.readTree(list.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("image").get("sha256").asText()).isEqualTo(rows.get(1).get("image").get("sha256").asText());
        assertThat(imagesOnDisk()).hasSize(1);
    }

    @Test
    void jsonOutputDescribesTheRecordedGeneration() throws Exception {
        Run r = run("generate", "--prompt", "blue night city", "--steps", "3", "--seed", "5000000000", "--width", "256",
                "--height", "256", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("prompt").asText()).isEqualTo("blue night city");
        assertThat(n.get("seed").asLong()).isEqualTo(5_000_000_000L);
        assertThat(n.get("provider").asText()).isEqualTo("offline");
        assertThat(n.get("kind").asText()).isEqualTo("draft");
        assertThat(n.get("cost").get("usd").asDouble()).isZero();
        assertThat(Path.of(n.get("imagePath").asText())).exists();
    }

    @Test
    void anUnknownFlagIsOneClearLineAndExitTwo() throws IOException {
        Run r = run("generate", "--prompt", "x", "--stepz", "6");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("unknown option '--stepz'; did you mean '--steps'?");
        assertThat(imagesOnDisk()).isEmpty();
    }

    @Test
    void zeroStepsIsRefusedBeforeAnythingIsWritten() throws IOException {
        Run r = run("generate", "--prompt", "x", "--steps", "0", "--out", "zero.png");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("draftboard: steps must be between 1 and 50 (got 0)");
        assertThat(dir.resolve("zero.png")).doesNotExist();
        assertThat(imagesOnDisk()).isEmpty();
        assertThat(run("history", "list").out()).contains("No generations found.");
    }

    @Test
    void aReferenceThatIsNotAnImageIsRefusedWithItsName() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "just words");

        Run r = run("generate", "--prompt", "x", "--ref", "notes.txt", "--out", "x.png");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("draftboard: --ref notes.txt: not a PNG, JPEG or WebP image");
        assertThat(dir.resolve("x.png")).doesNotExist();
        assertThat(imagesOnDisk()).isEmpty();
    }

    @Test
    void aReferenceImageIsRenderedAndRecorded() throws Exception {
        run("generate", "--prompt", "green field", "--steps", "2", "--seed", "1", "--width", "256", "--height", "256",
                "--out", "ref.png");

        Run r = run("generate", "--prompt", "a poster from image 1", "--ref", "ref.png", "--steps", "2",
                "--width", "256", "--height", "256", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("references")).hasSize(1);
        assertThat(n.get("references").get(0).get("width").asInt()).isEqualTo(256);
    }

    @Test
    void anUnusableDataHomeIsOneClearLineAndExitTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        Run r = runWithHome(file, "generate", "--prompt", "x", "--steps", "2", "--width", "64", "--height", "64");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("not-a-dir").contains("not a directory");
    }

    @Test
    void anOutputThatIsNotPngOrHasNoFolderIsRefusedUpFront() {
        Run jpg = run("generate", "--prompt", "x", "--out", "a.jpg");
        assertThat(jpg.code()).isEqualTo(2);
        assertThat(jpg.err()).contains("use a .png name");

        Run nofolder = run("generate", "--prompt", "x", "--out", "missing/a.png");
        assertThat(nofolder.code()).isEqualTo(2);
        assertThat(nofolder.err()).contains("does not exist");
    }

    @Test
    void creditsAreAskedOfEveryProviderThatReportsABalance() throws Exception {
        try (MockWebServer bfl = new MockWebServer()) {
            bfl.start();
            bfl.enqueue(new MockResponse.Builder().code(200).body("{\"credits\":250.0}").build());
            Run r = runWithEnv(Map.of("DRAFTBOARD_HOME", dir.resolve("home").toString(), "BFL_API_KEY", "bfl-cli-key-1234",
                    "DRAFTBOARD_BFL_BASE_URL", bfl.url("/").toString()), "providers", "--credits");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Black Forest Labs credits: 250.0 ($2.50)");
            assertThat(bfl.getRequestCount()).isEqualTo(1);
            assertThat(bfl.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/credits");
        }
    }

    @Test
    void aSubmitWhoseAnswerNeverCameSaysSoExitsFiveAndIsJournalledUnknown() throws Exception {
        try (MockWebServer bfl = new MockWebServer()) {
            bfl.start();
            bfl.enqueue(io.draftboard.provider.WireFixtures.closeAfterRequest());
            Map<String, String> env = Map.of("DRAFTBOARD_HOME", dir.resolve("home").toString(), "BFL_API_KEY",
                    "bfl-cli-key-1234", "DRAFTBOARD_BFL_BASE_URL", bfl.url("/").toString());

            Run r = runWithEnv(env, "generate", "--provider", "bfl", "--prompt", BALLOON, "--steps", "6", "--width",
                    "512", "--height", "512");

            assertThat(r.code()).isEqualTo(5);
            assertThat(r.err().strip()).isEqualTo("draftboard: Outcome unknown: Draftboard sent the request to Black "
                    + "Forest Labs but the answer never came (the connection closed), so Black Forest Labs may have "
                    + "rendered the image and billed it. It was not sent again; check your Black Forest Labs account "
                    + "before trying again.");
            assertThat(bfl.getRequestCount()).isEqualTo(1);
            Run jobs = runWithEnv(env, "jobs", "list");
            assertThat(jobs.out()).contains(" bfl        unknown   draft");
        }
    }

    @Test
    void anUnknownProviderListsTheAvailableOnes() {
        Run r = run("generate", "--prompt", "x", "--provider", "nope", "--steps", "2", "--width", "64", "--height", "64");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("draftboard: unknown provider \"nope\"; available: offline, bfl, vercel, aigateway, lumenfall, openai, cloudflare, replicate, fal, runflow, comfyui");
    }

    @Test
    void historyShowExportStarAndDeleteWorkOnARecordedGeneration() throws Exception {
        run("generate", "--prompt", "orange sunset over the sea", "--steps", "2", "--seed", "3", "--width", "256",
                "--height", "256");

        assertThat(run("history", "show", "1").out()).contains("orange sunset over the sea").contains("seed");
        assertThat(run("history", "star", "1").code()).isZero();
        assertThat(run("history", "list", "--starred").out()).contains("#1");

        Run export = run("history", "export", "1", "--out", "client.png", "--strip");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(PngMetadata.read(Files.readAllBytes(dir.resolve("client.png")))).isEmpty();
        run("history", "export", "1", "--out", "mine.png");
        assertThat(PngMetadata.read(Files.readAllBytes(dir.resolve("mine.png"))))
                .extracting(io.draftboard.imaging.PngText::keyword).containsExactlyInAnyOrder("parameters", "draftboard");

        assertThat(imagesOnDisk()).hasSize(1);
        Run delete = run("history", "delete", "1");
        assertThat(delete.out()).contains("Deleted #1 (1 image file removed)");
        assertThat(imagesOnDisk()).isEmpty();
        Run missing = run("history", "show", "1");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("draftboard: no generation #1 in history");
    }

    @Test
    void searchTakesWhateverTheUserTypes() {
        run("generate", "--prompt", "neon \"OPEN\" sign", "--steps", "2", "--width", "64", "--height", "64");
        List<String> queries = new ArrayList<>(List.of("\"", "*", "NEAR(", "open\"", "-neon", "a:b"));
        for (String q : queries) {
            Run r = run("history", "search", q);
            assertThat(r.code()).as(q + ": " + r.err()).isZero();
        }
        assertThat(run("history", "search", "OPE").out()).contains("neon");
    }

    @Test
    void helpAndVersionWork() {
        assertThat(run("--version").out()).startsWith("Draftboard ");
        Run help = run("generate", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--prompt").contains("--steps").contains("--ref");
    }
}
