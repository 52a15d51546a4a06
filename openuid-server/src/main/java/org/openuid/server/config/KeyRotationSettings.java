package org.openuid.server.config;

import java.util.Map;

/**
 * The key rotation job (docs/keys.md): whether this node runs it, how often, how long each new key is valid and
 * how far ahead of its activation it is created.
 */
public record KeyRotationSettings(boolean enabled, int intervalMinutes, int keyLifetimeDays, int activationLeadMinutes) {


    static KeyRotationSettings from(Map<String, String> s) {
        KeyRotationSettings k = new KeyRotationSettings(ConfigValues.bool(s, "key_rotation_enabled"),
                ConfigValues.positive(s, "key_rotation_interval_minutes"), ConfigValues.positive(s, "key_lifetime_days"),
                ConfigValues.nonNegative(s, "key_activation_lead_minutes"));
        if (k.activationLeadSeconds() >= k.keyLifetimeSeconds() / 2)
            throw new IllegalArgumentException("key_activation_lead_minutes (" + k.activationLeadMinutes
                    + ") must be shorter than half of key_lifetime_days (" + k.keyLifetimeDays + ")");
        return k;
    }

    public long keyLifetimeSeconds() { return keyLifetimeDays * 86400L; }

    public long activationLeadSeconds() { return activationLeadMinutes * 60L; }
}
