package io.draftboard.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.generation.RenderKind;
import io.draftboard.history.GenerationRecord;
import io.draftboard.settings.StudioSettings;
import io.draftboard.ui.FakeEngine;
import io.draftboard.ui.HistorySeed;
import io.draftboard.ui.StudioFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The history grid as a designer scanning a day of drafts uses it: driven by the keyboard alone, tiles that
 * line up whatever the image's shape, the start of each prompt, finals told from drafts at a glance, day
 * headers, the finals-and-starred filter, a tile size that is remembered, and exports named after the prompt.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryGridTest {
    private static final PseudoClass CURSOR = PseudoClass.getPseudoClass("cursor");
    private final FakeEngine free = new FakeEngine(new io.draftboard.provider.offline.OfflineProvider());
    private StudioFixture studio;
    private HistorySeed seed;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        studio = new StudioFixture(stage, List.of(free));
        seed = new HistorySeed(studio);
    }

    @AfterEach
    void tearDown() {
        studio.close();
    }

    private void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private HistoryBrowserView view(FxRobot robot) {
        return robot.lookup("#history").queryAs(HistoryBrowserView.class);
    }

    private HistoryBrowserModel model() {
        return studio.window.historyModel();
    }

    private void showRows(FxRobot robot, int count) throws Exception {
        robot.interact(() -> model().refresh());
        waitFor(() -> model().items().size() == count);
    }

    private GenerationRecord cursor(FxRobot robot) {
        return view(robot).selectedProperty().get();
    }

    private int cursorIndex(FxRobot robot) {
        GenerationRecord r = cursor(robot);
        return r == null ? -1 : indexOf(r.id());
    }

    private int indexOf(long id) {
        for (int i = 0; i < model().items().size(); i++) {
            if (model().items().get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private List<Region> tiles(FxRobot robot) {
        List<Region> shown = new ArrayList<>();
        for (Node n : robot.lookup(".history-tile").queryAll()) {
            if (n.getUserData() instanceof GenerationRecord && treeVisible(n)) {
                shown.add((Region) n);
            }
        }
        shown.sort((a, b) -> Long.compare(((GenerationRecord) b.getUserData()).id(),
                ((GenerationRecord) a.getUserData()).id()));
        return shown;
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private Region tileOf(FxRobot robot, long id) {
        return tiles(robot).stream().filter(t -> ((GenerationRecord) t.getUserData()).id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no tile on screen for #" + id));
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys).release(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theGridIsDrivenWithTheKeyboardAlone(FxRobot robot) throws Exception {
        for (int i = 1; i <= 7; i++) {
            seed.add("row " + i + " poster", RenderKind.DRAFT);
        }
        showRows(robot, 7);
        int columns = view(robot).columns();
        assertThat(columns).isGreaterThanOrEqualTo(2);

        press(robot, KeyCode.CONTROL, KeyCode.F);
        press(robot, KeyCode.DOWN); // from the search box into the grid
        assertThat(robot.lookup("#historyGrid").query().isFocused()).isTrue();
        assertThat(cursorIndex(robot)).isZero();
        Region first = tileOf(robot, cursor(robot).id());
        assertThat(first.getPseudoClassStates()).contains(CURSOR);
        Color ring = (Color) first.getBorder().getStrokes().get(0).getTopStroke();
        assertThat(ring.getOpacity()).isEqualTo(1.0); // a solid ring, not the transparent one of the other tiles

        press(robot, KeyCode.RIGHT);
        assertThat(cursorIndex(robot)).isEqualTo(1);
        assertThat(tileOf(robot, cursor(robot).id()).getPseudoClassStates()).contains(CURSOR);
        assertThat(first.getPseudoClassStates()).doesNotContain(CURSOR);
        press(robot, KeyCode.LEFT);
        assertThat(cursorIndex(robot)).isZero();
        press(robot, KeyCode.DOWN);
        assertThat(cursorIndex(robot)).isEqualTo(columns);
        press(robot, KeyCode.UP);
        assertThat(cursorIndex(robot)).isZero();
        press(robot, KeyCode.END);
        assertThat(cursorIndex(robot)).isEqualTo(6);
        press(robot, KeyCode.HOME);
        assertThat(cursorIndex(robot)).isZero();
        press(robot, KeyCode.PAGE_DOWN);
        assertThat(cursorIndex(robot)).isGreaterThanOrEqualTo(columns).matches(i -> i % columns == 0);
        press(robot, KeyCode.PAGE_UP);
        assertThat(cursorIndex(robot)).isZero();

        long id = cursor(robot).id();
        press(robot, KeyCode.S);
        waitFor(() -> studio.history.find(id).orElseThrow().starred());
        waitFor(() -> model().items().get(0).starred());
        press(robot, KeyCode.S); // the tile knows it is starred now: S again unstars
        waitFor(() -> !studio.history.find(id).orElseThrow().starred());

        press(robot, KeyCode.RIGHT);
        long second = cursor(robot).id();
        long third = model().items().get(2).id();
        press(robot, KeyCode.DELETE);
        waitFor(() -> model().items().size() == 6);
        assertThat(indexOf(second)).isEqualTo(-1);
        assertThat(cursor(robot).id()).isEqualTo(third); // the cursor stays in place, on the next render
        press(robot, KeyCode.CONTROL, KeyCode.Z);
        waitFor(() -> model().items().size() == 7);

        press(robot, KeyCode.HOME);
        press(robot, KeyCode.ENTER);
        String prompt = cursor(robot).prompt();
        waitFor(() -> prompt.equals(studio.model.editor().promptProperty().get()));

        press(robot, KeyCode.CONTEXT_MENU);
        assertThat(showingMenu(robot)).isNotNull();
        assertThat(showingMenu(robot).getItems()).anyMatch(m -> "Recall into editor  (Enter)".equals(m.getText()));
        robot.interact(() -> showingMenu(robot).hide());
        press(robot, KeyCode.SHIFT, KeyCode.F10);
        assertThat(showingMenu(robot)).isNotNull();
        robot.interact(() -> showingMenu(robot).hide());
    }

    @Test
    void walkingDownTheGridKeepsTheCursorTileWhollyInViewCaptionIncluded(FxRobot robot) throws Exception {
        cursorOnFirstOf(260, robot);
        for (int i = 0; i < 120; i++) {
            robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
        }
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 3; i++) {
            press(robot, KeyCode.DOWN);
            assertCursorWhollyShown(robot);
        }
    }

    @Test
    void endAndThePageItLoadsLeaveTheCursorTileWhollyInViewAndKeysKeepItSo(FxRobot robot) throws Exception {
        cursorOnFirstOf(460, robot);
        for (int page = 0; page < 2; page++) {
            int loaded = model().items().size();
            press(robot, KeyCode.END); // the last tile loaded: the next page loads under it
            waitFor(() -> model().items().size() > loaded);
            assertCursorWhollyShown(robot); // measured without the fix: 112 px of 179 below the grid
            for (int i = 0; i < 3; i++) {
                press(robot, KeyCode.UP);
            }
            for (int i = 0; i < 3; i++) {
                press(robot, KeyCode.DOWN);
                assertCursorWhollyShown(robot); // without it: the 6 px the page's relayout left, kept
            }
        }
    }

    /** {@code count} renders over days, history's first page shown, the cursor on its first tile. */
    private void cursorOnFirstOf(int count, FxRobot robot) throws Exception {
        seedOverDays(count);
        robot.interact(() -> model().refresh());
        waitFor(() -> model().items().size() >= 200);
        press(robot, KeyCode.CONTROL, KeyCode.F);
        press(robot, KeyCode.DOWN);
    }

    /**
     * A few renders a day, as history holds them: the day headers between rows give the grid's lines two
     * heights, so the flow's estimate of where a line lies is off by a few pixels after each page loads.
     */
    private void seedOverDays(int count) throws Exception {
        Instant now = Instant.now();
        for (int i = 1; i <= count; i++) {
            seed.add("row " + i + " poster for the spring sale, two lines of caption at least", RenderKind.DRAFT,
                    false, 64, 64, now.minus(Duration.ofDays(i / 5)).minusSeconds(i));
        }
    }

    /**
     * Once a pulse has laid the grid out, the cursor's tile and its line (the gap under the caption included)
     * lie wholly inside the grid. Under Xvfb, before the fix, 1,000 Down keys over 100,000 rows left half the
     * caption below it.
     */
    private void assertCursorWhollyShown(FxRobot robot) throws Exception {
        CountDownLatch pulsed = new CountDownLatch(1);
        robot.interact(() -> {
            Scene scene = view(robot).getScene();
            scene.addPostLayoutPulseListener(new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    pulsed.countDown();
                }
            });
            Platform.requestNextPulse();
        });
        assertThat(pulsed.await(5, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        Node flow = robot.lookup("#historyGrid").query().lookup(".virtual-flow");
        Region tile = tileOf(robot, cursor(robot).id());
        Bounds shown = flow.localToScene(flow.getLayoutBounds());
        for (Node n : List.of(tile, lineOf(tile))) {
            Bounds at = n.localToScene(n.getLayoutBounds());
            assertThat(at.getMaxY()).as("%s of tile %d: bottom against the grid's", n.getClass().getSimpleName(),
                    cursorIndex(robot)).isLessThanOrEqualTo(shown.getMaxY() + 0.5);
            assertThat(at.getMinY()).as("%s of tile %d: top against the grid's", n.getClass().getSimpleName(),
                    cursorIndex(robot)).isGreaterThanOrEqualTo(shown.getMinY() - 0.5);
        }
    }

    /** The grid's line (its cell) holding {@code tile}. */
    private static Node lineOf(Node tile) {
        Node n = tile;
        while (!(n instanceof javafx.scene.control.IndexedCell<?>)) {
            n = n.getParent();
        }
        return n;
    }

    private static ContextMenu showingMenu(FxRobot robot) {
        return robot.listWindows().stream().filter(w -> w instanceof ContextMenu m && m.isShowing()
                && "historyMenu".equals(m.getId())).map(ContextMenu.class::cast).findFirst().orElse(null);
    }

    @Test
    void tilesLineUpWhateverTheImagesShapeAndShowTheStartOfTheirPrompt(FxRobot robot) throws Exception {
        seed.add("a wide banner for the summer sale", RenderKind.DRAFT, false, 256, 64, Instant.now());
        seed.add("a tall poster of a lighthouse at night", RenderKind.FINAL, false, 64, 256, Instant.now());
        seed.add("a square logo mark, green circle", RenderKind.DRAFT, false, 128, 128, Instant.now());
        seed.add("another wide banner, autumn", RenderKind.FINAL, false, 300, 100, Instant.now());
        showRows(robot, 4);
        waitFor(() -> tiles(robot).size() == 4);

        List<Region> tiles = tiles(robot);
        Set<String> sizes = new java.util.HashSet<>();
        Set<Double> tops = new java.util.HashSet<>();
        for (Region tile : tiles) {
            Region frame = (Region) tile.lookup(".history-tile-frame");
            sizes.add(frame.getWidth() + "x" + frame.getHeight());
            tops.add(Math.floor(frame.localToScene(0, 0).getY()));
            Label prompt = (Label) tile.lookup(".history-tile-prompt");
            GenerationRecord r = (GenerationRecord) tile.getUserData();
            assertThat(prompt.getText()).isEqualTo(r.prompt());
            assertThat(displayed(prompt)).startsWith(r.prompt().substring(0, 8));
            // The prompt sits under the frame, at the same offset in every tile.
            assertThat(prompt.localToScene(0, 0).getY() - frame.localToScene(0, 0).getY())
                    .isEqualTo(tiles.get(0).lookup(".history-tile-prompt").localToScene(0, 0).getY()
                            - tiles.get(0).lookup(".history-tile-frame").localToScene(0, 0).getY());
        }
        assertThat(sizes).hasSize(1);
        int columns = view(robot).columns();
        assertThat(tops).hasSize((4 + columns - 1) / columns); // one top per row: every row's frames level
    }

    /** The text the label actually draws (an ellipsis when it had to cut). */
    private static String displayed(Label label) {
        return ((javafx.scene.text.Text) label.lookup(".text")).getText();
    }

    @Test
    void finalsAreToldFromDraftsByTheirFrameNotByALabel(FxRobot robot) throws Exception {
        GenerationRecord draft = seed.add("a draft", RenderKind.DRAFT);
        GenerationRecord fin = seed.add("a final", RenderKind.FINAL);
        showRows(robot, 2);
        waitFor(() -> tiles(robot).size() == 2);

        Region draftFrame = (Region) tileOf(robot, draft.id()).lookup(".history-tile-frame");
        Region finalFrame = (Region) tileOf(robot, fin.id()).lookup(".history-tile-frame");
        var draftStroke = draftFrame.getBorder().getStrokes().get(0);
        var finalStroke = finalFrame.getBorder().getStrokes().get(0);
        assertThat(finalStroke.getWidths().getTop()).isGreaterThanOrEqualTo(3);
        assertThat(finalStroke.getWidths().getTop()).isGreaterThan(draftStroke.getWidths().getTop());
        assertThat(finalStroke.getTopStyle().getDashArray()).isEmpty();
        assertThat(draftStroke.getTopStyle().getDashArray()).isNotEmpty();
        assertThat(distance((Color) finalStroke.getTopStroke(), (Color) draftStroke.getTopStroke())).isGreaterThan(0.3);
        // No text on the frame says which is which.
        assertThat(tileOf(robot, fin.id()).lookupAll(".label")).allMatch(n -> !(n instanceof Label l)
                || l.getText() == null || !l.getText().matches("(?i).*\\b(final|draft)\\b.*") || l.getText().equals("a final")
                || l.getText().equals("a draft"));
    }

    private static double distance(Color a, Color b) {
        return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
                + Math.pow(a.getBlue() - b.getBlue(), 2));
    }

    @Test
    void theTileSizeControlHasThreeSizesAndTheSizeComesBackAtTheNextStart(FxRobot robot) throws Exception {
        for (int i = 0; i < 3; i++) {
            seed.add("tile " + i, RenderKind.DRAFT);
        }
        showRows(robot, 3);
        waitFor(() -> tiles(robot).size() == 3);
        double medium = tiles(robot).get(0).lookup(".history-tile-frame").getLayoutBounds().getWidth();

        robot.clickOn("#thumbnailsSmall");
        waitFor(() -> tiles(robot).get(0).lookup(".history-tile-frame").getLayoutBounds().getWidth() < medium);
        double small = tiles(robot).get(0).lookup(".history-tile-frame").getLayoutBounds().getWidth();
        int smallColumns = view(robot).columns();
        robot.clickOn("#thumbnailsLarge");
        waitFor(() -> tiles(robot).get(0).lookup(".history-tile-frame").getLayoutBounds().getWidth() > medium);
        assertThat(view(robot).columns()).isLessThan(smallColumns);
        assertThat(small).isLessThan(medium);
        assertThat(model().thumbnailSizeProperty().get()).isEqualTo(StudioSettings.ThumbnailSize.LARGE);
        robot.clickOn("#thumbnailsLarge"); // clicking the chosen size again keeps it chosen
        assertThat(robot.lookup("#thumbnailsLarge").queryAs(ToggleButton.class).isSelected()).isTrue();

        // The next start: the studio opens with the size the settings remember.
        StudioSettings saved = new StudioSettings(6, 50, 500, StudioSettings.Theme.LIGHT, true, true, 0, true,
                Map.of()).withThumbnailSize(model().thumbnailSizeProperty().get());
        studio.close();
        robot.interact(() -> { });
        AtomicReference<StudioFixture> again = new AtomicReference<>();
        robot.interact(() -> {
            try {
                again.set(new StudioFixture(stage, List.of(free), saved));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        studio = again.get();
        assertThat(studio.window.historyModel().thumbnailSizeProperty().get()).isEqualTo(StudioSettings.ThumbnailSize.LARGE);
        assertThat(robot.lookup("#thumbnailsLarge").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void daysHaveHeadersTodayYesterdayThenDates(FxRobot robot) throws Exception {
        ZoneId zone = ZoneId.of("Europe/Paris");
        ZonedDateTime noon = ZonedDateTime.of(2026, 12, 2, 12, 0, 0, 0, zone);
        robot.interact(() -> view(robot).setClock(Clock.fixed(noon.toInstant(), zone)));
        seed.add("last year", RenderKind.FINAL, false, 64, 64, noon.minusDays(400).toInstant());
        seed.add("last week", RenderKind.DRAFT, false, 64, 64, noon.minusDays(6).toInstant());
        seed.add("yesterday evening", RenderKind.DRAFT, false, 64, 64, noon.minusHours(14).toInstant());
        seed.add("this morning", RenderKind.DRAFT, false, 64, 64, noon.minusHours(3).toInstant());
        seed.add("just now", RenderKind.FINAL, false, 64, 64, noon.toInstant());
        showRows(robot, 5);

        List<String> headers = new ArrayList<>(visibleHeaders(robot));
        press(robot, KeyCode.CONTROL, KeyCode.F);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.END); // the grid scrolls to the oldest render, and its day's header
        for (String h : visibleHeaders(robot)) {
            if (!headers.contains(h)) {
                headers.add(h);
            }
        }
        assertThat(headers).containsExactly("Today", "Yesterday", "Thursday 26 November", "Tuesday 28 October 2025");
        press(robot, KeyCode.HOME);
        // A header starts its day on a fresh row: "this morning" and "just now" share Today's row.
        Bounds today = robot.lookup(".history-day").match(n -> "Today".equals(((Label) n).getText())).query()
                .localToScene(robot.lookup(".history-day").match(n -> "Today".equals(((Label) n).getText())).query()
                        .getLayoutBounds());
        long firstTileId = model().items().get(0).id();
        assertThat(tileOf(robot, firstTileId).localToScene(0, 0).getY()).isGreaterThan(today.getMaxY() - 1);
    }

    private static List<String> visibleHeaders(FxRobot robot) {
        Bounds grid = robot.lookup("#historyGrid").query().localToScene(robot.lookup("#historyGrid").query().getLayoutBounds());
        return robot.lookup(".history-day").queryAll().stream().filter(HistoryGridTest::treeVisible)
                .filter(n -> grid.contains(n.localToScene(0, 1)))
                .sorted((a, b) -> Double.compare(a.localToScene(0, 0).getY(), b.localToScene(0, 0).getY()))
                .map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void oneClickShowsOnlyFinalsAndStarredDrafts(FxRobot robot) throws Exception {
        GenerationRecord plain = seed.add("a plain draft", RenderKind.DRAFT);
        GenerationRecord starred = seed.add("a starred draft", RenderKind.DRAFT, true, 64, 64, Instant.now());
        GenerationRecord fin = seed.add("a final", RenderKind.FINAL);
        showRows(robot, 3);

        robot.clickOn("#keepersOnly");
        waitFor(() -> model().items().size() == 2);
        assertThat(model().items()).extracting(GenerationRecord::id).containsExactly(fin.id(), starred.id());
        assertThat(robot.lookup("#historyStatus").queryAs(Label.class).getText()).isEqualTo("2 renders");
        robot.clickOn("#keepersOnly");
        waitFor(() -> model().items().size() == 3);
        assertThat(indexOf(plain.id())).isEqualTo(2);
    }

    @Test
    void supersededDraftsAreMarkedInEveryViewAndTheFilterShowsOnlyThem(FxRobot robot) throws Exception {
        GenerationRecord plain = seed.add("a plain draft", RenderKind.DRAFT);
        GenerationRecord late = seed.add("a paid draft that landed late", RenderKind.DRAFT);
        GenerationRecord fin = seed.add("a final", RenderKind.FINAL);
        studio.history.setTags(late.id(), List.of(HistoryBrowserModel.SUPERSEDED));
        showRows(robot, 3);

        // "All" keeps it, marked, beside the others.
        assertThat(markShown(robot, late.id())).isTrue();
        assertThat(markShown(robot, plain.id())).isFalse();
        assertThat(markShown(robot, fin.id())).isFalse();

        @SuppressWarnings("unchecked")
        ComboBox<String> kind = robot.lookup("#kindFilter").queryAs(ComboBox.class);
        assertThat(kind.getItems()).contains("Superseded");
        robot.interact(() -> kind.getSelectionModel().select("Superseded"));
        waitFor(() -> model().items().size() == 1);
        assertThat(model().items()).extracting(GenerationRecord::id).containsExactly(late.id());
        assertThat(model().supersededOnlyProperty().get()).isTrue();
        assertThat(kind.getAccessibleHelp()).contains("landed after a newer one");

        robot.interact(() -> kind.getSelectionModel().select("All"));
        waitFor(() -> model().items().size() == 3);
        assertThat(model().supersededOnlyProperty().get()).isFalse();
    }

    private boolean markShown(FxRobot robot, long id) {
        return tileOf(robot, id).lookupAll(".history-tile-mark").stream().anyMatch(HistoryGridTest::treeVisible);
    }

    @Test
    void anExportIsNamedAfterItsPromptAndIsAnOrdinaryFile(FxRobot robot) throws Exception {
        GenerationRecord row = seed.add("Poster \"SUMMER SALE\", orange sun over a calm blue sea, bold type",
                RenderKind.FINAL);
        showRows(robot, 1);
        Path dir = Files.createTempDirectory("export");
        Path target = dir.resolve("for-the-client.png");
        AtomicReference<String> offered = new AtomicReference<>();
        robot.interact(() -> view(robot).setSaveDialog((title, name) -> {
            offered.set(name);
            return target.toFile();
        }));

        press(robot, KeyCode.CONTROL, KeyCode.F);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.CONTEXT_MENU);
        robot.clickOn("Export for a client (no metadata)\u2026");
        waitFor(() -> Files.exists(target));

        assertThat(offered.get()).isEqualTo("draftboard-" + row.id() + "-poster-summer-sale-orange-sun-over-a-calm-blue.png");
        // An ordinary file: the permissions any new file of the user's gets (0644 under the usual umask 022).
        Path plain = Files.createFile(dir.resolve("plain"));
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(plain);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(usual)
                .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.GROUP_READ);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("for-the-client.png", "plain");
        }
    }
}
