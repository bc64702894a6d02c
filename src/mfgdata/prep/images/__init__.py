"""Image products: a recipe over a folder of images builds a manifest table and transformed image files.

The manifest (one row per usable image) goes through the recipe's table steps (`split`, `filter`,
`drop-duplicates` …) exactly as a tabular input would; the image steps (`resize-images`,
`convert-images`, `strip-exif`) act on the files when they are written. See :mod:`.build`.
"""
