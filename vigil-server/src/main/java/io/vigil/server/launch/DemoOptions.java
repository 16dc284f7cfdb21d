package io.vigil.server.launch;

/** Options of {@code vigil demo}. Ports are null when not given. */
record DemoOptions(Integer httpPort, Integer mqttPort, String dataDir, boolean simulate) {

    static DemoOptions parse(String[] args) {
        Integer http = null;
        Integer mqtt = null;
        String dataDir = "./data";
        boolean simulate = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--http-port" -> http = port(args, ++i, "--http-port");
                case "--mqtt-port" -> mqtt = port(args, ++i, "--mqtt-port");
                case "--data-dir" -> dataDir = value(args, ++i, "--data-dir");
                case "--no-sim" -> simulate = false;
                default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'.");
            }
        }
        return new DemoOptions(http, mqtt, dataDir, simulate);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value.");
        }
        return args[i];
    }

    private static int port(String[] args, int i, String flag) {
        String text = value(args, i, flag);
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a port number 0–65535, not '" + text + "'.");
        }
    }
}
