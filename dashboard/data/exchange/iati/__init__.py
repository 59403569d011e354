"""IATI 2.03 activity files: the projects written as IATI activities (``writer``), an IATI
file from any publisher read into a project list (``reader``), and the codes between the
project's vocabularies and IATI's codelists (``codes``). Knows nothing of the web."""
