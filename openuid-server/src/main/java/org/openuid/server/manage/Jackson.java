package org.openuid.server.manage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON mapper of this package (audit details, the credentials file, token descriptions). */
final class Jackson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Jackson() {}

    static ObjectNode object() { return MAPPER.createObjectNode(); }
}
