package io.baifang.channels.twilio;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client the Twilio SDK sends through. It differs from the SDK's {@code NetworkHttpClient} in
 * three ways, each on purpose:
 * <ul>
 *   <li><b>One request per call.</b> The SDK's {@code HttpClient.reliableRequest} repeats any 5xx up to three
 *   times, 100 ms apart, without backoff or jitter, and cannot be told not to. Our own retry policy
 *   ({@link TwilioMessageSender}) owns retrying; with both, a 500 storm would cost 3 × 3 requests.</li>
 *   <li><b>Our timeouts.</b> {@code NetworkHttpClient.makeRequest} overwrites every request's configuration
 *   with the SDK's defaults (30.5 s to connect, 30 s to read), so a client built with shorter ones would
 *   silently ignore them.</li>
 *   <li><b>A configurable base URL.</b> {@code https://api.twilio.com} is replaced by {@code twilio.api-base-url}
 *   (WireMock in tests). The SDK reads a dotted host as {@code product.region.twilio.com}, so the
 *   rewrite happens after the SDK built the URL, and test URLs use {@code localhost}.</li>
 * </ul>
 * An error answer whose body is not Twilio's JSON (a proxy's HTML 502, an empty 503) gets a minimal JSON
 * body carrying the HTTP status, so the SDK raises an {@code ApiException} that knows the status instead
 * of a parse error that does not.
 */
final class TwilioHttpTransport extends HttpClient implements AutoCloseable {

    static final String TWILIO_API = "https://api.twilio.com";

    private final CloseableHttpClient client;
    private final String baseUrl;

    TwilioHttpTransport(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = stripTrailingSlash(baseUrl.toString());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .build())
                        .setMaxConnPerRoute(20)
                        .setMaxConnTotal(50)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .useSystemProperties()
                .build();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpUriRequestBase http = new HttpUriRequestBase(request.getMethod().toString(), URI.create(rewrite(
                request.constructURL().toString())));
        if (request.requiresAuthentication()) {
            http.addHeader(HttpHeaders.AUTHORIZATION, request.getAuthString());
        }
        http.addHeader(HttpHeaders.ACCEPT, "application/json");
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> http.addHeader(name, value)));
        if (request.getMethod() != HttpMethod.GET) {
            http.setEntity(new UrlEncodedFormEntity(formOf(request.getPostParams()), StandardCharsets.UTF_8));
        }
        try {
            return client.execute(http, TwilioHttpTransport::readAnswer);
        } catch (IOException unreachable) {
            // the SDK's own type for "no answer"; the cause (timeout, refused) is kept for classification
            throw new ApiConnectionException(unreachable.getClass().getSimpleName(), unreachable);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private String rewrite(String url) {
        return url.startsWith(TWILIO_API) ? baseUrl + url.substring(TWILIO_API.length()) : url;
    }

    private static Response readAnswer(ClassicHttpResponse answer) throws IOException {
        int status = answer.getCode();
        String body = answer.getEntity() == null ? "" : new String(EntityUtils.toByteArray(answer.getEntity()), StandardCharsets.UTF_8);
        if (status >= 400 && !body.stripLeading().startsWith("{")) {
            body = "{\"status\":" + status + ",\"message\":\"HTTP " + status + " without a Twilio error body\"}";
        }
        return new Response(body, status, answer.getHeaders());
    }

    private static List<NameValuePair> formOf(Map<String, List<String>> params) {
        List<NameValuePair> form = new ArrayList<>();
        params.forEach((name, values) -> values.forEach(value -> form.add(new BasicNameValuePair(name, value))));
        return form;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
