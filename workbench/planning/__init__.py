"""计划 (Plan): the market manager's team plans and the customer manager's month → week → day plans.

Targets (sales, improvement, KPI) are the `targets` app's; the review of a plan is the `reviews` app's.
"""
