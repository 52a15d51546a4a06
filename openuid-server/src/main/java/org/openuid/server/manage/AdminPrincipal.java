package org.openuid.server.manage;

/**
 * Who makes an administrative change: the admin token's id and label, or {@code local} for direct store access
 * from the operator's host ({@code openuid admin token reset}, the bulk opt-out import).
 */
public record AdminPrincipal(String id, String name) {
    public static final AdminPrincipal LOCAL = new AdminPrincipal("local", "command line on the operator host");
}
