package io.vigil.codec.hl7;

/**
 * One repetition of PID-3 (CX): the identifier, who assigned it, and its kind.
 *
 * @param id                  CX-1, e.g. an MRN
 * @param assigningAuthority  CX-4 (namespace id, else universal id), or null
 * @param type                CX-5 identifier type code, e.g. MR or PI, or null
 */
public record PatientIdentifier(String id, String assigningAuthority, String type) {}
