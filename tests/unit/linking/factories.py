"""Test factories: small ``Company`` records for linker tests, independent of the bundled data."""

from __future__ import annotations

from streams.records import Company
from tests.factories import company

AUTO = {"sector": "Consumer Cyclical", "industry": "Auto Manufacturers"}


def sample_companies() -> list[Company]:
    """A small universe covering the cases the tests need."""
    return [
        company(
            "ford",
            "Ford Motor Company",
            "F",
            aliases={"*": ("Ford", "Ford Motor"), "zh": ("福特",)},
            ambiguous=("Ford",),
            **AUTO,
        ),
        company(
            "alibaba",
            "Alibaba Group Holding Limited",
            "BABA",
            "9988.HK",
            aliases={"*": ("Alibaba", "Alibaba Group"), "zh": ("阿里巴巴",)},
            brands=("Tmall", "AliOS", "天猫"),
            sector="Consumer Cyclical",
            industry="Internet Retail",
        ),
        company(
            "nio", "NIO Inc.", "NIO", "9866.HK", aliases={"*": ("NIO",), "zh": ("蔚来",)}, **AUTO
        ),
        company(
            "toyota",
            "Toyota Motor Corporation",
            "7203.T",
            "TM",
            aliases={"*": ("Toyota",), "ja": ("トヨタ自動車", "トヨタ"), "zh": ("丰田",)},
            brands=("Lexus",),
            **AUTO,
        ),
        company(
            "vw",
            "Volkswagen AG",
            "VOW3.DE",
            "VOW.DE",
            aliases={"*": ("Volkswagen", "VW"), "zh": ("大众汽车", "大众"), "ko": ("폭스바겐",)},
            brands=("Audi", "PowerCo", "Cariad"),
            ambiguous=("大众",),
            **AUTO,
        ),
        company(
            "saic",
            "SAIC Motor Corporation Limited",
            "600104.SS",
            aliases={"*": ("SAIC", "SAIC Motor"), "zh": ("上汽集团", "上汽")},
            **AUTO,
        ),
        company(
            "byd",
            "BYD Company Limited",
            "002594.SZ",
            "1211.HK",
            aliases={"*": ("BYD",), "zh": ("比亚迪",)},
            **AUTO,
        ),
        company(
            "gwm",
            "Great Wall Motor Company Limited",
            "601633.SS",
            "2333.HK",
            aliases={"*": ("Great Wall Motor",), "zh": ("长城汽车", "长城")},
            brands=("Haval", "哈弗"),
            ambiguous=("长城", "Great Wall"),
            **AUTO,
        ),
        company(
            "xiaomi",
            "Xiaomi Corporation",
            "1810.HK",
            aliases={"*": ("Xiaomi",), "zh": ("小米集团", "小米")},
            ambiguous=("小米",),
            sector="Technology",
            industry="Consumer Electronics",
        ),
        company(
            "li-auto",
            "Li Auto Inc.",
            "LI",
            "2015.HK",
            aliases={"*": ("Li Auto",), "zh": ("理想汽车", "理想")},
            ambiguous=("理想",),
            **AUTO,
        ),
        company(
            "hyundai",
            "Hyundai Motor Company",
            "005380.KS",
            aliases={"*": ("Hyundai Motor", "Hyundai"), "ko": ("현대차", "현대자동차")},
            **AUTO,
        ),
        company(
            "kia",
            "Kia Corporation",
            "000270.KS",
            aliases={"*": ("Kia",), "ko": ("기아",)},
            ambiguous=("기아",),
            **AUTO,
        ),
        company(
            "sony",
            "Sony Group Corporation",
            "6758.T",
            "SONY",
            aliases={"*": ("Sony",), "ja": ("ソニー",)},
            sector="Technology",
        ),
        company(
            "tesla", "Tesla, Inc.", "TSLA", aliases={"*": ("Tesla",), "zh": ("特斯拉",)}, **AUTO
        ),
        company("renault", "Renault SA", "RNO.PA", aliases={"*": ("Renault",)}, **AUTO),
        company(
            "shell",
            "Shell plc",
            "SHEL.L",
            "SHEL",
            aliases={"*": ("Shell",)},
            ambiguous=("Shell",),
            sector="Energy",
            industry="Oil & Gas Integrated",
        ),
        company(
            "stellantis",
            "Stellantis N.V.",
            "STLA",
            "STLAM.MI",
            "STLAP.PA",
            aliases={"*": ("Stellantis",)},
            brands=("Jeep", "Peugeot", "Fiat"),
            ambiguous=("Fiat",),
            **AUTO,
        ),
        company(
            "apple",
            "Apple Inc.",
            "AAPL",
            aliases={"*": ("Apple",), "zh": ("苹果",)},
            ambiguous=("Apple", "苹果"),
            sector="Technology",
            industry="Consumer Electronics",
        ),
        company(
            "amazon",
            "Amazon.com, Inc.",
            "AMZN",
            aliases={"*": ("Amazon", "Amazon.com")},
            ambiguous=("Amazon",),
            sector="Consumer Cyclical",
            industry="Internet Retail",
        ),
        company(
            "tata",
            "Tata Motors Limited",
            "TATAMOTORS.NS",
            aliases={"*": ("Tata Motors",)},
            brands=("Jaguar", "Land Rover", "Jaguar Land Rover"),
            ambiguous=("Jaguar",),
            mics={"TATAMOTORS.NS": "XNSE"},
            **AUTO,
        ),
        company(
            "orange",
            "Orange S.A.",
            "ORA.PA",
            aliases={"*": ("Orange",)},
            ambiguous=("Orange",),
            sector="Communication Services",
            industry="Telecom Services",
        ),
        company(
            "gm", "General Motors Company", "GM", aliases={"*": ("General Motors", "GM")}, **AUTO
        ),
        company(
            "thomson-reuters",
            "Thomson Reuters Corporation",
            "TRI",
            aliases={"*": ("Thomson Reuters", "Reuters")},
        ),
        company("kyodo-parent", "Kyodo Holdings", "9999.T", aliases={"ja": ("共同",)}),
        company(
            "lg-elec",
            "LG Electronics Inc.",
            "066570.KS",
            aliases={"*": ("LG Electronics",), "ko": ("LG전자",)},
        ),
        company(
            "mitsubishi-corp",
            "Mitsubishi Corporation",
            "8058.T",
            aliases={"*": ("Mitsubishi Corp",)},
        ),
        company(
            "mitsubishi-electric",
            "Mitsubishi Electric Corporation",
            "6503.T",
            aliases={"*": ("Mitsubishi Electric",), "ja": ("三菱電機",)},
        ),
        company("loreal", "L'Oréal S.A.", "OR.PA", aliases={"*": ("L'Oréal", "L'Oreal")}),
        company(
            "huawei",
            "Huawei Technologies",
            aliases={"*": ("Huawei",), "zh": ("华为",)},
            listed=False,
        ),
    ]
