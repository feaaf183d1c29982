package io.draftboard.ui.references;

import io.draftboard.generation.Cost;
import io.draftboard.generation.ImageMentions;
import io.draftboard.generation.Reference;
import io.draftboard.history.GenerationMetadata;
import io.draftboard.history.RecalledParameters;
import io.draftboard.imaging.ImageCodec;
import io.draftboard.imaging.ImageLimits;
import io.draftboard.provider.ReferencePreparer;
import io.draftboard.ui.task.TaskRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The reference tray: images numbered in prompt order ("image 1" …). Reading, decoding and downscaling happen
 * off the FX thread through the {@link TaskRunner}; the list changes on the FX thread only. Reordering or removing a reference renumbers
 * the prompt's mentions so each still points at the same picture.
 */
public final class ReferenceTrayModel {
    /** A dropped image that says how it was made, and the name to show for it. */
    public record RecallOffer(String from, RecalledParameters parameters) {
    }

    /** Fetches a dropped link's bytes; the exception's message is shown as is. */
    @FunctionalInterface
    public interface LinkFetcher {
        byte[] fetch(String url) throws Exception;
    }

    private final TaskRunner tasks;
    private final StringProperty prompt;
    private final IntSupplier limit;
    private final Function<List<Reference>, Cost> draftCostWith;
    private final ObservableList<Reference> items = FXCollections.observableArrayList();
    // One wrapper for everyone: it listens to the list weakly, so a fresh one per call could be collected
    // along with every listener added to it.
    private final ObservableList<Reference> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final List<String> batch = new ArrayList<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RecallOffer> offer = new ReadOnlyObjectWrapper<>();
    private final javafx.collections.ObservableMap<String, javafx.scene.image.Image> thumbnails =
            FXCollections.observableHashMap();
    private LinkFetcher links = url -> {
        throw new IOException("links cannot be fetched here");
    };
    private int arriving;

    public ReferenceTrayModel(TaskRunner tasks, StringProperty prompt, IntSupplier limit,
            Function<List<Reference>, Cost> draftCostWith) {
        this.tasks = tasks;
        this.prompt = prompt;
        this.limit = limit;
        this.draftCostWith = draftCostWith;
    }

    public void setLinkFetcher(LinkFetcher fetcher) {
        links = fetcher;
    }

    public ObservableList<Reference> items() {
        return readOnlyItems;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RecallOffer> offerProperty() {
        return offer.getReadOnlyProperty();
    }

    public void say(String text) {
        message.set(text);
    }

    public void dismissOffer() {
        offer.set(null);
    }

    public int limit() {
        return limit.getAsInt();
    }

    /** Takes whatever was dropped or pasted; each refused item gets its own sentence. */
    public void accept(DropPayload payload) {
        batch.clear();
        List<Arrival> arrivals = new ArrayList<>();
        if (payload instanceof DropPayload.Files f) {
            f.paths().forEach(path -> arrivals.add(new Arrival(
                    path.getFileName() == null ? path.toString() : path.getFileName().toString(), () -> ImageCodec.readFile(path, ImageLimits.DEFAULT))));
        } else if (payload instanceof DropPayload.Link l) {
            arrivals.add(new Arrival(shorten(l.url()), () -> links.fetch(l.url())));
        } else if (payload instanceof DropPayload.Pixels p) {
            arrivals.add(new Arrival("the pasted image", () -> io.draftboard.imaging.PngWriter.encode(p.image(), List.of())));
        }
        List<Arrival> admitted = new ArrayList<>();
        for (Arrival a : arrivals) {
            if (items.size() + arriving + admitted.size() >= limit()) {
                report("Refused " + a.name() + ": this provider takes at most " + limit() + " reference images.");
            } else {
                admitted.add(a);
            }
        }
        if (admitted.isEmpty()) {
            return;
        }
        arriving += admitted.size();
        // One task per drop, in drop order: the files become image N, N+1 … in the order the designer chose.
        tasks.action("Reading the dropped images", () -> admitted.forEach(this::intake)).start();
    }

    @FunctionalInterface
    private interface Source {
        byte[] read() throws Exception;
    }

    private record Arrival(String name, Source source) {
    }

    /** Runs off the FX thread; each result reaches it in turn, so order is kept. */
    private void intake(Arrival arrival) {
        String name = arrival.name();
        try {
            byte[] bytes = arrival.source().read();
            Reference reference = ReferencePreparer.prepare(bytes, ReferencePreparer.DEFAULT_PIXEL_BUDGET);
            javafx.scene.image.Image thumb = thumbnailOf(reference);
            Optional<RecalledParameters> recalled = GenerationMetadata.recall(bytes);
            tasks.onFx(() -> {
                arriving--;
                thumbnails.put(reference.sha256(), thumb);
                add(name, reference);
                recalled.ifPresent(r -> offer.set(new RecallOffer(name, r)));
            });
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            tasks.onFx(() -> {
                arriving--;
                report("Refused " + name + ": " + why);
            });
        }
    }

    private void add(String name, Reference reference) {
        int existing = indexOf(reference.sha256());
        if (existing >= 0) {
            report(name + " is already in the tray as image " + (existing + 1) + ".");
            return;
        }
        if (items.size() >= limit()) {
            report("Refused " + name + ": this provider takes at most " + limit() + " reference images.");
            return;
        }
        items.add(reference);
        report(String.format(Locale.ROOT, "Added %s as image %d (%s). Mention it as \u201c%s\u201d.", name,
                items.size(), megapixels(reference), ImageMentions.mention(items.size())));
    }

    /** One drop can bring several files: the message keeps a sentence for each, in drop order. */
    private void report(String sentence) {
        batch.add(sentence);
        message.set(String.join(" ", batch));
    }

    public static String megapixels(Reference reference) {
        double mp = reference.megapixels();
        return mp < 0.01 ? "<0.01 MP" : String.format(Locale.ROOT, "%.2f MP", mp);
    }

    private int indexOf(String sha256) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).sha256().equals(sha256)) {
                return i;
            }
        }
        return -1;
    }

    public void remove(int index) {
        List<String> before = hashes();
        items.remove(index);
        renumber(before);
        message.set(""); // "Added … as image N" no longer describes the chips
    }

    /** Moves the reference at {@code from} to {@code to}; the prompt's "image N" mentions follow. */
    public void move(int from, int to) {
        if (from == to || from < 0 || to < 0 || from >= items.size() || to >= items.size()) {
            return;
        }
        List<String> before = hashes();
        Reference moved = items.remove(from);
        items.add(to, moved);
        renumber(before);
        message.set(""); // the numbers a message named have changed
    }

    /** Recall: the tray becomes exactly these, with no renumbering (the recalled prompt already matches). */
    public void replaceAll(List<Reference> references) {
        items.setAll(references);
        for (Reference r : references) {
            if (!thumbnails.containsKey(r.sha256())) {
                // A chip whose thumbnail cannot be made shows its number, as it does until one lands.
                tasks.task("Making a chip thumbnail", () -> thumbnailOf(r))
                        .onSuccess(thumb -> thumbnails.put(r.sha256(), thumb)).onError(f -> { }).start();
            }
        }
    }

    /** Chip thumbnails by reference hash, decoded off the FX thread; a chip shows its number until it lands. */
    public javafx.collections.ObservableMap<String, javafx.scene.image.Image> thumbnails() {
        return thumbnails;
    }

    private static javafx.scene.image.Image thumbnailOf(Reference reference) {
        return new javafx.scene.image.Image(new java.io.ByteArrayInputStream(reference.bytes()), 64, 64, true, true);
    }

    /** A different provider may take fewer: say so, but never drop a designer's images silently. */
    public void limitChanged() {
        if (items.size() > limit()) {
            message.set("This provider takes at most " + limit() + " reference images; remove "
                    + (items.size() - limit()) + " before rendering.");
        }
    }

    /** What reference {@code index} adds to each draft's cost (inputs are billed per megapixel too). */
    public Cost costImpact(int index) {
        List<Reference> without = new ArrayList<>(items);
        without.remove(index);
        double delta = draftCostWith.apply(List.copyOf(items)).usd() - draftCostWith.apply(without).usd();
        return new Cost(Math.max(0, delta), true);
    }

    private void renumber(List<String> before) {
        prompt.set(ImageMentions.renumber(prompt.get(), before, hashes()));
    }

    private List<String> hashes() {
        return items.stream().map(Reference::sha256).toList();
    }

    private static String shorten(String url) {
        return url.length() > 60 ? url.substring(0, 57) + "\u2026" : url;
    }
}
