package io.draftboard.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the detail goes: {@code logs/draftboard.log} in the data directory, configured on
 * {@code java.util.logging}'s root logger (which also backs every {@code System.Logger}) in place of the
 * console handler, so no stack trace ever reaches the terminal. The user gets one line; the log gets the
 * trace.
 *
 * <p>Size-bounded: past {@link #MAX_BYTES} the file is rotated to {@code draftboard.log.1} (and that one to
 * {@code .2}, the oldest dropped), so the logs never take more than about {@link #FILES} × {@link #MAX_BYTES}.
 * Every configured key is replaced by {@code ****} in each record before it is written. Records are appended
 * whole, so several processes (the studio beside CLIs) can share the file. The file is created owner-only. A
 * log that cannot be written (a full disk, a read-only home) is given up silently: it must never turn into
 * output on the terminal.
 */
public final class LogFile implements AutoCloseable {
    public static final String FILE_NAME = "draftboard.log";
    static final long MAX_BYTES = 1024 * 1024;
    static final int FILES = 3;

    private final Path file;
    private final FileHandler handler;
    private final Handler[] replaced;
    private final Level replacedLevel;

    private LogFile(Path file, FileHandler handler, Handler[] replaced, Level replacedLevel) {
        this.file = file;
        this.handler = handler;
        this.replaced = replaced;
        this.replacedLevel = replacedLevel;
    }

    /**
     * Sends every log record of level INFO and above to {@code dataHome/logs/draftboard.log} instead of the
     * console, until {@link #close}. {@code secrets} lists what must never be written (every configured key).
     */
    public static LogFile install(Path dataHome, Supplier<List<String>> secrets) {
        Path file = dataHome == null ? null : dataHome.resolve("logs").resolve(FILE_NAME);
        FileHandler handler = new FileHandler(file, secrets);
        Logger root = Logger.getLogger("");
        Handler[] replaced = root.getHandlers();
        Level replacedLevel = root.getLevel();
        for (Handler h : replaced) {
            root.removeHandler(h);
        }
        root.addHandler(handler);
        if (replacedLevel == null || replacedLevel.intValue() > Level.INFO.intValue()) {
            root.setLevel(Level.INFO);
        }
        return new LogFile(file, handler, replaced, replacedLevel);
    }

    /** The log file (it exists once something was logged); null when there is no usable data directory. */
    public Path file() {
        return file;
    }

    /** How many warnings and errors were logged since {@link #install}: the user's line then says where. */
    public int problems() {
        return handler.problems.get();
    }

    /** Whether the records so far reached the file (false with no data directory, or a disk that refused). */
    public boolean written() {
        return file != null && !handler.broken() && Files.exists(file);
    }

    /** Puts the handlers that were there before back (in-process runs, tests). */
    @Override
    public void close() {
        Logger root = Logger.getLogger("");
        root.removeHandler(handler);
        handler.close();
        for (Handler h : replaced) {
            root.addHandler(h);
        }
        root.setLevel(replacedLevel);
    }

    /** One record per append, rotated by size, scrubbed of secrets; silent when the disk refuses. */
    static final class FileHandler extends Handler {
        private static final ThreadLocal<Boolean> PUBLISHING = ThreadLocal.withInitial(() -> false);
        private final Path file;
        private final Supplier<List<String>> secrets;
        private final AtomicInteger problems = new AtomicInteger();
        private final Formatter formatter = new Formatter() {
            @Override
            public String format(LogRecord r) {
                StringBuilder b = new StringBuilder();
                b.append(Instant.ofEpochMilli(r.getMillis())).append(' ').append(r.getLevel().getName()).append(' ')
                        .append(r.getLoggerName()).append(": ").append(formatMessage(r)).append(System.lineSeparator());
                if (r.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(trace));
                    b.append(trace);
                }
                return b.toString();
            }
        };
        private boolean broken;

        FileHandler(Path file, Supplier<List<String>> secrets) {
            this.file = file;
            this.secrets = secrets;
            setLevel(Level.INFO);
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record) || PUBLISHING.get()) {
                return; // a record logged while writing one (reading the key file, say) is dropped, not looped
            }
            PUBLISHING.set(true);
            try {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    problems.incrementAndGet();
                }
                String text = redact(formatter.format(record));
                write(text.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // logging must never fail the caller, nor print anywhere
            } finally {
                PUBLISHING.set(false);
            }
        }

        private String redact(String text) {
            for (String secret : secrets.get()) {
                if (!secret.isEmpty()) {
                    text = text.replace(secret, "****");
                }
            }
            return text;
        }

        private synchronized void write(byte[] bytes) {
            if (broken || file == null) {
                return;
            }
            try {
                Files.createDirectories(file.getParent());
                if (Files.exists(file) && Files.size(file) + bytes.length > MAX_BYTES) {
                    rotate();
                }
                if (!Files.exists(file)) {
                    create();
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            } catch (IOException | RuntimeException e) {
                broken = true; // a full disk or a read-only home: the terminal still gets its one line
            }
        }

        private void rotate() throws IOException {
            for (int i = FILES - 1; i >= 1; i--) {
                Path from = i == 1 ? file : file.resolveSibling(FILE_NAME + "." + (i - 1));
                if (Files.exists(from)) {
                    Files.move(from, file.resolveSibling(FILE_NAME + "." + i), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }

        private void create() throws IOException {
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            } catch (java.nio.file.FileAlreadyExistsException another) {
                // another process made it first
            }
        }

        synchronized boolean broken() {
            return broken;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
