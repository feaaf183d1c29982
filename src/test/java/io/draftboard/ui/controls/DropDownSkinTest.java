package io.draftboard.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A combo box whose list is built when it first drops down: nothing of the list in the window before, then a
 * list that shows every choice whole, picks by mouse and keys, and a box as wide as the choice it shows.
 */
@ExtendWith(ApplicationExtension.class)
class DropDownSkinTest {
    private static final String LONG = "Lumenfall gateway (gateway.lumenfall.example.com)";
    private ComboBox<String> combo;

    @Start
    void start(Stage stage) {
        combo = DropDownSkin.install(new ComboBox<>());
        combo.setId("choice");
        combo.getItems().setAll("Any provider", "BFL", LONG);
        combo.setValue("BFL");
        stage.setScene(new Scene(new HBox(combo), 900, 400));
        stage.show();
    }

    private ListView<?> list() {
        return (ListView<?>) ((DropDownSkin<?>) combo.getSkin()).getPopupContent();
    }

    @Test
    void theListIsBuiltWhenItFirstDropsDownAndShowsEveryChoiceWhole(FxRobot robot) throws Exception {
        assertThat(combo.lookupAll(".list-view")).isEmpty(); // nothing of it styled or laid out with the window
        assertThat(list().getScene()).isNull();
        assertThat(list().getSkin()).isNull();

        robot.clickOn(combo);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list().getScene() != null && list().isVisible()
                && robot.lookup(".list-cell").queryAll().stream().anyMatch(c -> LONG.equals(((ListCell<?>) c).getText())));
        ListCell<?> longest = robot.lookup(".list-cell").queryAll().stream().map(c -> (ListCell<?>) c)
                .filter(c -> LONG.equals(c.getText())).findFirst().orElseThrow();
        assertThat(shown(longest)).isEqualTo(LONG); // not "Lumenfall gateway (gat..."

        robot.clickOn(LONG);

        assertThat(combo.getValue()).isEqualTo(LONG);
        assertThat(combo.isShowing()).isFalse();
    }

    @Test
    void theBoxIsAsWideAsTheChoiceItShowsAndKeysStillPick(FxRobot robot) {
        double narrow = combo.getWidth();
        robot.interact(() -> combo.setValue(LONG));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(combo.getWidth()).isGreaterThan(narrow + 100);
        ListCell<?> button = (ListCell<?>) combo.lookup(".list-cell");
        assertThat(shown(button)).isEqualTo(LONG);

        robot.clickOn(combo).type(KeyCode.ESCAPE); // focused, closed
        robot.type(KeyCode.UP);

        assertThat(combo.getValue()).isEqualTo("BFL");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(combo.getWidth()).isLessThan(narrow + 1);
    }

    /** What a cell draws: its text, or the ellipsised text when its width cuts it. */
    private static String shown(ListCell<?> cell) {
        return ((Text) cell.lookup(".text")).getText();
    }
}
