"""The demo catalogue: about 60 brands and 180 cigarette specs (卷烟规格) with realistic names and prices.

Prices are set from the retail price per pack (元/包) the way they relate in practice: the retail price per 条
(10 packs) is the guide price (零售指导价), the wholesale price (批发价) leaves the retailer a margin of about 11.5%,
and the transfer price before tax (调拨价) is about 61% of retail. The 价类 (price class) follows from the
transfer price with the settings' thresholds, so the mix of classes is the mix of the table below.

Popularity weights are relative within a 价类; the generator scales each class to the volume mix of
docs/definitions.md#demo-city.
"""

from dataclasses import dataclass

# The new launch of the demo: ordered by nobody before its launch date, then by more customers month by month.
LAUNCH_SPEC = "七匹狼(软通泰)"

# (brand, manufacturer (生产企业), in province (省内), specs); a spec is
# (name in the brackets, retail price per pack, popularity weight, weekly limit at 档位 30 or 0 when not limited).
BRANDS = (
    ("南京", "江苏中烟", True, (
        ("红", 12, 10, 0), ("炫赫门", 18, 9, 20), ("雨花石", 50, 2, 6), ("十二钗烤烟", 24, 4, 15),
        ("十二钗薄荷", 25, 1, 0), ("九五", 100, 0.6, 3), ("大观园", 35, 1, 0), ("梦都", 22, 2, 0),
        ("特醇", 10, 3, 0), ("精品", 13, 2, 0), ("佳品", 9, 2, 0), ("夜泊秦淮", 40, 0.5, 0),
        ("紫树", 28, 0.4, 0), ("红中支", 16, 0.8, 0),
    )),
    ("苏烟", "江苏中烟", True, (
        ("五星红杉树", 20, 4, 10), ("软金砂", 50, 1.5, 6), ("金砂", 35, 1.5, 0), ("铂晶", 26, 1, 0),
        ("沉香", 60, 0.3, 0), ("彩智", 30, 0.5, 0), ("软铂晶", 60, 0.2, 0),
    )),
    ("红杉树", "江苏中烟", True, (("软", 5, 1.5, 0), ("硬", 6.5, 1, 0))),
    ("一品梅", "江苏中烟", True, (("软", 3.5, 0.8, 0), ("硬红", 4.5, 0.6, 0))),
    ("中华", "上海烟草集团", False, (
        ("软", 65, 2.5, 10), ("硬", 45, 4, 12), ("双中支", 60, 1, 8), ("细支", 50, 1, 6), ("金中支", 55, 0.5, 0),
    )),
    ("红双喜", "上海烟草集团", False, (
        ("硬上海", 8, 2, 0), ("软上海", 6, 1.5, 0), ("晶派", 15, 0.5, 0), ("硬百顺", 4, 1, 0),
    )),
    ("熊猫", "上海烟草集团", False, (("典藏版", 100, 0.1, 0), ("硬经典", 80, 0.1, 0))),
    ("牡丹", "上海烟草集团", False, (("软", 4.5, 1.5, 0), ("硬红", 7, 0.5, 0))),
    ("大前门", "上海烟草集团", False, (("软", 2.5, 2, 0), ("短支", 3, 1, 0))),
    ("中南海", "上海烟草集团", False, (("8mg", 8, 0.8, 0), ("5mg", 10, 0.4, 0), ("典8", 6, 0.6, 0))),
    ("利群", "浙江中烟", False, (
        ("新版", 14, 6, 0), ("软红长嘴", 15, 2, 0), ("阳光", 20, 2, 0), ("休闲", 32, 0.8, 0), ("西子阳光", 20, 1, 0),
        ("富春山居", 100, 0.3, 4), ("长嘴", 28, 0.8, 0), ("楼外楼", 23, 0.5, 0),
    )),
    ("雄狮", "浙江中烟", False, (("硬", 4, 1, 0), ("薄荷", 5, 0.3, 0))),
    ("大红鹰", "浙江中烟", False, (("新品", 10, 0.6, 0), ("软", 5.5, 0.5, 0))),
    ("七匹狼", "福建中烟", False, (
        ("白", 10, 2.5, 0), ("灰", 12, 1.5, 0), ("红", 8, 1.5, 0), ("纯香", 16, 1, 0), ("通仙", 22, 0.5, 0),
        ("豪情", 13, 1, 0), ("锋芒", 15, 0.5, 0), ("软通泰", 15, 0, 0),
    )),
    ("石狮", "福建中烟", False, (("软红", 5, 0.4, 0),)),
    ("黄鹤楼", "湖北中烟", False, (
        ("软蓝", 19, 2.5, 0), ("硬金砂", 24, 1, 0), ("天下名楼", 25, 1.5, 0), ("硬珍品", 30, 0.8, 0),
        ("1916", 100, 0.2, 3), ("雅香金", 17, 1, 0), ("硬峡谷情", 40, 0.3, 0), ("奇景", 50, 0.2, 0),
    )),
    ("红金龙", "湖北中烟", False, (("硬爱你", 7, 1, 0), ("晓", 2.6, 0.8, 0))),
    ("云烟", "红云红河集团", False, (
        ("紫", 11, 4, 0), ("软珍品", 20, 2, 0), ("印象", 50, 0.6, 0), ("小熊猫家园", 20, 0.8, 0),
        ("中支金腰带", 25, 0.5, 0), ("云龙", 20, 0.5, 0),
    )),
    ("红河", "红云红河集团", False, (
        ("软甲", 3.5, 1.5, 0), ("V8", 10, 1, 0), ("硬88", 12, 0.5, 0), ("道", 20, 0.3, 0),
    )),
    ("大重九", "红云红河集团", False, (("硬", 60, 0.3, 0), ("中支", 80, 0.2, 0))),
    ("玉溪", "红塔集团", False, (
        ("软", 23, 3, 10), ("硬", 20, 2, 0), ("初心", 25, 1, 0), ("和谐", 50, 0.3, 0), ("庄园", 30, 0.5, 0),
        ("境界", 40, 0.2, 0),
    )),
    ("红塔山", "红塔集团", False, (
        ("硬经典", 7, 4, 0), ("软经典", 6, 2, 0), ("硬经典1956", 10, 1, 0), ("大红山", 5, 0.5, 0),
        ("新势力", 8, 0.5, 0),
    )),
    ("红梅", "红塔集团", False, (("软黄", 3.5, 2, 0), ("硬", 4.5, 0.6, 0), ("顺", 2.5, 0.6, 0))),
    ("阿诗玛", "红塔集团", False, (("软", 5, 0.3, 0),)),
    ("芙蓉王", "湖南中烟", False, (
        ("硬", 25, 3, 0), ("软蓝", 35, 0.6, 0), ("钻石", 100, 0.2, 0), ("硬细支", 30, 0.5, 0), ("硬中支", 35, 0.3, 0),
    )),
    ("白沙", "湖南中烟", False, (
        ("精品", 10, 3, 0), ("硬", 5, 2, 0), ("和天下", 100, 0.2, 0), ("金世纪", 15, 0.4, 0), ("软", 3.5, 0.5, 0),
        ("硬金磨砂", 16, 0.4, 0),
    )),
    ("猴王", "湖南中烟", False, (("硬", 3, 0.3, 0),)),
    ("双喜", "广东中烟", False, (
        ("硬经典", 6, 1, 0), ("软经典", 4, 0.8, 0), ("莲香", 15, 0.5, 0), ("硬世纪经典", 10, 0.4, 0),
    )),
    ("五叶神", "广东中烟", False, (("金", 8, 0.3, 0),)),
    ("好日子", "广东中烟", False, (("软金", 6, 0.3, 0),)),
    ("龙凤呈祥", "广东中烟", False, (("朝阳", 7, 0.3, 0),)),
    ("黄金叶", "河南中烟", False, (
        ("乐途", 10, 2, 0), ("天叶", 100, 0.2, 0), ("小目标", 15, 0.5, 0), ("金满堂", 16, 0.4, 0), ("爱尚", 8, 0.5, 0),
        ("喜满堂", 6, 0.5, 0),
    )),
    ("红旗渠", "河南中烟", False, (("银河", 4, 1, 0), ("雪松", 5.5, 0.5, 0))),
    ("帝豪", "河南中烟", False, (("软", 2.5, 0.3, 0),)),
    ("泰山", "山东中烟", False, (
        ("红将军", 8, 2, 0), ("望岳", 25, 0.6, 0), ("心悦", 17, 0.6, 0), ("华贵", 35, 0.3, 0), ("佛光", 12, 0.5, 0),
        ("白将", 10, 0.5, 0),
    )),
    ("将军", "山东中烟", False, (("硬蓝", 6, 0.5, 0),)),
    ("哈德门", "山东中烟", False, (("精品", 4, 1.5, 0), ("软", 2.5, 0.5, 0))),
    ("贵烟", "贵州中烟", False, (
        ("跨越", 25, 1.5, 0), ("萃", 30, 0.5, 0), ("国酒香", 50, 0.3, 0), ("小国酒香", 20, 0.8, 0),
        ("福", 10, 0.4, 0),
    )),
    ("黄果树", "贵州中烟", False, (("长征", 4, 1, 0), ("佳品", 5.5, 0.8, 0))),
    ("娇子", "川渝中烟", False, (
        ("X", 12, 1.5, 0), ("宽窄平安", 20, 1, 0), ("格调", 7, 0.5, 0), ("蓝", 5, 0.5, 0), ("蓝时代", 8, 0.4, 0),
    )),
    ("宽窄", "川渝中烟", False, (("五粮浓香", 50, 0.2, 0), ("好运", 15, 0.3, 0))),
    ("天子", "川渝中烟", False, (("千里江山", 100, 0.1, 0), ("金", 18, 0.2, 0))),
    ("长城", "川渝中烟", False, (("132", 50, 0.2, 0),)),
    ("钻石", "河北中烟", False, (
        ("荷花", 35, 1, 0), ("硬", 3.5, 0.6, 0), ("一品荷花", 50, 0.2, 0), ("尚风", 8, 0.4, 0),
    )),
    ("荷花", "河北中烟", False, (("马尔斯绿", 35, 0.6, 0),)),
    ("黄山", "安徽中烟", False, (
        ("红方印", 15, 1.5, 0), ("硬一品", 10, 1, 0), ("新制皖烟", 10, 0.8, 0), ("记忆", 20, 0.3, 0),
    )),
    ("迎客松", "安徽中烟", False, (("硬", 3.5, 0.4, 0),)),
    ("王冠", "安徽中烟", False, (("原味", 20, 0.2, 0),)),
    ("长白山", "吉林烟草工业", False, (("777", 12, 0.6, 0), ("红", 6, 0.4, 0))),
    ("真龙", "广西中烟", False, (("起源", 20, 0.3, 0), ("凌云", 10, 0.4, 0))),
    ("兰州", "甘肃烟草工业", False, (("硬珍品", 10, 0.5, 0), ("飞天梦", 50, 0.1, 0))),
    ("延安", "陕西中烟", False, (("1935", 20, 0.3, 0),)),
    ("好猫", "陕西中烟", False, (("长乐", 10, 0.3, 0),)),
    ("金圣", "江西中烟", False, (("滕王阁", 15, 0.3, 0), ("硬红", 6, 0.3, 0))),
    ("庐山", "江西中烟", False, (("硬", 5, 0.2, 0),)),
    ("人民大会堂", "上海烟草集团", False, (("红", 10, 0.3, 0),)),
    ("恒大", "上海烟草集团", False, (("烟魁1949", 10, 0.3, 0),)),
    ("红山茶", "红云红河集团", False, (("软", 2, 0.6, 0),)),
    ("金桥", "上海烟草集团", False, (("软", 2.5, 0.3, 0),)),
    ("雪莲", "新疆卷烟厂", False, (("硬", 4, 0.2, 0),)),
)  # fmt: skip

TRANSFER_SHARE_OF_RETAIL = 0.61  # 调拨价 (before tax) / 零售指导价
WHOLESALE_SHARE_OF_RETAIL = 0.885  # 批发价 / 零售指导价: the retailer's margin is about 11.5%

# Share of each 价类 in the city's volume (docs/definitions.md#demo-city: 一类 12.9%, 二类 12.2%, 三类 46.2%,
# 四类 21.3%, 五类 7.5%).
PRICE_CLASS_VOLUME_SHARE = {1: 0.129, 2: 0.122, 3: 0.462, 4: 0.213, 5: 0.075}

# Transfer price thresholds (元 per 条) of the 价类, as the settings' defaults; used to spread the volume mix.
_PRICE_CLASS_THRESHOLDS = ((1, 100_00), (2, 70_00), (3, 30_00), (4, 16_50))

_MENTHOL_WORDS = ("薄荷",)
_BLENDED_BRANDS = ("中南海",)
_CIGAR_BRANDS = ("长城", "王冠")
_SLIM_SPECS = (
    "南京(炫赫门)",
    "南京(十二钗烤烟)",
    "南京(十二钗薄荷)",
    "南京(夜泊秦淮)",
    "利群(休闲)",
    "黄鹤楼(硬峡谷情)",
)


@dataclass(frozen=True)
class CatalogueSpec:
    """One spec of the catalogue, with prices in 分 (cents) per 条 so that sums stay exact."""

    code: str  # 13-digit carton barcode, 69010…
    name: str  # e.g. 南京(红)
    brand: str
    manufacturer: str
    in_province: bool
    blend: str  # 卷烟类型, as the data contract writes it
    stick: str  # 规格类型
    tar_mg: int
    transfer_cents: int  # 调拨价
    wholesale_cents: int  # 批发价
    retail_cents: int  # 零售指导价
    weight: float  # popularity within its 价类
    limit_at_top_grade: int  # weekly limit (条) at 档位 30; 0 = never limited
    launch_order: int  # position in the table, used to date the old specs deterministically
    price_class: int  # 价类, from the transfer price

    @property
    def is_launch(self) -> bool:
        """Whether this is the demo's new launch (七匹狼(软通泰))."""
        return self.name == LAUNCH_SPEC


def price_class_of(transfer_cents: int) -> int:
    """价类 of a transfer price (in cents per 条) with the default thresholds."""
    for price_class, threshold in _PRICE_CLASS_THRESHOLDS:
        if transfer_cents >= threshold:
            return price_class
    return 5


def ean13(body: str) -> str:
    """The 12-digit body with its EAN-13 check digit appended."""
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def catalogue() -> list[CatalogueSpec]:
    """Every spec of the table, in table order, with its derived attributes."""
    manufacturers: list[str] = []
    specs: list[CatalogueSpec] = []
    for brand, manufacturer, in_province, rows in BRANDS:
        if manufacturer not in manufacturers:
            manufacturers.append(manufacturer)
        for suffix, pack_price, weight, limit in rows:
            name = f"{brand}({suffix})"
            retail = round(pack_price * 1000)
            transfer = round(retail * TRANSFER_SHARE_OF_RETAIL)
            if brand in _CIGAR_BRANDS:
                blend = "雪茄型"
            elif brand in _BLENDED_BRANDS:
                blend = "混合型"
            elif any(word in suffix for word in _MENTHOL_WORDS):
                blend = "外香型"
            else:
                blend = "烤烟型"
            if "细支" in suffix or name in _SLIM_SPECS:
                stick, tar = "细支", 6 + len(specs) % 3
            elif "中支" in suffix:
                stick, tar = "中支", 8
            elif "短支" in suffix:
                stick, tar = "短支", 10
            else:
                stick, tar = "常规", (10, 11, 10, 8, 11)[len(specs) % 5]
            body = f"69010{manufacturers.index(manufacturer) + 1:02d}{len(specs) + 1:05d}"
            specs.append(
                CatalogueSpec(
                    code=ean13(body),
                    name=name,
                    brand=brand,
                    manufacturer=manufacturer,
                    in_province=in_province,
                    blend=blend,
                    stick=stick,
                    tar_mg=tar,
                    transfer_cents=transfer,
                    wholesale_cents=round(retail * WHOLESALE_SHARE_OF_RETAIL),
                    retail_cents=retail,
                    weight=weight,
                    limit_at_top_grade=limit,
                    launch_order=len(specs),
                    price_class=price_class_of(transfer),
                )
            )
    return specs


def select_specs(count: int | None) -> list[CatalogueSpec]:
    """The `count` most popular specs (all when None), keeping each 价类's share of the catalogue and the launch.

    Used by the small presets: a shorter list that still has every 价类, the tight specs and the new launch.
    """
    specs = catalogue()
    if count is None or count >= len(specs):
        return specs
    chosen = {spec.code for spec in specs if spec.is_launch}
    regular = [spec for spec in specs if not spec.is_launch]
    # Largest-remainder quotas, so that the quotas add up to exactly count - 1 (the launch is the last one).
    exact = {pc: (count - 1) * sum(spec.price_class == pc for spec in regular) / len(regular) for pc in range(1, 6)}
    quotas = {pc: max(1, int(share)) for pc, share in exact.items()}
    for pc in sorted(exact, key=lambda pc: (-(exact[pc] - int(exact[pc])), pc)):
        if sum(quotas.values()) >= count - 1:
            break
        quotas[pc] += 1
    for price_class, quota in quotas.items():
        ranked = sorted(
            (spec for spec in regular if spec.price_class == price_class),
            key=lambda spec: (-spec.weight, spec.launch_order),
        )
        chosen.update(spec.code for spec in ranked[:quota])
    return [spec for spec in specs if spec.code in chosen]
