-- Where on the body a reading was taken, when the device said so (a thermometer's temperature type, HL7 OBX-20):
-- the SNOMED CT code of one of io.vigil.model.BodySite's sites. Null for every other reading.
ALTER TABLE observation ADD COLUMN body_site VARCHAR(18);
