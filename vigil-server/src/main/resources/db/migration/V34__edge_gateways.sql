-- Upstream side of the edge gateway: which devices an edge gateway account may forward readings for (and whose
-- roster — device, secret hash, assignments, patients — it syncs). A device belongs to at most one gateway.
CREATE TABLE edge_gateway_device (
    device_id     VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES device (id),
    gateway       VARCHAR(100) NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX edge_gateway_device_gateway_idx ON edge_gateway_device (gateway);
