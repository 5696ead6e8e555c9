"""kgtext.clean_article on scraped pages: titles, dates, bylines, glued headlines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kgtext
from kgtext.archive.clean import find_date

#: (name, page, expected paragraph starts) — pages written for these tests.
GLUED_HEADLINE_CASES = [
    (
        "title_glued_onto_digit_and_capital",
        "ЖЫЙЫН УЛАНУУДА\n\nЖЫЙЫН УЛАНУУДА5-июнда жыйын башталды.\n\n"
        "ЖЫЙЫН УЛАНУУДААр бир катышуучу сөз алды.",
        ["5-июнда", "Ар бир"],
    ),
    (
        "title_glued_onto_quote",
        "МЕКТЕП АЧЫЛДЫ\n\nМЕКТЕП АЧЫЛДЫ«Билим» программасы уланат.",
        ["«Билим»"],
    ),
    (
        "title_repeated_with_a_space",
        "Мектеп ачылды\n\nМектеп ачылды Айылда жаңы мектеп ишке кирди.\n\nМугалимдер келди.",
        ["Айылда", "Мугалимдер"],
    ),
    (
        "no_title_line_glued_headline_only",
        "КУРС АЧЫЛДЫ ОШТОКурс эки ай уланат.\n\nКУРС АЧЫЛДЫ ОШТОАга 40 мугалим катышат.",
        ["Курс эки", "Ага 40"],
    ),
    (
        # the seed's layout without its blank lines, as some scrapers give it
        "title_glued_without_blank_lines",
        "ЖЫЙЫН УЛАНУУДА\nЖЫЙЫН УЛАНУУДА5-июнда жыйын башталды.\n"
        "ЖЫЙЫН УЛАНУУДААр бир катышуучу сөз алды.",
        ["5-июнда", "Ар бир"],
    ),
    (
        "acronym_with_suffix_is_not_a_headline",
        "ЮНИСЕФтин өкүлү сөз сүйлөдү.\n\nЖыйын бүттү.",
        ["ЮНИСЕФтин", "Жыйын"],
    ),
]


@pytest.mark.parametrize(
    ("page", "starts"),
    [c[1:] for c in GLUED_HEADLINE_CASES],
    ids=[c[0] for c in GLUED_HEADLINE_CASES],
)
def test_glued_headline_cases(page: str, starts: list[str]) -> None:
    article = kgtext.clean_article(page)
    assert [p.text[: len(s)] for p, s in zip(article.paragraphs, starts, strict=False)] == starts
    assert len(article.paragraphs) == len(starts)
    for p in article.paragraphs:
        assert page[p.start : p.end] == p.text


def test_seed_article(seed_text: str) -> None:
    article = kgtext.clean_article(seed_text)
    first_line = seed_text.strip().splitlines()[0].strip()
    assert article.title == first_line
    assert article.date == "2025-02-26"
    assert article.author == "Кабыл Макешов"
    assert article.source == "Кут Билим"
    starts = [p.text.split()[0] for p in article.paragraphs[:4]]
    assert starts == ["26-мартта", "Программаны", "Ар", "«Алтын"]
    assert article.paragraphs[2].text.startswith("Ар бир")
    assert article.paragraphs[3].text.startswith("«Алтын Казык»")
    for p in article.paragraphs:
        assert seed_text[p.start : p.end] == p.text
        assert first_line not in p.text
    body = article.body
    for furniture in ("Бөлүшүү", "Комментарийлер", "• 0", "Кут Билим"):
        assert furniture not in body


def test_boilerplate_and_byline() -> None:
    page = (
        "Олимпиаданын жыйынтыгы\n\n  • 11.03.2025\n  • 2 315\n\n"
        "Олимпиадада 600 окуучу катышты.\n\nОкуңуз да: Башка кабар\n\n"
        "Жеңүүчүлөр сыйланды.\n\nАсан Усонов, «Билим Кабар»\n\nБөлүшүү\n\nКомментарийлер\n\n"
        "Читайте также: Другая новость"
    )
    article = kgtext.clean_article(page)
    assert article.title == "Олимпиаданын жыйынтыгы"
    assert article.date == "2025-03-11"
    assert article.byline == "Асан Усонов, «Билим Кабар»"
    assert [p.text for p in article.paragraphs] == [
        "Олимпиадада 600 окуучу катышты.",
        "Жеңүүчүлөр сыйланды.",
    ]


def test_given_title_and_crlf() -> None:
    page = "Лицей ачылды\r\n\r\nЛицей ачылдыЛицейде 200 окуучу окуйт.\r\nБаары жакшы."
    article = kgtext.clean_article(page, title="Лицей ачылды")
    # the two lines end sentences: one paragraph per line, as kgtext.passages reads it
    assert [p.text for p in article.paragraphs] == ["Лицейде 200 окуучу окуйт.", "Баары жакшы."]
    assert article.title_span == (0, len("Лицей ачылды"))


def test_single_paragraph_has_no_title() -> None:
    article = kgtext.clean_article("Бүгүн жыйын өттү")
    assert article.title is None
    assert [p.text for p in article.paragraphs] == ["Бүгүн жыйын өттү"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("• 26.02.2025", "2025-02-26"),
        ("2025-жылдын 12-апрелинде", "2025-04-12"),
        ("2025-жылы 30-мартында шайлоо", "2025-03-30"),
        ("12 апреля 2025 года", "2025-04-12"),
        ("2025-06-03", "2025-06-03"),
        ("31.02.2025", None),
        ("26-мартта", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("аБң Ү.\n\r•0123: «»“”,ДАТ")), max_size=120))
def test_offsets_always_point_into_the_input(text: str) -> None:
    article = kgtext.clean_article(text)
    previous = -1
    for p in article.paragraphs:
        assert text[p.start : p.end] == p.text
        assert p.text.strip()
        assert p.start > previous
        previous = p.end


def test_one_paragraph_per_line_pages_keep_their_paragraphs() -> None:
    """Scrapers often put one paragraph per line, with no blank lines: each line
    stays a paragraph (as kgtext.passages finds them), and offsets still hold."""
    page = (
        "Ош шаарында жаңы мектеп ачылып, анда 1200 окуучу билим алат деп мэриянын басма "
        "сөз кызматы билдирди.\n"
        "Мектеп эки сменада иштейт.\n"
        "Курулушка республикалык бюджеттен 350 миллион сом бөлүнгөн, калганын демөөрчүлөр "
        "каржылаган."
    )
    article = kgtext.clean_article(page)
    assert [p.text for p in article.paragraphs] == page.split("\n")
    assert all(page[p.start : p.end] == p.text for p in article.paragraphs)


#: A page as some scrapers give it: one line per item, no blank lines (made up).
ONE_LINE_PAGE = """Башкы бет / Коом / Билим
Мугалимдердин айлык акысы 1-сентябрдан тартып жогорулайт
12.03.2024, 14:35
Көрүүлөр: 1 523
Бөлүшүү: Facebook WhatsApp Telegram
Билим берүү жана илим министрлиги мугалимдердин айлык акысын 20 пайызга жогорулатууну сунуштады.
Бул тууралуу министрдин орун басары маалымат жыйында билдирди.
Фото Интернеттен алынды. Мугалимдер сабакта
Окшош жаңылыктар:
Бишкекте жаңы мектеп ачылды
Ошто балдар бакчасы курулат
Тектеш
Нарында мугалимдерге турак жай берилди
Комментарийлер (0)
Автор: Айгүл Токтосунова
© 2024 Кабар. Бардык укуктар корголгон."""


def test_page_furniture_on_one_line_pages() -> None:
    article = kgtext.clean_article(ONE_LINE_PAGE)
    assert article.title == "Мугалимдердин айлык акысы 1-сентябрдан тартып жогорулайт"
    assert article.date == "2024-03-12"
    assert article.author == "Айгүл Токтосунова"
    assert [p.text for p in article.paragraphs] == [
        "Билим берүү жана илим министрлиги мугалимдердин айлык акысын 20 пайызга "
        "жогорулатууну сунуштады.",
        "Бул тууралуу министрдин орун басары маалымат жыйында билдирди.",
    ]
    dropped = [d.text for d in article.dropped]
    # the headlines listed under "related news" labels go with them
    assert "Ошто балдар бакчасы курулат" in dropped
    assert "Нарында мугалимдерге турак жай берилди" in dropped
    for d in article.dropped:
        assert ONE_LINE_PAGE[d.start : d.end] == d.text


@pytest.mark.parametrize(
    "line",
    [
        # body lines that look a little like furniture stay
        "Бөлүшүү маданияты мектептен башталат деди ал.",
        "Көрүүлөр саны былтыркыдан эки эсе өскөн.",
        "Фото көргөзмө 12-мартта ачылат.",
        "Автордун айтымында, окуу китептери жетишпейт.",
        "2024-жылдын 12-мартында Ош шаарында жыйын өттү.",
    ],
)
def test_body_lines_are_not_furniture(line: str) -> None:
    page = "Жыйын өттү\n\n" + line + "\n\nМугалимдер катышты."
    assert line in [p.text for p in kgtext.clean_article(page).paragraphs]


_PAGE_LINES = [
    "Билим берүү министрлиги жаңы окуу жылына даярдыкты талкуулады.",
    "Мектептердин оңдоосу аяктады",
    "Ата-энелер жыйналышка катышып, бала бакчалардагы орун тууралуу " * 2,
    "Бөлүшүү: Facebook Telegram",
    "Комментарийлер (3)",
    "Көрүүлөр: 120",
    "  • 12.03.2025",
    "  • 1 204",
    "Окуңуз да: Башка кабар",
    "Тектеш",
    "Окшош жаңылыктар:",
    "Бишкекте жаңы мектеп ачылды",
    "Асан Усонов, «Билим Кабар»",
    "Автор: Айгүл Токтосунова",
    "ЖЫЙЫН УЛАНУУДА",
    "ЖЫЙЫН УЛАНУУДА5-июнда жыйын башталды.",
    "© 2024 Кабар",
    "1. Биринчи маселе",
    "- экинчи пункт",
    "12.03.2024, 14:35",
    "Фото Интернеттен алынды",
    "",
    " ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PAGE_LINES), min_size=1, max_size=14))
def test_nothing_is_lost(lines: list[str]) -> None:
    """Every visible character of a page is in the title, a paragraph or a dropped
    line, or is the headline glued onto a paragraph (which is then the title)."""
    page = "\n".join(lines)
    article = kgtext.clean_article(page)
    covered = [False] * len(page)
    spans = [(p.start, p.end) for p in (*article.paragraphs, *article.dropped)]
    if article.title_span is not None:
        spans.append(article.title_span)
    for start, end in spans:
        covered[start:end] = [True] * (end - start)
    lost = "".join(c if not covered[i] else " " for i, c in enumerate(page)).split()
    title_words = set((article.title or "").split())
    assert [w for w in lost if w not in title_words] == []
