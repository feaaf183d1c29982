package io.draftboard.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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

    @Test
    void onRunsWorkAndDeliveriesWhenTheTestDrainsThem() {
        Deque<Runnable> work = new ArrayDeque<>();
        Deque<Runnable> fx = new ArrayDeque<>();
        TaskRunnerCore runner = TaskRunnerCore.on(work::add, fx::add, unhandled::add);

        runner.task("Queued", () -> 7).onSuccess(v -> seen.add("ok " + v)).start();
        assertThat(seen).isEmpty();
        work.removeFirst().run();
        assertThat(seen).isEmpty();
        fx.removeFirst().run();

        assertThat(seen).containsExactly("ok 7");
        assertThat(work).isEmpty();
        assertThat(fx).isEmpty();
    }

    @Test
    void aGracefulShutdownLetsWorkAlreadySubmittedFinishAndDeliversNothing() {
        Thread caller = Thread.currentThread();
        List<String> ran = new CopyOnWriteArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        TaskRunnerCore pooled = TaskRunnerCore.pooled("test-drain", 1, Runnable::run, unhandled::add);
        pooled.action("First", () -> {
            // Holds the only thread until the caller waits in shutdown, so "Second" is still queued by then.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            ran.add("first");
        }).start();
        pooled.action("Second", () -> ran.add("second")).onSuccess(v -> delivered.add("second")).start();

        assertThat(pooled.shutdown(Duration.ofSeconds(10))).isTrue();

        assertThat(ran).containsExactly("first", "second");
        assertThat(delivered).isEmpty();
        pooled.action("Late", () -> ran.add("late")).start();
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void aGracefulShutdownInterruptsWorkThatOutstaysItsPatience() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        BlockingQueue<String> how = new ArrayBlockingQueue<>(1);
        TaskRunnerCore pooled = TaskRunnerCore.pooled("test-stuck", 1, Runnable::run, unhandled::add);
        pooled.action("Stuck", () -> {
            try {
                never.await();
                how.add("finished");
            } catch (InterruptedException e) {
                how.add("interrupted");
            }
        }).start();

        assertThat(pooled.shutdown(Duration.ofMillis(50))).isFalse();

        assertThat(how.poll(5, TimeUnit.SECONDS)).isEqualTo("interrupted");
    }
}
