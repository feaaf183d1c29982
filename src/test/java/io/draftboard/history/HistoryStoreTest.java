package io.draftboard.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    @TempDir
    Path dir;
    private HistoryStore store;

    @BeforeEach
    void open() throws Exception {
        store = HistoryStore.open(dir.resolve("history.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyFieldRoundTripsIncludingUnicodeLargeSeedsAndReferenceOrder() {
        List<StoredReference> refs = List.of(new StoredReference(Records.hash(7), "image/jpeg", 800, 600),
                new StoredReference(Records.hash(3), "image/png", 64, 64));
        GenerationRecord r = new GenerationRecord(0, Instant.parse("2026-11-24T10:15:30.123Z"),
                "\u6C14\u7403 \uD83C\uDF88 \"SALE\"\nsecond line", 9_007_199_254_740_991L, 50, 3.5, 1344, 768,
                OutputFormat.WEBP, true, 4, refs, "bfl", "flux-2-flex", RenderKind.FINAL, null,
                GenerationStatus.DONE, null, null, new StoredImage(Records.hash(1), "image/webp", 1344, 768),
                new Cost(0.1, false), 120, 7566, 2, "task-9", "a rewritten prompt", true, List.of("client", "v2"));

        long id = store.insert(r);

        assertThat(store.find(id)).contains(r.withId(id));
        assertThat(store.database().journalMode()).isEqualToIgnoringCase("wal");
    }

    @Test
    void aFailedGenerationKeepsItsKindAndMessage() {
        GenerationRecord failed = new GenerationRecord(0, Instant.EPOCH, "x", 1, 6, 5, 64, 64, OutputFormat.PNG, false,
                2, List.of(), "bfl", "flux-2-flex", RenderKind.DRAFT, null, GenerationStatus.FAILED, FailureKind.MODERATED,
                "Request Moderated", null, Cost.FREE, 0, 10, 1, null, null, false, List.of());
        long id = store.insert(failed);
        assertThat(store.find(id).orElseThrow().errorKind()).isEqualTo(FailureKind.MODERATED);
        assertThat(store.find(id).orElseThrow().image()).isNull();
    }

    @Test
    void searchFindsWordsAndPrefixesNewestFirst() {
        long a = store.insert(Records.done("A red balloon on a wooden table", Records.hash(1)));
        store.insert(Records.done("blue night city", Records.hash(2)));
        long c = store.insert(Records.done("two balloons, headline \"SALE\"", Records.hash(3)));

        // The last word is still being typed, so it matches as a prefix; a finished word (space after) does not.
        assertThat(ids(store.page(HistoryQuery.search("ballo", 10)))).containsExactly(c, a);
        assertThat(ids(store.page(HistoryQuery.search("balloon", 10)))).containsExactly(c, a);
        assertThat(ids(store.page(HistoryQuery.search("balloon ", 10)))).containsExactly(a);
        assertThat(ids(store.page(HistoryQuery.search("sale", 10)))).containsExactly(c);
        assertThat(ids(store.page(HistoryQuery.search("red table", 10)))).containsExactly(a);
        assertThat(store.count(HistoryQuery.search("ballo", 1))).isEqualTo(2);
    }

    @Test
    void searchAcceptsAnythingAUserCanType() {
        long sign = store.insert(Records.done("neon \"OPEN\" sign", Records.hash(1)));
        // Punctuation is never FTS syntax: text without a word shows everything, words must all match, and the
        // last word is a prefix unless something follows it.
        Map<String, List<Long>> found = new LinkedHashMap<>();
        for (String typed : List.of("\"", "*", "", "   ", "!!!", "\u0000", "-neon", "open\"", "(open", "^open")) {
            found.put(typed, List.of(sign));
        }
        for (String typed : List.of("NEAR(", "NEAR(open sign)", "NEAR(open", "a:b", "OR", "AND NOT", "col:open")) {
            found.put(typed, List.of()); // "near", "or", "col"... are just words, and this row has none of them
        }
        found.forEach((typed, ids) -> assertThat(ids(store.page(HistoryQuery.search(typed, 10)))).as(typed)
                .isEqualTo(ids));
    }

    @Test
    void filtersAndKeysetPagingReturnEveryRowExactlyOnce() {
        List<GenerationRecord> rows = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            rows.add(Records.done("prompt " + i, Records.hash(i), i % 3 == 0 ? RenderKind.FINAL : RenderKind.DRAFT, null,
                    i % 2 == 0 ? "bfl" : "offline", i % 5 == 0, List.of()));
        }
        store.insertAll(rows);

        Set<Long> seen = new HashSet<>();
        List<Long> order = new ArrayList<>();
        HistoryQuery q = HistoryQuery.newest(10);
        HistoryQuery.Page page;
        do {
            page = store.page(q);
            for (GenerationRecord r : page.items()) {
                assertThat(seen.add(r.id())).as("row %d seen twice", r.id()).isTrue();
                order.add(r.id());
            }
            q = q.after(page.next());
        } while (page.next() != null);
        assertThat(seen).hasSize(53);
        assertThat(order).isSortedAccordingTo((x, y) -> Long.compare(y, x));

        assertThat(store.count(new HistoryQuery(null, true, null, null, null, 1, null))).isEqualTo(11);
        assertThat(store.count(new HistoryQuery(null, false, "bfl", null, null, 1, null))).isEqualTo(27);
        assertThat(store.count(new HistoryQuery(null, false, null, RenderKind.FINAL, null, 1, null))).isEqualTo(18);
        assertThat(store.page(new HistoryQuery("prompt", true, "bfl", RenderKind.FINAL, null, 100, null)).items())
                .allMatch(r -> r.starred() && r.providerId().equals("bfl") && r.kind() == RenderKind.FINAL)
                .hasSize(2); // starred (i % 5), bfl (i % 2) and final (i % 3): i = 0 and 30
        HistoryQuery keepers = HistoryQuery.newest(100).keepersOnly(true);
        assertThat(store.count(keepers)).isEqualTo(25); // 18 finals and 11 starred, 4 of them both
        assertThat(store.page(keepers).items()).hasSize(25).allMatch(r -> r.starred() || r.kind() == RenderKind.FINAL);
    }

    @Test
    void deletingReturnsOnlyImagesNoOtherRowUses() {
        StoredReference shared = new StoredReference(Records.hash(100), "image/png", 10, 10);
        long a = store.insert(Records.done("a", Records.hash(1), RenderKind.DRAFT, null, "offline", false, List.of(shared)));
        long b = store.insert(Records.done("b", Records.hash(1), RenderKind.DRAFT, null, "offline", false, List.of()));
        long c = store.insert(Records.done("c", Records.hash(2), RenderKind.DRAFT, null, "offline", false, List.of(shared)));

        assertThat(store.delete(a).unusedImages()).isEmpty(); // output shared with b, reference with c
        assertThat(store.delete(b).unusedImages()).containsExactly(Records.hash(1));
        assertThat(store.delete(c).unusedImages()).containsExactlyInAnyOrder(Records.hash(2), Records.hash(100));
        assertThat(store.find(a)).isEmpty();
        assertThat(store.page(HistoryQuery.search("c", 10)).items()).isEmpty();
    }

    @Test
    void aFinalIsLinkedToItsDraftAndLosesOnlyTheLinkWhenTheDraftGoes() {
        long draft = store.insert(Records.done("poster", Records.hash(1)));
        long fin = store.insert(Records.done("poster", Records.hash(2), RenderKind.FINAL, draft, "offline", false, List.of()));

        assertThat(store.finalsOf(draft)).extracting(GenerationRecord::id).containsExactly(fin);
        store.delete(draft);
        assertThat(store.find(fin).orElseThrow().parentId()).isNull();
    }

    @Test
    void everyRenderThatUsedAReferenceIsFound() {
        StoredReference moodboard = new StoredReference(Records.hash(50), "image/jpeg", 10, 10);
        long a = store.insert(Records.done("a", Records.hash(1), RenderKind.DRAFT, null, "offline", false, List.of(moodboard)));
        store.insert(Records.done("b", Records.hash(2)));
        long c = store.insert(Records.done("c", Records.hash(3), RenderKind.FINAL, a, "offline", false, List.of(moodboard)));
        assertThat(store.usingReference(Records.hash(50), 10)).extracting(GenerationRecord::id).containsExactly(c, a);
        assertThat(store.isImageReferenced(Records.hash(50))).isTrue();
        assertThat(store.isImageReferenced(Records.hash(51))).isFalse();
    }

    @Test
    void starsAndTagsPersistAcrossReopening() throws Exception {
        long id = store.insert(Records.done("keep me", Records.hash(1)));
        store.setStarred(id, true);
        store.setTags(id, List.of("hero", "v3"));
        store.close();

        store = HistoryStore.open(dir.resolve("history.db"));
        GenerationRecord r = store.find(id).orElseThrow();
        assertThat(r.starred()).isTrue();
        assertThat(r.tags()).containsExactly("hero", "v3");
        assertThat(store.database().schemaVersion()).isEqualTo(Schema.latestVersion());
    }

    @Test
    void supersededDraftsAreFoundByTheirTagAndCounted() {
        long kept = store.insert(Records.done("a red balloon", Records.hash(1)));
        long superseded = store.insert(Records.done("a red", Records.hash(2)));
        store.setTags(superseded, List.of("superseded"));
        long hero = store.insert(Records.done("a red balloon on a table", Records.hash(3)));
        store.setTags(hero, List.of("superseded-not", "hero"));

        HistoryQuery onlySuperseded = HistoryQuery.newest(10).taggedOnly("superseded");
        assertThat(store.page(onlySuperseded).items()).extracting(GenerationRecord::id).containsExactly(superseded);
        assertThat(store.count(onlySuperseded)).isEqualTo(1);
        assertThat(store.page(HistoryQuery.newest(10)).items()).extracting(GenerationRecord::id)
                .containsExactly(hero, superseded, kept);
        assertThat(store.page(HistoryQuery.search("balloon", 10).taggedOnly("superseded")).items()).isEmpty();
    }

    @Test
    void aDatabaseFromANewerDraftboardIsRefusedWithAClearMessage() throws Exception {
        Path newer = dir.resolve("newer.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID); // a newer Draftboard stamps it too
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> HistoryStore.open(newer)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("written by a newer Draftboard (history schema v99; this version knows up to v"
                        + Schema.latestVersion() + ")");
    }

    @Test
    void aVersionOneDatabaseIsMigratedForwardKeepingItsRows() throws Exception {
        Path old = dir.resolve("v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            for (String sql : Schema.MIGRATIONS.get(0).statements()) {
                s.execute(sql);
            }
            s.execute("PRAGMA user_version = 1");
            s.execute("INSERT INTO generations (created_at, prompt, seed, steps, guidance, width, height, output_format, "
                    + "prompt_upsampling, safety_tolerance, provider, model, kind, status, cost_usd, cost_estimated, "
                    + "queue_ms, render_ms, attempts) VALUES (0, 'kept across versions', 7, 6, 4.5, 512, 512, 'PNG', 0, 2, "
                    + "'offline', 'draftboard-procedural-1', 'DRAFT', 'FAILED', 0, 0, 0, 0, 1)");
        }
        try (HistoryStore migrated = HistoryStore.open(old)) {
            assertThat(migrated.database().schemaVersion()).isEqualTo(Schema.latestVersion());
            assertThat(migrated.page(HistoryQuery.search("kept", 10)).items()).extracting(GenerationRecord::prompt)
                    .containsExactly("kept across versions");
            JobJournal journal = new JobJournal(migrated.database());
            long job = journal.openJob("offline", RenderKind.DRAFT, null, "{}", Instant.EPOCH);
            assertThat(journal.openJobs()).extracting(JournalEntry::id).containsExactly(job);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedWithItsName() throws Exception {
        Path junk = java.nio.file.Files.writeString(dir.resolve("junk.db"), "this is not sqlite".repeat(100));
        assertThatThrownBy(() -> HistoryStore.open(junk)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("junk.db");
    }

    private static List<Long> ids(HistoryQuery.Page page) {
        return page.items().stream().map(GenerationRecord::id).toList();
    }
}
