"""Effective dates in every language of notices_repo/text/dates/languages.py.

One realistic header per language of the table (a title, the stamp as such notices
write it, the first lines of the body), read by the parser and, for each, from a real
repository built by the fixture through ``notice-tui log --json``. Issue 12 asks for
French, German, Spanish, Italian, Portuguese, Dutch, Polish, Czech, Russian, Japanese,
Chinese and Korean; the table has more, for archives with many locales (issue 12 part
4 and after: Thai, Hindi, Bulgarian, Croatian, Serbian, Slovenian, Lithuanian, Latvian,
Estonian, Catalan, Bengali, Filipino, Persian), and digits of other scripts and CJK prose
stamps are read.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notices_repo.text.dates import find_effective_date, parse_date
from notices_repo.text.dates.languages import LANGUAGES
from notices_repo.text.dates.parse import DIGIT_ZEROS, ascii_digits, wide_text
from tests.conftest import ROOT, GitRepo, run_cli

# (language, file name, text, effective date, label)
HEADERS: list[tuple[str, str, str, str, str]] = [
    (
        "fr",
        "Politique de confidentialité.md",
        "# Politique de confidentialité\n\n"
        "**Date d'entrée en vigueur : 9 septembre 2020**\n\n"
        "Dernière mise à jour : 1er mars 2020\n\n"
        "La présente politique décrit comment nous traitons vos données personnelles.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "fr-updated",
        "Conditions.md",
        "# Conditions générales d'utilisation\n\n"
        "_Dernière mise à jour : 09/03/2021_\n\n"
        "Bienvenue ! Les présentes conditions régissent votre utilisation du service.\n",
        "2021-03-09",
        "updated",
    ),
    (
        "de",
        "Datenschutzerklärung.md",
        "# Datenschutzerklärung\n\n"
        "Stand: 09.03.2020\n\n"
        "Wir freuen uns über Ihr Interesse an unserem Unternehmen. Der Schutz Ihrer Daten "
        "ist uns wichtig.\n",
        "2020-03-09",
        "updated",
    ),
    (
        "de-effective",
        "Nutzungsbedingungen.md",
        "# Nutzungsbedingungen\n\n"
        "Gültig ab 1. Oktober 2023 · Zuletzt aktualisiert: 3. März 2023\n\n"
        "Diese Bedingungen gelten für die Nutzung unserer Dienste.\n",
        "2023-10-01",
        "effective",
    ),
    (
        "es",
        "Política de privacidad.md",
        "# Política de privacidad\n\n"
        "Fecha de entrada en vigor: 9 de septiembre de 2020\n\n"
        "En esta política explicamos cómo tratamos sus datos personales.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "it",
        "Informativa sulla privacy.md",
        "# Informativa sulla privacy\n\n"
        "Ultimo aggiornamento: 9 settembre 2020\n\n"
        "La presente informativa descrive come trattiamo i tuoi dati personali.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "pt-PT",
        "Política de privacidade PT.md",
        "# Política de Privacidade\n\n"
        "Data de entrada em vigor: 9 de Setembro de 2020\n\n"
        "Última actualização: 2 de Setembro de 2020\n\n"
        "A presente política explica como tratamos os seus dados pessoais.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "pt-BR",
        "Política de privacidade BR.md",
        "# Política de Privacidade\n\n"
        "Última atualização: 9 de setembro de 2020\n\n"
        "Esta política explica como tratamos seus dados pessoais.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "pt-BR",
        "Aviso de privacidade do Firefox.md",
        "# Aviso de privacidade do Firefox\n\n"
        "*Vigência em 28 de setembro de 2017*\n\n"
        "Na Mozilla, acreditamos que a privacidade é fundamental para uma internet saudável.\n",
        "2017-09-28",
        "effective",
    ),
    (
        "nl",
        "Privacyverklaring.md",
        "# Privacyverklaring\n\n"
        "Laatst bijgewerkt: 9 maart 2021\n\n"
        "In deze verklaring leggen we uit hoe we met je persoonsgegevens omgaan.\n",
        "2021-03-09",
        "updated",
    ),
    (
        "pl",
        "Polityka prywatności.md",
        "# Polityka prywatności\n\n"
        "Data wejścia w życie: 9 września 2020 r.\n\n"
        "Niniejsza polityka opisuje, w jaki sposób przetwarzamy Twoje dane osobowe.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "cs",
        "Zásady ochrany osobních údajů.md",
        "# Zásady ochrany osobních údajů\n\n"
        "Datum účinnosti: 9. září 2020\n\n"
        "Tyto zásady popisují, jak zpracováváme vaše osobní údaje.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "ru",
        "Политика конфиденциальности.md",
        "# Политика конфиденциальности\n\n"
        "Дата вступления в силу: 9 сентября 2020 г.\n\n"
        "Настоящая политика описывает, как мы обрабатываем ваши персональные данные.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "ru-numeric",
        "Пользовательское соглашение.md",
        "# Пользовательское соглашение\n\n"
        "Последнее обновление: 01.09.2022\n\n"
        "Настоящее соглашение регулирует использование сервиса.\n",
        "2022-09-01",
        "updated",
    ),
    (
        "sv",
        "Integritetspolicy.md",
        "# Integritetspolicy\n\n*Senast uppdaterad: 9 september 2020*\n\n"
        "Här beskriver vi hur vi behandlar dina personuppgifter.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "da",
        "Privatlivspolitik.md",
        "# Privatlivspolitik\n\nSenest opdateret den 9. september 2020\n\n"
        "Denne politik beskriver, hvordan vi behandler dine personoplysninger.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "nb",
        "Personvernerklæring.md",
        "# Personvernerklæring\n\nGjelder fra 9. september 2020\n\n"
        "Denne erklæringen forklarer hvordan vi behandler personopplysninger.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "fi",
        "Tietosuojaseloste.md",
        "# Tietosuojaseloste\n\nViimeksi päivitetty: 9. syyskuuta 2020\n\n"
        "Tässä selosteessa kerrotaan, miten käsittelemme henkilötietojasi.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "tr",
        "Gizlilik Politikası.md",
        "# Gizlilik Politikası\n\nYürürlük Tarihi: 09.03.2020\n\n"
        "Bu politika kişisel verilerinizi nasıl işlediğimizi açıklar.\n",
        "2020-03-09",
        "effective",
    ),
    (
        "uk",
        "Політика конфіденційності.md",
        "# Політика конфіденційності\n\nОстаннє оновлення: 9 вересня 2020 р.\n\n"
        "Ця політика пояснює, як ми обробляємо ваші персональні дані.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "ro",
        "Politica de confidențialitate.md",
        "# Politica de confidențialitate\n\nData intrării în vigoare: 9 septembrie 2020\n\n"
        "Această politică explică modul în care prelucrăm datele dumneavoastră.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "id",
        "Kebijakan Privasi.md",
        "# Kebijakan Privasi\n\nTerakhir diperbarui: 9 September 2020\n\n"
        "Kebijakan ini menjelaskan cara kami memproses data pribadi Anda.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "sk",
        "Zásady ochrany súkromia.md",
        "# Zásady ochrany súkromia\n\nÚčinné od 9. septembra 2020\n\n"
        "Tieto zásady popisujú, ako spracúvame vaše osobné údaje.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "el",
        "Πολιτική απορρήτου.md",
        "# Πολιτική απορρήτου\n\nΤελευταία ενημέρωση: 9 Σεπτεμβρίου 2020\n\n"
        "Η παρούσα πολιτική εξηγεί πώς επεξεργαζόμαστε τα προσωπικά σας δεδομένα.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "hu",
        "Adatvédelmi tájékoztató.md",
        "# Adatvédelmi tájékoztató\n\nHatályos: 2020. szeptember 9.\n\n"
        "Ez a tájékoztató leírja, hogyan kezeljük személyes adatait.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "he",
        "מדיניות פרטיות.md",
        "# מדיניות פרטיות\n\nעודכן לאחרונה: 9 בספטמבר 2020\n\n"
        "מדיניות זו מסבירה כיצד אנו מעבדים את המידע האישי שלך.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "ar",
        "سياسة الخصوصية.md",
        "# سياسة الخصوصية\n\nتاريخ السريان: 9 سبتمبر 2020\n\n"
        "توضح هذه السياسة كيفية معالجتنا لبياناتك الشخصية.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "vi",
        "Chính sách quyền riêng tư.md",
        "# Chính sách quyền riêng tư\n\nCập nhật lần cuối: ngày 9 tháng 9 năm 2020\n\n"
        "Chính sách này giải thích cách chúng tôi xử lý dữ liệu cá nhân của bạn.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "ja",
        "プライバシーポリシー.md",
        "# プライバシーポリシー\n\n"
        "発効日：2020年9月9日\n\n"
        "当社は、お客様の個人情報を以下のとおり取り扱います。\n",
        "2020-09-09",
        "effective",
    ),
    (
        "ja-history",
        "利用規約.md",
        "# 利用規約\n\n"
        "本規約は、当社が提供するサービスの利用条件を定めるものです。\n\n"
        "2015年4月1日 制定\n"
        "2018年5月25日 改定\n"
        "2020年9月9日 改定\n",
        "2020-09-09",
        "updated",
    ),
    (
        "zh-Hans",
        "隐私政策.md",
        "# 隐私政策\n\n"
        "生效日期：2020年9月9日\n\n"
        "最后更新：2020年9月1日\n\n"
        "本政策说明我们如何收集、使用和保护您的个人信息。\n",
        "2020-09-09",
        "effective",
    ),
    (
        "zh-Hant",
        "隱私權政策.md",
        "# 隱私權政策\n\n"
        "最後更新日期：2020年9月9日\n\n"
        "本政策說明我們如何蒐集、使用及保護您的個人資料。\n",
        "2020-09-09",
        "updated",
    ),
    (
        "ko",
        "개인정보처리방침.md",
        "# 개인정보처리방침\n\n"
        "시행일: 2020년 9월 9일\n\n"
        "회사는 이용자의 개인정보를 중요시하며 관련 법령을 준수합니다.\n",
        "2020-09-09",
        "effective",
    ),
    (
        "ko-updated",
        "이용약관.md",
        "# 이용약관\n\n"
        "최종 수정일: 2020. 9. 9.\n\n"
        "본 약관은 회사가 제공하는 서비스의 이용 조건을 규정합니다.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "th",
        "นโยบายความเป็นส่วนตัว.md",
        "# นโยบายความเป็นส่วนตัว\n\n"
        "วันที่มีผลบังคับใช้: 1 มิถุนายน 2565\n\n"
        "บริษัทให้ความสำคัญกับการคุ้มครองข้อมูลส่วนบุคคลของท่าน "
        "ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562\n",
        "2022-06-01",  # Buddhist Era 2565
        "effective",
    ),
    (
        "th-updated",
        "ข้อกำหนดการใช้บริการ.md",
        "# ข้อกำหนดและเงื่อนไขการใช้บริการ\n\n"
        "ปรับปรุงล่าสุดเมื่อวันที่ ๙ กันยายน ๒๕๖๓\n\n"
        "โปรดอ่านข้อกำหนดเหล่านี้อย่างละเอียดก่อนใช้บริการของเรา\n",
        "2020-09-09",  # Thai digits, Buddhist Era
        "updated",
    ),
    (
        "hi",
        "गोपनीयता नीति.md",
        "# गोपनीयता नीति\n\n"
        "अंतिम बार अपडेट किया गया: 9 सितंबर 2020\n\n"
        "यह गोपनीयता नीति बताती है कि हम आपकी व्यक्तिगत जानकारी कैसे एकत्र करते हैं।\n",
        "2020-09-09",
        "updated",
    ),
    (
        "hi-effective",
        "उपयोग की शर्तें.md",
        "# उपयोग की शर्तें\n\n"
        "**प्रभावी तिथि:** १ मई २०२१\n\n"
        "हमारी सेवाओं का उपयोग करके आप इन शर्तों से सहमत होते हैं।\n",
        "2021-05-01",  # Devanagari digits
        "effective",
    ),
    (
        "bg",
        "Политика за поверителност.md",
        "# Политика за поверителност\n\n"
        "В сила от: 25 май 2018 г.\n"
        "Последна актуализация: 9 септември 2020 г.\n\n"
        "Тази политика описва как обработваме личните ви данни.\n",
        "2018-05-25",
        "effective",
    ),
    (
        "hr",
        "Pravila o privatnosti.md",
        "# Pravila o privatnosti\n\n"
        "Datum stupanja na snagu: 1. listopada 2021.\n\n"
        "Ovim pravilima opisujemo kako obrađujemo vaše osobne podatke.\n",
        "2021-10-01",  # listopad is October in Croatian
        "effective",
    ),
    (
        "sr-Latn",
        "Politika privatnosti.md",
        "# Politika privatnosti\n\n"
        "_Poslednje ažuriranje: 9. septembar 2020._\n\n"
        "Ova politika opisuje kako obrađujemo vaše podatke o ličnosti.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "sr-Cyrl",
        "Политика приватности.md",
        "# Политика приватности\n\n"
        "Важи од 1. јануара 2021. године\n\n"
        "Ова политика описује како обрађујемо ваше податке о личности.\n",
        "2021-01-01",
        "effective",
    ),
    (
        "sl",
        "Politika zasebnosti.md",
        "# Politika zasebnosti\n\n"
        "Posodobljeno: 9. septembra 2020\n\n"
        "Ta politika pojasnjuje, kako obdelujemo vaše osebne podatke.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "lt",
        "Privatumo politika.md",
        "# Privatumo politika\n\n"
        "Paskutinį kartą atnaujinta: 2020 m. rugsėjo 9 d.\n\n"
        "Šioje politikoje aprašoma, kaip tvarkome jūsų asmens duomenis.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "lv",
        "Privātuma politika.md",
        "# Privātuma politika\n\n"
        "Pēdējo reizi atjaunināts: 2020. gada 9. septembrī\n\n"
        "Šajā politikā ir aprakstīts, kā mēs apstrādājam jūsu personas datus.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "et",
        "Privaatsuspoliitika.md",
        "# Privaatsuspoliitika\n\n"
        "Viimati uuendatud: 9. septembril 2020\n\n"
        "Käesolev poliitika kirjeldab, kuidas me teie isikuandmeid töötleme.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "et-effective",
        "Kasutustingimused.md",
        "# Kasutustingimused\n\n"
        "Kehtib alates 01.10.2021\n\n"
        "Teenuse kasutamisega nõustute käesolevate tingimustega.\n",
        "2021-10-01",  # day first
        "effective",
    ),
    (
        "ca",
        "Política de privacitat.md",
        "# Política de privacitat\n\n"
        "Última actualització: 1 d'octubre de 2020\n\n"
        "Aquesta política explica com tractem les vostres dades personals.\n",
        "2020-10-01",
        "updated",
    ),
    (
        "bn",
        "গোপনীয়তা নীতি.md",
        "# গোপনীয়তা নীতি\n\n"
        "সর্বশেষ আপডেট: ৯ সেপ্টেম্বর ২০২০\n\n"
        "এই নীতিতে আমরা কীভাবে আপনার ব্যক্তিগত তথ্য সংগ্রহ ও ব্যবহার করি তা বর্ণনা করা হয়েছে।\n",
        "2020-09-09",  # Bengali digits
        "updated",
    ),
    (
        "tl",
        "Patakaran sa Privacy.md",
        "# Patakaran sa Privacy\n\n"
        "Huling na-update noong Setyembre 9, 2020\n\n"
        "Inilalarawan ng patakarang ito kung paano namin ginagamit ang iyong impormasyon.\n",
        "2020-09-09",
        "updated",
    ),
    (
        "fa",
        "سیاست حفظ حریم خصوصی.md",
        "# سیاست حفظ حریم خصوصی\n\n"
        "آخرین به\u200cروزرسانی: ۱۴ سپتامبر ۲۰۲۰\n\n"
        "این سیاست توضیح می\u200cدهد که ما چگونه اطلاعات شخصی شما را پردازش می\u200cکنیم.\n",
        "2020-09-14",  # Extended Arabic-Indic digits, Gregorian month
        "updated",
    ),
]

IDS = [case[0] for case in HEADERS]


@pytest.mark.parametrize(("lang", "name", "text", "date", "label"), HEADERS, ids=IDS)
def test_the_parser_reads_the_header(
    lang: str, name: str, text: str, date: str, label: str
) -> None:
    found = find_effective_date(text)
    assert found is not None, lang
    assert (found.date.isoformat(), found.label, found.source) == (date, label, "text")


@pytest.mark.parametrize(("lang", "name", "text", "date", "label"), HEADERS, ids=IDS)
def test_log_reads_the_date_from_a_repository(
    git_repo: GitRepo, lang: str, name: str, text: str, date: str, label: str
) -> None:
    git_repo.commit({name: text}, date="2025-06-01T12:00:00+00:00")
    result = run_cli("log", "--repo", str(git_repo.path), "--json")
    assert result.code == 0, result.err
    (notice,) = json.loads(result.out)["notices"]
    (revision,) = notice["revisions"]
    assert (revision["effective_date"], revision["date_source"]) == (date, "text"), lang


def test_every_language_of_the_table_has_a_header() -> None:
    tested = {case[0].split("-")[0] for case in HEADERS}
    assert {language.code for language in LANGUAGES} - {"en"} <= tested


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Stand: 09.03.2020", "2020-03-09"),  # German: day first
        ("Gültig ab 01.09.2022", "2022-09-01"),
        ("Dernière mise à jour : 03/04/2024", "2024-04-03"),  # French: day first
        ("Ostatnia aktualizacja: 01.02.2023", "2023-02-01"),  # Polish
        ("Poslední aktualizace: 1. 2. 2023", "2023-02-01"),  # Czech, spaced
        ("Last updated: 01/09/2022", None),  # English: ambiguous, nothing
        ("01.09.2022", None),  # no label, no language: ambiguous, nothing
        ("Last updated: 13/09/2022", "2022-09-13"),  # unambiguous
    ],
)
def test_numeric_dates_are_day_first_where_the_language_says_so(
    text: str, date: str | None
) -> None:
    found = find_effective_date(f"# Notice\n\n{text}\n\nWe process data.\n")
    assert (found.date.isoformat() if found else None) == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Data wejścia w życie: 1 października 2021", "2021-10-01"),  # Polish genitive
        ("Obowiązuje od dnia 9 września 2020 r.", "2020-09-09"),
        ("Ostatnia aktualizacja: październik 2021", "2021-10-01"),  # nominative, month only
        ("Účinné od 9. července 2020", "2020-07-09"),  # Czech genitive
        ("Poslední aktualizace: 1. listopadu 2022", "2022-11-01"),
        ("Действует с 9 сентября 2020 года", "2020-09-09"),  # Russian genitive
        ("Обновлено: 1 декабря 2021 г.", "2021-12-01"),
        ("Редакция от 15 мая 2023 г.", "2023-05-15"),
        ("Última atualização: 9 de setembro de 2020", "2020-09-09"),
        ("Derniere mise a jour : 9 septembre 2020", "2020-09-09"),  # no accents
    ],
)
def test_inflected_and_unaccented_forms(text: str, date: str) -> None:
    found = find_effective_date(f"# Notice\n\n{text}\n\nWe process data.\n")
    assert found is not None
    assert found.date.isoformat() == date


@pytest.mark.parametrize(
    "text",
    [
        # prose that mentions a date is not a stamp, in any language
        "Nous avons mis à jour cette politique plusieurs fois depuis le 9 septembre 2020, "
        "et nous continuerons.",
        "Das Gesetz vom 9. September 2020 gilt für alle Anbieter in der Union und darüber.",
        "当社は2020年9月9日に設立され、以来多くのお客様にサービスを提供してきました。",
        "2015年4月1日 制定",  # enacted (the first version), not a stamp of this one
    ],
)
def test_prose_dates_in_other_languages_give_nothing(text: str) -> None:
    assert find_effective_date(f"# Notice\n\n{text}\n") is None


def test_japanese_history_lines_newest_wins_and_a_label_beats_them() -> None:
    history = (
        "# 個人情報保護方針\n\n2018年1月1日 制定\n2019年4月1日 施行\n2020年9月9日 施行\n\n本文。\n"
    )
    assert find_effective_date(history).date == dt.date(2020, 9, 9)  # type: ignore[union-attr]
    labelled = "# プライバシーポリシー\n\n最終更新日：2021年1月1日\n\n本文。\n\n2019年4月1日 改定\n"
    assert find_effective_date(labelled).date == dt.date(2021, 1, 1)  # type: ignore[union-attr]


def test_arabic_label_reads_with_or_without_its_vowel_mark() -> None:
    for label in ("ساري اعتبارًا من", "ساري اعتبارا من"):
        found = find_effective_date(f"# سياسة الخصوصية\n\n{label} 1 يناير 2020\n\nنص.\n")
        assert found is not None and found.date == dt.date(2020, 1, 1), label


def test_the_language_tables_are_built_on_first_use_not_at_import() -> None:
    # Importing the date rules stays cheap: the label patterns of every language and
    # the month table are built by the first text read, once.
    code = (
        "import notices_repo.text.dates as dates\n"
        "from notices_repo.text.dates import labels, parse\n"
        "tables = (labels.label_fast_re, parse.month_numbers)\n"
        "def built():\n"
        "    return [table.cache_info().currsize for table in tables]\n"
        "print(built())\n"
        "dates.find_effective_date('Last updated: May 2, 2024')\n"
        "dates.find_effective_date('Dernière mise à jour : 9 décembre 2023')\n"
        "print(built())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.splitlines() == ["[0, 0]", "[1, 1]"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("最終更新日：２０２０年９月９日", "2020-09-09"),  # full-width digits
        ("更新日期：２０２０年９月９日", "2020-09-09"),
        ("آخر تحديث: ٩ سبتمبر ٢٠٢٠", "2020-09-09"),  # Arabic-Indic digits
        ("تاريخ السريان: ۱۴ سبتمبر ۲۰۲۰", "2020-09-14"),  # Extended Arabic-Indic (Persian)
        ("अंतिम अपडेट: ९ सितंबर २०२०", "2020-09-09"),  # Devanagari digits
        ("ปรับปรุงล่าสุด: ๙ ก.ย. ๒๕๖๓", "2020-09-09"),  # Thai digits, abbreviation, B.E.
        ("มีผลบังคับใช้ตั้งแต่วันที่ 1 มกราคม พ.ศ. 2564", "2021-01-01"),  # "B.E." before it
        ("แก้ไขล่าสุด 15/03/2566", "2023-03-15"),  # numeric, day first, B.E.
    ],
)
def test_digits_of_other_scripts_and_buddhist_era_years(text: str, date: str) -> None:
    found = find_effective_date(f"# Notice\n\n{text}\n\nBody.\n")
    assert found is not None, text
    assert found.date.isoformat() == date


def test_other_digits_keep_the_line_of_the_stamp() -> None:
    text = "# ประกาศ\n\nบริษัท ตัวอย่าง จำกัด\n\n\nแก้ไขล่าสุด: ๑ มกราคม ๒๕๖๔\n\nเนื้อหา\n"
    found = find_effective_date(text)
    assert found is not None
    assert (found.date, found.line) == (dt.date(2021, 1, 1), 5)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("٩ سبتمبر ٢٠٢٠", "2020-09-09"),
        ("２０２０年９月９日", "2020-09-09"),
        ("9 กันยายน 2563", "2020-09-09"),
        ("१ मई २०२१", "2021-05-01"),
        ("2020 m. rugsėjo 9 d.", "2020-09-09"),
        ("2020. gada 9. septembrī", "2020-09-09"),
        ("1 d'octubre de 2020", "2020-10-01"),
    ],
)
def test_parse_date_reads_the_new_shapes_and_digits(text: str, date: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None and parsed[0].isoformat() == date


def test_a_thai_text_after_ascii_front_matter_reads_its_buddhist_era_date() -> None:
    front = "---\nlayout: legal\npermalink: /th/privacy/\nid: privacy-policy-th\n"
    front += "".join(f"alternate_{n}: https://example.com/{n}/privacy\n" for n in range(6))
    text = f"{front}title: นโยบายความเป็นส่วนตัว\n---\n\nแก้ไขล่าสุด: 9 กันยายน 2563\n\nเนื้อหา\n"
    assert 256 < text.index("นโยบาย") < 512
    found = find_effective_date(text)
    assert found is not None and found.date == dt.date(2020, 9, 9)


def test_ascii_digits_keeps_every_offset_and_wide_reading_needs_such_a_script() -> None:
    assert ascii_digits("๙ ก.ย. ๒๕๖๓ / ٢٠٢٠ / ２０２０") == "9 ก.ย. 2563 / 2020 / 2020"
    assert wide_text("# นโยบาย\n") and wide_text("# 隐私政策\n")
    # ASCII texts and texts with only Latin letters and punctuation read as before
    assert not wide_text("# Privacy Policy\n\nLast updated: May 2, 2024\n")
    assert not wide_text("# Privacy “Policy” – Übersicht, é\n")


@pytest.mark.parametrize(
    ("text", "date", "label"),
    [
        ("本政策自2020年9月9日起生效。", "2020-09-09", "effective"),
        ("本隐私政策于2020年9月9日更新", "2020-09-09", "updated"),
        ("欢迎使用我们的服务。本政策自2020年9月9日起生效。", "2020-09-09", "effective"),
        ("更新日期：2020年9月9日", "2020-09-09", "updated"),
        ("生效日期：2020年9月9日", "2020-09-09", "effective"),
        ("最后更新于2020年9月9日", "2020-09-09", "updated"),
        ("2020年9月9日より施行", "2020-09-09", "effective"),
        ("2020年9月9日から適用", "2020-09-09", "effective"),
        ("本規約は2020年9月9日から施行されます。", "2020-09-09", "effective"),
        ("この規約は、2020年9月9日から施行する。", "2020-09-09", "effective"),
        ("부칙: 이 방침은 2020년 9월 9일부터 시행한다.", "2020-09-09", "effective"),
        ("2020년 9월 9일부터 시행", "2020-09-09", "effective"),
        ("이 개인정보 처리방침은 2020년 9월 9일부터 시행됩니다.", "2020-09-09", "effective"),
    ],
)
def test_cjk_prose_stamps(text: str, date: str, label: str) -> None:
    found = find_effective_date(f"# 隐私政策\n\n{text}\n\n正文。\n")
    assert found is not None, text
    assert (found.date.isoformat(), found.label) == (date, label)


@pytest.mark.parametrize(
    "text",
    [
        # a law's dates in prose, not the text's own
        "个人信息保护法自2021年11月1日起施行。",
        "《中华人民共和国个人信息保护法》自2021年11月1日起施行。",
        "用户自2020年9月9日起可以使用本服务的全部功能。",  # not a stamp word after it
        "本政策自2020年9月9日起生效，并取代此前的所有版本以及相关的补充条款。",  # goes on
        # Thai: the Personal Data Protection Act B.E. 2562, in force from 1 June 2022
        "บริษัทปฏิบัติตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 ซึ่งมีผลใช้บังคับตั้งแต่วันที่ 1 มิถุนายน 2565",
        # Lithuanian: the GDPR of 27 April 2016, cited in prose
        "Vadovaujamės 2016 m. balandžio 27 d. Reglamentu (ES) 2016/679 ir kitais teisės aktais.",
        # Hindi prose: published on a date, no label leads it
        "यह नीति हमारी वेबसाइट पर 9 सितंबर 2020 को प्रकाशित हुई थी और तब से लागू है।",
        # a Buddhist Era year is Thai only: an English text never reads one
        "Last updated: September 9, 2563",
        # Persian dates of the Solar Hijri calendar are not read (14 Mehr 1399)
        "آخرین ویرایش: ۱۴ مهر ۱۳۹۹",
    ],
)
def test_traps_of_the_new_languages_give_nothing(text: str) -> None:
    assert find_effective_date(f"# Notice\n\n{text}\n\nBody text.\n") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Vigent des de l'1 de gener de 2021", "2021-01-01"),  # Catalan "l'1"
        ("Datum zadnje izmjene: 1. prosinca 2021.", "2021-12-01"),  # Croatian genitive
        ("Spēkā stāšanās datums: 2021. gada 1. janvārī", "2021-01-01"),  # Latvian
        ("Датум последњег ажурирања: 1. децембра 2021.", "2021-12-01"),  # Serbian
        ("Дата на последна промяна: 1 декември 2021 г.", "2021-12-01"),  # Bulgarian
    ],
)
def test_more_labels_and_forms_of_the_new_languages(text: str, date: str) -> None:
    found = find_effective_date(f"# Notice\n\n{text}\n\nBody.\n")
    assert found is not None and found.date.isoformat() == date, text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Posljednje ažuriranje: 9. listopada 2020.", "2020-10-09"),  # Croatian: October
        ("Ostatnia aktualizacja: 9 listopada 2020 r.", "2020-11-09"),  # Polish: November
        ("Poslední aktualizace: 9. listopadu 2020", "2020-11-09"),  # Czech: November
    ],
)
def test_a_month_name_two_languages_read_differently_follows_the_label(
    text: str, date: str
) -> None:
    found = find_effective_date(f"# Notice\n\n{text}\n\nBody.\n")
    assert found is not None and found.date.isoformat() == date


def test_a_thai_notice_closes_with_the_date_it_was_announced() -> None:
    body = "".join(f"ข้อ {n}. บริษัทเก็บรวบรวมข้อมูลส่วนบุคคลเท่าที่จำเป็น\n" for n in range(1, 60))
    text = f"# นโยบายความเป็นส่วนตัว\n\n{body}\nประกาศ ณ วันที่ 1 มิถุนายน 2565\n"
    found = find_effective_date(text)
    assert found is not None
    assert (found.date, found.line) == (dt.date(2022, 6, 1), 62)


_THAI_MONTHS = next(language.months for language in LANGUAGES if language.code == "th")
_AR_MONTHS = next(language.months for language in LANGUAGES if language.code == "ar")


@settings(max_examples=150, deadline=None)
@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
    st.sampled_from((0x30, *DIGIT_ZEROS)),
    st.booleans(),
)
def test_a_stamp_reads_its_date_in_every_digit_system(day: dt.date, zero: int, thai: bool) -> None:
    digits = {ord(str(n)): zero + n for n in range(10)}
    if thai:  # Thai: the Buddhist Era year
        stamp = f"ปรับปรุงล่าสุด: {day.day} {_THAI_MONTHS[day.month - 1][0]} {day.year + 543}"
    else:
        stamp = f"آخر تحديث: {day.day} {_AR_MONTHS[day.month - 1][0]} {day.year}"
    found = find_effective_date(f"# Notice\n\n{stamp.translate(digits)}\n\nBody.\n")
    assert found is not None and found.date == day, stamp


_SOUP = st.lists(
    st.sampled_from(
        list("0123456789 .:-/\n年月日년월일")
        + [chr(zero + n) for zero in DIGIT_ZEROS for n in range(10)]
        + ["พ.ศ.", "กันยายน", "ก.ย.", "มีผลบังคับใช้", "सितंबर", "अंतिम अपडेट", "gada",
           " m. ", " d.", "本政策自", "起生效", "。", "2563", "2020", "\u0e31", "\u094d"]
    ),
    max_size=60,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_SOUP)
def test_wide_soup_never_raises_and_dates_stay_in_range(text: str) -> None:
    found = find_effective_date(f"# นโยบาย\n\n{text}\n")
    assert found is None or 1900 <= found.date.year <= 2099
    parsed = parse_date(text)
    assert parsed is None or 1900 <= parsed[0].year <= 2099
