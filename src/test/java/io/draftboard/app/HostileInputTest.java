package io.draftboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.cli.CliHarness;
import io.draftboard.files.AtomicFiles;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.InvalidRequestException;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobContext;
import io.draftboard.generation.JobListener;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.JobRunner;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.RetryPolicy;
import io.draftboard.history.HistoryQuery;
import io.draftboard.history.HistoryRecorder;
import io.draftboard.history.HistoryStore;
import io.draftboard.history.ImageStore;
import io.draftboard.history.JobJournal;
import io.draftboard.http.Endpoints;
import io.draftboard.http.HttpClients;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageDecodeException;
import io.draftboard.imaging.PngWriter;
import io.draftboard.provider.ImageDownload;
import io.draftboard.provider.PollSchedule;
import io.draftboard.provider.ProviderEndpoint;
import io.draftboard.provider.bfl.BflProvider;
import io.draftboard.provider.offline.OfflineProvider;
import io.draftboard.settings.ApiKey;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of hostile input issues 5 and 14 list, one case each: each must end in a clear sentence (never a
 * stack trace) and leave nothing half-written. Issue 14's: keys never leave keys.json (an echoing provider, keys
 * pasted with odd characters, a symlinked keys.json), bounded reads (a zTXt bomb, 1 GB answers, an
 * OutOfMemoryError in a job, junk after IEND), one line for the user (full disks, missing images), terminal-safe
 * output and code-point prompt limits, and the money ledger (billed but not fetched, unknown poll statuses).
 * CLI cases run through {@link CliHarness}, which fails any run that shows a stack trace or an undocumented exit
 * code. Add a case to {@link #cases()} to grow the list.
 */
class HostileInputTest {
    @TempDir
    static Path shared;

    /** A hostile input and what it must produce: the message (or part of it) the user sees. */
    record Case(String name, Check check) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Check {
        /** Feeds the input; returns the message the user is shown. */
        String run(Path dir) throws Exception;
    }

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    static Stream<Case> cases() throws Exception {
        byte[] png = PngWriter.encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), List.of());
        ByteArrayOutputStream jpegOut = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpeg", jpegOut);
        byte[] jpeg = jpegOut.toByteArray();
        return Stream.of(
                new Case("truncated PNG", dir -> decodeMessage(Arrays.copyOf(png, png.length / 2))),
                new Case("corrupt PNG body", dir -> {
                    byte[] bad = png.clone();
                    for (int i = 60; i < bad.length - 20; i++) {
                        bad[i] = (byte) 0x5a;
                    }
                    return decodeMessage(bad);
                }),
                new Case("truncated JPEG", dir -> decodeMessage(Arrays.copyOf(jpeg, jpeg.length / 2))),
                new Case("30000x30000 PNG header (decompression bomb)", dir -> decodeMessage(bombHeader())),
                new Case("text file renamed .png", dir -> fileMessage(Files.writeString(dir.resolve("notes.png"), "hello"))),
                new Case("0-byte file", dir -> fileMessage(Files.write(dir.resolve("empty.png"), new byte[0]))),
                new Case("directory dropped as a reference", dir -> fileMessage(Files.createDirectories(dir.resolve("folder")))),
                new Case("unreadable file", dir -> {
                    Assumptions.assumeFalse(ROOT, "root reads any file");
                    Path f = Files.write(dir.resolve("secret.png"), png);
                    f.toFile().setReadable(false);
                    return fileMessage(f);
                }),
                new Case("URL drop that is not http(s)", dir -> {
                    try {
                        Endpoints.droppedLink("file:///etc/passwd");
                        return "accepted";
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                }),
                new Case("provider answer that is not JSON", dir -> bflFailure(
                        new MockResponse.Builder().code(200).body("<html>Bad Gateway</html>").build())),
                new Case("JSON with missing fields", dir -> bflFailure(
                        new MockResponse.Builder().code(200).body("{\"cost\": 5}").build())),
                new Case("image download larger than the bound", dir -> {
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(png)).build());
                        ImageDownload.fetch(HttpClients.create(), server.url("/big.png"), 100, "Test", JobContext.none());
                        return "accepted";
                    } catch (ImageDownload.DownloadException e) {
                        return e.getMessage();
                    }
                }),
                new Case("HTML error page instead of an image", dir -> {
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                                .body("<html><body>Access denied</body></html>").build());
                        ImageDownload.fetch(HttpClients.create(), server.url("/x.png"), 1 << 20, "Test", JobContext.none());
                        return "accepted";
                    } catch (ImageDownload.DownloadException e) {
                        return e.getMessage();
                    }
                }),
                new Case("download redirected to plain http", dir -> {
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "http://example.com/x.png").build());
                        ImageDownload.fetch(HttpClients.create(), server.url("/x.png"), 1 << 20, "Test", JobContext.none());
                        return "accepted";
                    } catch (ImageDownload.DownloadException e) {
                        return e.getMessage();
                    }
                }),
                new Case("download redirected in a loop", dir -> {
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        for (int i = 0; i < 5; i++) {
                            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/again").build());
                        }
                        ImageDownload.fetch(HttpClients.create(), server.url("/x.png"), 1 << 20, "Test", JobContext.none());
                        return "accepted";
                    } catch (ImageDownload.DownloadException e) {
                        return e.getMessage();
                    }
                }),
                new Case("prompt of 100,000 characters", dir -> cli(dir, "generate", "--prompt", "x".repeat(100_000))),
                new Case("control characters in a prompt", dir -> cli(dir, "generate", "--prompt", "bell \u0007 here")),
                new Case("emoji and CJK in a prompt render and round-trip", dir -> {
                    String out = cli(dir, "generate", "--prompt", "\u6C14\u7403 \uD83C\uDF88 \"\u5927\u58F2\u51FA\u3057\"",
                            "--steps", "2", "--width", "128", "--height", "128", "--json");
                    return out.contains("\u6C14\u7403 \uD83C\uDF88") ? "round-trips" : out;
                }),
                new Case("FTS query syntax typed in the history search", dir -> {
                    try (HistoryStore store = HistoryStore.open(dir.resolve("fts.db"))) {
                        for (String q : List.of("\"", "*", "NEAR(", "a OR", "title:x", "-", "(((", "\"unterminated")) {
                            store.page(HistoryQuery.search(q, 10));
                        }
                    }
                    return "no error";
                }),
                new Case("history database locked by another program", dir -> {
                    Path db = dir.resolve("locked.db");
                    HistoryStore.open(db).close();
                    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = other.createStatement()) {
                        s.execute("PRAGMA journal_mode = DELETE");
                        s.execute("BEGIN EXCLUSIVE");
                        try {
                            HistoryStore.open(db).close();
                            return "opened";
                        } catch (java.io.IOException e) {
                            return e.getMessage();
                        } finally {
                            s.execute("ROLLBACK");
                        }
                    }
                }),
                new Case("history database read-only", dir -> {
                    Assumptions.assumeFalse(ROOT, "root writes any file");
                    Path db = dir.resolve("ro.db");
                    HistoryStore.open(db).close();
                    db.toFile().setWritable(false);
                    try {
                        io.draftboard.history.HistoryDatabase.openOrRecover(db).database().close();
                        return "opened";
                    } catch (java.io.IOException e) {
                        return e.getMessage();
                    }
                }),
                new Case("history database corrupt: backup kept, app starts", dir -> {
                    Path home = Files.createDirectories(dir.resolve("corrupt-home"));
                    Files.writeString(home.resolve("history.db"), "SQLite format 3\0 but then garbage ".repeat(200));
                    String err = cliErr(home, "history", "list");
                    try (Stream<Path> s = Files.list(home)) {
                        assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("history.db.corrupt-"));
                    }
                    return err;
                }),
                new Case("another database's -wal beside a populated history", dir -> {
                    Path home = Files.createDirectories(dir.resolve("stray-wal-home"));
                    try (HistoryStore store = HistoryStore.open(home.resolve("history.db"))) {
                        store.insert(io.draftboard.history.Records.done("ours", io.draftboard.history.Records.hash(1)));
                    }
                    Files.write(home.resolve("history.db-wal"), walOfAnotherDatabase(dir.resolve("other.db")));
                    String err = cliErr(home, "history", "list");
                    try (Stream<Path> s = Files.list(home)) {
                        assertThat(s.map(p -> p.getFileName().toString()))
                                .anyMatch(n -> n.matches("history\\.db\\.corrupt-[0-9-]+"))
                                .anyMatch(n -> n.matches("history\\.db\\.corrupt-[0-9-]+-wal"));
                    }
                    return err;
                }),
                new Case("garbage pages inside history.db, then history delete", dir -> {
                    Path home = Files.createDirectories(dir.resolve("garbage-home"));
                    List<io.draftboard.history.GenerationRecord> rows = new java.util.ArrayList<>();
                    for (int i = 0; i < 3000; i++) {
                        rows.add(io.draftboard.history.Records.done("poster " + i + " with a long prompt about balloons",
                                io.draftboard.history.Records.hash(i)));
                    }
                    try (HistoryStore store = HistoryStore.open(home.resolve("history.db"))) {
                        store.insertAll(rows);
                    }
                    overwriteMiddle(home.resolve("history.db"));
                    return cliErr(home, "history", "delete", "1500");
                }),
                new Case("PNG whose zTXt inflates to 1 GB, used as a reference", dir -> {
                    Path bomb = Files.write(dir.resolve("bomb.png"), zTxtBomb(png, 1L << 30));
                    assertThat(Files.size(bomb)).as("a small file").isLessThan(2L << 20);
                    io.draftboard.generation.Reference ref = io.draftboard.provider.ReferencePreparer.prepare(bomb);
                    int texts = io.draftboard.imaging.PngMetadata.read(Files.readAllBytes(bomb)).size();
                    return "prepared " + ref.width() + "x" + ref.height() + ", " + texts + " text chunks read";
                }),
                new Case("valid PNG followed by junk after IEND", dir -> {
                    byte[] junk = new byte[png.length + 20_000];
                    System.arraycopy(png, 0, junk, 0, png.length);
                    Arrays.fill(junk, png.length, junk.length, (byte) 'j');
                    Path file = Files.write(dir.resolve("trailing.png"), junk);
                    BufferedImage image = ImageCodec.decode(file);
                    io.draftboard.generation.Reference ref = io.draftboard.provider.ReferencePreparer.prepare(file);
                    return "decoded " + image.getWidth() + "x" + image.getHeight() + ", reference " + ref.width() + "x"
                            + ref.height();
                }),
                new Case("provider answering a 1 GB JSON body", dir -> {
                    com.sun.net.httpserver.HttpServer endless = endless("application/json", "{\"id\": \"", false);
                    try {
                        return bflFailure(okhttp3.HttpUrl.get("http://127.0.0.1:" + endless.getAddress().getPort() + "/"));
                    } finally {
                        endless.stop(0);
                    }
                }),
                new Case("result image of 1 GB for a 512x512 request", dir -> {
                    com.sun.net.httpserver.HttpServer endless = endless("image/png", png, true);
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        String sample = "http://127.0.0.1:" + endless.getAddress().getPort() + "/sample.png";
                        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\": \"t1\", \"polling_url\": \""
                                + server.url("/v1/get_result") + "\"}").build());
                        server.enqueue(new MockResponse.Builder().code(200).body("{\"status\": \"Ready\", "
                                + "\"result\": {\"sample\": \"" + sample + "\"}}").build());
                        return bflFailure(server.url("/"));
                    } finally {
                        endless.stop(0);
                    }
                }),
                new Case("OutOfMemoryError in a job thread", dir -> {
                    Path home = Files.createDirectories(dir.resolve("oom"));
                    io.draftboard.generation.Provider exhausted = new io.draftboard.generation.Provider() {
                        private final OfflineProvider offline = new OfflineProvider();

                        @Override
                        public io.draftboard.generation.ProviderInfo info() {
                            return offline.info();
                        }

                        @Override
                        public io.draftboard.generation.GenerationResult generate(GenerationRequest r, JobContext c) {
                            throw new OutOfMemoryError("Java heap space");
                        }

                        @Override
                        public io.draftboard.generation.Cost estimateCost(GenerationRequest r) {
                            return io.draftboard.generation.Cost.FREE;
                        }
                    };
                    try (HistoryStore history = HistoryStore.open(home.resolve("history.db"));
                            JobRunner runner = new JobRunner(1, RetryPolicy.DEFAULT, new HistoryRecorder(
                                    new JobJournal(history.database()), new ImageStore(home.resolve("images"))))) {
                        JobOutcome outcome = runner.submit(Job.draft(GenerationRequest.of("x", 1, 2, 64, 64), exhausted),
                                JobListener.NONE).outcome().get(20, TimeUnit.SECONDS);
                        assertThat(new JobJournal(history.database()).openJobs()).as("journal closed").isEmpty();
                        JobOutcome.Failed failed = (JobOutcome.Failed) outcome;
                        return failed.message() + " (exit code " + failed.kind().exitCode() + ")";
                    }
                }),
                new Case("full disk while writing --out after the render was recorded", dir -> {
                    Path home = dir.resolve("home");
                    AtomicFiles.ChannelWriter fillsUp = (channel, buffer) -> {
                        throw new java.io.IOException("No space left on device");
                    };
                    CliHarness.Run r = CliHarness.run(Map.of("DRAFTBOARD_HOME", home.toString()), dir, fillsUp,
                            "generate", "--prompt", "x", "--steps", "2", "--width", "64", "--height", "64", "--out", "out.png");
                    assertThat(r.code()).isEqualTo(2);
                    assertThat(r.err().strip().lines()).hasSize(1);
                    assertThat(dir.resolve("out.png")).doesNotExist();
                    assertThat(CliHarness.run(Map.of("DRAFTBOARD_HOME", home.toString()), dir, "history", "list").out())
                            .contains("#1 ");
                    assertThat(Files.readString(home.resolve("logs/draftboard.log"))).as("the trace is in the log")
                            .contains("No space left on device").contains("\tat ");
                    return r.err().strip();
                }),
                new Case("history export with images/ gone", dir -> {
                    Path home = dir.resolve("home");
                    cli(dir, "generate", "--prompt", "x", "--steps", "2", "--width", "64", "--height", "64");
                    try (Stream<Path> files = Files.walk(home.resolve("images"))) {
                        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                    return cli(dir, "history", "export", "1", "--out", "again.png");
                }),
                new Case("full disk while recording a render in history.db", dir -> {
                    Path home = Files.createDirectories(dir.resolve("full-db"));
                    try (HistoryStore history = HistoryStore.open(home.resolve("history.db"));
                            JobRunner runner = new JobRunner(1, RetryPolicy.NEVER, new HistoryRecorder(
                                    new JobJournal(history.database()), new ImageStore(home.resolve("images"))))) {
                        OfflineProvider offline = new OfflineProvider();
                        io.draftboard.generation.Provider fillsTheDisk = new io.draftboard.generation.Provider() {
                            @Override
                            public io.draftboard.generation.ProviderInfo info() {
                                return offline.info();
                            }

                            @Override
                            public io.draftboard.generation.GenerationResult generate(GenerationRequest r, JobContext c)
                                    throws ProviderException {
                                io.draftboard.history.DiskFull.now(history.database()); // journalled, then full
                                return offline.generate(r, c);
                            }

                            @Override
                            public io.draftboard.generation.Cost estimateCost(GenerationRequest r) {
                                return io.draftboard.generation.Cost.FREE;
                            }
                        };
                        String longPrompt = "a prompt that needs pages of its own ".repeat(800); // no free page holds it
                        JobOutcome outcome = runner.submit(Job.draft(GenerationRequest.of(longPrompt, 1, 2, 64, 64), fillsTheDisk),
                                JobListener.NONE).outcome().get(20, TimeUnit.SECONDS);
                        String message = ((JobOutcome.Failed) outcome).message();
                        assertThat(message).doesNotContainIgnoringCase("no transaction");
                        return message;
                    }
                }),
                new Case("a provider that echoes the key back", HostileInputTest::echoedKey),
                new Case("key pasted with a trailing no-break space", dir -> {
                    Path home = dir.resolve("home");
                    String key = "bfl-nbsp-0123456789abcdef";
                    new io.draftboard.settings.ProviderKeys(home.resolve("keys.json"), Map.of())
                            .put("bfl", new ApiKey(key + "\u00a0"));
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        server.enqueue(new MockResponse.Builder().code(402).body("{\"detail\": \"no credits\"}").build());
                        CliHarness.Run r = CliHarness.run(Map.of("DRAFTBOARD_HOME", home.toString(),
                                "DRAFTBOARD_BFL_BASE_URL", server.url("/").toString()), dir, "generate", "--provider", "bfl",
                                "--prompt", "x", "--steps", "6", "--width", "256", "--height", "256");
                        assertThat(r.code()).isEqualTo(4);
                        String sent = server.takeRequest().getHeaders().get("x-key");
                        return r.err().strip() + " | x-key sent " + (key.equals(sent) ? "trimmed" : "as pasted");
                    }
                }),
                new Case("key with a control character", dir -> {
                    Path home = dir.resolve("home");
                    String key = "bfl-\u0007-0123456789abcdef";
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        Map<String, String> env = Map.of("DRAFTBOARD_HOME", home.toString(), "BFL_API_KEY", key,
                                "DRAFTBOARD_BFL_BASE_URL", server.url("/").toString());
                        CliHarness.Run r = CliHarness.run(env, dir, "generate", "--provider", "bfl", "--prompt", "x",
                                "--steps", "6", "--width", "256", "--height", "256");
                        assertThat(r.code()).isEqualTo(4);
                        assertThat(r.all()).doesNotContain("0123456789abcdef");
                        assertThat(server.getRequestCount()).as("nothing sent").isZero();
                        assertThat(CliHarness.run(env, dir, "jobs", "resume").out().strip())
                                .as("never journalled as possibly billed").isEqualTo("No unfinished jobs.");
                        return r.err().strip();
                    }
                }),
                new Case("keys.json that is a symlink", dir -> {
                    Path home = Files.createDirectories(dir.resolve("home"));
                    Path elsewhere = Files.writeString(dir.resolve("elsewhere.json"), "{\"bfl\": \"bfl-linked-0123456789\"}");
                    Files.setPosixFilePermissions(elsewhere, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                    Files.createSymbolicLink(home.resolve("keys.json"), elsewhere);
                    Map<String, String> env = Map.of("DRAFTBOARD_HOME", home.toString());
                    CliHarness.Run r = CliHarness.run(env, dir, "generate", "--provider", "bfl", "--prompt", "x",
                            "--steps", "6", "--width", "256", "--height", "256");
                    assertThat(r.code()).isEqualTo(4);
                    assertThat(CliHarness.run(env, dir, "providers").out()).contains("key not usable: the key file");
                    assertThat(Files.isSymbolicLink(home.resolve("keys.json"))).as("left as it was").isTrue();
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere)))
                            .as("its target not chmodded").isEqualTo("rw-r--r--");
                    assertThat(r.all()).doesNotContain("bfl-linked-0123456789");
                    return r.err().strip();
                }),
                new Case("revised prompt with ESC[2J, an OSC title, BEL and NUL, shown by history show", dir -> {
                    String hostile = "\u001b[2J\u001b]0;pwned\u0007 bell \u0000 nul \u009b csi \u202e evil\r over";
                    Path home = dir.resolve("home");
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\": \"t1\", \"polling_url\": \""
                                + server.url("/v1/get_result") + "\"}").build());
                        server.enqueue(new MockResponse.Builder().code(200).body("{\"status\": \"Ready\", \"result\": "
                                + "{\"sample\": \"" + server.url("/s.png") + "\", \"prompt\": "
                                + io.draftboard.json.Json.MAPPER.writeValueAsString(hostile) + "}}").build());
                        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(
                                PngWriter.encode(new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB), List.of()))).build());
                        Map<String, String> env = Map.of("DRAFTBOARD_HOME", home.toString(), "BFL_API_KEY",
                                "bfl-terminal-0123456789", "DRAFTBOARD_BFL_BASE_URL", server.url("/").toString());
                        CliHarness.Run r = CliHarness.run(env, dir, "generate", "--provider", "bfl", "--prompt", "x",
                                "--steps", "6", "--width", "256", "--height", "256", "--prompt-upsampling");
                        assertThat(r.code()).as(r.err()).isZero();
                        String shown = CliHarness.run(env, dir, "history", "show", "1").out();
                        assertNoTerminalControls(shown);
                        CliHarness.Run json = CliHarness.run(env, dir, "history", "show", "1", "--json");
                        assertNoTerminalControls(json.out());
                        assertThat(io.draftboard.json.Json.MAPPER.readTree(json.out()).get("revisedPrompt").asText())
                                .as("stored as it was").isEqualTo(hostile);
                        return shown.lines().filter(l -> l.contains("revisedPrompt")).findFirst().orElse(shown).strip();
                    }
                }),
                new Case("bidi override and C1 control in a user's prompt, listed and printed as JSON", dir -> {
                    String prompt = "poster \u202eTNEMYAP\u202c with \u009b31m red";
                    String out = cli(dir, "generate", "--prompt", prompt, "--steps", "2", "--width", "64", "--height", "64",
                            "--json");
                    assertNoTerminalControls(out);
                    assertThat(io.draftboard.json.Json.MAPPER.readTree(out).get("prompt").asText()).isEqualTo(prompt);
                    String list = cli(dir, "history", "list");
                    assertNoTerminalControls(list);
                    return list.strip();
                }),
                new Case("prompt of 32,000 emoji (64,000 UTF-16 units)", dir -> {
                    String prompt = "\uD83C\uDF88".repeat(32_000);
                    GenerationRequest r = GenerationRequest.of(prompt, 1, 2, 64, 64);
                    return "accepted: " + r.prompt().codePointCount(0, r.prompt().length()) + " characters";
                }),
                new Case("prompt of 32,001 emoji", dir -> {
                    try {
                        GenerationRequest.of("\uD83C\uDF88".repeat(32_001), 1, 2, 64, 64);
                        return "accepted";
                    } catch (InvalidRequestException e) {
                        return e.getMessage();
                    }
                }),
                new Case("control character after an emoji is placed by characters", dir -> {
                    try {
                        GenerationRequest.of("\uD83C\uDF88\uD83C\uDF88 \u0007", 1, 2, 64, 64);
                        return "accepted";
                    } catch (InvalidRequestException e) {
                        return e.getMessage();
                    }
                }),
                new Case("image link expired after BFL billed the job; jobs resume fetches a fresh one", dir -> {
                    try (MockWebServer server = new MockWebServer()) {
                        ExpiringBfl bfl = new ExpiringBfl(server);
                        server.setDispatcher(bfl);
                        server.start();
                        Map<String, String> env = bflEnv(dir, server);
                        CliHarness.Run failed = CliHarness.run(env, dir, BFL_RENDER);
                        assertThat(failed.code()).isEqualTo(5);
                        var rows = io.draftboard.json.Json.MAPPER.readTree(CliHarness.run(env, dir, "history", "list", "--json").out());
                        assertThat(rows).hasSize(1);
                        assertThat(rows.get(0).get("status").asText()).isEqualTo("failed");
                        assertThat(rows.get(0).get("cost").get("usd").asDouble()).as("billed, not $0").isEqualTo(0.05);
                        bfl.linksWork = true;
                        String resumed = CliHarness.run(env, dir, "jobs", "resume").out().strip();
                        rows = io.draftboard.json.Json.MAPPER.readTree(CliHarness.run(env, dir, "history", "list", "--json").out());
                        assertThat(rows).as("the job once in history").hasSize(1);
                        assertThat(rows.get(0).get("status").asText()).isEqualTo("done");
                        return failed.err().strip() + " | " + resumed;
                    }
                }),
                new Case("image link expired after BFL billed the job, and again on resume", dir -> {
                    try (MockWebServer server = new MockWebServer()) {
                        server.setDispatcher(new ExpiringBfl(server));
                        server.start();
                        Map<String, String> env = bflEnv(dir, server);
                        assertThat(CliHarness.run(env, dir, BFL_RENDER).code()).isEqualTo(5);
                        String resumed = CliHarness.run(env, dir, "jobs", "resume").out().strip();
                        assertThat(CliHarness.run(env, dir, "jobs", "resume").out().strip()).as("asked once, then closed")
                                .isEqualTo("No unfinished jobs.");
                        var rows = io.draftboard.json.Json.MAPPER.readTree(CliHarness.run(env, dir, "history", "list", "--json").out());
                        assertThat(rows).hasSize(1);
                        assertThat(rows.get(0).get("cost").get("usd").asDouble()).isEqualTo(0.05);
                        return resumed;
                    }
                }),
                new Case("unknown poll status is shown while waiting", dir -> {
                    try (MockWebServer server = new MockWebServer()) {
                        server.start();
                        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\": \"t1\", \"polling_url\": \""
                                + server.url("/v1/get_result") + "\"}").build());
                        server.enqueue(new MockResponse.Builder().code(200).body("{\"status\": \"Reasoning\"}").build());
                        server.enqueue(new MockResponse.Builder().code(200).body("{\"status\": \"Ready\", \"result\": "
                                + "{\"sample\": \"" + server.url("/s.png") + "\"}}").build());
                        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(
                                PngWriter.encode(new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB), List.of()))).build());
                        CliHarness.Run r = CliHarness.run(bflEnv(dir, server), dir, BFL_RENDER);
                        assertThat(r.code()).as(r.err()).isZero();
                        return r.err().strip();
                    }
                }),
                new Case("unknown poll status until the timeout", dir -> {
                    try (MockWebServer server = new MockWebServer()) {
                        server.setDispatcher(new mockwebserver3.Dispatcher() {
                            @Override
                            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                                return request.getMethod().equals("POST")
                                        ? new MockResponse.Builder().code(200).body("{\"id\": \"t1\", \"polling_url\": \""
                                                + server.url("/v1/get_result") + "\"}").build()
                                        : new MockResponse.Builder().code(200).body("{\"status\": \"Reasoning\"}").build();
                            }
                        });
                        server.start();
                        VirtualClock clock = new VirtualClock();
                        BflProvider bfl = new BflProvider(new ProviderEndpoint(HttpClients.create(), server.url("/"),
                                () -> new ApiKey("k-123456789"), clock), new PollSchedule(), (d, c) -> clock.advance(d),
                                Duration.ofMinutes(10));
                        List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
                        JobContext context = new JobContext() {
                            @Override
                            public void progress(double fraction) {
                            }

                            @Override
                            public void status(String text) {
                                shown.add(text);
                            }

                            @Override
                            public boolean isCancelled() {
                                return false;
                            }

                            @Override
                            public void onCancel(Runnable action) {
                            }
                        };
                        try {
                            bfl.generate(GenerationRequest.of("x", 1, 6, 512, 512), context);
                            return "finished";
                        } catch (ProviderException e) {
                            assertThat(shown).as("shown once, while waiting").containsExactly("Reasoning");
                            return e.getMessage();
                        }
                    }
                }),
                new Case("full disk while saving a render", dir -> {
                    Path home = Files.createDirectories(dir.resolve("full-disk"));
                    AtomicFiles.ChannelWriter fillsUp = (channel, buffer) -> {
                        buffer.limit(buffer.limit() / 2);
                        channel.write(buffer);
                        throw new java.io.IOException("No space left on device");
                    };
                    try (HistoryStore history = HistoryStore.open(home.resolve("history.db"));
                            JobRunner runner = new JobRunner(1, RetryPolicy.NEVER, new HistoryRecorder(
                                    new JobJournal(history.database()), new ImageStore(home.resolve("images"), fillsUp)))) {
                        JobOutcome outcome = runner.submit(Job.draft(GenerationRequest.of("x", 1, 2, 64, 64),
                                new OfflineProvider()), JobListener.NONE).outcome().get(20, TimeUnit.SECONDS);
                        try (Stream<Path> files = Files.walk(home.resolve("images"))) {
                            assertThat(files.filter(Files::isRegularFile)).as("nothing half-written").isEmpty();
                        }
                        assertThat(new JobJournal(history.database()).openJobs()).as("journal closed").isEmpty();
                        return ((JobOutcome.Failed) outcome).message();
                    }
                }));
    }

    static Map<String, String> expected() {
        return Map.ofEntries(
                Map.entry("truncated PNG", "the image data is corrupt or truncated"),
                Map.entry("corrupt PNG body", "the image data is corrupt or truncated"),
                Map.entry("truncated JPEG", "the image data is corrupt or truncated"),
                Map.entry("30000x30000 PNG header (decompression bomb)", "image is 30000\u00d730000 pixels"),
                Map.entry("text file renamed .png", "not a PNG, JPEG or WebP image"),
                Map.entry("0-byte file", "the file is empty"),
                Map.entry("directory dropped as a reference", "is a folder, not an image file"),
                Map.entry("unreadable file", "not readable"),
                Map.entry("URL drop that is not http(s)", "only http and https links can be dropped (got a file: link)"),
                Map.entry("provider answer that is not JSON", "answered the submit with something that is not JSON"),
                Map.entry("JSON with missing fields", "submit answer has no task id"),
                Map.entry("image download larger than the bound", "larger than"),
                Map.entry("HTML error page instead of an image", "Test sent an HTML page instead of an image"),
                Map.entry("download redirected to plain http", "is not https (http://example.com); refused"),
                Map.entry("download redirected in a loop", "redirected more than 3 times"),
                Map.entry("prompt of 100,000 characters", "prompt is 100000 characters; at most 32000 are allowed"),
                Map.entry("control characters in a prompt", "prompt contains control character U+0007 at position 6"),
                Map.entry("emoji and CJK in a prompt render and round-trip", "round-trips"),
                Map.entry("FTS query syntax typed in the history search", "no error"),
                Map.entry("history database locked by another program", "is locked by another program"),
                Map.entry("history database read-only", "is read-only"),
                Map.entry("history database corrupt: backup kept, app starts", "a new history was started"),
                Map.entry("another database's -wal beside a populated history", "a new history was started"),
                Map.entry("garbage pages inside history.db, then history delete", "is damaged (a corrupt page stopped"),
                Map.entry("PNG whose zTXt inflates to 1 GB, used as a reference", "prepared 64x64, 0 text chunks read"),
                Map.entry("valid PNG followed by junk after IEND", "decoded 64x64, reference 64x64"),
                Map.entry("provider answering a 1 GB JSON body",
                        "Black Forest Labs sent an answer larger than 4.0 MB; it was not read"),
                Map.entry("result image of 1 GB for a 512x512 request",
                        "Black Forest Labs's image is 1024.0 MB, larger than the 10.0 MB Draftboard accepts"),
                Map.entry("OutOfMemoryError in a job thread",
                        "Draftboard ran out of memory during the Offline engine job; see the log (exit code 5)"),
                Map.entry("full disk while writing --out after the render was recorded",
                        "draftboard: #1 was rendered and saved in history, but out.png could not be written: the disk is "
                                + "full (no space left on device)"),
                Map.entry("history export with images/ gone", "generation #1: its image file is missing from"),
                Map.entry("full disk while recording a render in history.db",
                        "The image was rendered but could not be saved: cannot save generation: the disk holding"),
                Map.entry("a provider that echoes the key back",
                        "Black Forest Labs refused the request (HTTP 400): invalid request; headers: x-key: ****"),
                Map.entry("key pasted with a trailing no-break space",
                        "says the account is out of credits (no credits); top up at dashboard.bfl.ai | x-key sent trimmed"),
                Map.entry("key with a control character", "draftboard: Authentication failed: BFL_API_KEY contains the "
                        + "character U+0007 at position 5, which cannot be sent; paste the key again without it"),
                Map.entry("keys.json that is a symlink", "is a symbolic link; Draftboard does not follow it"),
                Map.entry("revised prompt with ESC[2J, an OSC title, BEL and NUL, shown by history show",
                        "revisedPrompt     \\u001b[2J\\u001b]0;pwned\\u0007 bell \\u0000 nul \\u009b csi \\u202e evil\\u000d over"),
                Map.entry("bidi override and C1 control in a user's prompt, listed and printed as JSON",
                        "poster \\u202eTNEMYAP\\u202c with \\u009b31m red"),
                Map.entry("prompt of 32,000 emoji (64,000 UTF-16 units)", "accepted: 32000 characters"),
                Map.entry("prompt of 32,001 emoji", "prompt is 32001 characters; at most 32000 are allowed"),
                Map.entry("control character after an emoji is placed by characters",
                        "prompt contains control character U+0007 at position 4"),
                Map.entry("image link expired after BFL billed the job; jobs resume fetches a fresh one",
                        "draftboard: Generation failed: Black Forest Labs's image link has expired (HTTP 403) (after Black "
                                + "Forest Labs accepted job t1; not resubmitted, to avoid paying twice); Black Forest Labs had "
                                + "accepted the job, so it is recorded at \u2248$0.05; 'draftboard jobs resume' asks for the image "
                                + "again | job 1 (bfl): recovered -> history #1"),
                Map.entry("image link expired after BFL billed the job, and again on resume",
                        "job 1 (bfl): lost: the image could not be fetched again (Black Forest Labs's image link has expired "
                                + "(HTTP 403) (after Black Forest Labs accepted job t1; not resubmitted, to avoid paying twice)); "
                                + "\u2248$0.05 was charged"),
                Map.entry("unknown poll status is shown while waiting", "draftboard: Black Forest Labs says the job is "
                        + "\"Reasoning\" (not a status Draftboard knows); still waiting"),
                Map.entry("unknown poll status until the timeout", "Black Forest Labs task t1 did not finish within 10 "
                        + "minutes; its last status was \"Reasoning\", which Draftboard does not know"),
                Map.entry("full disk while saving a render", "could not be saved: No space left on device"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputGetsAClearSentenceAndLeavesNothingHalfWritten(Case c) throws Exception {
        Path dir = Files.createDirectories(shared.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-")));
        String message = c.check().run(dir);
        assertThat(message).as(c.name()).contains(expected().get(c.name()));
        assertThat(message).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String decodeMessage(byte[] bytes) {
        try {
            ImageCodec.decode(bytes);
            return "decoded";
        } catch (ImageDecodeException e) {
            return e.getMessage();
        }
    }

    private static String fileMessage(Path file) {
        try {
            ImageCodec.decode(file);
            return "decoded";
        } catch (ImageDecodeException e) {
            return e.getMessage();
        }
    }

    private static final String[] BFL_RENDER = {"generate", "--provider", "bfl", "--prompt", "x", "--steps", "6",
            "--width", "256", "--height", "256"};

    private static Map<String, String> bflEnv(Path dir, MockWebServer server) {
        return Map.of("DRAFTBOARD_HOME", dir.resolve("home").toString(), "BFL_API_KEY", "bfl-ledger-0123456789",
                "DRAFTBOARD_BFL_BASE_URL", server.url("/").toString());
    }

    /** BFL accepting task t1 and saying Ready with a fresh link at each poll; links answer 403 until {@link #linksWork}. */
    private static final class ExpiringBfl extends mockwebserver3.Dispatcher {
        private final MockWebServer server;
        private final java.util.concurrent.atomic.AtomicInteger links = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean linksWork;

        ExpiringBfl(MockWebServer server) {
            this.server = server;
        }

        @Override
        public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (request.getMethod().equals("POST")) {
                return new MockResponse.Builder().code(200).body("{\"id\": \"t1\", \"polling_url\": \""
                        + server.url("/v1/get_result") + "\"}").build();
            }
            if (path.equals("/v1/get_result")) {
                return new MockResponse.Builder().code(200).body("{\"status\": \"Ready\", \"result\": {\"sample\": \""
                        + server.url("/sample-" + links.incrementAndGet() + ".png") + "\"}}").build();
            }
            if (!linksWork) {
                return new MockResponse.Builder().code(403).body("Request has expired").build();
            }
            return new MockResponse.Builder().code(200).body(new okio.Buffer().write(
                    PngWriter.encode(new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB), List.of()))).build();
        }
    }

    /** A clock that moves only when told: polling waits advance it instead of passing. */
    private static final class VirtualClock extends Clock {
        private volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    /** Nothing a terminal would act on: no C0 control but tab and line breaks, no DEL, no C1, no bidi override. */
    private static void assertNoTerminalControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            assertThat(control).as("U+%04X at %d in %s", (int) c, i, text).isFalse();
        }
    }

    private static final String ECHOED = "bfl-echo-0123456789abcdef";

    /**
     * A gateway that echoes what it was sent: the key in an error body, in the task id and polling URL, in a
     * status, in the revised prompt and in the image's own text chunk. Afterwards no file under the data home,
     * and nothing the terminal showed, holds the key.
     */
    private static String echoedKey(Path dir) throws Exception {
        Path home = dir.resolve("home");
        byte[] image = PngWriter.encode(new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB),
                List.of(new io.draftboard.imaging.PngText("Comment", "rendered for x-key " + ECHOED)));
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().code(400)
                    .body("{\"detail\": \"invalid request; headers: x-key: " + ECHOED + "\"}").build());
            server.enqueue(new MockResponse.Builder().code(200).body("{\"id\": \"task-" + ECHOED + "\", \"polling_url\": \""
                    + server.url("/v1/get_result?key=" + ECHOED) + "\"}").build());
            server.enqueue(new MockResponse.Builder().code(200).body("{\"status\": \"Checking " + ECHOED + "\"}").build());
            server.enqueue(new MockResponse.Builder().code(200).body("{\"status\": \"Ready\", \"result\": {\"sample\": \""
                    + server.url("/sample.png") + "\", \"prompt\": \"revised for " + ECHOED + "\", \"seed\": 5}}").build());
            server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
                    .body(new okio.Buffer().write(image)).build());
            Map<String, String> env = Map.of("DRAFTBOARD_HOME", home.toString(), "BFL_API_KEY", ECHOED,
                    "DRAFTBOARD_BFL_BASE_URL", server.url("/").toString());
            String[] render = {"generate", "--provider", "bfl", "--prompt", "x", "--steps", "6", "--width", "256",
                    "--height", "256"};
            CliHarness.Run refused = CliHarness.run(env, dir, render);
            List<String> upsampled = new java.util.ArrayList<>(List.of(render));
            upsampled.addAll(List.of("--prompt-upsampling", "--out", home.resolve("out.png").toString(), "--json"));
            CliHarness.Run rendered = CliHarness.run(env, dir, upsampled.toArray(String[]::new));
            assertThat(rendered.code()).as(rendered.err()).isZero();
            StringBuilder terminal = new StringBuilder(refused.all()).append(rendered.all());
            for (String[] args : List.of(new String[] {"history", "show", "1"}, new String[] {"history", "show", "2"},
                    new String[] {"history", "list", "--json"}, new String[] {"jobs", "list"},
                    new String[] {"history", "export", "2", "--out", home.resolve("export.png").toString()})) {
                CliHarness.Run r = CliHarness.run(env, dir, args);
                assertThat(r.code()).as(r.err()).isZero();
                terminal.append(r.all());
            }
            assertThat(terminal.toString()).as("the terminal").contains("revised for ****").doesNotContain(ECHOED);
            byte[] needle = ECHOED.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.walk(home)) {
                List<Path> all = files.filter(Files::isRegularFile).toList();
                assertThat(all).as("the data home holds history, images, the exports and the log")
                        .anyMatch(p -> p.getFileName().toString().equals("history.db"))
                        .anyMatch(p -> p.getFileName().toString().equals("out.png"));
                for (Path f : all) {
                    assertThat(indexOf(Files.readAllBytes(f), needle)).as("the key in " + f).isEqualTo(-1);
                }
            }
            return refused.err().strip();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * {@code png} with a zTXt chunk after IHDR whose text inflates to {@code inflated} zero bytes (a multiple of
     * 1 MiB): one deflate block of 1 MiB of zeros, repeated (its matches only look back at zeros), so building it
     * costs no more than its own size.
     */
    static byte[] zTxtBomb(byte[] png, long inflated) throws Exception {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        deflater.setInput(new byte[1 << 20]);
        byte[] buffer = new byte[1 << 16];
        int n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
        deflater.end();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        z.write(0x78);
        z.write(0x9c);
        for (long i = 0; i < inflated >> 20; i++) {
            z.write(buffer, 0, n);
        }
        z.write(0x03); // an empty final block
        z.write(0x00);
        long adler = ((inflated % 65521) << 16) | 1; // Adler-32 of zeros: a stays 1, b counts them
        z.write(java.nio.ByteBuffer.allocate(4).putInt((int) adler).array());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("Comment\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        data.writeBytes(z.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature and IHDR
        byte[] body = data.toByteArray();
        out.write(java.nio.ByteBuffer.allocate(4).putInt(body.length).array());
        out.writeBytes("zTXt".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(body);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("zTXt".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        crc.update(body);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static byte[] bombHeader() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = java.nio.ByteBuffer.allocate(13).putInt(30000).putInt(30000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        out.writeInt(13);
        out.writeBytes("IHDR");
        out.write(ihdr);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("IHDR".getBytes());
        crc.update(ihdr);
        out.writeInt((int) crc.getValue());
        out.writeInt(0);
        out.writeBytes("IEND");
        out.writeInt(0xAE426082);
        return bytes.toByteArray();
    }

    private static String bflFailure(MockResponse answer) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(answer);
            return bflFailure(server.url("/"));
        }
    }

    /** A 512x512 render on BFL at {@code base}; the failure's message, or "accepted". */
    private static String bflFailure(okhttp3.HttpUrl base) throws Exception {
        try {
            BflProvider bfl = new BflProvider(new ProviderEndpoint(HttpClients.create(), base,
                    () -> new ApiKey("k-123456789"), Clock.systemUTC()), new PollSchedule(), (d, c) -> { },
                    Duration.ofSeconds(5));
            bfl.generate(GenerationRequest.of("x", 1, 6, 512, 512), JobContext.none());
            return "accepted";
        } catch (ProviderException | InvalidRequestException e) {
            return e.getMessage();
        }
    }

    /**
     * A loopback server answering every request with {@code prefix} and then spaces, for 1 GB: with its length
     * declared ({@code declared}) or chunked, so the reader must count. Stops writing when the reader hangs up.
     */
    private static com.sun.net.httpserver.HttpServer endless(String contentType, byte[] prefix, boolean declared)
            throws java.io.IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            long total = 1L << 30;
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, declared ? total : 0);
            byte[] filler = new byte[1 << 16];
            Arrays.fill(filler, (byte) ' ');
            try (java.io.OutputStream out = exchange.getResponseBody()) {
                out.write(prefix);
                for (long sent = prefix.length; sent + filler.length <= total; sent += filler.length) {
                    out.write(filler);
                }
            } catch (java.io.IOException hungUp) {
                // the reader stopped at its limit
            }
        });
        server.start();
        return server;
    }

    private static com.sun.net.httpserver.HttpServer endless(String contentType, String prefix, boolean declared)
            throws java.io.IOException {
        return endless(contentType, prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8), declared);
    }

    private static String cli(Path dir, String... args) {
        CliHarness.Run r = CliHarness.run(Map.of("DRAFTBOARD_HOME", dir.resolve("home").toString()), dir, args);
        return r.code() == 0 ? r.out() : r.err().strip();
    }

    /** The -wal of another program's database, its frames not yet checkpointed. */
    private static byte[] walOfAnotherDatabase(Path other) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            s.execute("INSERT INTO notes (body) VALUES ('not a render')");
            return Files.readAllBytes(other.resolveSibling(other.getFileName() + "-wal")); // closing would checkpoint
        }
    }

    /** Garbage over the middle half of {@code file}, its header left intact. */
    private static void overwriteMiddle(Path file) throws Exception {
        long size = Files.size(file);
        byte[] junk = new byte[(int) (size / 2)];
        Arrays.fill(junk, (byte) 0x5a);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(junk), size / 4);
        }
    }

    private static String cliErr(Path home, String... args) {
        return CliHarness.run(Map.of("DRAFTBOARD_HOME", home.toString()), home, args).err().strip();
    }
}
