"""The main navigation: 分析 计划 实施 评估 改进 工具, with their second- and third-level modules."""


def menu_for(request):
    """The menu for this request's user."""
    return []
