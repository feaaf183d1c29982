package io.draftboard.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {
    private final List<String> seen = new ArrayList<>();
    private final List<TaskFailure> unhandled = new ArrayList<>();
    private final TaskRunner tasks = TaskRunnerCore.sameThread(unhandled::add);

    @Test
    void successThenFinallyInThatOrder() {
        tasks.task("Counting", () -> 42).onSuccess(v -> seen.add("ok " + v)).onError(f -> seen.add("error"))
                .andFinally(() -> seen.add("finally")).start();

        assertThat(seen).containsExactly("ok 42", "finally");
        assertThat(unhandled).isEmpty();
    }

    @Test
    void aFailureReachesItsHandlerWithOneLineForTheDesigner() {
        tasks.task("Reading history", () -> {
            throw new IOException("the disk is full");
        }).onSuccess(v -> seen.add("ok")).onError(f -> seen.add(f.message())).andFinally(() -> seen.add("finally"))
                .start();

        assertThat(seen).containsExactly("Reading history failed: the disk is full", "finally");
        assertThat(unhandled).isEmpty();
    }

    @Test
    void aFailureNobodyHandlesGoesToTheFallbackInsteadOfDyingInThePool() {
        tasks.action("Starring #7", () -> {
            throw new IllegalStateException();
        }).andFinally(() -> seen.add("finally")).start();

        assertThat(unhandled).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("Starring #7 failed: IllegalStateException");
            assertThat(f.cause()).isInstanceOf(IllegalStateException.class);
        });
        assertThat(seen).containsExactly("finally");
    }

    @Test
    void aCallbackThatThrowsIsReportedNotLost() {
        tasks.task("Loading", () -> 1).onSuccess(v -> {
            throw new IllegalArgumentException("bad row");
        }).start();

        assertThat(unhandled).extracting(TaskFailure::message).containsExactly("Loading failed: bad row");
    }

    @Test
    void aTaskStartsOnce() {
        Task<Integer> task = tasks.task("Once", () -> 1);
        task.start();
        org.assertj.core.api.Assertions.assertThatThrownBy(task::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pooledWorkRunsOffTheCallerAndDeliversThroughTheDeliveryExecutor() throws Exception {
        BlockingQueue<String> delivered = new ArrayBlockingQueue<>(4);
        Thread caller = Thread.currentThread();
        TaskRunnerCore pooled = TaskRunnerCore.pooled("test-pool", 1,
                r -> { // a stand-in for the FX thread: marks what it runs
                    delivered.add("delivered");
                    r.run();
                }, unhandled::add);
        try {
            pooled.task("Where", () -> Thread.currentThread() != caller
                    && Thread.currentThread().getName().startsWith("test-pool")).onSuccess(offCaller ->
                    delivered.add("off caller " + offCaller)).start();
            assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo("delivered");
            assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo("off caller true");
        } finally {
            pooled.shutdown();
        }
    }

    @Test
    void afterShutdownNothingRunsOrIsDelivered() {
        TaskRunnerCore runner = TaskRunnerCore.sameThread(unhandled::add);
        runner.shutdown();
        runner.task("Late", () -> seen.add("ran")).onSuccess(v -> seen.add("delivered")).start();
        runner.onFx(() -> seen.add("fx"));

        assertThat(seen).isEmpty();
    }
}
