"""Support programmes (지원사업) on the site: calls, applications, eligibility review, evaluation, selection.

Every number and rule comes from `mfgdata.rules`; this app stores what people submit and decide.
"""
