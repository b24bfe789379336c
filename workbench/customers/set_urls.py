"""URLs of 客户集设置 (customer sets), kept apart from the customer screens' urls.py."""

urlpatterns: list = []
