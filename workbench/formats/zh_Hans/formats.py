"""Chinese number formats as finance offices write them: 1,809,810.56 (Django's default has no separator).

Django reads each format from this module first and falls back to its own zh_Hans formats for the rest.
"""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
