/**
 * Vigil's measurements, patients and devices as FHIR R4 resources (HAPI FHIR structures). Observations claim the
 * R4 vital-signs profiles where they apply and validate offline with HAPI's validator (see the tests).
 */
package io.vigil.fhir;
