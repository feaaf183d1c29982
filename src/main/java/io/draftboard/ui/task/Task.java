package io.draftboard.ui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * One piece of background work, configured fluently and then started once. Callbacks run on the FX thread
 * (through the runner's delivery executor), in the order: success or error, then finally.
 */
public final class Task<T> {
    private final String what;
    private final Callable<T> work;
    private final TaskRunnerCore runner;
    private Consumer<? super T> success = value -> { };
    private Consumer<TaskFailure> error;
    private Runnable always = () -> { };
    private boolean started;

    Task(String what, Callable<T> work, TaskRunnerCore runner) {
        this.what = what;
        this.work = work;
        this.runner = runner;
    }

    public Task<T> onSuccess(Consumer<? super T> onFx) {
        this.success = onFx;
        return this;
    }

    /** Without one, a failure goes to the runner's fallback (logged and shown in the status line). */
    public Task<T> onError(Consumer<TaskFailure> onFx) {
        this.error = onFx;
        return this;
    }

    public Task<T> andFinally(Runnable onFx) {
        this.always = onFx;
        return this;
    }

    public void start() {
        if (started) {
            throw new IllegalStateException(what + " was already started");
        }
        started = true;
        runner.submit(this);
    }

    String what() {
        return what;
    }

    Callable<T> work() {
        return work;
    }

    Consumer<? super T> success() {
        return success;
    }

    Consumer<TaskFailure> error() {
        return error;
    }

    Runnable always() {
        return always;
    }
}
