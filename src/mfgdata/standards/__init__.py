"""Standards: semantic ids (ECLASS / IEC CDD IRDIs and IRIs) for every column, and the equipment as an AAS.

`registry` holds the ids, `suggest` ranks them per contract column, `standardize` writes accepted ids into
contract.yaml (and unit conversions into recipe.yaml), `aas` writes and reads Asset Administration Shells.
"""
