"""Bundled data: names wires use (the curated records added for wire stories) link."""

from __future__ import annotations

import pytest

from streams.linking.linker import Linker
from streams.linking.refdata import load_companies
from streams.text import Document


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_companies())


@pytest.mark.parametrize(
    ("text", "language", "yahoo"),
    [
        ("顺丰控股今日发布公告，顺丰将扩建货运枢纽。", "zh", "002352.SZ"),
        ("江淮汽车与合作伙伴签署协议。", "zh", "600418.SS"),
        ("中国南方航空宣布新航线。", "zh", "600029.SS"),
        ("삼성디스플레이가 신규 라인을 가동한다.", "ko", "005930.KS"),
        ("농심이 미국 공장을 증설한다.", "ko", "004370.KS"),
        ("三菱鉛筆は新製品を発表した。", "ja", "7976.T"),
        ("Saudi Aramco signed a supply deal with the refiner.", "en", "2222.SR"),
        ("Rémy Cointreau a revu ses objectifs.", "fr", "RCO.PA"),
        ("Der Autobauer Daimler baut ein Werk in Ungarn.", "de", "MBG.DE"),
    ],
)
def test_wire_names_link(linker: Linker, text: str, language: str, yahoo: str) -> None:
    found = {s for m in linker.link(Document("", text), language) for s in m.company.yahoo_symbols}
    assert yahoo in found


def test_daimler_truck_is_not_mercedes(linker: Linker) -> None:
    mentions = linker.link(Document("", "Daimler Truck baut ein Werk in Texas."), "de")
    assert [m.company.id for m in mentions] == ["daimler-truck"]


def test_robotaxi_is_not_a_tesla_brand(linker: Linker) -> None:
    mentions = linker.link(Document("", "百度计划在中东部署Robotaxi车队。"), "zh")
    assert "tesla" not in {m.company.id for m in mentions}
