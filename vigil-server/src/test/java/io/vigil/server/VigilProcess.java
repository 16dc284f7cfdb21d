package io.vigil.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Vigil started as its own JVM, the way {@code ./vigil} starts it ({@code demo}, {@code edge}…), so a test can kill -9 it. */
public final class VigilProcess implements AutoCloseable {
    private final Process process;

    private VigilProcess(Process process) {
        this.process = process;
    }

    /** {@code vigil demo} without the simulated ward. */
    public static VigilProcess startDemo(Path dataDir, int httpPort, int mqttPort, String password, Map<String, String> env)
            throws IOException {
        return start(List.of("demo", "--no-sim", "--http-port", Integer.toString(httpPort),
                "--mqtt-port", Integer.toString(mqttPort), "--data-dir", dataDir.toString()),
                Map.of("VIGIL_DEMO_PASSWORD", password), env);
    }

    /** {@code vigil <arguments>}, with these environment variables, once it prints that it is ready. */
    public static VigilProcess start(List<String> arguments, Map<String, String> settings, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.vigil.server.VigilApplication"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(settings);
        // No MLLP listener: the demo would take 2575 when free, which another process on a shared machine may
        // take between its check and its bind (and then the start fails); these tests send no HL7.
        builder.environment().put("VIGIL_HL7_ENABLED", "false");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    output.add(line);
                    if (line.startsWith("Vigil ready:")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("Vigil exited before it was ready"));
        });
        try {
            ready.get(300, TimeUnit.SECONDS); // generous: the machine may be shared
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("Vigil did not become ready; its output:\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())), e);
        }
        return new VigilProcess(process);
    }

    /** kill -9: no shutdown hooks, no flushing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
