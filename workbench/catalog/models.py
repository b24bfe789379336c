"""Brands and cigarette specs (卷烟规格), with the derived 价类 (price class)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from workbench.catalog.pinyin import pinyin_initials
from workbench.sets.models import SavedSet, saved_set_owner


class PriceClass(models.IntegerChoices):
    """价类: the band of the transfer price (调拨价); thresholds are the PRICE_CLASS_THRESHOLDS setting."""

    ONE = 1, _("Class 1")  # 一类
    TWO = 2, _("Class 2")  # 二类
    THREE = 3, _("Class 3")  # 三类
    FOUR = 4, _("Class 4")  # 四类
    FIVE = 5, _("Class 5")  # 五类


def price_class_for(transfer_price: Decimal) -> int:
    """The 价类 of a spec with this transfer price per 条."""
    for price_class, threshold in settings.PRICE_CLASS_THRESHOLDS:
        if transfer_price >= Decimal(str(threshold)):
            return price_class
    return PriceClass.FIVE


class Blend(models.TextChoices):
    """卷烟类型."""

    FLUE_CURED = "flue_cured", _("Flue-cured")  # 烤烟型
    BLENDED = "blended", _("Blended")  # 混合型
    AROMATIC = "aromatic", _("Aromatic")  # 外香型
    CIGAR = "cigar", _("Cigar")  # 雪茄型


BLEND_WORDS = {
    "flue_cured": ("flue-cured", "烤烟型"),
    "blended": ("blended", "混合型"),
    "aromatic": ("aromatic", "外香型"),
    "cigar": ("cigar", "雪茄型"),
}


class Stick(models.TextChoices):
    """规格类型: stick format."""

    REGULAR = "regular", _("Regular")  # 常规
    MIDDLE = "middle", _("Middle")  # 中支
    SLIM = "slim", _("Slim")  # 细支
    SHORT = "short", _("Short")  # 短支


STICK_WORDS = {
    "regular": ("regular", "常规"),
    "middle": ("middle", "中支"),
    "slim": ("slim", "细支"),
    "short": ("short", "短支"),
}


class Brand(models.Model):
    """A cigarette brand (品牌), e.g. 南京."""

    name = models.CharField(_("brand"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")

    def __str__(self) -> str:
        return self.name


class Spec(models.Model):
    """A cigarette specification (卷烟规格), identified by its carton barcode."""

    code = models.CharField(_("spec code"), max_length=32, unique=True)
    name = models.CharField(_("spec name"), max_length=100)
    brand = models.ForeignKey(Brand, verbose_name=_("brand"), on_delete=models.PROTECT, related_name="specs")
    manufacturer = models.CharField(_("manufacturer"), max_length=100, blank=True)
    is_in_province = models.BooleanField(_("in province"), null=True)  # 省内 / 省外
    blend = models.CharField(_("blend"), max_length=16, choices=Blend.choices, blank=True)
    stick = models.CharField(_("stick format"), max_length=16, choices=Stick.choices, blank=True)
    tar_mg = models.DecimalField(_("tar (mg)"), max_digits=4, decimal_places=1, null=True, blank=True)
    transfer_price = models.DecimalField(_("transfer price"), max_digits=10, decimal_places=2)  # 调拨价
    wholesale_price = models.DecimalField(_("wholesale price"), max_digits=10, decimal_places=2)  # 批发价
    retail_price = models.DecimalField(_("retail price"), max_digits=10, decimal_places=2, null=True, blank=True)
    launched_on = models.DateField(_("launch date"), null=True, blank=True)
    is_on_sale = models.BooleanField(_("on sale"), default=True)
    price_class = models.PositiveSmallIntegerField(_("price class"), choices=PriceClass.choices, editable=False)
    # 拼音首字母 of the name, for the spec picker's type-to-filter (catalog.pinyin); kept in step by save() and the
    # specs import.
    name_initials = models.CharField(_("pinyin initials"), max_length=100, blank=True, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("spec")
        verbose_name_plural = _("specs")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.price_class = price_class_for(self.transfer_price)
        self.name_initials = pinyin_initials(self.name)
        super().save(*args, **kwargs)


class BrandSet(SavedSet):
    """A 品牌集 (brand set): a named list of specs, e.g. "知名品牌 target specs" or "省外烟".

    Specs are added by picking them or by brand, 价类, manufacturer, 省内/省外 or launch date; the set stores the
    resulting specs, so it does not change when new specs arrive. Private to its owner until a market manager
    publishes it to his team, or a brand manager to his org unit (`shared_with`).
    """

    owner = saved_set_owner(related_name="brand_sets")
    specs = models.ManyToManyField(Spec, verbose_name=_("specs"), blank=True, related_name="brand_sets")

    class Meta(SavedSet.Meta):
        verbose_name = _("brand set")
        verbose_name_plural = _("brand sets")

    def spec_ids(self) -> list[int]:
        """The ids of the set's specs, in ascending order."""
        through = BrandSet.specs.through.objects.filter(brandset_id=self.pk)
        return sorted(through.values_list("spec_id", flat=True))
