"""Fingerprint: copies of one text share it whatever feeds do to headline, credits, case and
punctuation; a different text (one figure, one sentence) never does."""

from __future__ import annotations

from streams.alerting.fingerprint import core_text, fingerprint, story_paragraphs

BODY = (
    "PARIS (Wire) - Renault and Valeo will jointly develop an electric motor without rare "
    "earths, the two groups said on Tuesday.\n"
    "The motor, 30% more compact, will be built at Cleon from 2027.\n"
    "(Reporting by Jean Roe; Editing by Tom Doe)"
)


def test_fingerprint_ignores_headline_dateline_agency_and_credits() -> None:
    copy = (
        "By Sam Hill\n"
        "PARIS - Renault and Valeo will jointly develop an electric motor without rare "
        "earths, the two groups said on Tuesday.\n\n"
        "The motor, 30% more compact, will be built at Cleon from 2027.\n"
        "© 2024 Another Feed\nSource: Another Feed"
    )
    assert fingerprint("Renault, Valeo team up", BODY) == fingerprint("UPDATE 1-Motors", copy)


def test_fingerprint_ignores_case_whitespace_and_punctuation() -> None:
    copy = BODY.upper().replace(", ", "  ").replace(" - ", " — ").replace(".", "")
    assert fingerprint("x", BODY) == fingerprint("y", copy)


def test_fingerprint_differs_when_one_figure_or_sentence_differs() -> None:
    assert fingerprint("h", BODY) != fingerprint("h", BODY.replace("30%", "35%"))
    extra = BODY.replace("from 2027.", "from 2027. Valeo shares rose 2%.")
    assert fingerprint("h", BODY) != fingerprint("h", extra)


def test_fingerprint_cjk_width_and_spaces_do_not_count() -> None:
    body = "【東京＝例示通信】トヨタ自動車は新工場を建設すると発表した。\n年間生産能力は1000台。\n（編集：山田太郎）"
    copy = "東京 (別の通信) - トヨタ自動車は 新工場を建設すると発表した.\n年間生産能力は１０００台\n無断転載禁止"
    assert fingerprint("a", body) == fingerprint("b", copy)


def test_fingerprint_korean_dateline_byline_and_sign_off_are_credits() -> None:
    text = "현대자동차가 바이두와 커넥티드카 협력을 추진한다고 밝혔다.\n양사는 지도 분야에서도 협력한다."
    body = f"(서울=예시통신) 김민수 기자 = {text}\n(끝)"
    assert story_paragraphs(body) == text.split("\n")
    signed = f"{text}\n이지은 기자 jieun@example.com"
    assert fingerprint("a", body) == fingerprint("b", signed)


def test_fingerprint_short_body_is_keyed_with_its_headline() -> None:
    flash = "Further details were not immediately available."
    assert fingerprint("Toyota to buy stake in Pony.ai", flash) != fingerprint(
        "Ford recalls 10,000 trucks", flash
    )
    assert core_text("Toyota", flash).startswith("toyota")


def test_fingerprint_a_paragraph_in_brackets_inside_the_text_is_kept() -> None:
    body = "First paragraph of the story, long enough to count.\n(An aside in brackets.)\nLast one."
    assert "(An aside in brackets.)" in story_paragraphs(body)
