"""Workbench — 客户经理工作平台."""
