"""Pure survey statistics for the perceptions app (no Django imports here).

The formulas are fixed by ``docs/survey-data-contract.md`` sections 2-4: raking to the
ward and age-band margins, Taylor-linearised standard errors that account for the
calibration exactly as R's ``survey`` package does, logit confidence intervals, and
Benjamini-Hochberg adjusted changes between waves.
"""
