"""The Bulgarian demo company's world: who it is, what it sells, to whom, where, in which currency.

One job: the constants the Bulgarian company („Витоша Лубрикантс“ ЕООД, Sofia, a distributor of
lubricants and technical fluids) is drawn from — its name and default size, the calendar (the
Bulgarian public holidays, the euro changeover), the 28 oblasti with their illustrative
figures, the business lines, product classes and price list templates, the client segments and
their economics, the sales team, our other people, the CRM texts, the planted truths' knobs —
and :data:`BG`, its :class:`~kbcore.demo.profile.Profile` for the shared machinery. Nothing here
draws a random number. All names of companies, brands and people are invented.
"""

from __future__ import annotations

import pandas as pd

from kbcore.demo.company import ACCOUNTS_STREAM, Segment
from kbcore.demo.profile import Profile
from kbcore.schema import C

__all__ = ["COMPANY", "DEFAULTS", "FX", "BG", "ACCOUNTS_STREAM"]

COMPANY = "„Витоша Лубрикантс“ ЕООД"
"""The Bulgarian demo company's legal name."""

DEFAULTS = {"clients": 1200, "seed": 2026, "start": "2021-01-01", "end": "2026-06-30"}
"""Default parameters of :func:`kbcore.demo.bg.generate` (the committed ``data/demo_bg``)."""

FX = 1.95583
"""Leva per euro: the irrevocably fixed conversion rate (Council Regulation (EU) 2025/1407)."""
EURO_DAY = pd.Timestamp("2026-01-01")
"""Bulgaria's euro changeover: sales lines from this day on are in EUR, before it in BGN."""
EURO_YEAR = 2026

# the general price level (order values) and each business line's price list, year on year
GENERAL_INFLATION = {2022: 0.12, 2023: 0.06, 2024: 0.03, 2025: 0.04, 2026: 0.0}
LINE_INFLATION = {  # increase of the BGN price list in a year, by business line
    "auto": {2022: 0.14, 2023: 0.06, 2024: 0.03, 2025: 0.03},
    "transport": {2022: 0.15, 2023: 0.05, 2024: 0.03, 2025: 0.04},
    "industry": {2022: 0.14, 2023: 0.06, 2024: 0.03, 2025: 0.10},  # truth 3: the 2025 increase
}

# business lines: key, name
LINES = [("auto", "Автомобилни масла и течности"), ("transport", "Транспорт и агро"),
         ("industry", "Индустрия")]
LINE_KEYS = [k for k, _ in LINES]

# product classes: key, name, business line, list margin
CATEGORIES = [
    ("pcmo", "Моторни масла за леки автомобили", "auto", 0.34),
    ("transmission", "Трансмисионни масла", "auto", 0.31),
    ("coolant", "Антифризи и охладителни течности", "auto", 0.30),
    ("autofluids", "AdBlue и автомобилни течности", "auto", 0.28),
    ("hddo", "Масла за тежкотоварни двигатели", "transport", 0.24),
    ("agri", "Масла за земеделска техника", "transport", 0.25),
    ("bulk", "AdBlue и течности в насипно състояние", "transport", 0.18),
    ("hydraulic", "Хидравлични масла", "industry", 0.26),
    ("compressor", "Компресорни и турбинни масла", "industry", 0.30),
    ("gear", "Индустриални редукторни масла", "industry", 0.28),
    ("mwf", "Металообработващи течности", "industry", 0.33),
]
CAT_KEYS = [c[0] for c in CATEGORIES]

OWN_BRAND = "VitoLub"
PREMIUM_LINE = "VitoLub Synth Pro"
"""The new premium synthetic line (target products, on sale from :data:`PREMIUM_LAUNCH`)."""
PREMIUM_LAUNCH = pd.Timestamp("2023-03-01")
PREMIUM_BRANDS = {"Nordheim", "Motrex"}

# per class: [(name template, grades, 2025 list price of the first grade, BGN a litre)], brands,
# grades of the premium line
PRODUCT_TEMPLATES = {
    "pcmo": ([("Моторно масло {v}", ["5W-30 C3", "5W-40 A3/B4", "0W-20 C5", "10W-40 A3/B4",
                                     "5W-30 LL-04", "0W-30 C2"], 17.9)],
             ["Nordheim", "Motrex", "Danubia", "Balkan Oil", OWN_BRAND], ["5W-30 C3", "0W-20 C5",
                                                                         "5W-30 LL-04"]),
    "transmission": ([("Трансмисионно масло {v}", ["75W-90 GL-5", "80W-90 GL-4", "75W-80 GL-4"],
                       15.8), ("Масло за автоматични скорости {v}", ["ATF DIII", "ATF Multi"],
                               16.9)],
                     ["Nordheim", "Danubia", "Balkan Oil", OWN_BRAND], ["75W-90 GL-5"]),
    "coolant": ([("Антифриз концентрат {v}", ["G12+", "G11", "G13"], 6.9),
                 ("Охладителна течност готова {v}", ["-35 °C", "-25 °C"], 3.9)],
                ["Motrex", "Danubia", "Frostal", OWN_BRAND], []),
    "autofluids": ([("AdBlue {v}", ["туба 10 л", "туба 20 л"], 1.9),
                    ("Спирачна течност {v}", ["DOT 4", "DOT 5.1"], 13.5),
                    ("Течност за чистачки {v}", ["зимна -20 °C", "лятна"], 2.4)],
                   ["Danubia", "Frostal", "Chistex", OWN_BRAND], []),
    "hddo": ([("Дизелово масло {v}", ["15W-40 E7", "10W-40 E6/E9", "10W-30 E11", "5W-30 E6"],
               10.9)], ["Nordheim", "Motrex", "Danubia", "Balkan Oil", OWN_BRAND],
             ["10W-40 E6/E9", "5W-30 E6"]),
    "agri": ([("Масло за трактори {v}", ["UTTO 10W-30", "STOU 15W-40", "UTTO Hydra"], 9.2),
              ("Хидравлично масло за селскостопанска техника {v}", ["HV 46", "HV 68"], 8.4)],
             ["Agrolub", "Danubia", "Balkan Oil", OWN_BRAND], []),
    "bulk": ([("AdBlue {v}", ["IBC 1000 л", "на цистерна"], 1.05),
              ("Антифриз готов {v}", ["бъчва 200 л"], 3.4)],
             ["Danubia", "Chistex", OWN_BRAND], []),
    "hydraulic": ([("Хидравлично масло {v}", ["HLP 32", "HLP 46", "HLP 68", "HVLP 46",
                                              "HLP 100"], 7.8)],
                  ["Nordheim", "Hydrotek", "Danubia", "Balkan Oil", OWN_BRAND], []),
    "compressor": ([("Компресорно масло {v}", ["VDL 46", "VDL 68", "VDL 100", "синтетично 46"],
                     11.8), ("Турбинно масло {v}", ["TD 32", "TD 46"], 12.9)],
                   ["Nordheim", "Hydrotek", "Danubia"], []),
    "gear": ([("Индустриално редукторно масло {v}", ["CLP 150", "CLP 220", "CLP 320",
                                                     "CLP 460", "PG 220 синтетично"], 10.6)],
             ["Nordheim", "Hydrotek", "Balkan Oil", OWN_BRAND], []),
    "mwf": ([("Емулгираща СОТ {v}", ["концентрат", "полусинтетична", "синтетична"], 11.9),
             ("Шлифовъчно масло {v}", ["ISO VG 5", "ISO VG 10"], 9.6),
             ("Масло за режещи инструменти {v}", ["чисто рязане"], 12.7)],
            ["Nordheim", "Cutfluid", "Hydrotek"], []),
}

# packs per class: (name, price a litre relative to the class's base; "" = in the grade's name)
PACKS = {
    "pcmo": [("5 л", 1.0), ("1 л", 1.15), ("208 л", 0.88)],
    "transmission": [("1 л", 1.08), ("20 л", 0.94)],
    "coolant": [("5 л", 1.0), ("1 л", 1.12)],
    "autofluids": [("", 1.0)],
    "hddo": [("20 л", 1.0), ("208 л", 0.9)],
    "agri": [("20 л", 1.0), ("208 л", 0.9)],
    "bulk": [("", 1.0)],
    "hydraulic": [("20 л", 1.0), ("208 л", 0.9)],
    "compressor": [("20 л", 1.0), ("208 л", 0.9)],
    "gear": [("20 л", 1.0), ("208 л", 0.9)],
    "mwf": [("20 л", 1.0), ("208 л", 0.9)],
}

# The 28 oblasti: name, main cities, phone code, population (thousands), share of the category's
# market, our share relative to the national one (truth 1), households' income a year per
# person (EUR), active enterprises (thousands). Illustrative figures shaped after the relative
# sizes of the oblasti, not official statistics.
OBLASTI = [
    ("София (столица)", ["София"], "2", 1275, .215, 1.75, 9200, 118.0),
    ("Пловдив", ["Пловдив", "Асеновград", "Карлово"], "32", 634, .105, 1.65, 6100, 42.0),
    ("Варна", ["Варна", "Девня", "Провадия"], "52", 470, .092, .22, 6600, 36.0),
    ("Бургас", ["Бургас", "Айтос", "Поморие"], "56", 391, .087, .25, 6000, 31.0),
    ("Стара Загора", ["Стара Загора", "Казанлък", "Раднево"], "42", 306, .066, 1.05, 6200, 17.0),
    ("Софийска", ["Ботевград", "Самоков", "Своге", "Елин Пелин"], "723", 232, .046, 1.15, 5600,
     12.5),
    ("Благоевград", ["Благоевград", "Петрич", "Сандански"], "73", 298, .030, .90, 4700, 16.0),
    ("Плевен", ["Плевен", "Левски"], "64", 232, .032, .80, 4600, 11.5),
    ("Пазарджик", ["Пазарджик", "Велинград", "Панагюрище"], "34", 229, .030, 1.15, 4700, 12.0),
    ("Хасково", ["Хасково", "Димитровград"], "38", 226, .026, 1.00, 4500, 11.0),
    ("Шумен", ["Шумен", "Нови пазар"], "54", 163, .018, .55, 4600, 8.0),
    ("Велико Търново", ["Велико Търново", "Горна Оряховица", "Свищов"], "62", 221, .026, .85,
     5000, 13.0),
    ("Русе", ["Русе"], "82", 205, .030, .75, 5200, 12.0),
    ("Добрич", ["Добрич", "Балчик"], "58", 159, .024, .50, 4500, 8.5),
    ("Ловеч", ["Ловеч", "Троян"], "68", 119, .014, .80, 4600, 5.5),
    ("Сливен", ["Сливен", "Нова Загора"], "44", 183, .018, .80, 4000, 7.0),
    ("Кърджали", ["Кърджали", "Момчилград"], "361", 159, .012, .80, 3900, 6.0),
    ("Ямбол", ["Ямбол", "Елхово"], "46", 114, .016, .80, 4300, 5.5),
    ("Монтана", ["Монтана", "Лом"], "96", 120, .012, .70, 3900, 5.0),
    ("Враца", ["Враца", "Мездра", "Козлодуй"], "92", 154, .018, .70, 4800, 6.5),
    ("Кюстендил", ["Кюстендил", "Дупница"], "78", 113, .011, .90, 4300, 6.0),
    ("Габрово", ["Габрово", "Севлиево"], "66", 106, .016, .85, 5300, 6.5),
    ("Търговище", ["Търговище", "Попово"], "601", 102, .011, .60, 4200, 4.5),
    ("Разград", ["Разград", "Исперих"], "84", 108, .012, .55, 4100, 4.5),
    ("Силистра", ["Силистра", "Тутракан"], "86", 103, .011, .50, 3900, 4.0),
    ("Перник", ["Перник", "Радомир"], "76", 120, .012, 1.10, 4600, 5.5),
    ("Смолян", ["Смолян", "Девин"], "301", 96, .008, .90, 4400, 4.5),
    ("Видин", ["Видин", "Белоградчик"], "94", 77, .007, .60, 3600, 3.0),
]
HOME = ("София (столица)", "Пловдив")
WHITE_SPOTS = ("Варна", "Бургас")
NATIONAL_SHARE = 0.055
"""Our share of the category's market (the market table is scaled to it, truth 1)."""
MARKET_SOURCE = "Демо: измислено проучване на пазара, 2026 (не е официална статистика)"
TERRITORY_SOURCE = "Демо: илюстративни данни по области (не е официална статистика)"

# segments (money: EUR a year at 2026 prices); mix in CAT_KEYS order; channels in CHANNELS order
CHANNELS = ["Студено обаждане", "Препоръка", "Изложение", "Търг", "Уебсайт", "B2B платформа"]
WEBSITE, MARKETPLACE = "Уебсайт", "B2B платформа"
ONE_TIME = {"Студено обаждане": 0.30, "Препоръка": 0.12, "Изложение": 0.22, "Търг": 0.25,
            "Уебсайт": 0.40, "B2B платформа": 0.48}
SEGMENTS = [
    Segment("autoservice", "Автосервизи", 0.30, 9e3, 0.8, (0.25, 0.75), 12, 2.4, 0.05,
            ((0, 0.35), (15, 0.45), (30, 0.20)), 2.0, 6, 0.10,
            (.46, .17, .15, .12, .05, .00, .00, .03, .00, .02, .00),
            (.30, .30, .10, .00, .20, .10),
            ("Автосервиз", "Гуми и ходова част", "Сервиз за товарни автомобили")),
    Segment("transport", "Транспортни фирми", 0.17, 30e3, 0.9, (0.20, 0.70), 12, 2.6, 0.06,
            ((15, 0.30), (30, 0.50), (45, 0.20)), 3.0, 6, 0.08,
            (.03, .08, .07, .02, .45, .00, .25, .08, .00, .02, .00),
            (.35, .25, .15, .10, .10, .05),
            ("Международен транспорт", "Вътрешен транспорт", "Пътнически превози", "Логистика")),
    Segment("agro", "Земеделски стопанства", 0.14, 16e3, 0.9, (0.20, 0.70), 7, 2.8, 0.05,
            ((0, 0.20), (30, 0.50), (60, 0.30)), 2.0, 5, 0.08,
            (.02, .05, .06, .01, .25, .40, .08, .12, .00, .01, .00),
            (.35, .30, .20, .05, .05, .05),
            ("Зърнопроизводство", "Трайни насаждения", "Животновъдство", "Земеделска кооперация")),
    Segment("industrial", "Производствени предприятия", 0.14, 32e3, 1.0, (0.15, 0.65), 9, 3.0,
            0.06, ((30, 0.40), (45, 0.35), (60, 0.25)), 3.0, 5, 0.06,
            (.00, .01, .02, .00, .03, .00, .00, .32, .17, .20, .25),
            (.30, .20, .25, .20, .05, .00),
            ("Машиностроене", "Металообработване", "Хранително-вкусова промишленост",
             "Химическа промишленост", "Енергетика", "Производство на пластмаси")),
    Segment("retail", "Търговци на дребно и дистрибутори", 0.11, 25e3, 0.8, (0.15, 0.60), 16,
            4.0, 0.09, ((15, 0.30), (30, 0.60), (45, 0.10)), 2.5, 6, 0.08,
            (.45, .14, .18, .15, .05, .02, .00, .01, .00, .00, .00),
            (.35, .20, .25, .00, .10, .10),
            ("Магазин за авточасти", "Бензиностанция", "Търговия на едро с авточасти")),
    Segment("construction", "Строителни фирми", 0.14, 18e3, 0.9, (0.15, 0.65), 7, 2.4, 0.05,
            ((15, 0.30), (30, 0.50), (45, 0.20)), 2.0, 5, 0.10,
            (.02, .06, .05, .01, .40, .00, .12, .28, .03, .03, .00),
            (.35, .25, .10, .20, .07, .03),
            ("Пътно строителство", "Жилищно строителство", "Изкопни работи",
             "Промишлено строителство")),
]
SEG_KEYS = [s.key for s in SEGMENTS]
EUR_PER_LITRE = {"autoservice": 6.0, "transport": 2.6, "agro": 3.6, "industrial": 5.2,
                 "retail": 5.6, "construction": 3.6}
"""Typical money a litre of a segment's purchases (EUR), for clients with no purchases."""

# the sales team: (oblasti covered by index, hired / left as a share of the window, female?);
# index 9 is the key-account manager (all oblasti); 5 leaves mid-2023 and 10 takes over
MANAGERS = [
    ((0,), None, None, False), ((0,), None, None, True), ((5, 25, 20, 6), None, None, False),
    ((1, 8, 26), None, None, True), ((9, 16, 4), None, None, False),
    ((3, 15, 17), None, 0.47, False), ((2, 13, 10, 22, 23, 24), None, None, True),
    ((12, 11, 21, 14, 7), None, None, False), ((19, 18, 27), None, None, False),
    (tuple(range(28)), None, None, True), ((3, 15, 17), 0.45, None, True),
]
KAM = 9
REPLACEMENT = {5: 10}
SALES_CHANNELS = ["Търговски представител", "Онлайн магазин", "B2B платформа"]

STAFF = [
    ("director", "director", "Управление", False, 4200, 9.0),
    ("head_of_sales", "head_of_sales", "Търговски отдел", True, 3100, 5.5),
]
"""Our people beyond the sales managers: управител (director), ръководител продажби."""
STAFF_ROLES = {"manager": ("manager", "Търговски отдел"),
               "kam": ("key_account_manager", "Ключови клиенти")}

NOTES = {
    "visit": ["Обсъдихме графика на доставките за тримесечието", "Представихме VitoLub Synth Pro",
              "Огледахме склада за масла на клиента", "Клиентът иска допълнителна отстъпка",
              "Съгласувахме спецификация на хидравличните масла", "Оплакване за срок на доставка",
              "Среща с главния механик", "Обсъдихме условията на плащане"],
    "call": ["Уточнихме нуждите за месеца", "Напомнихме за просрочено плащане", "Няма отговор",
             "Поискаха проформа фактура", "Клиентът сравнява цени с конкурент",
             "Уточнихме наличности"],
    "email": ["Изпратена оферта", "Изпратена ценова листа", "Изпратен акт за сверка",
              "Отговор на рекламация"],
    "meeting": ["Преговори по годишния договор", "Обсъдихме условията на търга",
                "Среща в офиса на Витоша Лубрикантс", "Обобщение на годината"],
    "winback": "Клиентът спря да поръчва: изясняваме причината",
}
POSITIONS = {
    "decision_maker": ["Управител", "Изпълнителен директор", "Собственик", "Технически директор",
                       "Главен инженер"],
    "buyer": ["Отговорник снабдяване", "Мениджър покупки", "Снабдител"],
    "influencer": ["Главен механик", "Ръководител сервиз", "Главен технолог", "Енергетик"],
    "user": ["Механик", "Майстор", "Склададжия", "Шофьор"],
    "gatekeeper": ["Офис мениджър", "Асистент", "Секретар"],
}

# the economics of the clients (money in EUR a year at 2026 prices)
EXISTING_SHARE = 0.50
KEY_SHARE = 0.015  # of all clients: the largest ones are key accounts (served by the KAM)
SIZE_LIMITS = (30e3, 120e3)  # potential from which a client is среден, голям
SIZES = ("малък", "среден", "голям")
STATUSES = ("активен", "неактивен")
WALLET_SHARE = 0.30  # clients whose wallet the managers researched (key, large and some others)

# planted truths' knobs
AAC = 6  # truth 2: large clients, large potential, small share of wallet
AAC_SOW = (0.12, 0.22)
HIDDEN = 20  # truth 2: small buyers with a large potential
HIDDEN_SOW = (0.004, 0.012)
DECLINERS, RISERS = 40, 40  # truth 4
DECLINE_G, RISE_G = (-0.42, -0.28), (0.22, 0.34)
LOSERS = 4  # truth 3: industrial clients who move to a competitor in 2025 (the first is a factory)
INDUSTRY_CHANGE_2025 = -0.06  # the line's volume 2025 vs 2024 (others +1 %)
VOLUME_PATH = {  # yearly change of each line's litres a day (the clients who stay)
    "auto": {2022: .07, 2023: .06, 2024: .06, 2025: .06, 2026: .05},
    "transport": {2022: .05, 2023: .04, 2024: .05, 2025: .05, 2026: .04},
    "industry": {2022: .04, 2023: .03, 2024: .04, 2025: .01, 2026: .02},
}
# truth 6 (surveys, topic 7): yearly waves in October, non-response bias, stated vs revealed loyalty
SURVEY_WAVES = {2022: "2022-10-03", 2023: "2023-10-02", 2024: "2024-10-01", 2025: "2025-10-01"}
"""The day each yearly wave's invitations go out (the wave is named by its year)."""
SURVEY_ASKED = 0.85
"""Share of the clients that bought in the 12 months before a wave who are asked."""
RESPONSE_LOGIT = (-0.45, 0.9, -2.2)
"""Response: logit p = a + b × ln(revenue of the 12 months before / the wave's median) − c if the
client has already stopped buying (its last purchase falls before the wave)."""
FADE_DAYS = 240
"""Truth 6's revealed loyalty: a client who stops buying thins its orders over these days."""
FADE_FLOOR = 0.1
"""… down to this share of its orders just before its last one."""
DELIVERY_BONUS = 0.45
"""Timing: an answer given within 14 days after a delivery scores this much higher (CSAT)."""

# truth 7 (loyalty programme, topic 8): launch, self-selection, the planted uplift
LOYALTY_LAUNCH = pd.Timestamp("2022-09-01")
LOYALTY_UPLIFT = 0.12
"""A member's order values while it is a member: × (1 + this) (larger orders, same number)."""
LOYALTY_JOIN = (0.5, 1.6)
"""Joining: logit p = a + b × ln(the client's planned yearly purchases / its segment's median)."""
LOYALTY_EXPIRY_DAYS = 730
"""Points unused 24 months after they were earned expire; a leaving member's balance lapses."""

# truth 8 (staff and incentives, topic 9): teams, quarterly targets, the windfall
TEAMS = {0: "Екип София и Запад", 1: "Екип София и Запад", 2: "Екип София и Запад",
         3: "Екип Юг", 4: "Екип Юг", 5: "Екип Юг", 10: "Екип Юг",
         6: "Екип Север", 7: "Екип Север", 8: "Екип Север", 9: "Ключови клиенти"}
"""The sales team of each manager (by index in :data:`MANAGERS`): three by region group, and
the key-account manager's."""
QUARTER_YEARS = (2024, 2025)
ATTAINMENT = (0.05, 0.07, 0.085)
"""Quarterly targets: target = actual / a, ln a = m + h × z + N(0, s) with z the manager's
standardised ln(territory potential / revenue) (quotas not fully adjusted to potential)."""
WINDFALL_MANAGER = 8
WINDFALL_SHARE = 0.9
"""The windfall manager's 2025 one-off project orders: this × his ordinary 2025 sales."""
WINDFALL_MONTHS = ("2025-04-07", "2025-09-26")
TARGET_SWITCH = {2021: 0.0, 2022: 0.04, 2023: 0.06, 2024: 0.10, 2025: 0.15, 2026: 0.19}
"""Share of lines of a class with target products that move to one of them (truth 3, mix)."""
TARGET_GROWTH = {"revenue": 1.06, "quantity": 1.06, "target_products_revenue": 1.15}
"""Targets: the previous year's actual × these (per manager, business line, class)."""

EASTER = {2019: "04-28", 2020: "04-19", 2021: "05-02", 2022: "04-24", 2023: "04-16",
          2024: "05-05", 2025: "04-20", 2026: "04-12", 2027: "05-02", 2028: "04-16"}


def holidays(year: int) -> list[pd.Timestamp]:
    """Bulgarian public holidays of ``year``: fixed days and Orthodox Easter (Friday–Monday)."""
    fixed = [(1, 1), (3, 3), (5, 1), (5, 6), (5, 24), (9, 6), (9, 22), (12, 24), (12, 25),
             (12, 26)]
    out = [pd.Timestamp(year, m, d) for m, d in fixed]
    if year in EASTER:
        easter = pd.Timestamp(f"{year}-{EASTER[year]}")
        out += [easter + pd.Timedelta(days=k) for k in (-2, -1, 0, 1)]
    return out


FILES = {
    "sales": "sales.csv.gz", "clients": "clients.csv", "products": "products.csv",
    "contacts": "contacts.csv", "interactions": "interactions.csv", "surveys": "surveys.csv",
    "loyalty": "loyalty.csv", "targets": "targets.csv", "market": "market.csv",
    "territories": "territories.csv", "staff": "staff.csv",
}
COLUMNS = {
    "sales": [C.date, C.doc_id, C.client_id, C.product_id, C.quantity, C.revenue, C.cost,
              C.discount, C.list_revenue, C.currency, C.manager, C.channel],
    "clients": [C.client_id, C.name, C.tax_id, C.segment, C.industry, C.region, C.city,
                C.address, C.phone, C.email, C.decision_maker, C.manager, C.size,
                C.acquisition_channel, C.created, C.key_account, C.potential, C.potential_units,
                C.wallet, C.wallet_units, C.suppliers_used, C.our_rank, C.payment_terms_days,
                C.status],
    "products": [C.product_id, C.name, C.category, C.business_line, C.brand, C.unit,
                 C.is_target, C.list_price, C.unit_cost],
    "contacts": [C.contact_id, C.client_id, C.name, C.position, C.buying_role, C.influence,
                 C.attitude, C.level, C.owner, C.last_contact],
    "interactions": [C.date, C.client_id, C.manager, C.kind, C.outcome, C.note, C.contact_id],
    "surveys": [C.date, C.wave, C.client_id, C.responded, C.csat, C.nps, C.suppliers_used,
                C.our_rank, C.needs],
    "loyalty": [C.client_id, C.joined, C.left, C.tier, C.points_earned, C.points_redeemed,
                C.points_expired],
    "targets": [C.period, C.kpi, C.manager, C.business_line, C.category, C.region, C.client_id,
                C.target, C.currency],
    "market": [C.segment, C.region, C.companies, C.consumption_per_company,
               C.consumption_units_per_company, C.currency, C.source],
    "territories": [C.region, C.population, C.income, C.retail_sales, C.businesses, C.currency,
                    C.source],
    "staff": [C.person, C.role, C.team, C.hired, C.left, C.base_pay],
}
"""The columns of each generated table of the Bulgarian company, in file order."""

BG = Profile(
    key="bg", company=COMPANY, files=FILES, columns=COLUMNS, holidays=holidays,
    inflation=GENERAL_INFLATION, default_inflation=0.03, managers=MANAGERS, kam=KAM,
    replacement=REPLACEMENT, segments=SEGMENTS, concession_mix=SEGMENTS[0].mix,
    n_categories=len(CATEGORIES), channels=CHANNELS, website=WEBSITE, marketplace=MARKETPLACE,
    sales_channels=SALES_CHANNELS, doc_prefixes=("СР", "КИ"), discount_creep=0.002,
    cost_squeeze=0.0, conc_floor=1.01, return_share=0.015, notes=NOTES, positions=POSITIONS,
    contact_sizes=(60e3, 12e3), staff=STAFF, staff_roles=STAFF_ROLES, manager_pay=(1600, 2300),
    kam_pay=2800.0, pay_round=50.0, manager_tenure=(1.0, 9.0),
    loyalty_segments=("autoservice", "transport", "agro", "retail", "construction"),
    loyalty_open=0.39, loyalty_point=1.0, loyalty_tiers=(3e3, 10e3, 30e3),
)
"""The Bulgarian company's profile for the shared generator machinery."""
