package io.vigil.codec.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Jackson's node factory with {@link CompactMembers} for the members of each object. */
final class CompactNodes extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;

    CompactNodes() {
        super(false);
    }

    @Override
    public ObjectNode objectNode() {
        return new ObjectNode(this, new CompactMembers());
    }
}
