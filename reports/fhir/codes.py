"""Code systems and the codes LegLog's vocabulary maps to (SNOMED CT, LOINC, UCUM)."""

import uuid

from symptoms.vocabulary import Location, Sensation, Side

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SYMPTOM_CATEGORY = "http://hl7.org/fhir/uv/symptoms/CodeSystem/SymptomTemporary"
SYMPTOM_PROFILE = "http://hl7.org/fhir/uv/symptoms/StructureDefinition/SymptomObservation"
SYMPTOM_ABSENT_PROFILE = (
    "http://hl7.org/fhir/uv/symptoms/StructureDefinition/SymptomAbsentObservation"
)
BODY_SITE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/bodySite"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"

SENSATION_CODES = {
    Sensation.NUMBNESS: ("44077006", "Numbness"),
    Sensation.TINGLING: ("62507009", "Pins and needles"),
    Sensation.BURNING: ("90673000", "Burning sensation"),
    Sensation.PAIN: ("22253000", "Pain"),
}
LOCATION_CODES = {
    Location.THIGH: ("68367000", "Thigh structure"),
    Location.KNEE: ("72696002", "Knee region structure"),
    Location.CALF: ("53840002", "Calf of leg structure"),
    Location.ANKLE: ("344001", "Ankle region structure"),
    Location.FOOT: ("56459004", "Foot structure"),
    Location.TOES: ("29707007", "Toe structure"),
    Location.BUTTOCK: ("46862004", "Buttock structure"),
}
LATERALITY_CODES = {
    Side.LEFT: ("7771000", "Left"),
    Side.RIGHT: ("24028007", "Right"),
    Side.BOTH: ("51440002", "Right and left"),
}
# Where no base namespace is configured the ids are still stable urn:uuid values.
NAMESPACE = uuid.UUID("6f0d7f52-8a0e-4c55-9e38-0c2f7e6a1f20")
