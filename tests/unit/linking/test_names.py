"""Name normalisation and legal-suffix variants."""

from __future__ import annotations

import pytest

from streams.linking.names import alias_variants, fold_width, normalise, split_legal_suffix


def test_names_normalise_keeps_length_and_folds_width() -> None:
    text = "（ＮＹＳＥ：BABA）Ford’s İstanbul"
    assert len(normalise(text)) == len(text)
    assert normalise(text).startswith("(nyse:baba)ford's")
    assert fold_width("（６００１０４.SH）") == "(600104.SH)"


@pytest.mark.parametrize(
    ("name", "core", "form"),
    [
        ("toyota motor corp.", "toyota motor", "corp."),
        ("volkswagen ag", "volkswagen", "ag"),
        ("brembo s.p.a.", "brembo", "s.p.a."),
        ("shell plc", "shell", "plc"),
        ("stellantis n.v.", "stellantis", "n.v."),
        ("长城汽车股份有限公司", "长城汽车", "股份有限公司"),
        ("株式会社日立製作所", "日立製作所", "株式会社"),
        ("주식회사 카카오", "카카오", "주식회사"),
        ("tesla, inc.", "tesla", "inc."),
    ],
)
def test_names_split_legal_suffix(name: str, core: str, form: str) -> None:
    assert split_legal_suffix(name) == (core, form)


def test_names_variants_swap_equivalent_suffixes() -> None:
    keys = {k for k, _ in alias_variants("Toyota Motor Corporation")}
    assert {
        "toyota motor corporation",
        "toyota motor corp",
        "toyota motor corp.",
        "toyota motor",
    } <= keys


def test_names_variants_mark_derived_forms() -> None:
    variants = dict(alias_variants("Renault SA"))
    assert variants["renault sa"] is False
    assert variants["renault"] is True


def test_names_variants_add_accent_free_form() -> None:
    assert {"citroën", "citroen"} <= {k for k, _ in alias_variants("Citroën")}


def test_names_variants_keep_short_cores_out() -> None:
    assert "lg" not in {k for k, _ in alias_variants("LG Ltd")}
