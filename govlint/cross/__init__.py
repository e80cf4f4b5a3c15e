"""Across reports: what rules that compare reports (GL6xx) see of each one, and how reports pair up.

A batch keeps a ``Summary`` of each report (issuer, year, the cells such
rules need, sentence fingerprints), never the report itself, so memory
stays flat over a province. ``pairing`` finds last year's report of the same
issuer; ``run`` is what a rule sees; ``govlint.compare`` hands the summaries to the
rules once every report is read.
"""
