package io.vigil.sim;

import java.util.concurrent.CompletableFuture;

/** One device's connection to Vigil over a transport. */
interface DeviceLink extends AutoCloseable {

    /** Connects; completes exceptionally with a {@link SimulatorException} if Vigil cannot be reached or refuses. */
    CompletableFuture<Void> connect();

    /** Sends one payload; never completes exceptionally: failures are {@link Delivery} values. */
    CompletableFuture<Delivery> send(byte[] payload);

    @Override
    void close();
}
