-- What a device said about a reading besides its value (BLE GATT status flags such as "cuff too loose",
-- one per line) and how far its clock was off (receive time − device time stamp, in milliseconds).
-- Both are null for readings that carry neither (device JSON, HL7 v2, templates): the rows stay narrow.
ALTER TABLE observation ADD COLUMN note VARCHAR(500);
ALTER TABLE observation ADD COLUMN clock_offset_ms BIGINT;
