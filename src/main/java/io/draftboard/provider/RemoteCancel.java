package io.draftboard.provider;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/** Remote cancels are best effort: whatever the provider answers, the job is already abandoned locally. */
public final class RemoteCancel {
    public static final Callback IGNORE_ANSWER = new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
        }

        @Override
        public void onResponse(Call call, Response response) {
            response.close();
        }
    };

    private RemoteCancel() {
    }
}
