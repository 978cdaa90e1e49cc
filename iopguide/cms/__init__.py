"""The page editor's set-up (cms/, Sveltia CMS; never part of output/):
config.py writes cms/config.json from the rules the build applies
(iopguide/pages/metadata.py) and content/data/sources.yaml; build.py
assembles cms/ into a folder to serve on its own origin (`make cms`)."""
