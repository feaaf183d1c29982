package io.draftboard.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/** Delivers work to the JavaFX thread: at once when already on it, else through {@code runLater}. */
public final class FxExecutor implements Executor {
    public static final FxExecutor INSTANCE = new FxExecutor();

    private FxExecutor() {
    }

    @Override
    public void execute(Runnable command) {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    }
}
