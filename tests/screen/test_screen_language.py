from ringscope.screen.language import detect_language


def test_english() -> None:
    assert detect_language("We are hiring a baker for our shop. You will work early shifts with the team.") \
        == "en"


def test_latin_script_languages() -> None:
    es = "Buscamos una persona para el trabajo de atención al cliente en la oficina del centro"
    pl = "Szukamy osoby do pracy w biurze, praca jest od poniedziałku i nie wymaga doświadczenia"
    id_ = "Kami mencari karyawan untuk bekerja di kantor dengan gaji yang bagus dan ini untuk anda"
    assert (detect_language(es), detect_language(pl), detect_language(id_)) == ("es", "pl", "id")


def test_other_scripts() -> None:
    assert detect_language("诚聘客服人员，待遇优厚，包吃包住") == "zh"
    assert detect_language("รับสมัครพนักงานบริการลูกค้า เงินเดือนดี") == "th"
    assert detect_language("Требуются операторы в офис, хорошая зарплата") == "ru"


def test_short_or_keyword_text_is_english() -> None:
    assert detect_language("Senior Accountant") == "en"
    assert detect_language("Sales Executive Sales Executive Karachi Lahore Quetta Multan") == "en"
