import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.css.Stylesheet;

/**
 * Build step (process-classes, see pom.xml): writes foo.bss beside every foo.css under the given classes folder.
 * JavaFX's StyleManager loads foo.bss in place of foo.css when it finds one (unless -Dbinary.css=false), so the
 * studio's first frame does not start the CSS parser at all: AtlantaFX's themes already ship their .bss, and
 * parsing studio.css was the only parse left, most of its cost being the parser's own classes loading cold.
 *
 * <pre>java -cp $(javafx-graphics, javafx-base) src/build/CompileStylesheets.java target/classes</pre>
 */
public final class CompileStylesheets {
    private CompileStylesheets() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<Path> sheets;
        try (Stream<Path> files = Files.walk(root)) {
            sheets = files.filter(p -> p.getFileName().toString().endsWith(".css")).toList();
        }
        for (Path css : sheets) {
            String name = css.getFileName().toString();
            Path bss = css.resolveSibling(name.substring(0, name.length() - 4) + ".bss");
            if (Files.exists(bss) && Files.getLastModifiedTime(bss).compareTo(Files.getLastModifiedTime(css)) >= 0) {
                continue; // up to date
            }
            Stylesheet.convertToBinary(css.toFile(), bss.toFile());
            System.out.println("[stylesheets] " + root.relativize(bss));
        }
    }
}
