package io.vigil.server;

import io.vigil.server.launch.VigilCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Vigil's entry point: {@code vigil demo | serve | simulate | help}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigilApplication {

    public static void main(String[] args) {
        System.exit(VigilCommand.run(args));
    }
}
