package io.vigil.server.launch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a command-line tool reaches a running Vigil: {@code --server URL} (default {@value #DEFAULT_SERVER}),
 * {@code --user NAME} (default admin) and the password from {@code VIGIL_PASSWORD} — never from the command line,
 * where other users of the machine could read it.
 *
 * @param server        the server's base URL, without a trailing slash
 * @param user          the account
 * @param authorization the HTTP Basic header value for that account
 * @param options       the command's other options ({@code --name} → value)
 * @param operands      the arguments that are not options, in order
 */
public record ServerLogin(String server, String user, String authorization, Map<String, String> options,
                          List<String> operands) {
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    /**
     * Reads the arguments from {@code from} on: {@code --server}, {@code --user} and the command's own {@code valued}
     * options each take the next argument; everything else is an operand.
     *
     * @throws IllegalArgumentException (its message for the user) an option without its value, or no password
     */
    public static ServerLogin of(String[] args, int from, Set<String> valued, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--server") || arg.equals("--user") || valued.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                options.put(arg, args[++i]);
            } else {
                operands.add(arg);
            }
        }
        String server = options.getOrDefault("--server", DEFAULT_SERVER).replaceAll("/+$", "");
        String user = options.getOrDefault("--user", "admin");
        String password = environment.getOrDefault("VIGIL_PASSWORD", "");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("Set VIGIL_PASSWORD to the password of " + user);
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ServerLogin(server, user, basic, Map.copyOf(options), List.copyOf(operands));
    }
}
