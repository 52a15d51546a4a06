package org.openuid.store.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a data set (spec keys-and-data.md §1): each part's {@code <root>/<part>/metadata.json} and the content
 * files its {@code location}s point to, resolved against the data set root after stripping the upstream resource
 * prefix {@link CoreDataImporter#RESOURCE_PREFIX}. A location may not leave the data set.
 */
final class DataSetFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DataSetFiles() {}

    /** Parses one entry of a content array; {@code ctx} names it in messages. */
    @FunctionalInterface
    interface EntryParser<T> {
        T parse(JsonNode node, String ctx);
    }

    /** The part's metadata, or null when the part has no metadata file (the part is skipped). */
    static JsonNode metadata(Path root, String part) {
        Path file = root.resolve(part).resolve("metadata.json");
        if (!Files.isRegularFile(file)) return null;
        return parseJson(file, part + "/metadata.json");
    }

    static JsonNode parseJson(Path file, String name) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ImportException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** The entries of the JSON array that {@code <part>/metadata.json}'s {@code contentKey.location} names. */
    static <T> List<T> readArray(Path root, String part, String contentKey, EntryParser<T> parser) {
        JsonNode meta = metadata(root, part);
        if (meta == null) return List.of();
        JsonNode pointer = meta.get(contentKey);
        if (pointer == null || !pointer.hasNonNull("location"))
            throw new ImportException(part + "/metadata.json has no " + contentKey + ".location");
        Path file = resolve(root, pointer.get("location").asText());
        String name = root.relativize(file).toString();
        JsonNode array = parseJson(file, name);
        if (!array.isArray()) throw new ImportException(name + " is not a JSON array");
        List<T> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) out.add(parser.parse(array.get(i), name + " entry " + i));
        return out;
    }

    /** Maps an upstream {@code location} to a file inside the data set. */
    static Path resolve(Path root, String location) {
        String relative = location.startsWith(CoreDataImporter.RESOURCE_PREFIX)
                ? location.substring(CoreDataImporter.RESOURCE_PREFIX.length()) : location.replaceFirst("^/+", "");
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) throw new ImportException("location points outside the data set: " + location);
        if (!Files.isRegularFile(file)) throw new ImportException("file not found: " + root.relativize(file));
        return file;
    }
}
