package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.VigilClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client without a browser: logs in through the form (session cookie, CSRF token). */
public final class FormLogin {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;

    public FormLogin(int port) {
        this.port = port;
    }

    public HttpClient client() {
        return http;
    }

    public FormLogin logIn(String user, String password) {
        assertThat(attempt(user, password)).as("login redirect").doesNotContain("error");
        return this;
    }

    /** Posts the login form and returns where the answer redirects ({@code /login?error} when refused). */
    public String attempt(String user, String password) {
        HttpResponse<String> answer = post("/login", csrfOf("/login"), "username=" + encode(user) + "&password=" + encode(password));
        return answer.headers().firstValue("Location").orElse("status " + answer.statusCode());
    }

    public void logOut() {
        HttpResponse<String> answer = post("/logout", csrfOf("/"), "");
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
    }

    /** A page (or any path) with this browser's session. */
    public VigilClient.Response get(String path) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).GET());
        return new VigilClient.Response(answer.statusCode(), answer.body(),
                answer.headers().firstValue("Content-Type").orElse(""));
    }

    private String csrfOf(String page) {
        String html = send(HttpRequest.newBuilder(uri(page)).GET()).body();
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("CSRF field on " + page).isTrue();
        return token.group(1) != null ? token.group(1) : token.group(2);
    }

    private HttpResponse<String> post(String path, String csrf, String form) {
        String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + encode(csrf);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
