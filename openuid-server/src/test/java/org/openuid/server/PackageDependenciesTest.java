package org.openuid.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of {@code openuid-server} depend on each other in one direction only: the graph drawn from the
 * sources' references to {@code org.openuid.server.*} classes (imports, static imports and fully qualified names in
 * code; comments do not count) has no cycle. A cycle fails with the class references that make it. Every package
 * has its row in the package table of docs/design.md. The services of {@code manage} know nothing of HTTP or the
 * command line: no Vert.x, and none of {@code admin}, {@code http}, {@code api} or {@code cli}.
 */
class PackageDependenciesTest {
    private static final String ROOT = "org.openuid.server";
    private static final Path SOURCES = Path.of("src/main/java/org/openuid/server");
    /** The services behind the admin API and the command line. */
    private static final String SERVICES = ROOT + ".manage";
    private static final Pattern VERTX = Pattern.compile("\\bio\\.vertx(?:\\.\\w+)*");
    /** A class named by its package and simple name, or a package's wildcard import. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\borg\\.openuid\\.server((?:\\.[a-z_]\\w*)*)\\.(?:([A-Z]\\w*)|\\*)");

    @Test
    void packagesHaveNoCycle() throws IOException {
        Map<String, Map<String, Set<String>>> graph = packageGraph();
        assertThat(graph.keySet()).as("packages read from %s", SOURCES.toAbsolutePath())
                .contains(ROOT, ROOT + ".http", ROOT + ".api", ROOT + ".cli");
        assertThat(graph.get(ROOT + ".api")).as("the API's handlers use the HTTP plumbing").containsKey(ROOT + ".http");

        List<String> cycles = new ArrayList<>();
        for (List<String> component : stronglyConnected(graph)) {
            if (component.size() < 2) continue;
            StringBuilder why = new StringBuilder("cycle between " + component + ":");
            for (String from : component) {
                for (String to : component) {
                    Set<String> refs = graph.get(from).get(to);
                    if (refs != null) why.append("\n  ").append(from).append(" -> ").append(to).append(": ").append(refs);
                }
            }
            cycles.add(why.toString());
        }
        assertThat(cycles).as("package cycles in openuid-server").isEmpty();
    }

    @Test
    void servicesKnowNothingOfHttpOrTheCommandLine() throws IOException {
        Map<String, Map<String, Set<String>>> graph = packageGraph();
        assertThat(graph).as("the service package").containsKey(SERVICES);
        List<String> forbidden = new ArrayList<>();
        for (Map.Entry<String, Set<String>> edge : graph.get(SERVICES).entrySet()) {
            for (String outside : List.of("admin", "http", "api", "cli")) {
                String pkg = ROOT + "." + outside;
                if (edge.getKey().equals(pkg) || edge.getKey().startsWith(pkg + ".")) forbidden.addAll(edge.getValue());
            }
        }
        try (Stream<Path> walk = Files.walk(SOURCES.resolve(SERVICES.substring(ROOT.length() + 1).replace('.', '/')))) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = VERTX.matcher(withoutCommentsAndStrings(Files.readString(file, StandardCharsets.UTF_8)));
                while (m.find()) forbidden.add(file.getFileName() + " -> " + m.group());
            }
        }
        assertThat(forbidden).as("references from %s to HTTP or command-line code", SERVICES).isEmpty();
    }

    @Test
    void everyPackageIsInTheDesignTable() throws IOException {
        String design = Files.readString(Path.of("../docs/design.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (String pkg : packageGraph().keySet()) {
            String name = pkg.equals(ROOT) ? ROOT : pkg.substring(ROOT.length() + 1);
            if (!design.contains("| `" + name + "` |")) missing.add(name);
        }
        assertThat(missing).as("openuid-server packages without a row in docs/design.md").isEmpty();
    }

    /** package → package it references → the class references ({@code From -> To}) behind that edge. */
    static Map<String, Map<String, Set<String>>> packageGraph() throws IOException {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String pkg = packageOf(file);
            String cls = file.getFileName().toString().replace(".java", "");
            Map<String, Set<String>> out = graph.computeIfAbsent(pkg, k -> new TreeMap<>());
            Matcher m = REFERENCE.matcher(withoutCommentsAndStrings(Files.readString(file, StandardCharsets.UTF_8)));
            while (m.find()) {
                String target = ROOT + m.group(1);
                if (target.equals(pkg)) continue;
                String targetClass = m.group(2) == null ? "*" : m.group(2);
                out.computeIfAbsent(target, k -> new TreeSet<>()).add(shortName(pkg, cls) + " -> " + shortName(target, targetClass));
                graph.computeIfAbsent(target, k -> new TreeMap<>());
            }
        }
        return graph;
    }

    private static String packageOf(Path file) {
        Path dir = SOURCES.relativize(file).getParent();
        return dir == null ? ROOT : ROOT + "." + dir.toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    private static String shortName(String pkg, String cls) {
        return pkg.equals(ROOT) ? cls : pkg.substring(ROOT.length() + 1) + "." + cls;
    }

    /** The source with comments, string literals and character literals blanked out. */
    static String withoutCommentsAndStrings(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') i += src.charAt(i) == '\\' ? 2 : 1;
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Tarjan's strongly connected components of the package graph. */
    private static List<List<String>> stronglyConnected(Map<String, Map<String, Set<String>>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) visit(v, graph, index, low, stack, onStack, components);
        }
        return components;
    }

    private static void visit(String v, Map<String, Map<String, Set<String>>> graph, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> components) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.get(v).keySet()) {
            if (!index.containsKey(w)) {
                visit(w, graph, index, low, stack, onStack, components);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            components.add(component);
        }
    }
}
