package io.draftboard.cli;

import io.draftboard.app.Draftboard;
import io.draftboard.generation.CreditBalance;
import io.draftboard.generation.Provider;
import io.draftboard.generation.ProviderCapabilities;
import io.draftboard.generation.ProviderException;
import io.draftboard.generation.SetupCheck;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List the providers, what each supports, whether a key is set, credit balances, and whether "
                + "a ComfyUI server is ready.")
final class ProvidersCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Option(names = "--credits",
            description = "Ask each provider that reports a balance (Black Forest Labs) for it (needs its key).")
    boolean credits;

    @Option(names = "--check",
            description = "Ask each provider that runs on your own server (ComfyUI) whether it has the nodes and model "
                    + "files it needs, in one sentence.")
    boolean check;

    ProvidersCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Draftboard app = Cli.open(env)) {
            for (Provider p : app.providers().all()) {
                ProviderCapabilities c = p.info().capabilities();
                String key = p.info().id().equals("offline") ? "no key needed" : keyStatus(app, p);
                env.out().println(String.format(Locale.ROOT, "%-10s %-34s model %-30s refs \u2264%-2d sides %d-%d steps \u2265%d %s, %s",
                        p.info().id(), p.info().displayName(), Terminal.oneLine(p.info().model()), c.maxReferences(), c.minSide(),
                        c.maxSide(), c.minSteps(), c.canCancel() ? "cancellable" : "no cancel", key));
            }
            if (check) {
                for (Provider p : app.providers().all()) {
                    Optional<SetupCheck> setup = p.setupCheck();
                    if (setup.isEmpty()) {
                        continue;
                    }
                    try {
                        env.out().println(p.info().displayName() + ": " + setup.get().check().sentence());
                    } catch (ProviderException e) {
                        throw new UserError(e.kind().title() + ": " + e.getMessage(), e.kind().exitCode());
                    }
                }
            }
            if (credits) {
                for (Provider p : app.providers().all()) {
                    Optional<CreditBalance> account = p.credits();
                    if (account.isEmpty()) {
                        continue;
                    }
                    try {
                        CreditBalance.Balance balance = account.get().fetch();
                        env.out().println(String.format(Locale.ROOT, "%s credits: %.1f ($%.2f)", p.info().displayName(),
                                balance.credits(), balance.usd()));
                    } catch (ProviderException e) {
                        throw new UserError(e.kind().title() + ": " + e.getMessage(), e.kind().exitCode());
                    }
                }
            }
        }
        return ExitCode.OK;
    }

    /** A provider with a setup check (ComfyUI) works without a key: its token is only for a server behind a proxy. */
    private static String keyStatus(Draftboard app, Provider provider) {
        try {
            var key = app.keys().get(provider.info().id());
            return key != null ? "key set (" + key.hint() + ")"
                    : provider.setupCheck().isPresent() ? "no token (optional)" : "no key";
        } catch (IllegalArgumentException unusable) { // the message names the problem, never the key
            return "key not usable: " + unusable.getMessage();
        }
    }
}
