"""Delivering bought data: buyer fingerprints in the files and a delivery manifest signed by the marketplace.

Django-free: the site calls it, and `mfgdata fingerprint FILE` reads what it wrote.
"""
