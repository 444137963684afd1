"""The demo company's world: who it is, what it sells, to whom, where, and its economics.

One job: the constants every part of the demo company is drawn from — the company's name and
default size, its product categories and price list templates, its client segments and their
economics, acquisition channels, regions, the sales team, the kinds of contact with clients,
and the economic parameters tuned so that the planted truths hold (``data/demo/README.md``).
Nothing here draws a random number.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPANY = "ООО «Техснаб-Регион»"
"""The demo company's name."""

DEFAULTS = {"clients": 1500, "years": 5, "seed": 2024, "end": "2025-12-31"}
"""Default parameters of :func:`kbcore.demo.generate` (the committed ``data/demo`` uses these)."""

# Yearly inflation of list prices and purchase costs (share). Prices of year y are the 2025
# price list divided by the inflation of the following years.
INFLATION = {2019: 0.04, 2020: 0.05, 2021: 0.10, 2022: 0.12, 2023: 0.07, 2024: 0.09, 2025: 0.07}
DEFAULT_INFLATION = 0.06

# key, name, list margin (1 - unit_cost / list_price)
CATEGORIES = [
    ("fasteners", "Крепёж", 0.40),
    ("abrasives", "Абразивы и режущий инструмент", 0.35),
    ("power_tools", "Электроинструмент", 0.21),
    ("hand_tools", "Ручной инструмент", 0.32),
    ("ppe", "Средства индивидуальной защиты", 0.31),
    ("welding", "Сварочные материалы", 0.25),
    ("chemicals", "Строительная химия", 0.28),
    ("paints", "Лакокрасочные материалы", 0.26),
    ("electrical", "Электротехника и кабель", 0.18),
    ("metal", "Металлопрокат", 0.10),
    ("insulation", "Изоляционные материалы", 0.16),
]
CAT_KEYS = [c[0] for c in CATEGORIES]

# per category: (name template, variants, 2025 list price of the first variant), brands
PRODUCT_TEMPLATES: dict[str, tuple[list[tuple[str, list[str], float]], list[str]]] = {
    "fasteners": ([
        ("Саморез кровельный {v}, уп. 250 шт", ["4,8×29", "4,8×35", "4,8×51", "5,5×19"], 950),
        ("Саморез по металлу {v}, уп. 1000 шт", ["3,5×25", "3,5×35", "4,2×51"], 780),
        ("Анкерный болт с гайкой {v}, уп. 25 шт", ["M8×65", "M10×77", "M12×100"], 1250),
        ("Дюбель-гвоздь {v}, уп. 100 шт", ["6×40", "6×60", "8×80"], 420),
        ("Болт DIN 933 {v}, уп. 50 шт", ["M8×30", "M10×40", "M12×50", "M16×60"], 690),
        ("Гайка DIN 934 {v}, уп. 100 шт", ["M8", "M10", "M12"], 380),
        ("Шпилька резьбовая DIN 975 {v}, 1 м", ["M8", "M10", "M12"], 95),
    ], ["Техснаб", "Fischer", "Sormat", "Стройкрепёж"]),
    "abrasives": ([
        ("Круг отрезной по металлу {v}", ["125×1,2×22", "125×1,6×22", "180×1,8×22", "230×2,0×22"], 55),
        ("Круг зачистной {v}", ["125×6×22", "180×6×22", "230×6×22"], 140),
        ("Круг лепестковый торцевой {v}", ["125 P40", "125 P60", "125 P80"], 120),
        ("Шкурка шлифовальная тканевая {v}, рулон 50 м", ["P60", "P120", "P240"], 2400),
        ("Диск алмазный по бетону {v}", ["125 мм", "230 мм"], 1450),
        ("Сверло по металлу HSS {v}, уп. 10 шт", ["Ø5", "Ø6", "Ø8", "Ø10"], 520),
    ], ["Луга", "Cutop", "Bosch", "Техснаб"]),
    "power_tools": ([
        ("Дрель ударная {v}", ["750 Вт", "1010 Вт"], 6900),
        ("Перфоратор SDS-plus {v}", ["800 Вт", "1100 Вт"], 11800),
        ("Угловая шлифмашина {v}", ["125 мм, 900 Вт", "230 мм, 2200 Вт"], 6500),
        ("Шуруповёрт аккумуляторный {v}", ["12 В", "18 В"], 8900),
        ("Лобзик электрический {v}", ["650 Вт"], 5800),
        ("Пила циркулярная {v}", ["1400 Вт"], 9700),
        ("Аккумулятор {v}", ["18 В, 2,0 А·ч", "18 В, 4,0 А·ч"], 3900),
    ], ["Bosch", "Makita", "Интерскол", "DeWalt"]),
    "hand_tools": ([
        ("Набор ключей комбинированных {v}", ["8–19 мм, 8 шт", "6–22 мм, 12 шт"], 1900),
        ("Молоток слесарный {v}", ["500 г", "800 г"], 420),
        ("Уровень строительный {v}", ["600 мм", "1000 мм", "2000 мм"], 850),
        ("Рулетка измерительная {v}", ["5 м", "8 м"], 390),
        ("Набор отвёрток {v}", ["6 шт", "12 шт"], 760),
        ("Ножовка по металлу {v}", ["300 мм"], 540),
        ("Шпатель стальной {v}", ["100 мм", "250 мм"], 190),
    ], ["Зубр", "Stayer", "Kraftool", "Техснаб"]),
    "ppe": ([
        ("Перчатки х/б с ПВХ {v}, 10 пар", ["4 нити", "5 нитей"], 320),
        ("Перчатки нитриловые маслобензостойкие {v}", ["р. 9", "р. 10"], 210),
        ("Каска защитная {v}", ["белая", "оранжевая"], 480),
        ("Очки защитные {v}", ["открытые", "закрытые"], 260),
        ("Респиратор {v}, уп. 10 шт", ["FFP1", "FFP2"], 890),
        ("Костюм рабочий {v}", ["летний", "утеплённый"], 2900),
        ("Ботинки рабочие с металлоподноском {v}", ["р. 42", "р. 44"], 3400),
    ], ["Техснаб", "3M", "Униформ"]),
    "welding": ([
        ("Электроды МР-3 {v}, 5 кг", ["Ø3 мм", "Ø4 мм"], 1150),
        ("Электроды УОНИ-13/55 {v}, 5 кг", ["Ø3 мм", "Ø4 мм"], 1650),
        ("Проволока сварочная Св-08Г2С {v}, 15 кг", ["Ø0,8 мм", "Ø1,0 мм", "Ø1,2 мм"], 3300),
        ("Маска сварщика {v}", ["хамелеон", "стандартная"], 2600),
        ("Углекислота, баллон 40 л {v}", ["заправка"], 1400),
    ], ["ЛЭЗ", "ESAB", "Плазма"]),
    "chemicals": ([
        ("Пена монтажная {v}, 750 мл", ["бытовая", "профессиональная"], 430),
        ("Герметик силиконовый {v}, 280 мл", ["прозрачный", "белый"], 310),
        ("Клей плиточный {v}, 25 кг", ["стандарт", "усиленный"], 520),
        ("Грунтовка глубокого проникновения {v}", ["5 л", "10 л"], 780),
        ("Штукатурка гипсовая {v}, 30 кг", ["ручная", "машинная"], 560),
        ("Смесь кладочная {v}, 40 кг", ["М150"], 360),
    ], ["Ceresit", "Tytan", "Knauf", "Техснаб"]),
    "paints": ([
        ("Эмаль ПФ-115 {v}, 2,7 кг", ["белая", "серая", "зелёная"], 720),
        ("Грунт ГФ-021 {v}, 20 кг", ["серый", "красно-коричневый"], 3900),
        ("Краска фасадная акриловая {v}, 14 кг", ["белая"], 3100),
        ("Растворитель 646 {v}", ["5 л", "10 л"], 900),
        ("Эмаль по ржавчине 3-в-1 {v}, 2 кг", ["серая", "чёрная"], 1150),
        ("Краска для дорожной разметки {v}, 25 кг", ["белая", "жёлтая"], 4800),
    ], ["Текс", "Empils", "Техснаб"]),
    "electrical": ([
        ("Кабель ВВГнг(А)-LS {v}, бухта 100 м", ["3×1,5", "3×2,5", "5×4"], 9800),
        ("Провод ПуГВ {v}, бухта 100 м", ["1×2,5", "1×4"], 2600),
        ("Автоматический выключатель {v}", ["1P 16 А", "3P 25 А"], 290),
        ("Светильник светодиодный {v}", ["36 Вт", "50 Вт"], 1400),
        ("Удлинитель на катушке {v}", ["30 м", "50 м"], 3500),
        ("Труба гофрированная ПВХ {v}, бухта 50 м", ["16 мм", "20 мм"], 650),
    ], ["IEK", "EKF", "Кабэкс"]),
    "metal": ([
        ("Арматура А500С {v}, кг", ["Ø10", "Ø12", "Ø16"], 78),
        ("Уголок стальной {v}, кг", ["50×50×5", "63×63×6"], 96),
        ("Труба профильная {v}, кг", ["40×20×2", "60×40×3"], 104),
        ("Лист горячекатаный {v}, кг", ["3 мм", "6 мм"], 92),
        ("Швеллер {v}, кг", ["10П", "16П"], 99),
    ], ["ММК", "Северсталь", "НЛМК"]),
    "insulation": ([
        ("Утеплитель минераловатный {v}, упак.", ["50 мм", "100 мм"], 1450),
        ("Пенополистирол ППС-25 {v}, упак.", ["50 мм", "100 мм"], 1900),
        ("Гидроизоляция рулонная {v}, рулон 10 м²", ["ТКП", "ХПП"], 1650),
        ("Плёнка пароизоляционная {v}, рулон 70 м²", ["Н96"], 1300),
    ], ["ТехноНИКОЛЬ", "Rockwool", "Knauf"]),
}
OWN_BRAND = "Техснаб"
PREMIUM_BRANDS = {"Bosch", "Makita", "DeWalt", "Fischer", "3M", "ESAB", "Ceresit", "Rockwool", "Knauf"}


@dataclass(frozen=True)


class Segment:
    """Economics of a client segment (money in 2025 roubles)."""

    key: str
    name: str
    weight: float  # share among ordinary clients
    potential: float  # median yearly purchases of our category, RUB
    sigma: float  # lognormal spread of the potential
    sow: tuple[float, float]  # our share of wallet, uniform range
    freq: float  # orders a year of a median client
    lines: float  # mean lines per order
    discount: float  # mean discount off the list price
    terms: tuple[tuple[int, float], ...]  # payment terms (days, probability)
    visits: float  # sales visits a year of a median client
    calls: float  # calls a year
    churn: float  # yearly probability of leaving
    mix: tuple[float, ...]  # value share of each category (CAT_KEYS order)
    channels: tuple[float, ...]  # acquisition channel probabilities (CHANNELS order)
    industries: tuple[str, ...]


CHANNELS = ["Холодные звонки", "Рекомендация", "Выставка", "Тендер", "Сайт", "Маркетплейс"]
CHANNELS_EN = ["cold calls", "referral", "exhibition", "tender", "website", "marketplace"]
# probability that a new client acquired through the channel never orders again
ONE_TIME = {"Холодные звонки": 0.36, "Рекомендация": 0.13, "Выставка": 0.27, "Тендер": 0.30,
            "Сайт": 0.45, "Маркетплейс": 0.56}
MARKETPLACE, WEBSITE, TENDER = "Маркетплейс", "Сайт", "Тендер"

SEGMENTS = [
    Segment("installers", "Монтажники и малый бизнес", 0.40, 0.7e6, 0.8, (0.15, 0.55), 9, 1.8,
            0.03, ((0, 0.55), (14, 0.30), (30, 0.15)), 0.8, 3, 0.16,
            (.22, .10, .08, .10, .06, .04, .16, .08, .12, .00, .04),
            (.20, .15, .05, .02, .30, .28),
            ("Электромонтажные работы", "Монтаж инженерных систем", "Ремонт и отделка",
             "Кровельные работы")),
    Segment("construction", "Строительные компании", 0.24, 3.5e6, 0.9, (0.10, 0.45), 12, 2.8,
            0.06, ((14, 0.30), (30, 0.50), (45, 0.20)), 2.5, 4, 0.10,
            (.14, .06, .04, .04, .08, .05, .16, .08, .10, .15, .10),
            (.30, .18, .12, .10, .18, .12),
            ("Жилищное строительство", "Промышленное строительство", "Дорожное строительство",
             "Капитальный ремонт")),
    Segment("industrial", "Промышленные предприятия", 0.16, 5.5e6, 0.9, (0.10, 0.45), 10, 3.0,
            0.05, ((30, 0.40), (45, 0.35), (60, 0.25)), 3.0, 4, 0.06,
            (.12, .14, .05, .06, .16, .15, .04, .08, .08, .10, .02),
            (.30, .20, .18, .20, .10, .02),
            ("Машиностроение", "Металлургия", "Нефтегазовая отрасль", "Химическая промышленность",
             "Энергетика", "Пищевая промышленность")),
    Segment("wholesale", "Оптовые компании", 0.14, 7e6, 0.8, (0.10, 0.40), 14, 4.0,
            0.09, ((14, 0.30), (30, 0.60), (45, 0.10)), 2.5, 5, 0.09,
            (.16, .10, .10, .10, .08, .06, .10, .08, .10, .06, .06),
            (.35, .20, .20, .05, .15, .05),
            ("Оптовая торговля стройматериалами", "Оптовая торговля инструментом")),
    Segment("retail", "Розничные сети", 0.06, 12e6, 0.7, (0.10, 0.35), 20, 4.5,
            0.08, ((45, 0.50), (60, 0.50)), 6.0, 6, 0.05,
            (.14, .06, .16, .14, .06, .02, .14, .14, .10, .00, .04),
            (.40, .15, .25, .10, .10, .00),
            ("DIY-ритейл", "Хозяйственные магазины")),
]
SEG_BY_KEY = {s.key: s for s in SEGMENTS}

# The concession clients: large clients won in tenders or with a price concession.
CONCESSION_SHARE = 0.033  # of all clients
CONCESSION_SEGMENTS = (("construction", 0.45), ("wholesale", 0.25), ("retail", 0.15),
                       ("industrial", 0.15))
CONCESSION_MIX = (.15, .06, .08, .04, .10, .05, .12, .06, .14, .12, .08)
CONCESSION_CHANNELS = (.10, .00, .10, .80, .00, .00)
EXISTING_CHANNELS = (.40, .30, .20, .05, .05, .00)

# (region, INN region code, [(city, phone code, weight)], share of clients)
REGIONS = [
    ("Свердловская область", 66, [("Екатеринбург", "343", .70), ("Нижний Тагил", "3435", .15),
                                  ("Каменск-Уральский", "3439", .15)], .27),
    ("Челябинская область", 74, [("Челябинск", "351", .75), ("Магнитогорск", "3519", .25)], .14),
    ("Пермский край", 59, [("Пермь", "342", 1.0)], .10),
    ("Тюменская область", 72, [("Тюмень", "3452", 1.0)], .09),
    ("Республика Башкортостан", 2, [("Уфа", "347", .80), ("Стерлитамак", "3473", .20)], .10),
    ("Республика Татарстан", 16, [("Казань", "843", .70), ("Набережные Челны", "8552", .30)], .09),
    ("Курганская область", 45, [("Курган", "3522", 1.0)], .04),
    ("Ханты-Мансийский автономный округ — Югра", 86, [("Сургут", "3462", .60),
                                                      ("Нижневартовск", "3466", .40)], .07),
    ("Новосибирская область", 54, [("Новосибирск", "383", 1.0)], .06),
    ("Москва", 77, [("Москва", "495", 1.0)], .04),
]

# Managers: (regions covered, hired at / left at as a share of the window, female?)
# index 11 is the key-account manager who wins the tenders; 6 leaves, 7 takes over.
MANAGERS = [
    ((0,), None, None, False), ((0,), None, None, True), ((0,), 0.23, None, False),
    ((1, 6), None, None, True), ((2,), None, None, False), ((3, 7), None, None, False),
    ((4,), None, 0.498, False), ((4,), 0.473, None, True), ((5,), None, None, False),
    ((8,), None, None, True), ((9,), None, None, False), (tuple(range(10)), None, None, False),
]
KAM = 11
REPLACEMENT = {6: 7}

SALES_CHANNELS = ["Менеджер", "Интернет-магазин", "Маркетплейс"]
KINDS = ["visit", "call", "email", "meeting"]
OUTCOMES = {
    "visit": (["order", "offer_sent", "follow_up", "complaint"], [.30, .30, .32, .08]),
    "call": (["order", "follow_up", "no_answer", "offer_sent", "refusal"], [.25, .35, .20, .12, .08]),
    "email": (["offer_sent", "follow_up", "order"], [.50, .35, .15]),
    "meeting": (["agreement", "follow_up", "offer_sent"], [.40, .35, .25]),
}
NOTES = {
    "visit": ["Обсудили график поставок на квартал", "Презентация новинок электроинструмента",
              "Осмотр склада клиента, обсудили ассортимент", "Клиент просит дополнительную скидку",
              "Согласовали спецификацию на объект", "Жалоба на сроки доставки",
              "Встреча с главным инженером", "Обсудили условия оплаты"],
    "call": ["Уточнили потребность на месяц", "Напомнил о задолженности", "Не дозвонился",
             "Запросили счёт", "Клиент сравнивает цены с конкурентом", "Уточнили остатки"],
    "email": ["Отправлено коммерческое предложение", "Отправлен прайс-лист",
              "Отправлен акт сверки", "Ответ на рекламацию"],
    "meeting": ["Переговоры по годовому договору", "Обсудили условия тендера",
                "Встреча в офисе Техснаб-Регион", "Подведение итогов года"],
}

POSITIONS = {
    "decision_maker": ["Генеральный директор", "Коммерческий директор", "Директор",
                       "Технический директор", "Главный инженер"],
    "buyer": ["Начальник отдела снабжения", "Менеджер по закупкам", "Специалист по снабжению"],
    "influencer": ["Главный механик", "Главный технолог", "Инженер ПТО", "Главный энергетик",
                   "Категорийный менеджер"],
    "user": ["Прораб", "Мастер участка", "Кладовщик", "Начальник участка"],
    "gatekeeper": ["Секретарь", "Офис-менеджер", "Помощник руководителя"],
}
ROLE_LEVEL = {"decision_maker": "top", "buyer": "middle", "influencer": "middle",
              "user": "operational", "gatekeeper": "operational"}
INFLUENCE = {"decision_maker": ([.85, .15, .0]), "influencer": ([.45, .45, .10]),
             "buyer": ([.15, .65, .20]), "user": ([.0, .35, .65]), "gatekeeper": ([.0, .20, .80])}
LEVELS3 = ["high", "medium", "low"]
ATTITUDES = ["positive", "neutral", "negative"]
TIERS = ["bronze", "silver", "gold", "platinum"]

# calibration of the economics (tuned so that the planted truths hold at block 1's default
# cost-to-serve rates; see data/demo/README.md)
EXISTING_SHARE = 0.45  # clients who buy from us before the first day
SPEND_SCALE = 0.55  # multiplies the segments' potentials
NEW_SOW = 0.45  # new clients start with a smaller share of their wallet
SERVICE_SIGMA = 0.8  # spread of how much service (orders, visits) a client takes
FREQ_POWER = 0.35  # orders a year grow with size ** FREQ_POWER
FREQ_SCALE = 0.8
LINES_SCALE = 0.78
VISIT_SCALE = 1.0
CONC_POTENTIAL = 8e6
CONC_FREQ = (50, 90)
CONC_DISCOUNT = (0.20, 0.26)
CONC_FLOOR = 0.97  # tender prices may go below cost on some items (price >= floor x cost)
COST_SQUEEZE = 0.0  # purchase costs grew faster than list prices by this much a year
CONC_VISITS = (24, 36)
DISCOUNT_CREEP = 0.003  # ordinary discounts grow by this much a year
RETURN_SHARE = 0.025  # share of shipped lines that partly come back

# ---------------------------------------------------------------------------------------------
# The key-account layer (kbcore.demo.accounts): our people beyond the sales managers, the wider
# buying centres, who met whom, and the single-threaded key accounts that lose volume. Its
# randomness is a stream of its own, so that the base company's draws stay as they were.
ACCOUNTS_STREAM = 7
"""The key-account layer draws from ``default_rng([seed, ACCOUNTS_STREAM])`` and names its
people with ``Names(seed + ACCOUNTS_STREAM)``."""

# our people: key, role id, team, female?, monthly base pay (RUB, end of the window), hired
# (years before the window's first day; None = hired inside the window at the managers' dates)
STAFF_ROLES = {"manager": ("manager", "Отдел продаж"),
               "kam": ("key_account_manager", "Отдел по работе с ключевыми клиентами")}
STAFF = [
    ("director", "director", "Дирекция", False, 250_000, 9.3),
    ("head_of_sales", "head_of_sales", "Отдел продаж", True, 160_000, 6.6),
    ("technical", "specialist", "Технический отдел", False, 95_000, 4.2),
    ("logistics", "specialist", "Отдел логистики", True, 70_000, 2.8),
]
"""The people beyond the sales managers: коммерческий директор, руководитель отдела продаж,
технический специалист, специалист по логистике."""
MANAGER_PAY = (65_000, 85_000)  # a sales manager's monthly base pay, drawn, rounded to 1 000
KAM_PAY = 120_000
MANAGER_TENURE = (1.0, 11.0)  # years before the window a manager hired before it joined

# interactions of our people beyond the managers with the key accounts (a year per account):
# our person → (rate, {kind: probability}, preferred buying roles of the person met)
STAFF_CONTACTS = {
    "director": (1.5, {"meeting": 1.0}, ("decision_maker", "approver")),
    "head_of_sales": (2.0, {"meeting": 0.7, "call": 0.3}, ("decision_maker", "buyer")),
    "kam": (4.0, {"meeting": 0.6, "call": 0.4}, ("decision_maker", "buyer", "approver")),
    "technical": (3.0, {"meeting": 0.4, "call": 0.6}, ("influencer", "user", "initiator")),
    "logistics": (4.0, {"call": 0.6, "email": 0.4}, ("buyer", "user", "gatekeeper")),
}
STAFF_NOTES = {
    "director": ["Переговоры по годовому договору", "Подведение итогов года",
                 "Встреча руководителей: планы на следующий год"],
    "head_of_sales": ["Обсудили условия годового договора", "Разбор претензии по срокам поставки",
                      "Согласовали план закупок на квартал"],
    "kam": ["Совместная встреча с региональным менеджером", "Обсудили план развития клиента",
            "Согласовали спецификацию на объект"],
    "technical": ["Техническая консультация по подбору оборудования", "Испытания образцов",
                  "Обучение персонала клиента"],
    "logistics": ["Согласовали график поставок", "Уточнили адреса доставки",
                  "Разобрали задержку отгрузки"],
}

# the wider buying centres: initiators and approvers (Bonoma 1982), as a CRM writes them
NEW_ROLES = {
    "initiator": (("Инициатор закупки", "Инициатор"),
                  ("Главный механик", "Начальник производства", "Главный инженер проекта",
                   "Начальник участка", "Главный энергетик"),
                  "middle", (.2, .5, .3), 0.2),
    "approver": (("Утверждающий", "Согласующий"),
                 ("Финансовый директор", "Главный бухгалтер", "Заместитель генерального директора",
                  "Директор по закупкам"),
                 "top", (.6, .4, .0), 0.5),
}
"""role → (wordings, positions, level, influence high/medium/low, share of women)."""
# probability that a client gets an initiator / an approver, by kind of client (only clients
# with at least two contacts: a single-threaded account stays single-threaded)
NEW_ROLE_PROB = {"key": (0.6, 0.7), "concession": (0.2, 0.5), "large": (0.2, 0.15)}

# which contact a CRM record names: the share of records with a known person, by kind, and the
# weight of each buying role of the person met, by kind
LINK_SHARE = {"visit": 0.85, "call": 0.6, "email": 0.75, "meeting": 0.9}
LINK_ROLE_WEIGHTS = {
    "visit": {"decision_maker": 2, "buyer": 3, "influencer": 2, "user": 2, "gatekeeper": 0.5,
              "initiator": 1, "approver": 0.5},
    "call": {"decision_maker": 1, "buyer": 4, "influencer": 1, "user": 1, "gatekeeper": 2,
             "initiator": 1, "approver": 0.3},
    "email": {"decision_maker": 1, "buyer": 4, "influencer": 1, "user": 1, "gatekeeper": 2,
              "initiator": 1, "approver": 1},
    "meeting": {"decision_maker": 4, "buyer": 1, "influencer": 2, "user": 0.5, "gatekeeper": 0.2,
                "initiator": 1, "approver": 2},
}

# single-threaded key accounts lose volume in the last year: their last-365-day revenue is cut to
# DROP_RATIO × the 365 days before, from a day DROP_START days into that year (their one person
# moved on, the business went to a competitor)
DROP_RATIO = (0.40, 0.55)
DROP_START = (10, 60)
