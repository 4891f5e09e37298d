"""The wording of the printed forms in Russian, Kazakh and English.

These are the fixed texts of the legal forms (titles, column heads, signature
lines), not interface strings: a form is printed in the language the
recipient needs, whatever language the desk runs in, so they are data here
rather than Qt translations. English is the fallback for a missing text.
"""

from __future__ import annotations

LANGS = ("ru", "kk", "en")

TEXT: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------- journal titles
    "title.violations": {
        "ru": "Журнал учёта нарушений, выявленных посредством электронных средств слежения",
        "kk": "Электрондық бақылау құралдары арқылы анықталған бұзушылықтарды есепке алу журналы",
        "en": "Journal of violations found by electronic means",
    },
    "title.alarms": {"ru": "Журнал тревог", "kk": "Дабылдар журналы", "en": "Alarm log"},
    "title.assignments": {
        "ru": "Журнал выдачи и возврата электронных средств слежения",
        "kk": "Электрондық бақылау құралдарын беру және қайтару журналы",
        "en": "Device issue and return journal",
    },
    "title.audit": {
        "ru": "Журнал регистрации действий с персональными данными",
        "kk": "Дербес деректермен іс-әрекеттерді тіркеу журналы",
        "en": "Audit journal of actions on personal data",
    },
    "organ": {
        "ru": "(наименование органа)",
        "kk": "(органның атауы)",
        "en": "(name of the authority)",
    },
    "started": {"ru": "Начат", "kk": "Басталды", "en": "Started"},
    "finished": {"ru": "Окончен", "kk": "Аяқталды", "en": "Finished"},
    "period": {"ru": "Период", "kk": "Кезең", "en": "Period"},
    "filter": {"ru": "Отбор", "kk": "Іріктеу", "en": "Filter"},
    "total": {"ru": "Всего записей", "kk": "Барлық жазба", "en": "Total entries"},
    "printed": {"ru": "Сформировано", "kk": "Құрастырылды", "en": "Produced"},
    "page": {"ru": "Лист", "kk": "Парақ", "en": "Page"},
    "time_zone": {"ru": "время", "kk": "уақыт", "en": "time"},
    # ------------------------------------------------------------- columns
    "col.id": {"ru": "№ п/п", "kk": "р/с №", "en": "No."},
    "col.detected_at": {"ru": "Дата и время выявления", "kk": "Анықталған күні мен уақыты", "en": "Detected at"},
    "col.person": {"ru": "Ф.И.О. лица", "kk": "Адамның Т.А.Ә.", "en": "Full name"},
    "col.iin": {"ru": "ИИН", "kk": "ЖСН", "en": "IIN"},
    "col.category": {"ru": "Категория учёта", "kk": "Есеп санаты", "en": "Category"},
    "col.district": {"ru": "Район", "kk": "Аудан", "en": "District"},
    "col.officer": {"ru": "Инспектор", "kk": "Инспектор", "en": "Officer"},
    "col.violation": {"ru": "Характер нарушения", "kk": "Бұзушылықтың сипаты", "en": "Violation"},
    "col.place": {"ru": "Место (адрес, координаты)", "kk": "Орны (мекенжай, координаттар)", "en": "Place"},
    "col.detected_by": {
        "ru": "Каким средством выявлено", "kk": "Қандай құралмен анықталды", "en": "Detected by"},
    "col.device": {"ru": "Устройство", "kk": "Құрылғы", "en": "Device"},
    "col.measures": {"ru": "Принятые меры", "kk": "Қабылданған шаралар", "en": "Measures taken"},
    "col.reported_to": {"ru": "Кому доложено", "kk": "Кімге баяндалды", "en": "Reported to"},
    "col.reported_at": {"ru": "Когда доложено", "kk": "Қашан баяндалды", "en": "Reported at"},
    "col.resolution": {"ru": "Решение", "kk": "Шешім", "en": "Resolution"},
    "col.operator": {"ru": "Оператор", "kk": "Оператор", "en": "Operator"},
    "col.corrects_id": {"ru": "Исправляет №", "kk": "Түзетеді №", "en": "Corrects No."},
    "col.raised_at": {"ru": "Время тревоги", "kk": "Дабыл уақыты", "en": "Raised at"},
    "col.kind": {"ru": "Вид", "kk": "Түрі", "en": "Kind"},
    "col.priority": {"ru": "Приоритет", "kk": "Басымдық", "en": "Priority"},
    "col.state": {"ru": "Состояние", "kk": "Күйі", "en": "State"},
    "col.message": {"ru": "Сообщение", "kk": "Хабарлама", "en": "Message"},
    "col.acknowledged_at": {"ru": "Квитирована", "kk": "Қабылданды", "en": "Acknowledged at"},
    "col.acknowledged_by": {"ru": "Кем квитирована", "kk": "Кім қабылдады", "en": "Acknowledged by"},
    "col.closed_at": {"ru": "Закрыта", "kk": "Жабылды", "en": "Closed at"},
    "col.closed_by": {"ru": "Кем закрыта", "kk": "Кім жапты", "en": "Closed by"},
    "col.issued_at": {"ru": "Дата и время выдачи", "kk": "Берілген күні мен уақыты", "en": "Issued at"},
    "col.device_type": {"ru": "Тип", "kk": "Түрі", "en": "Type"},
    "col.inventory_no": {"ru": "Инв. №", "kk": "Түгендеу №", "en": "Inventory No."},
    "col.issued_by": {"ru": "Кем выдано", "kk": "Кім берді", "en": "Issued by"},
    "col.returned_at": {"ru": "Дата и время возврата", "kk": "Қайтарылған күні мен уақыты", "en": "Returned at"},
    "col.returned_by": {"ru": "Кем принято", "kk": "Кім қабылдады", "en": "Returned by"},
    "col.note": {"ru": "Примечание", "kk": "Ескертпе", "en": "Note"},
    "col.at": {"ru": "Дата и время", "kk": "Күні мен уақыты", "en": "Time"},
    "col.user": {"ru": "Пользователь", "kk": "Пайдаланушы", "en": "User"},
    "col.role": {"ru": "Роль", "kk": "Рөлі", "en": "Role"},
    "col.action": {"ru": "Действие", "kk": "Іс-әрекет", "en": "Action"},
    "col.object_type": {"ru": "Объект", "kk": "Нысан", "en": "Object"},
    "col.object_id": {"ru": "Ид. объекта", "kk": "Нысан ид.", "en": "Object id"},
    "col.detail": {"ru": "Подробности", "kk": "Толығырақ", "en": "Detail"},
    # ------------------------------------------------------------- enumerations
    "category.conditional": {"ru": "условно осуждённый", "kk": "шартты түрде сотталған", "en": "conditional"},
    "category.restricted_freedom": {
        "ru": "ограничение свободы", "kk": "бас бостандығын шектеу", "en": "restricted freedom"},
    "category.parole": {
        "ru": "условно-досрочно освобождённый", "kk": "шартты түрде мерзімінен бұрын босатылған", "en": "parole"},
    "category.admin_supervision": {
        "ru": "административный надзор", "kk": "әкімшілік қадағалау", "en": "administrative supervision"},
    "resolution.confirmed_violation": {
        "ru": "нарушение подтверждено", "kk": "бұзушылық расталды", "en": "confirmed violation"},
    "resolution.false_alarm": {"ru": "ложная тревога", "kk": "жалған дабыл", "en": "false alarm"},
    "resolution.technical_fault": {"ru": "техническая неисправность", "kk": "техникалық ақау", "en": "technical fault"},
    "priority.critical": {"ru": "критический", "kk": "аса маңызды", "en": "critical"},
    "priority.high": {"ru": "высокий", "kk": "жоғары", "en": "high"},
    "priority.medium": {"ru": "средний", "kk": "орташа", "en": "medium"},
    "priority.low": {"ru": "низкий", "kk": "төмен", "en": "low"},
    "state.active": {"ru": "активна", "kk": "белсенді", "en": "active"},
    "state.returned": {"ru": "норма восстановлена", "kk": "қалпына келді", "en": "returned"},
    "state.shelved": {"ru": "отложена", "kk": "кейінге қалдырылды", "en": "shelved"},
    "state.closed": {"ru": "закрыта", "kk": "жабылды", "en": "closed"},
    # ------------------------------------------------------------- reconciliation act (form 2)
    "act.title": {
        "ru": "АКТ",
        "kk": "АКТІСІ",
        "en": "ACT",
    },
    "act.heading": {
        "ru": "сверки между службой пробации, подразделением общественной безопасности и ИАО "
              "по количеству лиц, состоящих на учёте службы пробации, за {quarter} квартал {year} года",
        "kk": "{year} жылғы {quarter} тоқсан ішіндегі пробация қызметінің есебінде тұрған адамдардың саны "
              "бойынша пробация, қоғамдық қауіпсіздік бөлімшесі және ҚАПб(Б)ААО арасындағы салыстыра тексеру",
        "en": "of reconciliation between the probation service, the public safety unit and the information "
              "and analysis department of the number of persons registered with the probation service, "
              "quarter {quarter} of {year}",
    },
    "act.registered": {
        "ru": "Количество лиц, поставленных на учёт службы пробации с начала года",
        "kk": "Жыл басынан бастап пробация қызметіне есепке қойылған адамдардың саны",
        "en": "Persons registered with the probation service since the start of the year",
    },
    "act.deregistered": {
        "ru": "Количество лиц, снятых с учёта с начала года",
        "kk": "Жыл басынан бастап есептен шығарылған адамдардың саны",
        "en": "Persons deregistered since the start of the year",
    },
    "act.at_end": {
        "ru": "Количество лиц, состоящих на учёте службы пробации на конец отчётного периода",
        "kk": "Есеп беру кезеңінің соңында пробация қызметіне есепке алынған адамдар саны",
        "en": "Persons registered with the probation service at the end of the period",
    },
    "act.probation": {"ru": "Служба пробации", "kk": "Пробация қызметі", "en": "Probation service"},
    "act.public_safety": {
        "ru": "Подразделение общественной безопасности", "kk": "Қоғамдық қауіпсіздік бөлімшесі",
        "en": "Public safety unit"},
    "act.iao": {"ru": "ИАО", "kk": "ААО", "en": "Information and analysis department"},
    "act.done_by": {"ru": "Сверку провели:", "kk": "Салыстыра тексеруді жүргізгендер:", "en": "Reconciled by:"},
    "act.sign.probation": {
        "ru": "Начальник службы пробации", "kk": "Пробация қызметінің бастығы", "en": "Head of the probation service"},
    "act.sign.public_safety": {
        "ru": "Начальник подразделения общественной безопасности",
        "kk": "Қоғамдық қауіпсіздік бөлімшесінің бастығы", "en": "Head of the public safety unit"},
    "act.sign.iao": {"ru": "Начальник (инспектор) ИАО", "kk": "ААО бастығы (инспекторы)", "en": "Head (inspector) of the IAD"},
    "sign.rank_name": {"ru": "(звание, Ф.И.О.)", "kk": "(атағы, Т.А.Ә.)", "en": "(rank, full name)"},
    "sign.signature": {"ru": "(подпись)", "kk": "(қолы)", "en": "(signature)"},
    "sign.date": {"ru": "«___» __________ 20__ г.", "kk": "20__ жылғы «___» __________", "en": "___ __________ 20__"},
    "act.by_district": {"ru": "В том числе по районам", "kk": "Оның ішінде аудандар бойынша", "en": "By district"},
    # ------------------------------------------------------------- journal checkpoint (reconciliation act)
    "checkpoint.line": {
        "ru": "Контрольная точка журнала ({journal}): число записей {count}, хеш {head}, {time}",
        "kk": "Журналдың бақылау нүктесі ({journal}): {count} жазба, хеш {head}, {time}",
        "en": "Journal checkpoint ({journal}): {count} records, head {head}, {time}",
    },
    "checkpoint.none": {
        "ru": "Контрольная точка журнала: нет",
        "kk": "Журналдың бақылау нүктесі: жоқ",
        "en": "Journal checkpoint: none",
    },
    "checkpoint.violation_journal": {"ru": "нарушения", "kk": "бұзушылықтар", "en": "violations"},
    "checkpoint.audit_journal": {"ru": "аудит", "kk": "аудит", "en": "audit"},
    # ------------------------------------------------------------- monthly list for district inspectors
    "monthly.title": {
        "ru": "Список лиц, поставленных на учёт и снятых с учёта службы пробации, за {month} {year} года "
              "(для информирования участковых инспекторов полиции)",
        "kk": "{year} жылғы {month} айында пробация қызметінің есебіне қойылған және есептен алынған "
              "адамдардың тізімі (учаскелік полиция инспекторларын хабардар ету үшін)",
        "en": "Persons registered with and deregistered from the probation service, {month} {year} "
              "(for the district police inspectors)",
    },
    "monthly.registered": {"ru": "Поставлены на учёт", "kk": "Есепке қойылғандар", "en": "Registered"},
    "monthly.deregistered": {"ru": "Сняты с учёта", "kk": "Есептен алынғандар", "en": "Deregistered"},
    "monthly.col.birth": {"ru": "Дата рождения", "kk": "Туған күні", "en": "Date of birth"},
    "monthly.col.address": {"ru": "Адрес проживания", "kk": "Тұрғылықты мекенжайы", "en": "Address"},
    "monthly.col.date": {"ru": "Дата", "kk": "Күні", "en": "Date"},
    "monthly.col.court": {"ru": "Решение суда", "kk": "Сот шешімі", "en": "Court decision"},
    "monthly.col.end": {"ru": "Срок контроля до", "kk": "Бақылау мерзімі", "en": "Supervised until"},
    "monthly.none": {"ru": "нет", "kk": "жоқ", "en": "none"},
    "monthly.sent_by": {"ru": "Направил", "kk": "Жолдаған", "en": "Sent by"},
    "months": {
        "ru": "январь,февраль,март,апрель,май,июнь,июль,август,сентябрь,октябрь,ноябрь,декабрь",
        "kk": "қаңтар,ақпан,наурыз,сәуір,мамыр,маусым,шілде,тамыз,қыркүйек,қазан,қараша,желтоқсан",
        "en": "January,February,March,April,May,June,July,August,September,October,November,December",
    },
}

#: Filter fields printed in a form's header ("Отбор: район: Алмалинский; вид: ...").
FILTER_KEYS: dict[str, dict[str, str]] = {
    "filter.district": {"ru": "район", "kk": "аудан", "en": "district"},
    "filter.officer": {"ru": "инспектор", "kk": "инспектор", "en": "officer"},
    "filter.person": {"ru": "лицо", "kk": "адам", "en": "person"},
    "filter.person_id": {"ru": "лицо №", "kk": "адам №", "en": "person No."},
    "filter.category": {"ru": "категория", "kk": "санат", "en": "category"},
    "filter.kind": {"ru": "вид", "kk": "түрі", "en": "kind"},
    "filter.resolution": {"ru": "решение", "kk": "шешім", "en": "resolution"},
    "filter.operator": {"ru": "оператор", "kk": "оператор", "en": "operator"},
    "filter.device": {"ru": "устройство", "kk": "құрылғы", "en": "device"},
}
TEXT.update(FILTER_KEYS)

#: Audit journal actions in words (the stored code stays; an unknown code is shown with spaces for underscores).
AUDIT_ACTIONS: dict[str, tuple[str, str, str]] = {
    "login": ("вход в систему", "жүйеге кіру", "logged in"),
    "logout": ("выход из системы", "жүйеден шығу", "logged out"),
    "login_failed": ("неудачная попытка входа", "сәтсіз кіру әрекеті", "failed log-in"),
    "login_locked": ("вход заблокирован", "кіру бұғатталды", "log-in locked"),
    "denied": ("отказано в доступе", "қол жеткізуден бас тартылды", "access denied"),
    "view_journal": ("просмотр журнала", "журналды қарау", "journal viewed"),
    "view_journal_entry": ("просмотр записи журнала", "журнал жазбасын қарау", "journal entry viewed"),
    "export_journal": ("выгрузка журнала", "журналды экспорттау", "journal exported"),
    "export_report": ("формирование отчёта", "есепті құрастыру", "report produced"),
    "journal_verify": ("проверка целостности журналов", "журналдардың тұтастығын тексеру", "journals verified"),
    "journal_rekeyed": ("смена ключа журналов", "журнал кілтін ауыстыру", "journal key changed"),
    "journal_rekey_refused": ("отказ в смене ключа", "кілтті ауыстырудан бас тарту", "journal key change refused"),
    "violation_recorded": ("запись в журнал нарушений", "бұзушылықтар журналына жазба", "violation recorded"),
    "correct_violation_entry": ("исправление записи журнала", "журнал жазбасын түзету", "journal entry corrected"),
    "handover_report": ("отчёт о передаче смены", "ауысымды тапсыру есебі", "shift handover report"),
    "view_person": ("просмотр карточки лица", "адамның карточкасын қарау", "person's card viewed"),
    "person_view": ("просмотр карточки лица", "адамның карточкасын қарау", "person's card viewed"),
    "person_list_view": ("просмотр списка лиц", "адамдар тізімін қарау", "list of persons viewed"),
    "view_personal_list": ("просмотр списка лиц", "адамдар тізімін қарау", "list of persons viewed"),
    "view_battery_history": ("просмотр истории заряда", "заряд тарихын қарау", "battery history viewed"),
    "media_list": ("просмотр голосовых сообщений", "дауыстық хабарламаларды қарау", "voice messages viewed"),
    "deletion_act_proposed": ("предложен акт удаления", "жою актісі ұсынылды", "deletion act proposed"),
    "deletion_act_executed": ("исполнен акт удаления", "жою актісі орындалды", "deletion act executed"),
    "retention_policy": ("срок хранения изменён", "сақтау мерзімі өзгертілді", "retention period changed"),
    "desk_login": ("вход с удалённого места", "қашықтағы орыннан кіру", "remote desk log-in"),
    "desk_call": ("запрос удалённого места", "қашықтағы орын сұрауы", "remote desk call"),
    "device.issue": ("выдача устройства", "құрылғыны беру", "device issued"),
    "device.return": ("возврат устройства", "құрылғыны қайтару", "device returned"),
    "device.register": ("регистрация устройства", "құрылғыны тіркеу", "device registered"),
    "device.reject": ("устройство отклонено", "құрылғы қабылданбады", "device rejected"),
    "device.pair": ("сопряжение устройства", "құрылғыны жұптау", "device paired"),
    "device.configure": ("настройка устройства", "құрылғыны баптау", "device configured"),
    "device.model": ("модель устройства изменена", "құрылғы моделі өзгертілді", "device model changed"),
    "restriction.create": ("назначено ограничение", "шектеу тағайындалды", "restriction set"),
    "restriction.end": ("ограничение снято", "шектеу алынды", "restriction ended"),
    "zone.delete": ("зона удалена", "аймақ жойылды", "zone deleted"),
    "map.person_focus": ("лицо показано на карте", "адам картада көрсетілді", "person shown on the map"),
    "map.track_view": ("просмотр трека", "тректі қарау", "track viewed"),
    "demo_seeded": ("созданы демонстрационные данные", "демо деректер құрылды", "demo data created"),
    "alarm_acknowledged": ("тревога квитирована", "дабыл қабылданды", "alarm acknowledged"),
    "alarm_closed": ("тревога закрыта", "дабыл жабылды", "alarm closed"),
    "alarm_shelved": ("тревога отложена", "дабыл кейінге қалдырылды", "alarm shelved"),
    "alarm_unshelved": ("тревога возвращена", "дабыл қайтарылды", "alarm unshelved"),
    "alarm_note": ("примечание к тревоге", "дабылға ескертпе", "alarm note"),
    "alarm_action": ("действие по тревоге", "дабыл бойынша әрекет", "action on an alarm"),
    "alarm_called_person": ("звонок подучётному лицу", "адамға қоңырау шалынды", "called the person"),
    "alarm_informed_officer": ("уведомлён инспектор пробации", "пробация инспекторы хабардар етілді",
                               "probation officer informed"),
    "alarm_patrol_sent": ("направлен наряд полиции", "патруль жіберілді", "patrol sent"),
    "alarm_escalated": ("тревога передана старшему", "дабыл аға маманға берілді", "alarm escalated"),
    "alarm_view": ("просмотр тревоги", "дабылды қарау", "alarm viewed"),
}


def audit_action_text(action: str, lang: str) -> str:
    """An audit action code in words; an unknown code with its separators as spaces (never a raw identifier)."""
    words = AUDIT_ACTIONS.get(action)
    if words is not None:
        return dict(zip(LANGS, words, strict=True)).get(lang) or words[2]
    return action.replace("_", " ").replace(".", ": ")


def t(key: str, lang: str, **values: object) -> str:
    """The text of ``key`` in ``lang`` (English if missing), with named values filled in."""
    entry = TEXT.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def column_title(key: str, lang: str, fallback: str) -> str:
    return t(f"col.{key}", lang) if f"col.{key}" in TEXT else fallback


def enum_text(kind: str, value: object, lang: str) -> str:
    """A stored enum value shown in words (category, resolution...); unknown values as they are."""
    key = f"{kind}.{value}"
    return t(key, lang) if key in TEXT else ("" if value is None else str(value))


def month_name(month: int, lang: str) -> str:
    return t("months", lang).split(",")[month - 1]
