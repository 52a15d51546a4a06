package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one run of {@code bench/run-all.sh} measured, read back from its output directory: {@code results.jsonl}
 * (ceiling, load, tail, cold start and heap lines), {@code sleeping-driver.jsonl}, {@code jmh-<label>.json}, {@code profile-<label>-<scenario>.md},
 * {@code env.txt} and {@code commands.txt}.
 */
final class Results {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final List<JsonNode> lines = new ArrayList<>();
    /** Saturation runs with a sleeping driver ({@code sleeping-driver.jsonl}, for comparison only). */
    final List<JsonNode> sleeping = new ArrayList<>();
    final Map<String, String> env = new LinkedHashMap<>();
    final String commands;

    Results(Path dir) throws IOException {
        this.dir = dir;
        for (String line : Files.readAllLines(dir.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        }
        Path sleepingFile = dir.resolve("sleeping-driver.jsonl");
        if (Files.exists(sleepingFile)) {
            for (String line : Files.readAllLines(sleepingFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) sleeping.add(JSON.readTree(line));
            }
        }
        Path envFile = dir.resolve("env.txt");
        if (Files.exists(envFile)) {
            for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Path commandFile = dir.resolve("commands.txt");
        commands = Files.exists(commandFile) ? Files.readString(commandFile, StandardCharsets.UTF_8) : "";
    }

    /** JDK labels in the order they were measured. */
    List<String> labels() {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : lines) out.add(n.path("label").asText());
        return new ArrayList<>(out);
    }

    List<JsonNode> ofType(String type, String label) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : lines) {
            if (n.path("type").asText().equals(type) && (label == null || n.path("label").asText().equals(label))) out.add(n);
        }
        return out;
    }

    /** The ceiling of an operation ({@code generate}, {@code refresh}, {@code map-identity}...) in ops per CPU-second. */
    double ceiling(String label, String op) {
        for (JsonNode n : ofType("ceiling", label)) {
            if (n.path("op").asText().equals(op)) return n.path("ops_per_cpu_second").asDouble();
        }
        return Double.NaN;
    }

    /** The closed-loop (saturation) run of a scenario, or the fixed-rate one when {@code fixedRate}. */
    Optional<JsonNode> load(String label, String scenario, boolean fixedRate) {
        JsonNode found = null;
        for (JsonNode n : ofType("load", label)) {
            if (n.path("scenario").asText().equals(scenario) && (n.path("rate").asDouble() > 0) == fixedRate) found = n;
        }
        return Optional.ofNullable(found);
    }

    /** The run of a scenario in windows alternating with the bare HTTP exchange's ({@code type paired}), if any. */
    Optional<JsonNode> paired(String label, String scenario) {
        JsonNode found = null;
        for (JsonNode n : ofType("paired", label)) {
            if (n.path("scenario").asText().equals(scenario)) found = n;
        }
        return Optional.ofNullable(found);
    }

    /** The saturation run of a scenario with a sleeping driver, if one was made. */
    Optional<JsonNode> sleeping(String label, String scenario) {
        JsonNode found = null;
        for (JsonNode n : sleeping) {
            if (n.path("label").asText().equals(label) && n.path("scenario").asText().equals(scenario)
                    && n.path("rate").asDouble() <= 0) found = n;
        }
        return Optional.ofNullable(found);
    }

    /** Scenarios measured, in order. */
    List<String> scenarios() {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : ofType("load", null)) out.add(n.path("scenario").asText());
        return new ArrayList<>(out);
    }

    Optional<JsonNode> jmh(String label) throws IOException {
        Path f = dir.resolve("jmh-" + label + ".json");
        if (!Files.exists(f) || Files.size(f) == 0) return Optional.empty();
        return Optional.of(JSON.readTree(f.toFile()));
    }

    /** The profile summary of a scenario ({@code profile-<label>-<scenario>.md}; generate also {@code profile-<label>.md}). */
    Optional<String> profile(String label, String scenario) throws IOException {
        Path f = dir.resolve("profile-" + label + "-" + scenario + ".md");
        if (!Files.exists(f) && scenario.equals("generate")) f = dir.resolve("profile-" + label + ".md");
        return Files.exists(f) && Files.size(f) > 0 ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Scenarios with a profile summary for a JDK, in the order of the scenarios measured, then by name. */
    List<String> profiledScenarios(String label) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String s : scenarios()) if (profile(label, s).isPresent()) out.add(s);
        String prefix = "profile-" + label + "-";
        try (var files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".md")).sorted()
                    .forEach(n -> out.add(n.substring(prefix.length(), n.length() - 3)));
        }
        if (profile(label, "generate").isPresent()) out.add("generate");
        return new ArrayList<>(out);
    }

    /**
     * The crypto-only ceiling that a scenario is compared with, per request (identity map: per identity), and the
     * name of the operation; NaN for scenarios without one.
     */
    double ceilingFor(String label, String scenario) {
        return ceiling(label, ceilingOp(scenario));
    }

    static String ceilingOp(String scenario) {
        if (scenario.equals("generate") || scenario.equals("refresh")) return scenario;
        if (scenario.equals("generate-email")) return "generate-email";
        if (scenario.startsWith("map-")) return "map-identity";
        return "";
    }

    /** Server throughput per CPU-second in the unit of the scenario's ceiling (identities for identity map). */
    static double perCpuSecond(JsonNode load) {
        return load.path("scenario").asText().startsWith("map-") ? load.path("server_identities_per_cpu_second").asDouble()
                : load.path("server_requests_per_cpu_second").asDouble();
    }
}
