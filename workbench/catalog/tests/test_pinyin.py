"""拼音首字母 of spec names: computed by catalog.pinyin, stored on save and by the specs import."""

import pytest

from workbench import testing
from workbench.catalog.models import Spec
from workbench.catalog.pinyin import pinyin_initials


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("南京(红)", "njh"),
        ("七匹狼(软通泰)", "qplrtt"),
        ("长白山(777)", "cbs777"),  # 长 read cháng in the phrase, numbers kept
        ("黄鹤楼(1916)", "hhl1916"),
        ("Marlboro万宝路", "marlborowbl"),  # Latin words kept whole, in lower case
        ("中华 (硬 · 细支)", "zhyxz"),  # spaces and signs left out
        ("", ""),
    ],
)
def test_initials(name, initials):
    assert pinyin_initials(name) == initials


def test_saving_a_spec_stores_the_initials_of_its_current_name(db):
    # given
    spec = testing.make_spec("S1", "南京(红)", "南京", "80")

    # when it is renamed
    spec.name = "南京(炫赫门)"
    spec.save()

    # then
    assert Spec.objects.get(pk=spec.pk).name_initials == "njxhm"


def test_the_specs_import_stores_the_initials_and_keeps_them_in_step(db, tmp_path):
    # given the three specs of the imports' sample file
    from workbench.imports.tests.conftest import SPECS, imported, write_csv

    first = imported("specs", write_csv(tmp_path / "specs.csv", SPECS))

    # when 6903 is renamed in a later file
    renamed = [SPECS[0], SPECS[3][:1] + ["黄山(新一品)"] + SPECS[3][2:]]
    second = imported("specs", write_csv(tmp_path / "renamed.csv", renamed))

    # then every spec has the initials of its name
    assert first.created == 3
    assert second.updated == 1
    assert dict(Spec.objects.values_list("code", "name_initials")) == {
        "6901": "njh",
        "6902": "qplrtt",
        "6903": "hsxyp",
    }
