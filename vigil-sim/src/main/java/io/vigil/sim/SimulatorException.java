package io.vigil.sim;

/** The simulator could not reach Vigil or was refused: the message says where and why, never a secret. */
public class SimulatorException extends RuntimeException {
    public SimulatorException(String message) {
        super(message);
    }

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
