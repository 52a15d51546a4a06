package org.openuid.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.model.Role;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Text encodings of list-valued columns: JSON arrays for lists, comma-separated names for roles. */
final class Columns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Integer>> INTS = new TypeReference<>() {};

    private Columns() {}

    static String strings(List<String> values) {
        return json(values);
    }

    static List<String> strings(String text) {
        return parse(text, STRINGS);
    }

    /** Null stays null (no ACL). */
    static String ints(List<Integer> values) {
        return values == null ? null : json(values);
    }

    static List<Integer> ints(String text) {
        return text == null ? null : parse(text, INTS);
    }

    /** Role names in enum order, comma-separated. */
    static String roles(Set<Role> roles) {
        StringBuilder sb = new StringBuilder();
        for (Role r : Role.values()) {
            if (roles.contains(r)) {
                if (sb.length() > 0) sb.append(',');
                sb.append(r.name());
            }
        }
        return sb.toString();
    }

    static Set<Role> roles(String text) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (text == null || text.isBlank()) return roles;
        for (String name : text.split(",")) {
            if (!name.isBlank()) roles.add(Role.parse(name));
        }
        return roles;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode list column", e);
        }
    }

    private static <T> List<T> parse(String text, TypeReference<List<T>> type) {
        try {
            List<T> list = JSON.readValue(text, type);
            return list == null ? List.of() : new ArrayList<>(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt list column", e);
        }
    }
}
