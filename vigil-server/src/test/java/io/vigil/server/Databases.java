package io.vigil.server;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two databases every storage test runs on: H2 (file, in a fresh temp folder) and PostgreSQL at
 * 127.0.0.1:5432 (a fresh database per test class). PostgreSQL tests skip when it is unreachable, except
 * under CI=true, where they fail.
 */
public final class Databases {
    public static final String POSTGRES_ADMIN_URL = System.getProperty("vigil.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String POSTGRES_USER = "postgres";

    private Databases() {
    }

    public static Path tempDataDir() {
        try {
            return Files.createTempDirectory("vigil-it-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Registers a fresh H2 file database under a new data dir, and that data dir. */
    public static void h2(DynamicPropertyRegistry registry) {
        Path dir = tempDataDir();
        registry.add("vigil.data-dir", dir::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("db/vigil") + ";WRITE_DELAY=0");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    /** Registers a fresh PostgreSQL database (and a new data dir for the broker). */
    public static void postgres(DynamicPropertyRegistry registry) {
        String url = freshPostgresDatabase();
        registry.add("vigil.data-dir", () -> tempDataDir().toString());
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> POSTGRES_USER);
        registry.add("spring.datasource.password", () -> "");
        // Every test class has a context of its own, kept (paused) in Spring's cache: a small pool that gives back
        // idle connections keeps the suite within the server's max_connections (100).
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    }

    /** Call from {@code @BeforeAll}: skips the class without PostgreSQL, or fails it under CI=true. */
    public static void requirePostgres() {
        try (Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "")) {
            admin.isValid(2);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                fail("PostgreSQL at " + POSTGRES_ADMIN_URL + " is required under CI=true but unreachable: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL unreachable at " + POSTGRES_ADMIN_URL + ": " + e.getMessage());
        }
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String freshPostgresDatabase() {
        String name = "vigil_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "");
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + POSTGRES_ADMIN_URL, e);
        }
        return POSTGRES_ADMIN_URL.substring(0, POSTGRES_ADMIN_URL.lastIndexOf('/') + 1) + name;
    }
}
