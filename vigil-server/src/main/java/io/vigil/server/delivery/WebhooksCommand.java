package io.vigil.server.delivery;

import io.vigil.server.launch.ServerLogin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vigil webhooks dead-letters} and {@code vigil webhooks replay}: the dead-letter list and its replay, asked of
 * a running Vigil over its API (the server owns the delivery queue and, with embedded H2, the database). Exit codes:
 * 0 done, 1 refused by the server, 2 usage or connection errors.
 */
public final class WebhooksCommand {
    static final String USAGE = """
            Usage: vigil webhooks dead-letters [--server URL] [--user NAME]
                   vigil webhooks replay DELIVERY-ID... [--server URL] [--user NAME]
                   vigil webhooks replay --webhook WEBHOOK-ID [--server URL] [--user NAME]
              dead-letters  prints the deliveries that ran out of retries (JSON)
              replay        queues dead letters again, due now, with a fresh retry window: the ones named, or every
                            dead letter of one webhook
              --server URL  the running Vigil (default http://127.0.0.1:8080); --user an integration account or an
                            administrator (default admin); password from VIGIL_PASSWORD.""";

    private WebhooksCommand() {
    }

    /** @return 0 done, 1 refused by the server, 2 usage or connection error */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        ServerLogin login;
        try {
            login = ServerLogin.of(args, 1, Set.of("--webhook"), environment);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        String server = login.server();
        String basic = login.authorization();
        String webhook = login.options().get("--webhook");
        List<String> ids = login.operands();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            return switch (args[0]) {
                case "dead-letters" -> call(http, basic, "GET", server + "/api/v1/webhooks/dead-letters", out, err);
                case "replay" -> {
                    if (webhook == null && ids.isEmpty()) {
                        err.println("Name the dead letters to replay, or --webhook ID");
                        yield 2;
                    }
                    int worst = webhook == null ? 0
                            : call(http, basic, "POST", server + "/api/v1/webhooks/" + webhook + "/replay", out, err);
                    for (String id : ids) {
                        worst = Math.max(worst, call(http, basic, "POST",
                                server + "/api/v1/webhooks/dead-letters/" + id + "/replay", out, err));
                    }
                    yield worst;
                }
                default -> {
                    err.println("Unknown webhooks command " + args[0]);
                    err.println(USAGE);
                    yield 2;
                }
            };
        }
    }

    private static int call(HttpClient http, String basic, String method, String url, PrintStream out, PrintStream err) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                out.println(response.body());
                return 0;
            }
            err.println(method + " " + url + " → " + response.statusCode() + " " + response.body());
            return 1;
        } catch (IOException e) {
            err.println("Cannot reach " + url + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
