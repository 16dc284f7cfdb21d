package io.vigil.server.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;

/** Debian's Chromium ({@code /usr/bin/chromium}), headless, driven by Playwright: one per test class. */
final class Chromium implements AutoCloseable {
    private final Playwright playwright;
    final Browser browser;

    Chromium() {
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
