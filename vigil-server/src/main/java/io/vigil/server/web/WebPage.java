package io.vigil.server.web;

/** A controller of the web app's pages: its models get the navigation ({@link WebNavigation}). */
public interface WebPage {
}
