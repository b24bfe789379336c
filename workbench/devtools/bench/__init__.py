"""The reports benchmark (`workbench bench reports`): timing, and a DuckDB reference to time and check against.

- `timing`: median and p95 of repeated runs after a warm-up;
- `duckdb_copy`: a DuckDB copy of the raw order lines, customers (with their scope columns), specs and market
  opportunities of the database the reports read;
- `duckdb_reference`: each report written by hand in DuckDB SQL over that copy;
- `compare`: our result rows against the reference's, number by number.

DuckDB is an optional dependency (`pip install -e ".[bench]"`): only these modules import it, and only when the
benchmark asks for the reference.
"""
