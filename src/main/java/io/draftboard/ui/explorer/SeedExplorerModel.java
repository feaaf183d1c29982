package io.draftboard.ui.explorer;

import io.draftboard.generation.Cost;
import io.draftboard.generation.GenerationRequest;
import io.draftboard.generation.JobHandle;
import io.draftboard.generation.JobOutcome;
import io.draftboard.generation.RenderKind;
import io.draftboard.generation.ShownDraft;
import io.draftboard.generation.Job;
import io.draftboard.generation.JobEvent;
import io.draftboard.generation.Provider;
import io.draftboard.generation.RenderService;
import io.draftboard.ui.studio.ImageDecoder;
import io.draftboard.ui.task.TaskRunner;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

/**
 * The seed explorer: one prompt, a grid of cheap drafts with different seeds. They all go to the job runner
 * at once, which runs them as concurrently as the provider allows; picking one locks its seed and makes it
 * the draft the final reproduces.
 */
public final class SeedExplorerModel {
    public static final int DEFAULT_COUNT = 4;
    public static final int MAX_COUNT = 9;

    /** One cell of the grid. */
    public static final class Tile {
        private final long seed;
        private final ObjectProperty<Image> image = new SimpleObjectProperty<>();
        private final StringProperty state = new SimpleStringProperty("queued");
        private ShownDraft draft;
        private JobHandle handle;

        Tile(long seed) {
            this.seed = seed;
        }

        public long seed() {
            return seed;
        }

        public ObjectProperty<Image> imageProperty() {
            return image;
        }

        public StringProperty stateProperty() {
            return state;
        }

        public boolean isReady() {
            return draft != null;
        }
    }

    /** What the explorer drafts: the editor's request as a draft, on the editor's provider. */
    public interface DraftSource {
        /** The editor's request at draft steps, or empty (the editor then says why). */
        Optional<GenerationRequest> draft();

        Provider provider();
    }

    private final RenderService renders;
    private final TaskRunner tasks;
    private final ImageDecoder decoder;
    private final LongSupplier seeds;
    private final DraftSource editor;
    private final Consumer<ShownDraft> adopt;
    private final ObservableList<Tile> tiles = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyObjectWrapper<Tile> chosen = new javafx.beans.property.ReadOnlyObjectWrapper<>();

    /** {@code adopt} makes a picked draft the one on screen, its seed locked. */
    public SeedExplorerModel(RenderService renders, TaskRunner tasks, ImageDecoder decoder, LongSupplier seeds,
            DraftSource editor, Consumer<ShownDraft> adopt) {
        this.renders = renders;
        this.tasks = tasks;
        this.decoder = decoder;
        this.seeds = seeds;
        this.editor = editor;
        this.adopt = adopt;
    }

    /** Fires {@code count} drafts of the editor's request with distinct fresh seeds. */
    public boolean explore(int count) {
        int n = Math.max(1, Math.min(MAX_COUNT, count));
        Optional<GenerationRequest> draft = editor.draft();
        if (draft.isEmpty()) {
            message.set("Write a prompt first: the explorer drafts it with " + n + " different seeds.");
            return false;
        }
        GenerationRequest base = draft.get();
        Provider provider = editor.provider();
        Cost each = provider.estimateCost(base);
        Cost total = new Cost(each.usd() * n, each.estimated());
        Optional<String> refused = renders.spend().refusal(total);
        if (refused.isPresent()) {
            message.set(refused.get());
            return false;
        }
        cancelAll();
        Set<Long> seeds = new LinkedHashSet<>();
        while (seeds.size() < n) {
            seeds.add(this.seeds.getAsLong());
        }
        List<Tile> fresh = new ArrayList<>();
        for (long seed : seeds) {
            fresh.add(new Tile(seed));
        }
        chosen.set(null);
        tiles.setAll(fresh);
        message.set(n + " drafts at " + base.steps() + " steps, " + total.display() + " in all. Click one to keep its seed.");
        for (Tile tile : fresh) {
            GenerationRequest request = base.withSeed(tile.seed);
            tile.handle = renders.submit(new Job(request, provider, RenderKind.DRAFT, null), event -> {
                if (event instanceof JobEvent.Started) {
                    tasks.onFx(() -> tile.state.set("rendering"));
                }
            });
            tile.handle.outcome().thenAccept(outcome -> landed(tile, request, outcome));
        }
        return true;
    }

    private void landed(Tile tile, GenerationRequest request, JobOutcome outcome) {
        if (outcome instanceof JobOutcome.Succeeded s) {
            ShownDraft draft = new ShownDraft(request, s.result(), s.generationId(), s.timings());
            tasks.task("Showing a seed's draft", () -> decoder.decode(s.result().image())).onSuccess(image -> {
                tile.draft = draft;
                tile.image.set(image);
                tile.state.set("seed " + tile.seed);
            }).onError(f -> tile.state.set(f.reason())).start();
        } else {
            String text = outcome instanceof JobOutcome.Failed f ? f.kind().title() : "cancelled";
            tasks.onFx(() -> tile.state.set(text));
        }
    }

    /** Locks the tile's seed; its draft becomes the one on screen, which Ctrl+Enter finalises. */
    public boolean pick(Tile tile) {
        if (!tile.isReady()) {
            message.set("That draft has not landed yet.");
            return false;
        }
        adopt.accept(tile.draft);
        chosen.set(tile);
        message.set("Seed " + tile.seed + " locked: Ctrl+Enter renders it as the final.");
        return true;
    }

    public void cancelAll() {
        for (Tile tile : tiles) {
            if (tile.handle != null && !tile.handle.isDone()) {
                tile.handle.cancel();
            }
        }
    }

    public ObservableList<Tile> tiles() {
        return tiles;
    }

    /** The tile picked last (its seed is the one locked), or null before a pick. */
    public javafx.beans.property.ReadOnlyObjectProperty<Tile> chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
