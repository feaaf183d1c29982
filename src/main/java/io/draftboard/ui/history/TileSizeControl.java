package io.draftboard.ui.history;

import io.draftboard.settings.StudioSettings.ThumbnailSize;
import io.draftboard.ui.help.Hint;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The S / M / L pills beside the history's title: one tile size is always chosen, and it follows the model. */
final class TileSizeControl {
    private TileSizeControl() {
    }

    static HBox create(ObjectProperty<ThumbnailSize> size) {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.setId("thumbnailSize");
        String[][] sizes = {{"S", "Small tiles"}, {"M", "Medium tiles"}, {"L", "Large tiles"}};
        ThumbnailSize[] values = ThumbnailSize.values();
        for (int i = 0; i < values.length; i++) {
            ThumbnailSize value = values[i];
            ToggleButton b = new ToggleButton(sizes[i][0]);
            b.setId("thumbnails" + value.name().charAt(0) + value.name().substring(1).toLowerCase(Locale.ROOT));
            b.setUserData(value);
            b.setToggleGroup(group);
            Hint.install(b, sizes[i][1]);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.getStyleClass().addAll("small", i == 0 ? "left-pill" : i == values.length - 1 ? "right-pill" : "center-pill");
            box.getChildren().add(b);
        }
        Runnable show = () -> group.getToggles().stream()
                .filter(t -> t.getUserData() == size.get()).findFirst()
                .ifPresent(group::selectToggle);
        show.run();
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                group.selectToggle(a); // one size is always chosen
            } else {
                size.set((ThumbnailSize) b.getUserData());
            }
        });
        size.addListener((o, a, b) -> show.run());
        return box;
    }
}
