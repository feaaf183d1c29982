package io.draftboard.app;

import io.draftboard.cli.Cli;
import io.draftboard.cli.CliEnvironment;
import io.draftboard.ui.StudioApp;

/**
 * Entry point of {@code draftboard.jar}: no arguments opens the studio, anything else is a headless
 * command. Deliberately not a JavaFX {@code Application}, so the jar starts from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            StudioApp.launchStudio();
            return;
        }
        System.exit(Cli.run(args, CliEnvironment.system()));
    }
}
