"""Labels and month names of effective dates, per language (data for :mod:`dates`).

Each :class:`Language` lists, in plain lower-case words:

* ``effective``: label phrases that introduce the date a text takes effect
  ("Date d'entrée en vigueur", "Gültig ab", "発効日");
* ``updated``: label phrases that introduce the date it was last updated
  ("Dernière mise à jour", "Zuletzt aktualisiert", "最終更新日");
* ``months``: the twelve months, each with its names, inflected forms (Polish, Czech,
  Russian, Croatian, Serbian, Slovenian and Lithuanian genitives: "września", "září",
  "сентября", "rujna", "rugsėjo"; Latvian and Estonian locatives: "septembrī",
  "septembril") and usual abbreviations ("ก.ย." in Thai). A spelling two languages give
  different months (Croatian "listopad" is October, Czech and Polish November) has the
  first language's number, and the other's after one of its labels;
* ``dayfirst``: numeric dates after one of its labels are day-first (``09.09.2020`` is
  9 September); every language here but English, Hungarian and the East Asian ones
  writes them so.

:mod:`notices_repo.text.dates.labels` turns the phrases into its label patterns: a space matches
any run of white space, an apostrophe matches ``'`` or ``’``, and a phrase with
accents also matches its unaccented spelling ("derniere mise a jour"). English labels
have finer rules (how far a label may stand from its line's start, "last updated this
notice on") and live in :mod:`notices_repo.text.dates.labels`; English months are here.

Phrases in scripts written without spaces (Chinese, Japanese, Thai) match inside a run
of letters; the others must be whole words. Thai and Devanagari words hold vowel and
tone marks, Thai years may be of the Buddhist Era (2563 is 2020), and digits of other
scripts are read: see :mod:`notices_repo.text.dates.parse`. Japanese, Chinese and Korean dates are
``2020年9月9日`` / ``2020년 9월 9일`` (read by :mod:`notices_repo.text.dates.scanner`), and a date
followed by a word such as ``改定`` (revised) or ``시행`` (in force) on its own line
is a stamp too (``SUFFIXES``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LANGUAGES", "SUFFIXES", "Language"]


@dataclass(frozen=True, slots=True)
class Language:
    """Label phrases and month names of one language (see the module docstring)."""

    code: str
    name: str
    effective: tuple[str, ...]
    updated: tuple[str, ...]
    months: tuple[tuple[str, ...], ...]  # January first; empty when dates are numeric
    dayfirst: bool = True


_NUMERIC_MONTHS: tuple[tuple[str, ...], ...] = ()

LANGUAGES: tuple[Language, ...] = (
    Language(
        "en", "English", (), (),
        (("january", "jan"), ("february", "feb", "febr"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        dayfirst=False,
    ),
    Language(
        "fr", "French",
        ("date d'effet", "date d'entrée en vigueur", "date de prise d'effet",
         "en vigueur à compter du", "en vigueur à partir du", "en vigueur depuis le",
         "en vigueur le", "en vigueur au", "en vigueur du", "entrée en vigueur le",
         "entrée en vigueur", "applicable à compter du", "applicable à partir du",
         "prend effet le", "prise d'effet"),
        ("dernière mise à jour", "date de dernière mise à jour",
         "date de la dernière mise à jour", "mise à jour le", "mis à jour le",
         "dernière modification", "dernière révision", "révisé le", "modifié le"),
        (("janvier", "janv"), ("février", "févr", "fév"), ("mars",), ("avril", "avr"),
         ("mai",), ("juin",), ("juillet", "juil"), ("août",),
         ("septembre", "sept"), ("octobre", "oct"), ("novembre", "nov"),
         ("décembre", "déc")),
    ),
    Language(
        "de", "German",
        ("gültig ab", "gültig seit", "in kraft seit", "in kraft ab", "wirksam ab",
         "datum des inkrafttretens", "inkrafttreten", "tritt in kraft am",
         "in kraft getreten am", "gilt ab", "gültigkeit ab"),
        ("zuletzt aktualisiert am", "zuletzt aktualisiert", "zuletzt geändert am",
         "zuletzt geändert", "zuletzt überarbeitet am", "zuletzt überarbeitet",
         "letzte aktualisierung", "letzte änderung", "aktualisiert am",
         "datum der letzten aktualisierung", "datum der letzten änderung"),
        (("januar", "jänner", "jaenner", "jan", "jän"), ("februar", "feber", "feb"),
         ("märz", "maerz", "mär", "mrz"), ("april", "apr"), ("mai",), ("juni", "jun"),
         ("juli", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("oktober", "okt"), ("november", "nov"), ("dezember", "dez")),
    ),
    Language(
        "es", "Spanish",
        ("fecha de entrada en vigor", "fecha de vigencia", "fecha efectiva",
         "fecha de efectividad", "vigente a partir del", "vigente a partir de",
         "vigente desde el", "vigente desde", "en vigor desde el", "en vigor desde",
         "en vigor a partir del", "en vigor a partir de", "efectivo a partir del",
         "efectiva a partir del", "efectivo desde", "vigente"),
        ("última actualización", "fecha de última actualización",
         "fecha de la última actualización", "actualizado el", "actualizada el",
         "actualizado a", "actualizada a", "última modificación", "última revisión",
         "modificado el"),
        (("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"),
         ("mayo", "may"), ("junio", "jun"), ("julio", "jul"), ("agosto",),
         ("septiembre", "setiembre", "sept", "sep"), ("octubre", "oct"),
         ("noviembre", "nov"), ("diciembre", "dic")),
    ),
    Language(
        "it", "Italian",
        ("data di entrata in vigore", "data di efficacia", "data di decorrenza",
         "in vigore dal", "in vigore a partire dal", "efficace dal", "valido dal",
         "valida dal", "con decorrenza dal"),
        ("ultimo aggiornamento", "data dell'ultimo aggiornamento",
         "data di ultimo aggiornamento", "aggiornato il", "aggiornata il", "aggiornato al",
         "aggiornata al", "ultima modifica", "data di ultima modifica", "ultima revisione"),
        (("gennaio",), ("febbraio",), ("marzo",), ("aprile",), ("maggio",),
         ("giugno",), ("luglio",), ("agosto",), ("settembre", "sett"),
         ("ottobre",), ("novembre",), ("dicembre",)),
    ),
    Language(
        "pt", "Portuguese (Portugal and Brazil)",
        ("data de entrada em vigor", "data de vigência", "data efetiva", "data efectiva",
         "em vigor desde", "em vigor a partir de", "vigente a partir de", "vigente desde",
         "válido a partir de", "válida a partir de", "entra em vigor em",
         "entrada em vigor"),
        ("última atualização", "última actualização", "data da última atualização",
         "data da última actualização", "atualizado em", "atualizada em",
         "actualizado em", "actualizada em", "última modificação", "última revisão",
         "revisto em", "revisado em", "modificado em"),
        (("janeiro", "jan"), ("fevereiro", "fev"), ("março", "mar"), ("abril", "abr"),
         ("maio", "mai"), ("junho", "jun"), ("julho", "jul"), ("agosto",),
         ("setembro",), ("outubro",), ("novembro", "nov"), ("dezembro", "dez")),
    ),
    Language(
        "nl", "Dutch",
        ("ingangsdatum", "datum van inwerkingtreding", "van kracht vanaf",
         "van kracht per", "van kracht sinds", "geldig vanaf", "geldig per",
         "in werking getreden op", "in werking vanaf", "met ingang van"),
        ("laatst bijgewerkt op", "laatst bijgewerkt", "laatste update",
         "laatst gewijzigd op", "laatst gewijzigd", "bijgewerkt op", "laatste wijziging",
         "datum laatste wijziging"),
        (("januari",), ("februari",), ("maart", "mrt"), ("april",), ("mei",),
         ("juni",), ("juli",), ("augustus",), ("september", "sept"),
         ("oktober", "okt"), ("november",), ("december",)),
    ),
    Language(
        "pl", "Polish",
        ("data wejścia w życie", "obowiązuje od dnia", "obowiązuje od",
         "obowiązująca od", "obowiązujący od", "wchodzi w życie z dniem",
         "wchodzi w życie", "wszedł w życie", "weszła w życie", "data obowiązywania"),
        ("ostatnia aktualizacja", "data ostatniej aktualizacji", "zaktualizowano",
         "ostatnia zmiana", "data ostatniej zmiany", "ostatnio zaktualizowano",
         "ostatnio zmieniono"),
        (("styczeń", "stycznia"), ("luty", "lutego"), ("marzec", "marca"),
         ("kwiecień", "kwietnia"), ("maj", "maja"), ("czerwiec", "czerwca"),
         ("lipiec", "lipca"), ("sierpień", "sierpnia"), ("wrzesień", "września"),
         ("październik", "października"), ("listopad", "listopada"),
         ("grudzień", "grudnia")),
    ),
    Language(
        "cs", "Czech",
        ("datum účinnosti", "účinné od", "účinná od", "účinnost od", "platné od",
         "platná od", "platnost od", "nabývá účinnosti dne", "nabývá účinnosti",
         "účinnosti nabývá dne"),
        ("poslední aktualizace", "naposledy aktualizováno", "aktualizováno",
         "datum poslední aktualizace", "poslední změna", "naposledy změněno",
         "datum poslední změny"),
        (("leden", "ledna"), ("únor", "února"), ("březen", "března"),
         ("duben", "dubna"), ("květen", "května"), ("červen", "června"),
         ("červenec", "července"), ("srpen", "srpna"), ("září",),
         ("říjen", "října"), ("listopad", "listopadu"), ("prosinec", "prosince")),
    ),
    Language(
        "ru", "Russian",
        ("дата вступления в силу", "вступает в силу с", "вступает в силу",
         "вступили в силу", "вступила в силу", "действует с", "действуют с",
         "действительно с", "в силе с"),
        ("последнее обновление", "дата последнего обновления", "обновлено",
         "последнее изменение", "дата последнего изменения", "последние изменения",
         "редакция от", "в редакции от"),
        (("январь", "января", "янв"), ("февраль", "февраля", "фев", "февр"),
         ("март", "марта", "мар"), ("апрель", "апреля", "апр"), ("май", "мая"),
         ("июнь", "июня", "июн"), ("июль", "июля", "июл"), ("август", "августа", "авг"),
         ("сентябрь", "сентября", "сен", "сент"), ("октябрь", "октября", "окт"),
         ("ноябрь", "ноября", "ноя", "нояб"), ("декабрь", "декабря", "дек")),
    ),
    Language(
        "sv", "Swedish",
        ("gäller från och med", "gäller från", "giltig från", "giltiga från",
         "träder i kraft", "trädde i kraft", "ikraftträdande", "datum för ikraftträdande"),
        ("senast uppdaterad", "senast uppdaterade", "senast ändrad", "uppdaterad",
         "senaste uppdatering", "senaste ändring"),
        (("januari", "jan"), ("februari", "feb"), ("mars",), ("april", "apr"), ("maj",),
         ("juni",), ("juli",), ("augusti", "aug"), ("september", "sept"),
         ("oktober", "okt"), ("november",), ("december",)),
    ),
    Language(
        "da", "Danish",
        ("gældende fra", "gyldig fra", "træder i kraft", "trådte i kraft",
         "ikrafttrædelsesdato", "ikrafttrædelse"),
        ("senest opdateret", "sidst opdateret", "opdateret", "senest ændret",
         "sidst ændret", "seneste opdatering"),
        (("januar",), ("februar",), ("marts",), ("april",), ("maj",), ("juni",),
         ("juli",), ("august",), ("september",), ("oktober",), ("november",),
         ("december",)),
    ),
    Language(
        "nb", "Norwegian",
        ("gjelder fra", "gyldig fra", "trer i kraft", "trådte i kraft", "ikrafttredelse",
         "ikrafttredelsesdato"),
        ("sist oppdatert", "sist endret", "oppdatert", "siste oppdatering", "sist revidert"),
        (("januar",), ("februar",), ("mars",), ("april",), ("mai",), ("juni",),
         ("juli",), ("august",), ("september",), ("oktober",), ("november",),
         ("desember",)),
    ),
    Language(
        "fi", "Finnish",
        ("voimassa alkaen", "voimaantulopäivä", "tulee voimaan", "voimaantulo",
         "astuu voimaan"),
        ("viimeksi päivitetty", "päivitetty", "viimeisin päivitys", "päivitys",
         "viimeksi muutettu", "muutettu"),
        (("tammikuu", "tammikuuta"), ("helmikuu", "helmikuuta"),
         ("maaliskuu", "maaliskuuta"), ("huhtikuu", "huhtikuuta"),
         ("toukokuu", "toukokuuta"), ("kesäkuu", "kesäkuuta"), ("heinäkuu", "heinäkuuta"),
         ("elokuu", "elokuuta"), ("syyskuu", "syyskuuta"), ("lokakuu", "lokakuuta"),
         ("marraskuu", "marraskuuta"), ("joulukuu", "joulukuuta")),
    ),
    Language(
        "tr", "Turkish",
        ("yürürlük tarihi", "yürürlüğe giriş tarihi", "geçerlilik tarihi",
         "yürürlüğe girdiği tarih"),
        ("son güncelleme tarihi", "son güncelleme", "güncellenme tarihi",
         "son güncellenme tarihi", "güncelleme tarihi"),
        (("ocak",), ("şubat",), ("mart",), ("nisan",), ("mayıs",), ("haziran",),
         ("temmuz",), ("ağustos",), ("eylül",), ("ekim",), ("kasım",), ("aralık",)),
    ),
    Language(
        "uk", "Ukrainian",
        ("дата набрання чинності", "набирає чинності з", "набирає чинності", "діє з",
         "чинна з", "чинний з"),
        ("останнє оновлення", "дата останнього оновлення", "оновлено", "редакція від",
         "остання зміна"),
        (("січень", "січня"), ("лютий", "лютого"), ("березень", "березня"),
         ("квітень", "квітня"), ("травень", "травня"), ("червень", "червня"),
         ("липень", "липня"), ("серпень", "серпня"), ("вересень", "вересня"),
         ("жовтень", "жовтня"), ("листопад", "листопада"), ("грудень", "грудня")),
    ),
    Language(
        "ro", "Romanian",
        ("data intrării în vigoare", "în vigoare de la", "în vigoare începând cu",
         "valabil de la", "valabilă de la", "data efectivă", "aplicabil de la"),
        ("ultima actualizare", "data ultimei actualizări", "actualizat la",
         "actualizată la", "ultima modificare", "data ultimei modificări"),
        (("ianuarie", "ian"), ("februarie",), ("martie",), ("aprilie",), ("mai",),
         ("iunie",), ("iulie",), ("august",), ("septembrie",), ("octombrie",),
         ("noiembrie",), ("decembrie",)),
    ),
    Language(
        "id", "Indonesian and Malay",
        ("tanggal berlaku", "tanggal efektif", "berlaku sejak", "berlaku mulai",
         "mulai berlaku", "berkuat kuasa pada", "tarikh berkuat kuasa", "tarikh kuat kuasa"),
        ("terakhir diperbarui", "pembaruan terakhir", "diperbarui pada",
         "tanggal pembaruan terakhir", "terakhir diubah", "kemas kini terakhir",
         "dikemas kini pada", "tarikh kemas kini"),
        (("januari",), ("februari",), ("maret",), ("april",), ("mei",),
         ("juni", "jun"), ("juli", "julai"), ("agustus", "ogos"), ("september",),
         ("oktober",), ("november",), ("desember", "disember")),
    ),
    Language(
        "sk", "Slovak",
        ("dátum účinnosti", "účinné od", "účinná od", "platné od", "platná od",
         "platnosť od", "nadobúda účinnosť"),
        ("posledná aktualizácia", "naposledy aktualizované", "aktualizované",
         "dátum poslednej aktualizácie", "posledná zmena"),
        (("január", "januára"), ("február", "februára"), ("marec", "marca"),
         ("apríl", "apríla"), ("máj", "mája"), ("jún", "júna"), ("júl", "júla"),
         ("august", "augusta"), ("september", "septembra"), ("október", "októbra"),
         ("november", "novembra"), ("december", "decembra")),
    ),
    Language(
        "el", "Greek",
        ("ημερομηνία έναρξης ισχύος", "ημερομηνία ισχύος", "ισχύει από", "σε ισχύ από",
         "έναρξη ισχύος"),
        ("τελευταία ενημέρωση", "ενημερώθηκε", "τελευταία τροποποίηση",
         "ημερομηνία τελευταίας ενημέρωσης"),
        (("ιανουάριος", "ιανουαρίου"), ("φεβρουάριος", "φεβρουαρίου"),
         ("μάρτιος", "μαρτίου"), ("απρίλιος", "απριλίου"), ("μάιος", "μαΐου"),
         ("ιούνιος", "ιουνίου"), ("ιούλιος", "ιουλίου"), ("αύγουστος", "αυγούστου"),
         ("σεπτέμβριος", "σεπτεμβρίου"), ("οκτώβριος", "οκτωβρίου"),
         ("νοέμβριος", "νοεμβρίου"), ("δεκέμβριος", "δεκεμβρίου")),
    ),
    Language(
        "hu", "Hungarian",
        ("hatályos", "hatálybalépés dátuma", "hatályba lépés", "érvényes"),
        ("utolsó frissítés", "utoljára frissítve", "frissítve", "utolsó módosítás",
         "módosítva"),
        (("január", "jan"), ("február", "febr"), ("március", "márc"), ("április", "ápr"),
         ("május", "máj"), ("június", "jún"), ("július", "júl"), ("augusztus", "aug"),
         ("szeptember", "szept"), ("október", "okt"), ("november", "nov"),
         ("december", "dec")),
        dayfirst=False,
    ),
    Language(
        "he", "Hebrew",
        ("תאריך כניסה לתוקף", "בתוקף מ", "בתוקף החל מ", "תחילת תוקף"),
        ("עודכן לאחרונה", "עדכון אחרון", "תאריך עדכון אחרון", "עודכן ב"),
        (("ינואר", "בינואר"), ("פברואר", "בפברואר"), ("מרץ", "במרץ", "מרס", "במרס"),
         ("אפריל", "באפריל"), ("מאי", "במאי"), ("יוני", "ביוני"), ("יולי", "ביולי"),
         ("אוגוסט", "באוגוסט"), ("ספטמבר", "בספטמבר"), ("אוקטובר", "באוקטובר"),
         ("נובמבר", "בנובמבר"), ("דצמבר", "בדצמבר")),
    ),
    Language(
        "ar", "Arabic",
        ("تاريخ السريان", "تاريخ النفاذ", "تاريخ سريان المفعول", "ساري اعتبارًا من",
         "سارية اعتبارًا من", "يسري اعتبارًا من", "تاريخ الدخول حيز التنفيذ"),
        ("آخر تحديث", "تاريخ آخر تحديث", "تم التحديث في", "تم التحديث بتاريخ",
         "آخر تعديل"),
        (("يناير",), ("فبراير",), ("مارس",), ("أبريل", "ابريل", "إبريل"), ("مايو",),
         ("يونيو",), ("يوليو",), ("أغسطس", "اغسطس"), ("سبتمبر",),
         ("أكتوبر", "اكتوبر"), ("نوفمبر",), ("ديسمبر",)),
    ),
    Language(
        "vi", "Vietnamese",
        ("ngày hiệu lực", "có hiệu lực từ", "có hiệu lực kể từ", "hiệu lực từ"),
        ("cập nhật lần cuối", "lần cập nhật cuối", "cập nhật lần cuối vào",
         "ngày cập nhật", "cập nhật ngày"),
        _NUMERIC_MONTHS,  # "ngày 9 tháng 9 năm 2020", read by notices_repo.text.dates.parse
    ),
    Language(
        "bg", "Bulgarian",
        ("дата на влизане в сила", "влиза в сила от", "влиза в сила на", "влиза в сила",
         "в сила от", "валидно от", "валидна от", "приложимо от"),
        ("последна актуализация", "дата на последна актуализация", "последно актуализирано",
         "актуализирано на", "актуализирана на", "последна промяна", "последно обновено",
         "последно обновяване", "последна редакция"),
        (("януари", "яну"), ("февруари", "фев"), ("март",), ("април", "апр"), ("май",),
         ("юни",), ("юли",), ("август", "авг"), ("септември", "септ"),
         ("октомври", "окт"), ("ноември",), ("декември", "дек")),
    ),
    Language(
        "hr", "Croatian",
        ("datum stupanja na snagu", "stupa na snagu", "stupio na snagu",
         "stupila na snagu", "stupilo na snagu", "na snazi od", "vrijedi od",
         "primjenjuje se od", "u primjeni od", "datum primjene"),
        ("posljednje ažuriranje", "zadnje ažuriranje", "posljednji put ažurirano",
         "zadnji put ažurirano", "ažurirano", "posljednja izmjena", "zadnja izmjena",
         "datum posljednje izmjene", "posljednja promjena"),
        # listopad is October here, November in Czech and Polish: read so after a
        # Croatian label (labels.LabelKind.lang), November elsewhere.
        (("siječanj", "siječnja"), ("veljača", "veljače"), ("ožujak", "ožujka"),
         ("travanj", "travnja"), ("svibanj", "svibnja"), ("lipanj", "lipnja"),
         ("srpanj", "srpnja"), ("kolovoz", "kolovoza"), ("rujan", "rujna"),
         ("listopad", "listopada"), ("studeni", "studenoga", "studenog"),
         ("prosinac", "prosinca")),
    ),
    Language(
        "sr", "Serbian (Latin and Cyrillic)",
        ("važi od", "primenjuje se od", "datum primene", "počinje da važi",
         "датум ступања на снагу", "ступа на снагу", "на снази од", "важи од",
         "примењује се од"),
        ("poslednje ažuriranje", "poslednji put ažurirano", "poslednja izmena",
         "datum poslednje izmene", "poslednja promena", "последње ажурирање",
         "последњи пут ажурирано", "ажурирано", "последња измена",
         "датум последње измене"),
        (("januar", "januara", "јануар", "јануара"), ("februar", "februara", "фебруар",
         "фебруара"), ("mart", "marta", "март", "марта"), ("april", "aprila", "април",
         "априла"), ("maj", "maja", "мај", "маја"), ("jun", "juna", "јун", "јуна"),
         ("jul", "jula", "јул", "јула"), ("avgust", "avgusta", "август", "августа"),
         ("septembar", "septembra", "септембар", "септембра"),
         ("oktobar", "oktobra", "октобар", "октобра"),
         ("novembar", "novembra", "новембар", "новембра"),
         ("decembar", "decembra", "децембар", "децембра")),
    ),
    Language(
        "sl", "Slovenian",
        ("datum začetka veljavnosti", "začetek veljavnosti", "velja od", "veljavno od",
         "veljavna od", "v veljavi od", "začne veljati", "stopi v veljavo",
         "datum uveljavitve"),
        ("posodobljeno", "zadnja posodobitev", "nazadnje posodobljeno",
         "zadnjič posodobljeno", "datum zadnje posodobitve", "zadnja sprememba",
         "spremenjeno"),
        (("januar", "januarja"), ("februar", "februarja"), ("marec", "marca"),
         ("april", "aprila"), ("maj", "maja"), ("junij", "junija"), ("julij", "julija"),
         ("avgust", "avgusta"), ("september", "septembra"), ("oktober", "oktobra"),
         ("november", "novembra"), ("december", "decembra")),
    ),
    Language(
        "lt", "Lithuanian",
        ("įsigaliojimo data", "įsigalioja nuo", "įsigalioja", "įsigaliojo",
         "galioja nuo", "taikoma nuo", "galiojimo pradžia"),
        ("paskutinį kartą atnaujinta", "paskutinį kartą atnaujintas",
         "paskutinis atnaujinimas", "paskutinio atnaujinimo data", "atnaujinimo data",
         "atnaujinta", "paskutinį kartą keista", "paskutinė peržiūra"),
        # "2020 m. rugsėjo 9 d.": read by notices_repo.text.dates.parse
        (("sausis", "sausio"), ("vasaris", "vasario"), ("kovas", "kovo"),
         ("balandis", "balandžio"), ("gegužė", "gegužės"), ("birželis", "birželio"),
         ("liepa", "liepos"), ("rugpjūtis", "rugpjūčio"), ("rugsėjis", "rugsėjo"),
         ("spalis", "spalio"), ("lapkritis", "lapkričio"), ("gruodis", "gruodžio")),
        dayfirst=False,
    ),
    Language(
        "lv", "Latvian",
        ("stāšanās spēkā datums", "stājas spēkā", "stājās spēkā", "spēkā no",
         "spēkā esošs no", "piemērojams no", "piemēro no"),
        ("pēdējo reizi atjaunināts", "pēdējo reizi atjaunināta", "pēdējā atjaunināšana",
         "atjaunināšanas datums", "atjaunināts", "atjaunināta", "pēdējās izmaiņas",
         "pēdējo reizi mainīts", "pēdējo reizi grozīts"),
        # "2020. gada 9. septembrī": read by notices_repo.text.dates.parse
        (("janvāris", "janvārī", "janvāra", "janv"),
         ("februāris", "februārī", "februāra", "febr"), ("marts", "martā", "marta"),
         ("aprīlis", "aprīlī", "aprīļa", "apr"), ("maijs", "maijā", "maija"),
         ("jūnijs", "jūnijā", "jūnija", "jūn"), ("jūlijs", "jūlijā", "jūlija", "jūl"),
         ("augusts", "augustā", "augusta", "aug"),
         ("septembris", "septembrī", "septembra", "sept"),
         ("oktobris", "oktobrī", "oktobra", "okt"),
         ("novembris", "novembrī", "novembra", "nov"),
         ("decembris", "decembrī", "decembra", "dec")),
    ),
    Language(
        "et", "Estonian",
        ("kehtib alates", "kehtiv alates", "jõustumise kuupäev", "jõustumiskuupäev",
         "kehtima hakkamise kuupäev", "jõustub", "jõustunud"),
        ("viimati uuendatud", "viimati muudetud", "viimati värskendatud",
         "viimane uuendus", "viimane muudatus", "uuendatud", "muudetud"),
        (("jaanuar", "jaanuaril", "jaan"), ("veebruar", "veebruaril", "veebr"),
         ("märts", "märtsil"), ("aprill", "aprillil"), ("mai",), ("juuni", "juunil"),
         ("juuli", "juulil"), ("august", "augustil", "aug"),
         ("september", "septembril", "sept"), ("oktoober", "oktoobril", "okt"),
         ("november", "novembril", "nov"), ("detsember", "detsembril", "dets")),
    ),
    Language(
        "ca", "Catalan",
        ("data d'entrada en vigor", "data d'efecte", "data de vigència",
         "en vigor des del", "en vigor des de", "en vigor a partir del",
         "vigent des del", "vigent a partir del", "entra en vigor el"),
        ("última actualització", "darrera actualització",
         "data de l'última actualització", "data de la darrera actualització",
         "actualitzat el", "actualitzada el", "última modificació",
         "darrera modificació", "darrera revisió", "modificat el"),
        (("gener",), ("febrer",), ("març",), ("abril",), ("maig",), ("juny",),
         ("juliol",), ("agost",), ("setembre",), ("octubre",), ("novembre",),
         ("desembre",)),
    ),
    Language(
        "th", "Thai",
        ("วันที่มีผลบังคับใช้", "วันมีผลบังคับใช้", "มีผลบังคับใช้", "วันที่มีผลใช้บังคับ",
         "มีผลใช้บังคับ", "มีผลตั้งแต่", "วันที่มีผล"),
        ("ปรับปรุงล่าสุด", "ปรับปรุงครั้งล่าสุด", "วันที่ปรับปรุงล่าสุด", "แก้ไขล่าสุด",
         "แก้ไขครั้งล่าสุด", "วันที่แก้ไขล่าสุด", "อัปเดตล่าสุด", "อัพเดตล่าสุด",
         "อัปเดตครั้งล่าสุด", "ปรับปรุงเมื่อ", "แก้ไขเมื่อ"),
        # Buddhist Era years (2563 is 2020) and Thai digits: notices_repo.text.dates.parse
        (("มกราคม", "ม.ค"), ("กุมภาพันธ์", "ก.พ"), ("มีนาคม", "มี.ค"), ("เมษายน", "เม.ย"),
         ("พฤษภาคม", "พ.ค"), ("มิถุนายน", "มิ.ย"), ("กรกฎาคม", "ก.ค"), ("สิงหาคม", "ส.ค"),
         ("กันยายน", "ก.ย"), ("ตุลาคม", "ต.ค"), ("พฤศจิกายน", "พ.ย"), ("ธันวาคม", "ธ.ค")),
    ),
    Language(
        "hi", "Hindi",
        ("प्रभावी तिथि", "प्रभावी तारीख", "प्रभावी दिनांक", "लागू होने की तिथि",
         "लागू होने की तारीख", "प्रभावी"),
        ("अंतिम बार अपडेट किया गया", "अंतिम बार अपडेट", "अंतिम अपडेट", "अंतिम अद्यतन",
         "अंतिम संशोधन", "अंतिम बार संशोधित", "पिछला अपडेट", "अपडेट किया गया",
         "अद्यतन किया गया"),
        (("जनवरी",), ("फ़रवरी", "फरवरी", "\u095eरवरी"), ("मार्च",), ("अप्रैल",), ("मई",),
         ("जून",), ("जुलाई",), ("अगस्त",), ("सितंबर", "सितम्बर"), ("अक्टूबर", "अक्तूबर"),
         ("नवंबर", "नवम्बर"), ("दिसंबर", "दिसम्बर")),
    ),
    Language(
        "ja", "Japanese",
        ("発効日", "効力発生日", "施行日", "適用開始日", "有効日"),
        ("最終更新日", "最終更新", "最終改定日", "最終改訂日", "改定日", "改訂日", "更新日"),
        _NUMERIC_MONTHS,
        dayfirst=False,
    ),
    Language(
        "zh", "Chinese (simplified and traditional)",
        ("生效日期", "生效日", "生效时间", "生效時間", "施行日期", "实施日期", "實施日期"),
        ("最后更新日期", "最後更新日期", "最后更新时间", "最後更新時間", "最后更新于",
         "最後更新於", "最后更新", "最後更新", "最近更新", "更新日期", "更新时间",
         "更新時間", "更新于", "更新於", "修订日期", "修訂日期", "最后修订", "最後修訂"),
        _NUMERIC_MONTHS,
        dayfirst=False,
    ),
    Language(
        "ko", "Korean",
        ("시행일자", "시행 일자", "시행일", "발효일", "효력 발생일", "적용일자", "적용일"),
        ("최종 수정일", "최종 수정 일자", "최종 업데이트 날짜", "최종 업데이트",
         "최종 변경일", "최종 개정일", "업데이트 날짜", "업데이트", "개정일자", "개정일",
         "수정일"),
        _NUMERIC_MONTHS,
        dayfirst=False,
    ),
)  # fmt: skip

#: Words that make a date standing first on its own line a stamp: ``2020年9月9日改定``,
#: ``2020년 9월 9일 시행``. (effective?, words); "制定" (first enacted) is not one.
SUFFIXES: tuple[tuple[bool, tuple[str, ...]], ...] = (
    (True, ("施行", "発効", "生效", "施行日", "適用", "实施", "實施", "시행", "발효", "적용")),
    (False, ("改定", "改訂", "更新", "最終改定", "最終更新", "修订", "修訂", "개정", "수정")),
)
