"""Template context shared by every page."""


def navigation(request):
    """The main menu (filled in by workbench.web.menu)."""
    from workbench.web.menu import menu_for

    return {"menu": menu_for(request)}
