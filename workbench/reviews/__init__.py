"""The review mechanism: draft → submitted → approved, or returned with a comment (docs/definitions.md#plan-review).

Reused by every owner-submitted document: the customer manager's monthly plan now, 改进's monthly work report next.
"""
