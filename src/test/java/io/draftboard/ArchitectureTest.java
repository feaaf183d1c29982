package io.draftboard;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.draftboard.app.Draftboard;
import io.draftboard.http.HttpClients;
import io.draftboard.settings.ApiKey;
import java.util.Arrays;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * The package table of docs/architecture.md, row by row: each package may depend on the Draftboard packages its
 * row names and on no other. A new arrow between packages fails the build until the table (here and in the
 * document) says it is meant. Production classes only; tests may reach anywhere.
 */
@AnalyzeClasses(packages = "io.draftboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "io.draftboard.";
    /** The remote providers; each knows one API's wire format and nothing of another's. */
    private static final String[] REMOTE_PROVIDERS = {"provider.bfl", "provider.cloudflare", "provider.comfyui",
        "provider.fal", "provider.openai", "provider.replicate", "provider.runflow"};
    private static final String[] UI_LIBRARIES = {"javafx..", "atlantafx..", "org.controlsfx..", "org.kordamp.ikonli.."};

    /**
     * Classes in {@code pkg} (a package name under io.draftboard; "x.." includes subpackages) depend on no
     * Draftboard package but {@code pkg} itself and {@code allowed}.
     */
    private static ArchRule row(String pkg, String because, String... allowed) {
        String[] ok = Stream.concat(Stream.of(pkg), Arrays.stream(allowed)).map(p -> ROOT + p).toArray(String[]::new);
        return classes().that().resideInAPackage(ROOT + pkg)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.draftboard..").or(resideInAnyPackage(ok)))
                .because(because);
    }

    private static String[] with(String[] a, String... b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    // ---- the table, from the bottom up ----

    @ArchTest
    static final ArchRule generation = classes().that().resideInAPackage(ROOT + "generation..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + "generation..")
            .because("the domain is plain Java: no UI, HTTP, SQL, JSON or image library");

    @ArchTest
    static final ArchRule json = row("json", "the one JSON mapper is a leaf over Jackson");

    @ArchTest
    static final ArchRule files = row("files", "atomic file writes are a JDK-only leaf");

    @ArchTest
    static final ArchRule http = row("http", "http is OkHttp plumbing (client, URL checks, Retry-After, bounded "
            + "downloads, its own cancel hook) and knows no job, provider or image", "json");

    @ArchTest
    static final ArchRule imaging = row("imaging", "images are decoded, encoded and prepared without the domain");

    @ArchTest
    static final ArchRule settings = row("settings", "settings and secrets are read and written without history or "
            + "http", "generation", "json", "files");

    @ArchTest
    static final ArchRule history = row("history", "history stores requests and images", "generation", "imaging",
            "json", "files");

    @ArchTest
    static final ArchRule providerSupport = row("provider", "what every provider shares: calls and polling on "
            + "http, failures of generation, result images and references through imaging, keys as settings.ApiKey",
            "generation", "http", "imaging", "settings");

    @ArchTest
    static final ArchRule remoteProviders = CompositeArchRule.of(Arrays.stream(REMOTE_PROVIDERS)
            .map(p -> row(p, "a remote provider uses generation, http and the shared provider support; images only "
                    + "through that support", "generation", "http", "json", "provider", "settings"))
            .toList());

    @ArchTest
    static final ArchRule remoteProvidersAreIndependent = slices().matching(ROOT + "provider.(*)..")
            .should().notDependOnEachOther()
            .because("each provider package is the only place that knows its API");

    @ArchTest
    static final ArchRule offlineProvider = row("provider.offline", "the embedded engine renders with imaging",
            "generation", "imaging");

    @ArchTest
    static final ArchRule providersTakeOnlyKeysFromSettings = noClasses().that().resideInAPackage(ROOT + "provider..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "settings..").and(not(equivalentTo(ApiKey.class))))
            .because("a provider gets its key as a Supplier<ApiKey>, never the settings themselves");

    @ArchTest
    static final ArchRule simulator = row("simulator..", "the simulators fake BFL's and ComfyUI's wire with the offline "
            + "engine",
            "generation", "imaging", "json", "provider", "provider.offline");

    @ArchTest
    static final ArchRule app = row("app", "the composition root builds every service and knows no front end",
            with(REMOTE_PROVIDERS, "generation", "history", "http", "imaging", "json", "files", "provider",
                    "provider.offline", "settings"));

    @ArchTest
    static final ArchRule cli = row("cli", "the CLI runs over the same services; providers only through the "
            + "registry and their capabilities", "app", "generation", "history", "imaging", "json", "files",
            "provider", "settings", "simulator..");

    @ArchTest
    static final ArchRule ui = row("ui..", "the studio uses the services, never a provider's wire format",
            "app", "generation", "history", "http", "imaging", "json", "files", "provider", "settings");

    @ArchTest
    static final ArchRule launch = row("launch", "the launcher picks a front end (and, for a "
            + "plain java -jar, the JVM it runs in)", "cli", "ui", "settings", "files");

    // ---- libraries ----

    @ArchTest
    static final ArchRule onlyTheStudioUsesJavaFx = noClasses().that()
            .resideOutsideOfPackages(ROOT + "ui..", ROOT + "launch..")
            .should().dependOnClassesThat().resideInAnyPackage(UI_LIBRARIES)
            .because("services never import JavaFX; only the studio (and the launcher that opens it) may");

    @ArchTest
    static final ArchRule onlyHistoryUsesSql = noClasses().that().resideOutsideOfPackage(ROOT + "history..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
            .because("SQL lives in history alone");

    @ArchTest
    static final ArchRule noHttpBelowTheProviders = noClasses().that().resideInAnyPackage(ROOT + "generation..",
            ROOT + "history..", ROOT + "imaging..", ROOT + "settings..", ROOT + "json..", ROOT + "files..",
            ROOT + "cli..", ROOT + "simulator..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
            .because("only http, the providers and the composition root talk OkHttp");

    @ArchTest
    static final ArchRule oneHttpClient = noClasses().that()
            .doNotHaveFullyQualifiedName(io.draftboard.http.SharedHttpClient.class.getName())
            .should().callMethod(HttpClients.class, "create")
            .because("the one OkHttp client is made by SharedHttpClient, when the first request needs it");

    @ArchTest
    static final ArchRule oneSharedClient = noClasses().that().doNotHaveFullyQualifiedName(Draftboard.class.getName())
            .should().callConstructor(io.draftboard.http.SharedHttpClient.class)
            .because("the composition root owns the one client and hands it down (Draftboard.http())");

    @ArchTest
    static final ArchRule clientsAreBuiltInOnePlace = noClasses().that().resideOutsideOfPackage(ROOT + "http")
            .should().callConstructor(OkHttpClient.class)
            .orShould().callConstructor(OkHttpClient.Builder.class)
            .orShould().callMethod(OkHttpClient.class, "newBuilder")
            .because("HttpClients is the one place an OkHttp client is configured");

    // ---- no cycles ----

    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages = slices().matching(ROOT + "(*)..").should()
            .beFreeOfCycles().because("each arrow of the table points one way");

    @ArchTest
    static final ArchRule noCyclesBetweenAnyPackages = slices().matching(ROOT + "(**)").should().beFreeOfCycles()
            .because("nor do arrows inside a row loop back (ui.studio and ui.references, provider and provider.bfl)");
}
