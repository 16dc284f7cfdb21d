package io.vigil.server.launch;

/** Serve mode refused to start: the message names the setting to fix. */
public class UnsafeSettingException extends RuntimeException {
    public UnsafeSettingException(String message) {
        super(message);
    }

    static UnsafeSettingException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsafeSettingException unsafe) {
                return unsafe;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
