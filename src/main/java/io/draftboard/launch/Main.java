package io.draftboard.launch;

import io.draftboard.cli.Cli;
import io.draftboard.cli.CliEnvironment;
import io.draftboard.ui.StudioApp;

/**
 * Entry point of {@code draftboard.jar}: no arguments (or just {@code --provider ID}) opens the studio,
 * anything else is a headless command. Deliberately not a JavaFX {@code Application}, so the jar starts from the class path.
 *
 * <p>It lives above both front ends: {@code app} is the composition root they share and must not know
 * them, or {@code app}, {@code ui} and {@code cli} would form a cycle.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws java.io.IOException {
        if (args.length == 1 && args[0].equals("--cds-train")) { // the AppCDS archive: packaging (CdsArchive), or a jar's
            var jar = JarLaunch.current();
            System.exit(jar.isPresent() ? StudioRelaunch.train(jar.get(), System.getenv(), System.out, System.err)
                    : CdsArchive.train(System.out, System.err));
        }
        if (args.length == 0 || (args.length == 2 && args[0].equals("--provider"))) {
            var relaunched = StudioRelaunch.ifPlainJar(System.getenv()); // java -jar: the packaged launcher's JVM
            if (relaunched.isPresent()) {
                System.exit(relaunched.getAsInt());
            }
            StudioApp.launchStudio(args); // a desktop shortcut per provider: draftboard --provider bfl
            return;
        }
        System.exit(Cli.run(args, CliEnvironment.system()));
    }
}
