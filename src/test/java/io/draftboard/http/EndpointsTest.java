package io.draftboard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8188/", "http://localhost:8188/", "http://[::1]:8188/",
        "http://192.168.1.20:8188/", "http://10.0.0.5/", "http://172.16.0.1/", "http://172.31.255.255/",
        "http://169.254.10.1/", "http://100.101.102.103:8188/", "http://[fd12:3456::1]:8188/", "http://[fe80::1]/",
        "http://gpu-box:8188/", "http://gpu-box.local:8188/", "http://studio.lan/", "http://gpu.home.arpa/",
        "http://render.internal/"})
    void privateHostsTheUserNamesMayBeReachedOverPlainHttp(String url) {
        HttpUrl parsed = Endpoints.localServerUrl(url, "ComfyUI base URL");
        assertThat(Endpoints.isPrivateNetwork(parsed)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://8.8.8.8/", "http://172.32.0.1/", "http://192.169.0.1/", "http://100.128.0.1/",
        "http://example.com:8188/", "http://comfy.example.org/", "http://[2001:db8::1]/", "http://[fc::1]/",
        "http://10.0.0.300/"})
    void publicHostsMustUseHttps(String url) {
        assertThatThrownBy(() -> Endpoints.localServerUrl(url, "ComfyUI base URL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must use https");
        String https = "https" + url.substring(4);
        if (HttpUrl.parse(https) != null) {
            assertThat(Endpoints.localServerUrl(https, "ComfyUI base URL").isHttps()).isTrue();
        }
    }

    @Test
    void remoteProvidersStillTakePlainHttpOnlyToThisMachine() {
        assertThatThrownBy(() -> Endpoints.baseUrl("http://192.168.1.20:8188/", "DRAFTBOARD_BFL_BASE_URL"))
                .hasMessageContaining("only to this machine");
        assertThatThrownBy(() -> Endpoints.localServerUrl("not a url", "ComfyUI base URL"))
                .hasMessageContaining("is not an http(s) URL");
    }
}
