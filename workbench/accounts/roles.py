"""The roles of the staff (角色), kept apart from the models so that accounts.access can read them without
importing the models that import it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a staff member does, and so what he may see (accounts.access)."""

    CUSTOMER_MANAGER = "customer_manager", _("Customer manager")  # 客户经理
    MARKET_MANAGER = "market_manager", _("Market manager")  # 市场经理
    BRAND_MANAGER = "brand_manager", _("Brand manager")  # 品牌经理
    LEADER = "leader", _("Leader")  # 领导
    ADMIN = "admin", _("Administrator")  # 管理员


ROLE_WORDS = {
    "customer_manager": ("customer manager", "客户经理"),
    "market_manager": ("market manager", "市场经理"),
    "brand_manager": ("brand manager", "品牌经理"),
    "leader": ("leader", "领导"),
    "admin": ("administrator", "管理员"),
}
