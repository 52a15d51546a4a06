package org.openuid.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files shipped inside the jar (the OpenAPI description, the docs page, the icon). */
public final class JarResources {
    private JarResources() {}

    /** The bytes of the resource {@code name}; its absence is a packaging error. */
    public static byte[] bytes(String name) {
        try (InputStream in = JarResources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
