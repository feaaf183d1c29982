package io.draftboard.provider;

import io.draftboard.generation.CancelCharge;
import io.draftboard.generation.JobCancelledException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A provider's cancel call for one job. It is sent without waiting (cancel hooks may run on the UI thread), and
 * the job's own thread, which is ending anyway, may then wait a moment for the answer to learn whether the
 * provider will bill the job. Whatever the provider answers, the job is already abandoned locally.
 */
public final class RemoteCancel {
    /** How long a cancelled job waits for the provider to say whether it bills it; then it counts as billed. */
    public static final Duration ANSWER_WAIT = Duration.ofSeconds(5);

    /** Fire and forget, for cancels whose answer says nothing about billing. */
    public static final Callback IGNORE_ANSWER = new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
        }

        @Override
        public void onResponse(Call call, Response response) {
            response.close();
        }
    };

    /** The provider's answer to a cancel: its status code and (small) body. */
    public record Answer(int code, String body) {
    }

    private final OkHttpClient client;
    private final Request request;
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private volatile boolean sent;

    public RemoteCancel(OkHttpClient client, Request request) {
        this.client = client;
        this.request = request;
    }

    /** Sends the cancel once; never blocks. */
    public void send() {
        synchronized (this) {
            if (sent) {
                return;
            }
            sent = true;
        }
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                answer.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    answer.complete(new Answer(response.code(), response.body().string()));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }
        });
    }

    /** The provider's answer, if the cancel was sent and answered within {@link #ANSWER_WAIT}. */
    public Optional<Answer> awaitAnswer() {
        if (!sent) {
            return Optional.empty();
        }
        try {
            return Optional.of(answer.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The cancellation to throw for a job that ended because it was cancelled: carries what the provider's
     * answer says about billing ({@code reading} maps an answer; no answer is {@link CancelCharge#UNKNOWN}).
     */
    public JobCancelledException cancelled(Function<Answer, CancelCharge> reading) {
        return new JobCancelledException(awaitAnswer().map(reading).orElse(CancelCharge.UNKNOWN));
    }
}
