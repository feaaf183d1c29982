package io.draftboard.ui;

import io.draftboard.generation.DelayScheduler;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.Reference;
import io.draftboard.generation.RenderKind;
import io.draftboard.imaging.ContentHash;
import io.draftboard.settings.Workspace;
import io.draftboard.settings.WorkspaceStore;
import io.draftboard.ui.history.HistoryBrowserModel;
import io.draftboard.ui.studio.EditorModel;
import io.draftboard.ui.studio.EditorState;
import io.draftboard.ui.studio.StudioViewModel;
import io.draftboard.ui.task.TaskRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.input.InputEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * "It remembers": the editor, the window's place, the split pane's dividers and the history's filters come back
 * at the next start from {@code workspace.json}. Each change is saved a second after the last one (and once
 * more on close), written off the FX thread. Restoring is not an edit: on a paid provider nothing is sent until
 * the designer edits or presses Draft now; on a free one (the offline engine) the restored prompt drafts at once,
 * since that costs nothing and shows where the designer left off.
 */
public final class WorkspaceKeeper {
    private static final System.Logger LOG = System.getLogger(WorkspaceKeeper.class.getName());
    /** Saves wait for a pause this long: dragging a window fires dozens of changes a second. */
    static final Duration PAUSE = Duration.ofSeconds(1);

    /** What a start read off the FX thread: the workspace, its reference images, and what to tell the designer. */
    public record Restored(Workspace workspace, List<Reference> references, String notice, String referenceNotice) {
    }

    private final StudioWindow window;
    private final StudioViewModel model;
    private final Stage stage;
    private final WorkspaceStore store;
    private final TaskRunner tasks;
    private final DelayScheduler timer;
    private final Object writing = new Object();
    private DelayScheduler.Scheduled pending;
    private Rectangle2D normal;
    private boolean closed;
    private long asked;
    private long written;
    private boolean failedOnce;

    /** Reads the workspace and the reference images it names; disk work, so never on the FX thread. */
    public static Restored read(WorkspaceStore store) {
        WorkspaceStore.Loaded loaded = store.load();
        List<Reference> refs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Workspace.Editor editor = loaded.workspace().editor();
        for (Workspace.ReferenceFile f : editor == null ? List.<Workspace.ReferenceFile>of() : editor.references()) {
            try {
                byte[] bytes = Files.readAllBytes(store.resolve(f.path()));
                if (!ContentHash.sha256(bytes).equals(f.sha256())) {
                    throw new IOException("changed since");
                }
                refs.add(new Reference(f.sha256(), f.mediaType(), f.width(), f.height(), bytes));
            } catch (IOException | RuntimeException e) {
                missing.add(f.path());
            }
        }
        String referenceNotice = missing.isEmpty() ? null : (missing.size() == 1 ? "A reference image of the last"
                + " session is missing and was left out: " : missing.size() + " reference images of the last session"
                + " are missing and were left out: ") + String.join(", ", missing);
        return new Restored(loaded.workspace(), refs, loaded.notice(), referenceNotice);
    }

    private WorkspaceKeeper(StudioWindow window, StudioViewModel model, Stage stage, WorkspaceStore store,
            DelayScheduler timer) {
        this.window = window;
        this.model = model;
        this.stage = stage;
        this.store = store;
        this.tasks = model.context().tasks();
        this.timer = timer;
    }

    /**
     * Puts {@code restored} back (before the stage is shown, where possible, so the window opens in place) and
     * from then on saves every change. FX thread.
     */
    public static WorkspaceKeeper install(StudioWindow window, StudioViewModel model, Stage stage,
            WorkspaceStore store, Restored restored, DelayScheduler timer) {
        WorkspaceKeeper keeper = new WorkspaceKeeper(window, model, stage, store, timer);
        keeper.restore(restored);
        keeper.listen();
        return keeper;
    }

    private void restore(Restored r) {
        Workspace w = r.workspace();
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        Rectangle2D place = WindowPlacement.place(w.window(), screens, StudioWindow.MIN_WIDTH, StudioWindow.MIN_HEIGHT);
        if (place != null) {
            stage.setX(place.getMinX());
            stage.setY(place.getMinY());
            stage.setWidth(place.getWidth());
            stage.setHeight(place.getHeight());
        }
        normal = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        if (w.window() != null && Boolean.TRUE.equals(w.window().maximized())) {
            stage.setMaximized(true);
        }
        restoreDividers(w.dividers());
        HistoryFilterControls.restore(window, model.editor().providers(), w.history());
        restoreEditor(w.editor(), r.references());
        if (r.notice() != null) {
            model.preview().say(r.notice());
        }
        if (r.referenceNotice() != null) {
            model.editor().references().say(r.referenceNotice());
        }
    }

    /**
     * The dividers go where they were, and again whenever the split is resized before the designer first
     * touches the window: the window reaching its remembered (or maximised) size would otherwise move them,
     * since the editor column keeps its width in pixels.
     */
    private void restoreDividers(List<Double> saved) {
        SplitPane split = window.split();
        if (saved.size() != split.getDividers().size()) {
            return;
        }
        double[] positions = saved.stream().mapToDouble(Double::doubleValue).toArray();
        split.setDividerPositions(positions);
        InvalidationListener again = o -> split.setDividerPositions(positions);
        split.widthProperty().addListener(again);
        window.addEventFilter(InputEvent.ANY, new javafx.event.EventHandler<>() {
            @Override
            public void handle(InputEvent e) {
                if (e.getEventType().getName().endsWith("PRESSED")) {
                    split.widthProperty().removeListener(again);
                    window.removeEventFilter(InputEvent.ANY, this);
                }
            }
        });
    }

    private void restoreEditor(Workspace.Editor e, List<Reference> references) {
        if (e == null) {
            return;
        }
        EditorModel editor = model.editor();
        EditorState now = editor.memory().snapshot();
        EditorState state = new EditorState(or(e.prompt(), now.prompt()), references, or(e.width(), now.width()),
                or(e.height(), now.height()), or(e.seed(), now.seed()), or(e.seedLocked(), now.seedLocked()),
                or(e.guidance(), now.guidance()), or(e.finalSteps(), now.finalSteps()),
                or(e.providerId(), now.providerId()), format(e.outputFormat(), now.outputFormat()),
                or(e.promptUpsampling(), now.promptUpsampling()), or(e.liveDrafts(), now.liveDrafts()));
        try {
            editor.memory().restore(state);
        } catch (RuntimeException invalid) { // a hand-edited file out of range: the defaults, and say so
            model.preview().say("The saved editor could not be restored: " + invalid.getMessage());
            return;
        }
        if (!EditorModel.isPaid(editor.providerProperty().get())) {
            editor.memory().sendRestored(); // free: a draft of where the designer left off
        } else if (!state.prompt().isBlank()) {
            model.preview().say("Restored your last session. Drafts on "
                    + editor.providerProperty().get().info().displayName()
                    + " cost money: none is sent until you edit or press Draft now.");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static OutputFormat format(String wire, OutputFormat fallback) {
        if (wire == null) {
            return fallback;
        }
        for (OutputFormat f : OutputFormat.values()) {
            if (f.wireName().equalsIgnoreCase(wire) || f.name().equalsIgnoreCase(wire)) {
                return f;
            }
        }
        return fallback;
    }

    private void listen() {
        InvalidationListener changed = o -> changed();
        EditorModel e = model.editor();
        for (Observable o : List.<Observable>of(e.promptProperty(), e.references().items(), e.widthProperty(),
                e.heightProperty(), e.seedProperty(), e.seedLockedProperty(), e.guidanceProperty(),
                e.finalStepsProperty(), e.providerProperty(), e.outputFormatProperty(), e.promptUpsamplingProperty(),
                e.liveDraftsProperty(), stage.maximizedProperty())) {
            o.addListener(changed);
        }
        HistoryBrowserModel h = window.historyModel();
        for (Observable o : List.<Observable>of(h.searchProperty(), h.starredOnlyProperty(), h.keepersOnlyProperty(),
                h.kindProperty(), h.supersededOnlyProperty(), h.providerIdProperty())) {
            o.addListener(changed);
        }
        for (SplitPane.Divider d : window.split().getDividers()) {
            d.positionProperty().addListener(changed);
        }
        InvalidationListener moved = o -> {
            if (!stage.isMaximized() && !stage.isIconified() && !stage.isFullScreen()) {
                normal = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
            changed();
        };
        for (Observable o : List.<Observable>of(stage.xProperty(), stage.yProperty(), stage.widthProperty(),
                stage.heightProperty())) {
            o.addListener(moved);
        }
    }

    private void changed() {
        if (closed) {
            return;
        }
        if (pending != null) {
            pending.cancel();
        }
        pending = timer.schedule(PAUSE, () -> tasks.onFx(this::saveNow));
    }

    /** Saves what is on screen now: read on the FX thread, written off it. */
    private void saveNow() {
        Snapshot snapshot = snapshot();
        long seq = ++asked;
        tasks.action("Saving the workspace", () -> write(seq, snapshot)).onError(f -> {
            LOG.log(System.Logger.Level.WARNING, "workspace not saved: " + f.message());
            if (!failedOnce) { // once: a disk that stays full would otherwise say it every second
                failedOnce = true;
                model.preview().say("The workspace could not be saved: " + f.reason());
            }
        }).start();
    }

    private record Snapshot(EditorState editor, Workspace.WindowPlace window, List<Double> dividers,
            Workspace.HistoryFilters history) {
    }

    private Snapshot snapshot() {
        HistoryBrowserModel h = window.historyModel();
        RenderKind kind = h.kindProperty().get();
        List<Double> dividers = new ArrayList<>();
        for (double d : window.split().getDividerPositions()) {
            dividers.add(d);
        }
        return new Snapshot(model.editor().memory().snapshot(), new Workspace.WindowPlace(normal.getMinX(),
                normal.getMinY(), normal.getWidth(), normal.getHeight(), stage.isMaximized()), dividers,
                new Workspace.HistoryFilters(h.searchProperty().get(), h.providerIdProperty().get(),
                        h.starredOnlyProperty().get(), h.keepersOnlyProperty().get(), kind == null ? null : kind.name(),
                        h.supersededOnlyProperty().get()));
    }

    /** Off the FX thread. Saves may overlap in the pool: an older snapshot never overwrites a newer one. */
    private void write(long seq, Snapshot s) throws IOException {
        synchronized (writing) {
            if (seq < written) {
                return;
            }
            List<Workspace.ReferenceFile> files = new ArrayList<>();
            Set<String> paths = new HashSet<>();
            for (Reference r : s.editor().references()) {
                String path = store.keepReference(r.sha256(), r.mediaType(), r.bytes());
                paths.add(path);
                files.add(new Workspace.ReferenceFile(path, r.sha256(), r.mediaType(), r.width(), r.height()));
            }
            EditorState e = s.editor();
            store.save(new Workspace(new Workspace.Editor(e.prompt(), files, e.width(), e.height(), e.seed(),
                    e.seedLocked(), e.guidance(), e.finalSteps(), e.providerId(),
                    e.outputFormat() == null ? null : e.outputFormat().wireName(),
                    e.promptUpsampling(), e.liveDrafts()), s.window(), s.dividers(), s.history()));
            store.forgetReferencesBut(paths);
            written = seq;
        }
    }

    /**
     * The window is closing: one last save, queued before the studio's task pool stops (its grace lets it
     * finish; the file is small, so quitting still takes well under a second).
     */
    public void close() {
        if (closed) {
            return;
        }
        if (pending != null) {
            pending.cancel();
        }
        saveNow();
        closed = true;
    }
}
