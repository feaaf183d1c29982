package io.draftboard.ui.controls;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.skin.ComboBoxListViewSkin;

/**
 * A combo box whose drop-down list joins the scene when it first drops down, and which is as wide as the choice
 * it shows (issue 15).
 *
 * <p>JavaFX's own skin adds its list to the box's children at once, hidden and unmanaged, so that CSS styles it
 * and the box can be as wide as its widest item. The studio's first frame had five: five list views, each with
 * its skin, behaviour, virtual flow and two scroll bars, ~120 of the frame's ~580 nodes for the CSS pass, for
 * lists nobody had opened (the window mapped 1,140 -> 1,020 ms, median of 7 interleaved starts). Here the list
 * is styled when it drops down, in its popup, as wide as its items need; the box is as wide as the choice it
 * shows, so a long choice (a gateway's name with its host) never makes a column cut its neighbours.
 */
public class DropDownSkin<T> extends ComboBoxListViewSkin<T> {

    public DropDownSkin(ComboBox<T> combo) {
        super(combo);
        getChildren().remove(getPopupContent());
        registerInvalidationListener(combo.valueProperty(), o -> combo.requestLayout());
    }

    /** {@code combo} with this skin; returned for chaining. */
    public static <T> ComboBox<T> install(ComboBox<T> combo) {
        combo.setSkin(new DropDownSkin<>(combo));
        return combo;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        Node display = getDisplayNode();
        Node arrow = getSkinnable().lookup(".arrow-button");
        return left + (display == null ? 0 : display.prefWidth(height)) + (arrow == null ? 0 : arrow.prefWidth(-1))
                + right;
    }
}
