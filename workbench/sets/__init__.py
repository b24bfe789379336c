"""Saved sets (客户集 / 品牌集): what every kind shares — the abstract model, publishing, the stale-edit guard,
the generic screens (list, fetch, delete, save errors) and the one test suite run for every kind.

Each kind (customers.CustomerSet, catalog.BrandSet) keeps only what differs: its members and its own screens.
"""
