package io.vigil.server.edge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code vigil edge} started as its own JVM, as the launcher starts it, so a test can kill -9 it. */
final class EdgeProcess implements AutoCloseable {
    private final Process process;

    private EdgeProcess(Process process) {
        this.process = process;
    }

    static EdgeProcess start(Path dataDir, int httpPort, String upstreamUrl, Map<String, String> env) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.vigil.server.VigilApplication", "edge",
                "--upstream", upstreamUrl, "--gateway", EdgePair.GATEWAY,
                "--http-port", Integer.toString(httpPort), "--mqtt-port", "0", "--data-dir", dataDir.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("VIGIL_DEMO_PASSWORD", io.vigil.server.WardFixture.PASSWORD);
        builder.environment().put("VIGIL_EDGE_UPSTREAM_PASSWORD", EdgePair.GATEWAY_PASSWORD);
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
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
            ready.completeExceptionally(new IllegalStateException("the edge exited before it was ready"));
        });
        try {
            ready.get(300, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the edge did not become ready; its output:\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())), e);
        }
        return new EdgeProcess(process);
    }

    /** kill -9: no shutdown hooks, no flushing. */
    void kill() throws InterruptedException {
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
