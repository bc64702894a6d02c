"""Asset Administration Shells (IEC 63278) of the data-collecting equipment, with the Eclipse BaSyx Python SDK.

`export` writes build/metadata/equipment.aasx (JSON part) and equipment.aas.json; `importer` prefills
equipment.yaml from a vendor's AAS; `check` finds value, id and IEC 61360 problems and, with `cardinality`,
what the IDTA templates require.
"""
