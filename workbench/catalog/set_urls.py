"""URLs of 品牌集设置 (brand sets), kept apart from the spec screens' urls.py."""

urlpatterns: list = []
