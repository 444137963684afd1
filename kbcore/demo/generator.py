"""The demo company: a seeded, realistic training company for every block of the workbook.

ООО «Техснаб-Регион» (Yekaterinburg) is a B2B distributor of industrial and construction
consumables — fasteners, abrasives, tools, PPE, welding materials, construction chemicals,
paints, electrical goods, rolled metal and insulation — selling to installers and small
businesses, construction firms, industrial plants, wholesalers and retail chains in ten
Russian regions. :func:`generate` builds five years of its history as canonical tables
(:mod:`kbcore.schema`); :func:`write` stores them as the files of ``data/demo/``.

The company is built so that the seminar's story can be found in its data (each planted
truth is documented with its measured numbers in ``data/demo/README.md`` and asserted by
``tests/test_demo.py``):

1. revenue grows every year while profit after cost to serve stays flat;
2. about fifty large clients won in tenders with deep discounts (≥ 15 %) bring a large share
   of revenue and a loss once cost to serve is counted;
3. the whale curve: the most profitable 20 % of clients earn well over 100 % of the profit;
4. about a third of new clients never order a second time, with clear differences by
   acquisition channel;
5. some key clients depend on a single contact person.

Reproducibility: all randomness comes from one ``numpy.random.default_rng(seed)`` and, for
person names only, one ``Faker("ru_RU")`` seeded with ``seed_instance(seed)``; nothing depends
on the clock. The same arguments give the same tables, and :func:`write` gives the same bytes
(fixed number formats, ``\\n`` line ends, gzip with ``mtime=0``).

Command line (the ``kbcore demo`` command calls :func:`main`)::

    python -m kbcore.demo --out data/demo [--clients 1500] [--years 5] [--seed 2024]

All names of companies and people are invented; any resemblance to real ones is coincidental.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kbcore.i18n import fmt_number, t
from kbcore.paths import DEMO_DIR
from kbcore.schema import TABLES, C

__all__ = [
    "COMPANY",
    "DEFAULTS",
    "COLUMNS",
    "FILES",
    "MANIFEST",
    "generate",
    "write",
    "main",
]

COMPANY = "ООО «Техснаб-Регион»"
"""The demo company's name."""

DEFAULTS = {"clients": 1500, "years": 5, "seed": 2024, "end": "2025-12-31"}
"""Default parameters of :func:`generate` (the committed ``data/demo`` uses these)."""

FILES = {
    "sales": "sales.csv.gz",
    "clients": "clients.csv",
    "products": "products.csv",
    "contacts": "contacts.csv",
    "interactions": "interactions.csv",
    "surveys": "surveys.csv",
    "loyalty": "loyalty.csv",
    "targets": "targets.csv",
    "market": "market.csv",
}
"""File name of each table in the output folder."""

MANIFEST = "manifest.json"
GENERATOR_VERSION = 1
"""Bumped whenever a change to this module changes the generated files."""

# --------------------------------------------------------------------------- the world
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

# company names
NAME_HEADS = ["Строй", "Урал", "Сиб", "Тех", "Пром", "Энерго", "Метал", "Монтаж", "Техно", "Спец",
              "Евро", "Гранд", "Проф", "Инвест", "Снаб", "Регион", "Кама", "Волга", "Север",
              "Нефте", "Газ", "Агро", "Дор", "Мост", "Электро", "Термо", "Гидро", "Экс", "Стан"]
NAME_TAILS = ["ресурс", "мет", "снаб", "комплект", "строй", "монтаж", "сервис", "торг", "маш",
              "пром", "групп", "инвест", "техника", "систем", "логистик", "профиль", "холдинг",
              "маркет", "дом", "лайн", "эксперт", "трейд", "альянс", "центр", "проект", "деталь"]
NAME_WORDS = ["Гранит", "Вектор", "Магистраль", "Каскад", "Меридиан", "Эталон", "Фундамент",
              "Атлант", "Орион", "Континент", "Аспект", "Базис", "Интеграл", "Монолит", "Квадрат",
              "Олимп", "Спектр", "Форпост", "Арсенал", "Партнёр", "Союз", "Прогресс", "Импульс",
              "Технолайн", "Стандарт", "Кварц", "Зенит", "Альтаир", "Горизонт", "Феникс"]
NAME_MARKS = ["-Урал", "-Плюс", "-М", "-Сервис", "-Центр", "-Групп", "-Регион", "-Восток"]
PLANT_KINDS = ["механический завод", "завод металлоконструкций", "машиностроительный завод",
               "завод ЖБИ", "котельный завод", "литейный завод", "арматурный завод",
               "трубный завод", "кабельный завод", "завод нефтяного оборудования",
               "приборостроительный завод", "ремонтный завод"]
PLANT_ADJ = {0: ["Уральский", "Среднеуральский", "Тагильский", "Исетский"],
             1: ["Южноуральский", "Челябинский", "Магнитогорский"],
             2: ["Пермский", "Камский", "Прикамский"], 3: ["Тюменский", "Западносибирский"],
             4: ["Башкирский", "Уфимский", "Бельский"], 5: ["Казанский", "Волжский", "Закамский"],
             6: ["Курганский", "Зауральский"], 7: ["Сургутский", "Обский", "Югорский"],
             8: ["Новосибирский", "Сибирский", "Обской"], 9: ["Московский", "Подмосковный"]}
STREETS = ["Ленина", "Мира", "Советская", "Заводская", "Промышленная", "Гагарина", "Кирова",
           "Строителей", "Победы", "Октябрьская", "Садовая", "Лесная", "Первомайская",
           "Комсомольская", "Индустриальная", "Складская", "Энтузиастов", "Машиностроителей",
           "Фрунзе", "Чкалова", "Луначарского", "Пушкина"]
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
                      "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "", "y", "",
                      "e", "yu", "ya"], strict=True))

# common given names (Faker's ru_RU lists hold many rare ones; these are drawn from them)
_MALE_COMMON = ["Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Валерий",
                "Василий", "Виктор", "Виталий", "Владимир", "Владислав", "Вячеслав", "Геннадий",
                "Георгий", "Денис", "Дмитрий", "Евгений", "Егор", "Иван", "Игорь", "Илья",
                "Кирилл", "Константин", "Леонид", "Максим", "Михаил", "Никита", "Николай", "Олег",
                "Павел", "Пётр", "Роман", "Руслан", "Сергей", "Станислав", "Степан", "Тимур",
                "Юрий", "Ярослав", "Анатолий", "Григорий", "Эдуард", "Марат", "Ринат"]
_FEMALE_COMMON = ["Анна", "Алина", "Валентина", "Виктория", "Галина", "Дарья", "Екатерина",
                  "Елена", "Ирина", "Марина", "Мария", "Наталья", "Ольга", "Светлана", "Татьяна",
                  "Юлия", "Оксана", "Людмила", "Надежда", "Ксения", "Анастасия", "Евгения",
                  "Вера", "Лариса", "Любовь", "Полина", "Кристина", "Олеся"]
_PATRONYMIC_COMMON = ["Александр", "Алексе", "Андре", "Анатол", "Борис", "Васил", "Виктор",
                      "Владимир", "Геннад", "Дмитри", "Евген", "Иван", "Игор", "Константин",
                      "Михайл", "Никола", "Олег", "Павл", "Петр", "Серге", "Юрь", "Валер",
                      "Григор", "Леонид", "Степан", "Фёдор", "Федор", "Николаев"]

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
# the planted path of truth 1 (see calibrate): yearly revenue growth, profit around flat
REVENUE_GROWTH = (0.19, 0.14, 0.17, 0.12, 0.15, 0.13)
PROFIT_WOBBLE = (0.0, 0.04, -0.02, 0.03, -0.03, 0.01)
VOLUME_LIMITS = (0.75, 1.33)  # the calibration never moves a year's volume further than this
EXTRA_LIMITS = (-0.03, 0.04)  # … nor its extra discount
CALIBRATE_MIN_CLIENTS = 300  # smaller companies are left as generated (too noisy to steer)

_RATES = {"per_order": 1500.0, "per_delivery": 2500.0, "per_visit": 6000.0, "credit_rate": 0.16}
"""The cost-to-serve defaults of block 1 the planted truths are tuned for (documentation)."""


# --------------------------------------------------------------------------- helpers
def _price_index(years: np.ndarray, last_year: int) -> np.ndarray:
    """Price level of each year relative to ``last_year`` (= 1.0)."""
    out = np.ones(len(years))
    for i, y in enumerate(years):
        level = 1.0
        for k in range(int(y) + 1, last_year + 1):
            level /= 1.0 + INFLATION.get(k, DEFAULT_INFLATION)
        out[i] = level
    return out


def _holidays(year: int) -> list[pd.Timestamp]:
    days = [(1, d) for d in range(1, 9)] + [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)]
    return [pd.Timestamp(year, m, d) for m, d in days]


def _translit(word: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in word.lower() if ch.isalnum())


def _inn(rng: np.random.Generator, region_codes: np.ndarray, person: np.ndarray) -> np.ndarray:
    """Valid, unique Russian tax IDs: 10 digits (organisations) or 12 (individual entrepreneurs).

    Check digits per the Federal Tax Service algorithm: n10 = (Σ w_i d_i mod 11) mod 10 with
    w = 2 4 10 3 5 9 4 6 8; for 12 digits n11 with w = 7 2 4 10 3 5 9 4 6 8 and n12 with
    w = 3 7 2 4 10 3 5 9 4 6 8. Region codes below 10 give IDs with a leading zero.
    """
    n = len(region_codes)
    w10 = np.array([2, 4, 10, 3, 5, 9, 4, 6, 8])
    w11 = np.array([7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
    w12 = np.array([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
    out = np.empty(n, dtype=object)
    todo = np.arange(n)
    seen: set[str] = set()
    while len(todo):
        m = len(todo)
        d = np.zeros((m, 12), dtype=np.int64)
        d[:, 0] = region_codes[todo] // 10
        d[:, 1] = region_codes[todo] % 10
        office = rng.integers(1, 40, m)
        d[:, 2], d[:, 3] = office // 10, office % 10
        d[:, 4:10] = rng.integers(0, 10, (m, 6))
        org = ~person[todo]
        c10 = (d[:, :9] @ w10) % 11 % 10
        d[org, 9] = c10[org]
        c11 = (d[:, :10] @ w11) % 11 % 10
        d[:, 10] = c11
        c12 = (d[:, :11] @ w12) % 11 % 10
        d[:, 11] = c12
        retry = []
        for j, i in enumerate(todo):
            digits = d[j, :10] if org[j] else d[j]
            s = "".join(map(str, digits))
            if s in seen:
                retry.append(i)
            else:
                seen.add(s)
                out[i] = s
        todo = np.array(retry, dtype=np.int64)
    return out


def _strings(codes: np.ndarray, values) -> pd.Series:
    """A string column from integer codes into ``values`` (built as an Arrow dictionary: fast)."""
    import pyarrow as pa

    arr = pa.DictionaryArray.from_arrays(pa.array(np.asarray(codes, dtype=np.int32)),
                                         pa.array(list(values), type=pa.string()))
    return pd.Series(pd.arrays.ArrowStringArray(arr.cast(pa.string()))).astype("string")


def _choice(rng: np.random.Generator, probs, size: int) -> np.ndarray:
    p = np.asarray(probs, dtype="float64")
    return rng.choice(len(p), size=size, p=p / p.sum())


def _rowwise_choice(rng: np.random.Generator, weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each entry of ``rows`` one column index drawn with the probabilities of that row."""
    cum = np.cumsum(weights, axis=1)
    cum = cum / cum[:, -1:]
    u = rng.random(len(rows))
    out = np.zeros(len(rows), dtype=np.int64)
    for k in range(weights.shape[1] - 1):
        out += u > cum[rows, k]
    return out


class _Names:
    """Person names from Faker ru_RU (surnames as Faker draws them, common given names)."""

    def __init__(self, seed: int):
        from faker import Faker

        self.faker = Faker("ru_RU")
        self.faker.seed_instance(seed)
        from faker.providers.person.ru_RU import Provider

        self.male = [n for n in Provider.first_names_male if n in _MALE_COMMON] or list(
            Provider.first_names_male)
        self.female = [n for n in Provider.first_names_female if n in _FEMALE_COMMON] or list(
            Provider.first_names_female)
        self.mid_m = [n for n in Provider.middle_names_male
                      if any(n.startswith(p) for p in _PATRONYMIC_COMMON)] or list(
            Provider.middle_names_male)
        self.mid_f = [n for n in Provider.middle_names_female
                      if any(n.startswith(p) for p in _PATRONYMIC_COMMON)] or list(
            Provider.middle_names_female)

    def full(self, female: bool) -> str:
        """"Фамилия Имя Отчество"."""
        f = self.faker
        if female:
            return f"{f.last_name_female()} {f.random_element(self.female)} {f.random_element(self.mid_f)}"
        return f"{f.last_name_male()} {f.random_element(self.male)} {f.random_element(self.mid_m)}"



# --------------------------------------------------------------------------- the generator
class _Generator:
    def __init__(self, clients: int, years: int, seed: int, end):
        if clients < 20:
            raise ValueError(f"clients must be at least 20, not {clients}")
        if not 1 <= years <= 30:
            raise ValueError(f"years must be between 1 and 30, not {years}")
        self.n = int(clients)
        self.years = int(years)
        self.seed = int(seed)
        self.rng = np.random.default_rng(seed)
        self.names = _Names(seed)
        self.end = pd.Timestamp(end).normalize()
        self.start = self.end - pd.DateOffset(years=years) + pd.Timedelta(days=1)
        days = pd.date_range(self.start, self.end, freq="D")
        self.days = days
        self.n_days = len(days)
        hol = set()
        for y in range(self.start.year, self.end.year + 1):
            hol.update(_holidays(y))
        working = (days.day_of_week < 5) & ~days.isin(list(hol))
        work_idx = np.flatnonzero(working)
        pos = np.searchsorted(work_idx, np.arange(self.n_days))
        self.next_work = work_idx[np.minimum(pos, len(work_idx) - 1)]
        self.last_work = int(work_idx[-1])
        self.day_year = days.year.to_numpy()
        self.year_list = np.arange(self.start.year, self.end.year + 1)
        self.price_level = _price_index(self.year_list, self.end.year)
        self.day_level = self.price_level[self.day_year - self.start.year]

    # ---------------------------------------------------------------- small utilities
    def snap(self, day: np.ndarray) -> np.ndarray:
        """The next working day (the last one of the window at most)."""
        d = np.clip(day, 0, self.n_days - 1)
        return self.next_work[d]

    def dates(self, day: np.ndarray) -> pd.Series:
        base = np.datetime64(self.start.date(), "D")
        return pd.Series((base + day.astype("timedelta64[D]")).astype("datetime64[ns]"))

    # ---------------------------------------------------------------- products
    def products(self) -> pd.DataFrame:
        rng = self.rng
        rows = []
        for ci, (key, cat_name, margin) in enumerate(CATEGORIES):
            templates, brands = PRODUCT_TEMPLATES[key]
            for template, variants, base in templates:
                for vi, variant in enumerate(variants):
                    n_brands = 2 if rng.random() < 0.55 else 1
                    picks = rng.choice(len(brands), size=n_brands, replace=False)
                    for b in sorted(picks):
                        brand = brands[b]
                        factor, adj = 1.0, 0.0
                        if brand == OWN_BRAND:
                            factor, adj = 0.85, 0.06
                        elif brand in PREMIUM_BRANDS:
                            factor, adj = 1.25, -0.03
                        price = base * (1 + 0.35 * vi) * factor * rng.uniform(0.92, 1.08)
                        price = round(price) - 0.1 if price > 100 else round(price, 1)
                        m = min(0.6, max(0.05, margin + adj + rng.normal(0, 0.015)))
                        rows.append((ci, template.format(v=variant) + f", {brand}", cat_name, brand,
                                     brand == OWN_BRAND, round(price, 2), round(price * (1 - m), 2)))
        df = pd.DataFrame(rows, columns=["cat", C.name, C.category, C.brand, C.is_target,
                                         C.list_price, C.unit_cost])
        df.insert(0, C.product_id, [f"A{i + 1:05d}" for i in range(len(df))])
        return df

    # ---------------------------------------------------------------- managers
    def managers(self) -> pd.DataFrame:
        rows = []
        for i, (regions, hired, left, female) in enumerate(MANAGERS):
            name = self.names.full(female)
            h = 0 if hired is None else int(round(hired * self.n_days))
            lf = self.n_days if left is None else int(round(left * self.n_days))
            rows.append((i, name, regions, h, lf))
        return pd.DataFrame(rows, columns=["idx", "name", "regions", "hired", "left"])

    # ---------------------------------------------------------------- clients (economics)
    def client_plan(self) -> pd.DataFrame:
        """Who the clients are and how they buy: one row per client, numbers only."""
        rng, n, nd = self.rng, self.n, self.n_days
        n_conc = max(2, int(round(n * CONCESSION_SHARE)))
        n_exist = int(round(n * EXISTING_SHARE))
        n_new = n - n_conc - n_exist
        kind = np.array(["existing"] * n_exist + ["new"] * n_new + ["concession"] * n_conc)
        conc = kind == "concession"
        new = kind != "existing"

        seg_w = [s.weight for s in SEGMENTS]
        seg = _choice(rng, seg_w, n)
        cs_keys = [k for k, _ in CONCESSION_SEGMENTS]
        cs = _choice(rng, [p for _, p in CONCESSION_SEGMENTS], n_conc)
        seg[conc] = [[s.key for s in SEGMENTS].index(cs_keys[i]) for i in cs]

        region = _choice(rng, [r[3] for r in REGIONS], n)

        # acquisition day: existing clients are there from day 0; new ones arrive more and
        # more often (the sales push), concession clients mostly in the middle years
        a = np.zeros(n, dtype=np.int64)
        u = rng.random(n)
        growth = 0.45  # acquisition intensity grows ~ (1 + growth * t)
        t_new = (np.sqrt(1 + (2 * growth + growth**2) * u) - 1) / growth  # inverse CDF
        a[kind == "new"] = np.floor(t_new[kind == "new"] * nd).astype(np.int64)
        # (some were won shortly before the first day: their ramp-up is still visible)
        a[conc] = np.maximum(0, np.floor((rng.beta(1.6, 1.6, n_conc) - 0.15) * nd)).astype(np.int64)
        a = self.snap(a)
        a[kind == "existing"] = 0

        # acquisition channel
        chan = np.empty(n, dtype=np.int64)
        for si, s in enumerate(SEGMENTS):
            m = (seg == si) & (kind == "new")
            chan[m] = _choice(rng, s.channels, int(m.sum()))
        chan[conc] = _choice(rng, CONCESSION_CHANNELS, n_conc)
        chan[kind == "existing"] = _choice(rng, EXISTING_CHANNELS, n_exist)
        market_open = int(0.2 * nd)  # the marketplace shop opened ~ one year in
        early_mp = (chan == CHANNELS.index(MARKETPLACE)) & (a < market_open)
        chan[early_mp] = CHANNELS.index(WEBSITE)

        one_time = np.zeros(n, dtype=bool)
        p_one = np.array([ONE_TIME[c] for c in CHANNELS])[chan]
        one_time[kind == "new"] = rng.random(int((kind == "new").sum())) < p_one[kind == "new"]

        # size and buying behaviour
        med = np.array([s.potential for s in SEGMENTS])[seg] * SPEND_SCALE
        sig = np.array([s.sigma for s in SEGMENTS])[seg]
        potential = med * np.exp(sig * rng.standard_normal(n))
        potential[conc] = CONC_POTENTIAL * np.exp(0.4 * rng.standard_normal(n_conc))
        lo = np.array([s.sow[0] for s in SEGMENTS])[seg]
        hi = np.array([s.sow[1] for s in SEGMENTS])[seg]
        sow = rng.uniform(lo, hi)
        sow[conc] = rng.uniform(0.30, 0.50, n_conc)
        sow[kind == "new"] *= NEW_SOW
        online = np.isin(chan, [CHANNELS.index(WEBSITE), CHANNELS.index(MARKETPLACE)]) & new
        sow[online] *= 0.6
        spend = potential * sow  # yearly purchases from us at 2025 prices, once ramped up
        rel = spend / (med * (lo + hi) / 2)
        # how much service the client takes: orders, visits (lognormal, median 1)
        service = np.exp(SERVICE_SIGMA * rng.standard_normal(n))
        freq = np.array([s.freq for s in SEGMENTS])[seg] * np.clip(rel, 0.05, 30) ** FREQ_POWER
        freq = np.clip(freq * service**0.8 * FREQ_SCALE, 1.5, 150)
        freq[conc] = rng.uniform(*CONC_FREQ, n_conc)
        lines = np.array([s.lines for s in SEGMENTS])[seg] * np.clip(rel, 0.3, 4) ** 0.2
        lines = np.maximum(1.0, LINES_SCALE * lines / service**0.25)
        lines[conc] = 3.0
        disc = np.array([s.discount for s in SEGMENTS])[seg] + rng.normal(0, 0.015, n)
        disc = np.clip(disc, 0, 0.12)
        disc[conc] = rng.uniform(*CONC_DISCOUNT, n_conc)
        terms = np.zeros(n)
        for si, s in enumerate(SEGMENTS):
            m = seg == si
            days, probs = zip(*s.terms, strict=True)
            terms[m] = np.array(days)[_choice(rng, probs, int(m.sum()))]
        terms[conc] = np.where(rng.random(n_conc) < 0.75, 60, 45)
        visits = np.array([s.visits for s in SEGMENTS])[seg] * np.clip(rel, 0.2, 5) ** 0.35
        visits = visits * service * VISIT_SCALE
        visits[online] *= 0.2
        visits[conc] = rng.uniform(*CONC_VISITS, n_conc)
        calls = np.array([s.calls for s in SEGMENTS])[seg] * np.clip(rel, 0.3, 3) ** 0.3
        calls[conc] = rng.uniform(18, 30, n_conc)
        g = rng.normal(0.02, 0.08, n)
        g[conc] = rng.normal(0.12, 0.05, n_conc)

        # the end of the relationship (churn), at least 120 days after the start
        churn = np.array([s.churn for s in SEGMENTS])[seg]
        churn[conc] = 0.05
        life = rng.exponential(365.0 / churn)
        b = np.where(one_time, a, np.minimum(nd - 1, a + np.maximum(120, life).astype(np.int64)))
        b = np.maximum(a, b)

        # key accounts: the largest ordinary clients and the largest concession clients
        key = np.zeros(n, dtype=bool)
        ordinary = np.flatnonzero(~conc & ~one_time)
        n_key = max(2, int(round(n * 0.014)))
        key[ordinary[np.argsort(-spend[ordinary], kind="stable")[:n_key]]] = True
        cidx = np.flatnonzero(conc)
        key[cidx[np.argsort(-spend[cidx], kind="stable")[: max(1, n_conc // 10)]]] = True
        visits[key & ~conc] = np.maximum(visits[key & ~conc], 10)
        b[key] = np.maximum(b[key], np.minimum(nd - 1, a[key] + 3 * 365))

        return pd.DataFrame({
            "kind": kind, "conc": conc, "new": new, "seg": seg, "region": region, "a": a, "b": b,
            "chan": chan, "one_time": one_time, "potential": potential, "spend": spend,
            "freq": freq, "lines": lines, "disc": disc, "terms": terms, "visits": visits,
            "calls": calls, "g": g, "key": key,
        })

    # ---------------------------------------------------------------- managers of clients
    def assign_managers(self, plan: pd.DataFrame, mgrs: pd.DataFrame) -> pd.DataFrame:
        """Each client's manager: one of the managers of its region working on its first day
        (the key-account manager takes about half of the concession clients)."""
        rng = self.rng
        n = len(plan)
        day, reg = plan["a"].to_numpy(), plan["region"].to_numpy()
        score = rng.random((n, len(mgrs)))
        for r in mgrs.itertuples():
            ok = np.isin(reg, r.regions) & (r.hired <= day) & (day < r.left)
            score[:, r.idx] = np.where(ok & (r.idx != KAM), score[:, r.idx], -1.0)
        m1 = np.argmax(score, axis=1)
        m1 = np.where(score.max(axis=1) < 0, KAM, m1)
        to_kam = plan["conc"].to_numpy() & (rng.random(n) < 0.55)
        m1[to_kam] = KAM
        switch = np.full(n, self.n_days + 1, dtype=np.int64)
        m2 = m1.copy()
        for old, new in REPLACEMENT.items():
            left = int(mgrs["left"].iat[old])
            moved = m1 == old
            m2[moved] = new
            switch[moved] = left
        return plan.assign(m1=m1, m2=m2, switch=switch)

    # ---------------------------------------------------------------- orders and lines
    def orders(self, plan: pd.DataFrame) -> dict[str, np.ndarray]:
        rng, nd = self.rng, self.n_days
        a, b = plan["a"].to_numpy(), plan["b"].to_numpy()
        g, freq = plan["g"].to_numpy(), plan["freq"].to_numpy()
        one, new = plan["one_time"].to_numpy(), plan["new"].to_numpy()
        span = (b - a + 1).astype("float64")
        maxmult = np.exp(np.maximum(g, 0) * span / 365)
        lam = np.where(one, 0.0, freq * span / 365 * maxmult)
        k = rng.poisson(lam)
        ci = np.repeat(np.arange(len(plan)), k)
        t = a[ci] + np.floor(rng.random(len(ci)) * span[ci]).astype(np.int64)
        el = (t - a[ci]) / 365.0
        ramp = np.where(new[ci], 1 - 0.5 * np.exp(-el * 365 / 150), 1.0)
        keep = rng.random(len(ci)) < ramp * np.exp(g[ci] * el) / maxmult[ci]
        ci, t = ci[keep], t[keep]
        # every new client's first order is on its acquisition day; the repeaters order a
        # second time within a few weeks; every existing client buys at least once
        first = np.flatnonzero(new)
        rep = np.flatnonzero(new & ~one)
        second = a[rep] + 10 + rng.exponential(35, len(rep)).astype(np.int64)
        ok = second <= nd - 1
        rep, second = rep[ok], second[ok]
        has = np.bincount(ci, minlength=len(plan)) > 0
        lonely = np.flatnonzero(~new & ~has)
        lonely_t = a[lonely] + np.floor(rng.random(len(lonely)) * span[lonely]).astype(np.int64)
        ci = np.concatenate([ci, first, rep, lonely])
        t = np.concatenate([t, a[first], second, lonely_t])
        t = self.snap(t)
        # value of an order at that year's prices
        noise = np.exp(0.5 * rng.standard_normal(len(ci)) - 0.125)
        value = plan["spend"].to_numpy()[ci] / freq[ci] * self.day_level[t] * noise
        order = np.lexsort((ci, t))
        return {"client": ci[order], "day": t[order], "value": value[order]}

    def lines(self, plan, orders, products) -> dict[str, np.ndarray]:
        rng = self.rng
        oc, od, ov = orders["client"], orders["day"], orders["value"]
        n_orders = len(oc)
        lam = plan["lines"].to_numpy()[oc]
        n_lines = 1 + rng.poisson(np.maximum(lam - 1, 0))
        lo = np.repeat(np.arange(n_orders), n_lines)
        starts = np.concatenate([[0], np.cumsum(n_lines)[:-1]])
        pos = np.arange(len(lo)) - starts[lo]
        w = rng.gamma(1.5, size=len(lo))
        share = w / np.bincount(lo, weights=w)[lo]
        target = ov[lo] * share
        client = oc[lo]

        # category of each line from the client's own mix, product by popularity
        seg = plan["seg"].to_numpy()
        base = np.array([s.mix for s in SEGMENTS])[seg]
        base[plan["conc"].to_numpy()] = CONCESSION_MIX
        mix = rng.gamma(np.maximum(base * 25, 1e-9)) * (base > 0)
        mix = mix / mix.sum(axis=1, keepdims=True)
        cat = _rowwise_choice(rng, mix, client)
        pcat = products["cat"].to_numpy()
        prod = np.zeros(len(lo), dtype=np.int64)
        for k in range(len(CATEGORIES)):
            members = np.flatnonzero(pcat == k)
            pop = 1.0 / np.arange(1, len(members) + 1) ** 0.8
            pop = pop[rng.permutation(len(members))]
            cum = np.cumsum(pop) / pop.sum()
            m = cat == k
            prod[m] = members[np.minimum(np.searchsorted(cum, rng.random(int(m.sum()))),
                                         len(members) - 1)]
        # an order lists each product once
        _, first = np.unique(lo * len(products) + prod, return_index=True)
        keep = np.zeros(len(lo), dtype=bool)
        keep[first] = True
        lo, target, client, prod = lo[keep], target[keep], client[keep], prod[keep]
        n_lines = np.bincount(lo, minlength=n_orders)
        starts = np.concatenate([[0], np.cumsum(n_lines)[:-1]])
        pos = np.arange(len(lo)) - starts[lo]

        day = od[lo]
        level = self.day_level[day]
        price = np.round(products[C.list_price].to_numpy()[prod] * level, 2)
        squeeze = 1 - COST_SQUEEZE * (self.end.year - self.day_year[day])
        ucost = np.round(products[C.unit_cost].to_numpy()[prod] * level * squeeze, 2)
        # discount: the client's level, creeping up each year for ordinary clients
        # (concessions to hold volume); never below a 1 % margin over cost (tender prices of
        # concession clients may go a little below cost on some items)
        years_in = day / 365.0
        conc = plan["conc"].to_numpy()[client]
        creep = np.where(conc, 0.0, DISCOUNT_CREEP * years_in)
        d0 = plan["disc"].to_numpy()[client] + creep + rng.normal(0, 0.01, len(lo))
        floor = np.where(conc, CONC_FLOOR, 1.01)
        cap = np.maximum(np.floor((1 - floor * ucost / price) * 200) / 200, 0.0)

        # a few orders are shipped as two documents on the same day
        split = (n_lines >= 2) & (rng.random(n_orders) < 0.04)
        sub = (split[lo] & (pos >= n_lines[lo] // 2)).astype(np.int64)

        # sales channel of each order
        chan = plan["chan"].to_numpy()[oc]
        p_web = np.where(chan == CHANNELS.index(WEBSITE), 0.6, 0.08)
        ch = np.where(rng.random(n_orders) < p_web, 1, 0)
        ch = np.where(chan == CHANNELS.index(MARKETPLACE),
                      np.where(rng.random(n_orders) < 0.9, 2, 0), ch)
        ch[plan["conc"].to_numpy()[oc]] = 0

        return {
            "order": lo, "sub": sub, "pos": pos, "day": day, "client": client, "product": prod,
            "target": target, "price": price, "ucost": ucost, "d0": d0, "cap": cap,
            "ordinary": ~conc, "channel": ch[lo],
        }

    def amounts(self, lines: dict, volume: np.ndarray, extra: np.ndarray) -> dict:
        """Quantities and money of the lines for a yearly volume factor and extra discount.

        quantity = max(1, round(target × volume_year / price)); discount rate = d0 (+ extra_year
        for ordinary clients), rounded to 0.5 %, between 0 and the line's cap;
        list_revenue = quantity × price; revenue = list_revenue × (1 − rate);
        discount = list_revenue − revenue; cost = quantity × unit cost (all rounded to kopecks).
        """
        yi = self.day_year[lines["day"]] - self.start.year
        price = lines["price"]
        qty = np.maximum(1.0, np.round(lines["target"] * volume[yi] / price))
        d = lines["d0"] + np.where(lines["ordinary"], extra[yi], 0.0)
        d = np.minimum(np.clip(np.round(d * 200) / 200, 0, None), lines["cap"])
        list_rev = np.round(qty * price, 2)
        revenue = np.round(list_rev * (1 - d), 2)
        return {**lines, "quantity": qty, "list_revenue": list_rev, "revenue": revenue,
                "discount": np.round(list_rev - revenue, 2),
                "cost": np.round(qty * lines["ucost"], 2)}

    def pick_returns(self, lines: dict) -> dict:
        """Which lines come back, when, and what share (a few days to weeks after shipment)."""
        rng = self.rng
        pick = (rng.random(len(lines["day"])) < RETURN_SHARE) & (lines["day"] < self.last_work - 5)
        idx = np.flatnonzero(pick)
        doc = lines["order"][idx] * 2 + lines["sub"][idx]
        udoc, inv = np.unique(doc, return_inverse=True)
        delay = 3 + rng.integers(0, 38, len(udoc))
        day = self.snap(lines["day"][idx] + delay[inv])
        share = rng.uniform(0.1, 1.0, len(idx))
        ok = day <= self.last_work
        return {"line": idx[ok], "day": day[ok], "share": share[ok]}

    @staticmethod
    def returns(lines: dict, picks: dict) -> dict:
        """Return lines (negative quantity and money) for the picked shipment lines."""
        r = {k: v[picks["line"]] for k, v in lines.items()}
        r["day"] = picks["day"]
        qty = r["quantity"]
        back = np.where(qty <= 1, 1.0, np.maximum(1.0, np.round(qty * picks["share"])))
        ratio = back / qty
        r["quantity"] = -back
        for c in ("revenue", "cost", "discount", "list_revenue"):
            r[c] = -np.round(r[c] * ratio, 2)
        return r

    # ---------------------------------------------------------------- calibration
    def yearly_profit(self, plan, lines, returns, visit_client, visit_day) -> dict[str, np.ndarray]:
        """Block 1's yearly figures (default cost-to-serve rates), computed with numpy.

        The same definitions as :func:`kbcore.analyses.profitability.yearly_summary`: orders =
        documents with shipments, deliveries = distinct days with shipments per client,
        visits counted for client-years with sales lines, credit cost on the client-year's
        positive net revenue.
        """
        ny, n = len(self.year_list), len(plan)
        sy = self.day_year[lines["day"]] - self.start.year
        ry = self.day_year[returns["day"]] - self.start.year
        sc = lines["client"]
        rc = returns["client"]
        cy = np.concatenate([sc * ny + sy, rc * ny + ry])
        rev = np.concatenate([lines["revenue"], returns["revenue"]])
        cost = np.concatenate([lines["cost"], returns["cost"]])
        lst = np.concatenate([lines["list_revenue"] * lines["ordinary"],
                              returns["list_revenue"] * returns["ordinary"]])
        rev_cy = np.bincount(cy, weights=rev, minlength=n * ny)
        active = np.bincount(cy, minlength=n * ny) > 0
        terms = np.repeat(plan["terms"].to_numpy(), ny)
        credit = np.clip(rev_cy, 0, None) * terms / 365 * _RATES["credit_rate"]
        docs = np.unique(lines["order"] * 2 + lines["sub"], return_index=True)[1]
        orders = np.bincount(sy[docs], minlength=ny)
        deliveries = np.unique(sc * self.n_days + lines["day"])
        deliveries = np.bincount(self.day_year[deliveries % self.n_days] - self.start.year, minlength=ny)
        vk = visit_client * ny + (self.day_year[visit_day] - self.start.year)
        vk = vk[active[vk]]
        visits = np.bincount(vk % ny, minlength=ny)
        year_of = np.tile(np.arange(ny), n)
        out = {
            "revenue": np.bincount(cy % ny, weights=rev, minlength=ny),
            "cost": np.bincount(cy % ny, weights=cost, minlength=ny),
            "list_ordinary": np.bincount(cy % ny, weights=lst, minlength=ny),
            "credit": np.bincount(year_of, weights=credit, minlength=ny),
            "fixed": orders * _RATES["per_order"] + deliveries * _RATES["per_delivery"]
            + visits * _RATES["per_visit"],
        }
        out["profit"] = out["revenue"] - out["cost"] - out["credit"] - out["fixed"]
        return out

    def calibrate(self, plan, lines, picks, visit_client, visit_day):
        """Yearly volume and extra discount so that revenue and profit follow the planted path.

        Revenue per day grows by ``REVENUE_GROWTH`` a year from the first full year; profit per
        day stays at the first full year's level times ``1 + PROFIT_WOBBLE``. With s the
        volume factor and Δ the extra discount of a year (R revenue, Cc cost, L ordinary list
        revenue, τ = credit / R, K the order, delivery and visit costs, R*, P* the targets)::

            s (R − Δ L) = R*            s Cc = R* (1 − τ) − K − P*

        solved and repeated a few times, because quantities are rounded and discounts capped.
        Years with fewer than 90 days in the window are left as generated, and so are
        companies of fewer than ``CALIBRATE_MIN_CLIENTS`` clients; the factors are kept within
        ``VOLUME_LIMITS`` and ``EXTRA_LIMITS``.
        """
        ny = len(self.year_list)
        days = np.bincount(self.day_year - self.start.year, minlength=ny).astype("float64")
        volume, extra = np.ones(ny), np.zeros(ny)
        full = np.flatnonzero(days >= 300)
        if len(full) < 2 or len(plan) < CALIBRATE_MIN_CLIENTS:
            return volume, extra
        base = int(full[0])
        for _ in range(4):
            cur = self.amounts(lines, volume, extra)
            ret = self.returns(cur, picks)
            y = self.yearly_profit(plan, cur, ret, visit_client, visit_day)
            rate_r = y["revenue"][base] / days[base]
            rate_p = y["profit"][base] / days[base]
            for k in range(ny):
                if days[k] < 90 or y["revenue"][k] <= 0 or y["cost"][k] <= 0:
                    continue
                step = k - base
                growth = np.prod([1 + REVENUE_GROWTH[j % len(REVENUE_GROWTH)] for j in range(step)])
                r_star = rate_r * growth * days[k]
                p_star = rate_p * (1 + PROFIT_WOBBLE[step % len(PROFIT_WOBBLE)] * (step > 0)) * days[k]
                tau = y["credit"][k] / y["revenue"][k]
                s = (r_star * (1 - tau) - y["fixed"][k] - p_star) / y["cost"][k]
                s = float(np.clip(volume[k] * s, *VOLUME_LIMITS) / volume[k])
                delta = (y["revenue"][k] - r_star / s) / max(y["list_ordinary"][k], 1.0)
                volume[k] *= s
                extra[k] = float(np.clip(extra[k] + delta, *EXTRA_LIMITS))
        return volume, extra

    def _numbered(self, key: np.ndarray, day: np.ndarray, prefix: str, width: int):
        """Documents numbered within each year in date order: ("РН25-000123", …).

        Returns the document index of each row, the documents' texts and a sort key.
        """
        udoc, first, inv = np.unique(key, return_index=True, return_inverse=True)
        dday = day[first]
        order = np.lexsort((udoc, dday))
        rank = np.empty(len(udoc), dtype=np.int64)
        rank[order] = np.arange(len(udoc))
        dyear = self.day_year[dday]
        # number within the year = rank − (first rank of that year) + 1
        year_first = np.searchsorted(dyear[order], dyear)
        num = rank - year_first + 1
        texts = [f"{prefix}{y % 100:02d}-{k:0{width}d}" for y, k in zip(dyear.tolist(), num.tolist(),
                                                                       strict=True)]
        return inv, texts, rank

    def sales_table(self, plan, lines, returns, products, mgr_names, client_ids):
        """Number the documents (yearly, in date order) and build the canonical sales table.

        Shipment documents are "РН<yy>-<nnnnnn>" (a document = an order, or half of one when it
        was shipped as two documents on one day); a return is one "ВЗ<yy>-<nnnnn>" document per
        original shipment document.
        """
        ship_inv, ship_texts, ship_rank = self._numbered(
            lines["order"] * 2 + lines["sub"], lines["day"],
            "РН", 6)
        codes = [ship_inv]
        keys = [ship_rank[ship_inv]]
        texts = list(ship_texts)
        if len(returns["day"]):
            ret_inv, ret_texts, ret_rank = self._numbered(
                returns["order"] * 2 + returns["sub"],
                returns["day"], "ВЗ", 5)
            codes.append(ret_inv + len(ship_texts))
            keys.append(ret_rank[ret_inv] + len(ship_texts))
            texts += ret_texts
        code = np.concatenate(codes)
        key = np.concatenate(keys)
        cols = ["day", "pos", "client", "product", "channel", "quantity", "revenue", "cost",
                "discount", "list_revenue"]
        both = {c: np.concatenate([lines[c], returns[c]]) for c in cols}
        o = np.lexsort((both["pos"], key, both["day"]))
        for c in cols:  # one column at a time: only one extra copy alive
            both[c] = both[c][o]
        code = code[o]
        d, client = both["day"], both["client"]
        mgr = np.where(d < plan["switch"].to_numpy()[client], plan["m1"].to_numpy()[client],
                       plan["m2"].to_numpy()[client])
        sales = pd.DataFrame({
            C.date: self.dates(d),
            C.doc_id: _strings(code, texts),
            C.client_id: _strings(client, client_ids),
            C.product_id: _strings(both["product"], products[C.product_id]),
            C.quantity: both["quantity"].astype("float64"),
            C.revenue: both["revenue"].astype("float64"),
            C.cost: both["cost"].astype("float64"),
            C.discount: both["discount"].astype("float64"),
            C.list_revenue: both["list_revenue"].astype("float64"),
            C.manager: _strings(mgr, mgr_names),
            C.channel: _strings(both["channel"], SALES_CHANNELS),
        })
        return sales, d, client, mgr

    # ---------------------------------------------------------------- interactions
    def interactions(self, plan, mgr_names, client_ids):
        rng, nd = self.rng, self.n_days
        a, b = plan["a"].to_numpy(), plan["b"].to_numpy()
        one, conc = plan["one_time"].to_numpy(), plan["conc"].to_numpy()
        key = plan["key"].to_numpy()
        online = np.isin(plan["chan"].to_numpy(), [CHANNELS.index(WEBSITE),
                                                   CHANNELS.index(MARKETPLACE)])
        new = plan["new"].to_numpy()
        pre = np.where(new & ~online, 45, 0)
        lo = np.maximum(0, a - pre)
        hi = np.where(one, np.minimum(nd - 1, a + 60), b)
        span = (hi - lo + 1) / 365.0
        mult = np.array([0.8 + 0.8 * ((i * 7) % 5) / 4 for i in range(len(MANAGERS))])
        mult[KAM] = 1.3
        m1 = plan["m1"].to_numpy()
        rates = {
            "visit": plan["visits"].to_numpy() * mult[m1] * np.where(one, 0.5, 1.0),
            "call": plan["calls"].to_numpy(),
            "email": np.where(conc, 12.0, 2.0),
            "meeting": np.where(conc | key, 4.0, np.where(plan["spend"].to_numpy() > 5e6, 1.0, 0.1)),
        }
        parts_c, parts_d, parts_k = [], [], []
        for ki, kind in enumerate(KINDS):
            k = rng.poisson(rates[kind] * span)
            ci = np.repeat(np.arange(len(plan)), k)
            day = lo[ci] + np.floor(rng.random(len(ci)) * (hi - lo + 1)[ci]).astype(np.int64)
            parts_c.append(ci)
            parts_d.append(day)
            parts_k.append(np.full(len(ci), ki))
        # win-back calls after a client has gone quiet
        gone = np.flatnonzero((b < nd - 120) & ~one)
        k = 1 + rng.poisson(1.0, len(gone))
        ci = np.repeat(gone, k)
        day = b[ci] + 30 + rng.integers(0, 300, len(ci))
        keep = day < nd
        parts_c.append(ci[keep])
        parts_d.append(day[keep])
        parts_k.append(np.full(int(keep.sum()), KINDS.index("call")))

        ci = np.concatenate(parts_c)
        day = self.snap(np.concatenate(parts_d))
        kind = np.concatenate(parts_k)
        winback = np.zeros(len(ci), dtype=bool)
        winback[len(ci) - int(keep.sum()):] = True
        o = np.lexsort((kind, ci, day))
        ci, day, kind, winback = ci[o], day[o], kind[o], winback[o]
        mgr = np.where(day < plan["switch"].to_numpy()[ci], m1[ci], plan["m2"].to_numpy()[ci])
        outcome = np.empty(len(ci), dtype=object)
        note = np.full(len(ci), None, dtype=object)
        for ki, kname in enumerate(KINDS):
            m = kind == ki
            values, probs = OUTCOMES[kname]
            outcome[m] = np.asarray(values, dtype=object)[_choice(rng, probs, int(m.sum()))]
            texts = np.asarray(NOTES[kname], dtype=object)
            has = m & (rng.random(len(ci)) < 0.3)
            note[has] = texts[rng.integers(0, len(texts), int(has.sum()))]
        outcome[winback] = np.where(rng.random(int(winback.sum())) < 0.5, "no_answer", "refusal")
        note[winback] = "Клиент перестал заказывать: выясняем причину"
        df = pd.DataFrame({
            C.date: self.dates(day),
            C.client_id: _strings(ci, client_ids),
            C.manager: _strings(mgr, mgr_names),
            C.kind: _strings(kind, KINDS),
            C.outcome: pd.array(outcome, dtype="string"),
            C.note: pd.array(note, dtype="string"),
        })
        return df, ci, day, kind

    # ---------------------------------------------------------------- the client table
    def company_names(self, plan: pd.DataFrame, person: np.ndarray) -> tuple[list, list, list]:
        """Legal names, e-mail domains and the owner names of sole traders."""
        rng, names = self.rng, self.names
        seen: set[str] = set()
        out, roots, owners = [], [], []
        for i in range(len(plan)):
            seg = SEGMENTS[int(plan["seg"].iat[i])].key
            reg = int(plan["region"].iat[i])
            owner = None
            if person[i]:
                owner = names.full(bool(rng.random() < 0.25))
                last, first, mid = owner.split()
                name, root = f"ИП {last} {first[0]}.{mid[0]}.", last
            else:
                for attempt in range(50):
                    r = rng.random()
                    if seg == "industrial" and r < 0.55:
                        adj = PLANT_ADJ[reg][int(rng.integers(len(PLANT_ADJ[reg])))]
                        plant = PLANT_KINDS[int(rng.integers(len(PLANT_KINDS)))]
                        root = f"{adj} {plant}"
                        form = ["АО", "ПАО", "ООО"][int(_choice(rng, [.6, .1, .3], 1)[0])]
                        name = f"{form} «{root}»"
                    else:
                        if rng.random() < 0.55:
                            head = NAME_HEADS[int(rng.integers(len(NAME_HEADS)))]
                            tail = NAME_TAILS[int(rng.integers(len(NAME_TAILS)))]
                            if head.lower().startswith(tail[:4]) or tail.startswith(head.lower()[:4]):
                                continue
                            root = head + tail
                        else:
                            root = NAME_WORDS[int(rng.integers(len(NAME_WORDS)))]
                        if attempt > 3 or rng.random() < 0.15:
                            root += NAME_MARKS[int(rng.integers(len(NAME_MARKS)))]
                        if seg == "construction" and rng.random() < 0.4:
                            inner = f"СК «{root}»"
                        elif seg in ("wholesale", "retail") and rng.random() < 0.45:
                            inner = f"ТД «{root}»"
                        else:
                            inner = root
                        form = "АО" if seg != "installers" and rng.random() < 0.12 else "ООО"
                        name = f"{form} «{inner}»"
                    if name not in seen:
                        break
                else:
                    name = f"{name[:-1]}-{i}»"
            seen.add(name)
            out.append(name)
            roots.append(root)
            owners.append(owner)
        return out, roots, owners

    def clients_table(self, plan, mgrs, client_ids, first_day, last_day):
        rng, n = self.rng, len(plan)
        seg = plan["seg"].to_numpy()
        seg_key = np.array([s.key for s in SEGMENTS])[seg]
        person = (seg_key == "installers") & (rng.random(n) < 0.55) & ~plan["key"].to_numpy()
        names, roots, owners = self.company_names(plan, person)
        region = plan["region"].to_numpy()
        inn = _inn(rng, np.array([REGIONS[r][1] for r in region]), person)

        city, phone_code = [], []
        for r in region:
            cities = REGIONS[r][2]
            j = int(_choice(rng, [c[2] for c in cities], 1)[0])
            city.append(cities[j][0])
            phone_code.append(cities[j][1])
        street = np.asarray(STREETS, dtype=object)[rng.integers(0, len(STREETS), n)]
        house = rng.integers(1, 120, n)
        address = [f"г. {c}, ул. {s}, д. {h}" + (f", оф. {o}" if o else "")
                   for c, s, h, o in zip(city, street, house,
                                         np.where(rng.random(n) < 0.5, rng.integers(1, 400, n), 0),
                                         strict=True)]
        phones = []
        for i in range(n):
            digits = 10 - len(phone_code[i])
            if person[i] or rng.random() < 0.1:
                num = f"{int(rng.integers(0, 10**7)):07d}"
                phones.append(f"+7 ({900 + int(rng.integers(0, 99))}) {num[:3]}-{num[3:5]}-{num[5:]}")
            else:
                num = f"{int(rng.integers(2 * 10 ** (digits - 1), 10**digits)):0{digits}d}"
                phones.append(f"+7 ({phone_code[i]}) {num[:-4]}-{num[-4:-2]}-{num[-2:]}")
        emails = []
        for i in range(n):
            words = roots[i].split("-")[0].split()
            slug = (_translit(words[0]) if len(words) == 1
                    else "".join(_translit(w)[0] for w in words) + f"-{REGIONS[region[i]][1]:02d}")
            if person[i]:
                emails.append(f"{slug}{int(rng.integers(1, 99))}@{['mail.ru', 'yandex.ru'][int(rng.integers(2))]}")
            else:
                box = ["info", "zakaz", "snab", "office"][int(rng.integers(4))]
                emails.append(f"{box}@{slug}.ru")

        # decision maker named on the card
        dm = [owners[i] if person[i] else self.names.full(bool(rng.random() < 0.25))
              for i in range(n)]

        created = np.where(plan["kind"].to_numpy() == "existing",
                           -rng.integers(60, 365 * 12, n),
                           plan["a"].to_numpy() - rng.integers(0, 45, n))
        created = np.minimum(created, first_day)
        potential = np.round(plan["potential"].to_numpy() / 10_000) * 10_000

        mgr_names = mgrs["name"].to_numpy()
        current = np.where(plan["switch"].to_numpy() <= self.n_days, plan["m2"], plan["m1"])
        status = np.where(last_day >= self.n_days - 180, "активный", "неактивный")
        stale = rng.random(n) < 0.06
        status = np.where(stale & (status == "неактивный"), "активный", status)
        size = np.where(plan["potential"] >= 8e6, "крупный",
                        np.where(plan["potential"] >= 1.5e6, "средний", "малый"))
        industry = [SEGMENTS[s].industries[int(rng.integers(len(SEGMENTS[s].industries)))]
                    for s in seg]
        chan = np.asarray(CHANNELS, dtype=object)[plan["chan"].to_numpy()]
        key = plan["key"].to_numpy()
        conc = plan["conc"].to_numpy()

        df = pd.DataFrame({
            C.client_id: client_ids,
            C.name: names,
            C.tax_id: inn,
            C.segment: np.array([s.name for s in SEGMENTS], dtype=object)[seg],
            C.industry: industry,
            C.region: [REGIONS[r][0] for r in region],
            C.city: city,
            C.address: address,
            C.phone: phones,
            C.email: emails,
            C.decision_maker: dm,
            C.manager: mgr_names[current],
            C.size: size,
            C.acquisition_channel: chan,
            C.created: self.dates(created),
            C.key_account: key,
            C.potential: potential,
            C.payment_terms_days: plan["terms"].to_numpy(dtype="float64"),
            C.status: status,
        })
        # realistic gaps in the cards (never in the key or concession clients' finance fields)
        small = ~key & ~conc

        def blank(col, p, where=None):
            m = rng.random(n) < p
            if where is not None:
                m &= where
            df.loc[m, col] = None

        blank(C.phone, 0.12)
        blank(C.email, 0.20)
        blank(C.decision_maker, 0.35)
        blank(C.segment, 0.08, small)
        blank(C.industry, 0.15, small)
        blank(C.address, 0.05)
        blank(C.tax_id, 0.01, small & ~person)
        blank(C.potential, 0.30, small & (plan["potential"].to_numpy() < 3e6))
        blank(C.acquisition_channel, 0.15, plan["kind"].to_numpy() == "existing")
        return df, dm, owners

    # ---------------------------------------------------------------- contacts (DMU)
    def contacts(self, plan, clients, interactions_day, interactions_client):
        rng, n = self.rng, len(plan)
        spend = plan["spend"].to_numpy()
        key, conc = plan["key"].to_numpy(), plan["conc"].to_numpy()
        size = np.where(spend >= 5e6, 2, np.where(spend >= 1e6, 1, 0))
        count = np.where(size == 2, rng.integers(3, 7, n),
                         np.where(size == 1, rng.integers(1, 4, n), rng.integers(0, 2, n)))
        count = np.where(conc, rng.integers(2, 6, n), count)
        count = np.where(key, rng.integers(3, 8, n), count)
        # planted: some key clients rely on one person only (truth 5)
        kidx = np.flatnonzero(key)
        single = kidx[rng.permutation(len(kidx))[: max(1, int(round(len(kidx) * 0.3)))]]
        count[single] = 1
        last_int = np.full(n, -1, dtype=np.int64)
        np.maximum.at(last_int, interactions_client, interactions_day)
        owner = clients[C.manager].to_numpy()
        rows = []
        cid = 0
        others = ["buyer", "influencer", "user", "gatekeeper", "influencer", "buyer"]
        for i in range(n):
            for j in range(int(count[i])):
                if j == 0:
                    role = "decision_maker" if (key[i] or size[i] > 0 or rng.random() < 0.5) else "buyer"
                else:
                    role = others[int(rng.integers(len(others)))]
                female = bool(rng.random() < (0.7 if role == "gatekeeper" else 0.3))
                name = self.names.full(female)
                pos_list = POSITIONS[role]
                position = pos_list[int(rng.integers(len(pos_list)))]
                influence = LEVELS3[int(_choice(rng, INFLUENCE[role], 1)[0])]
                attitude = ATTITUDES[int(_choice(rng, [.45, .42, .13], 1)[0])]
                if last_int[i] >= 0:
                    lc = max(0, int(last_int[i]) - int(rng.integers(0, 120)) * (j > 0))
                else:
                    lc = -1
                cid += 1
                rows.append((clients[C.client_id].iat[i], f"P{cid:06d}", name, position, role,
                             influence, attitude, ROLE_LEVEL[role], owner[i], lc))
        df = pd.DataFrame(rows, columns=[C.client_id, C.contact_id, C.name, C.position,
                                         C.buying_role, C.influence, C.attitude, C.level, C.owner,
                                         "lc"])
        lc = df.pop("lc").to_numpy()
        dates = self.dates(np.maximum(lc, 0))
        df[C.last_contact] = dates.where(lc >= 0)
        return df, count

    # ---------------------------------------------------------------- surveys
    def surveys(self, plan, sales_day, sales_client, client_ids):
        rng = self.rng
        rows_c, rows_d = [], []
        for y in self.year_list:
            lo = int(np.searchsorted(self.day_year, y))
            hi = int(np.searchsorted(self.day_year, y, side="right")) - 1
            if hi - lo < 60:
                continue
            active = np.unique(sales_client[(sales_day >= lo) & (sales_day <= hi)])
            picked = active[rng.random(len(active)) < 0.25]
            day0 = max(lo, hi - 50)
            rows_c.append(picked)
            rows_d.append(day0 + rng.integers(0, max(1, hi - day0 - 14), len(picked)))
        ci = np.concatenate(rows_c) if rows_c else np.array([], dtype=np.int64)
        day = self.snap(np.concatenate(rows_d)) if rows_d else np.array([], dtype=np.int64)
        mu = 4.1 - 0.6 * plan["conc"].to_numpy()[ci] + 0.2 * plan["key"].to_numpy()[ci]
        mu = mu - 0.3 * (plan["terms"].to_numpy()[ci] == 0)
        csat = np.clip(np.round(mu + rng.normal(0, 0.8, len(ci))), 1, 5)
        nps = np.clip(np.round(2 * csat - 0.5 + rng.normal(0, 1.3, len(ci))), 0, 10)
        o = np.lexsort((ci, day))
        df = pd.DataFrame({
            C.date: self.dates(day[o]),
            C.client_id: pd.array(client_ids[ci[o]], dtype="string"),
            C.csat: csat[o].astype("float64"),
            C.nps: nps[o].astype("float64"),
        })
        return df

    # ---------------------------------------------------------------- loyalty
    def loyalty(self, plan, sales, sales_day, sales_client, client_ids):
        rng = self.rng
        n = len(plan)
        opened = self.snap(np.array([int(0.25 * self.n_days)]))[0]
        seg_key = np.array([s.key for s in SEGMENTS])[plan["seg"].to_numpy()]
        ship = sales[C.revenue].to_numpy() > 0
        first = np.full(n, self.n_days, dtype=np.int64)
        last = np.full(n, -1, dtype=np.int64)
        np.minimum.at(first, sales_client[ship], sales_day[ship])
        np.maximum.at(last, sales_client[ship], sales_day[ship])
        eligible = (np.isin(seg_key, ["installers", "construction", "wholesale"])
                    & ~plan["conc"].to_numpy() & (last >= opened))
        join = eligible & (rng.random(n) < 0.4)
        idx = np.flatnonzero(join)
        jday = np.maximum(first[idx], opened) + rng.exponential(60, len(idx)).astype(np.int64)
        ok = jday <= last[idx]
        idx, jday = idx[ok], self.snap(jday[ok])
        joined_day = np.full(n, -1, dtype=np.int64)
        joined_day[idx] = jday
        after = (joined_day[sales_client] >= 0) & (sales_day >= joined_day[sales_client])
        rev = np.bincount(sales_client[after], weights=sales[C.revenue].to_numpy()[after],
                          minlength=n)[idx]
        earned = np.floor(np.maximum(rev, 0) / 100)
        redeemed = np.floor(earned * rng.uniform(0, 0.8, len(idx)))
        years = np.maximum((self.n_days - jday) / 365.0, 0.25)
        yearly = rev / years
        tier = np.where(yearly >= 3e6, 3, np.where(yearly >= 1e6, 2, np.where(yearly >= 3e5, 1, 0)))
        o = np.argsort(idx, kind="stable")
        return pd.DataFrame({
            C.client_id: pd.array(client_ids[idx[o]], dtype="string"),
            C.joined: self.dates(jday[o]),
            C.tier: pd.array(np.asarray(TIERS, dtype=object)[tier[o]], dtype="string"),
            C.points_earned: earned[o].astype("float64"),
            C.points_redeemed: redeemed[o].astype("float64"),
        })

    # ---------------------------------------------------------------- targets
    def targets(self, mgrs, sales, sales_day, sales_mgr, sales_client, plan):
        rng = self.rng
        year = self.day_year[sales_day]
        rev = sales[C.revenue].to_numpy()
        gm = rev - sales[C.cost].to_numpy()
        nm, ny = len(mgrs), len(self.year_list)
        yi = year - self.start.year
        actual_rev = np.zeros((nm, ny))
        actual_gm = np.zeros((nm, ny))
        np.add.at(actual_rev, (sales_mgr, yi), rev)
        np.add.at(actual_gm, (sales_mgr, yi), gm)
        # new clients: first shipment of a client created in the window, by its manager
        ship = rev > 0
        n = len(plan)
        first = np.full(n, self.n_days, dtype=np.int64)
        np.minimum.at(first, sales_client[ship], sales_day[ship])
        new = plan["new"].to_numpy() & (first < self.n_days)
        fy = self.day_year[np.minimum(first, self.n_days - 1)] - self.start.year
        fm = np.where(first < plan["switch"].to_numpy(), plan["m1"], plan["m2"])
        actual_new = np.zeros((nm, ny))
        np.add.at(actual_new, (fm[new], fy[new]), 1)
        rows = []
        for m in range(nm):
            hired, left = int(mgrs["hired"].iat[m]), int(mgrs["left"].iat[m])
            for j, y in enumerate(self.year_list):
                lo = int(np.searchsorted(self.day_year, y))
                hi = int(np.searchsorted(self.day_year, y, side="right"))
                months = max(0.0, (min(hi, left) - max(lo, hired)) / 365 * 12)
                if months < 1:
                    continue
                scale = months / 12
                if j == 0 or actual_rev[m, j - 1] <= 0:
                    prev_rev = actual_rev[m, j] * rng.uniform(0.92, 1.02)
                    prev_gm = actual_gm[m, j] * rng.uniform(0.95, 1.05)
                    prev_new = actual_new[m, j]
                    if prev_rev <= 0:
                        prev_rev = np.median(actual_rev[:, j][actual_rev[:, j] > 0]) * 0.5
                        prev_gm = prev_rev * 0.2
                else:
                    prev_days = max(30, min(lo, left) - max(lo - 365, hired))
                    full = 365 / prev_days
                    prev_rev = actual_rev[m, j - 1] * full * rng.uniform(1.12, 1.22)
                    prev_gm = actual_gm[m, j - 1] * full * rng.uniform(1.05, 1.12)
                    prev_new = actual_new[m, j - 1] * full * 1.25
                rows.append((str(y), mgrs["name"].iat[m], "revenue",
                             round(prev_rev * scale / 1e5) * 1e5))
                rows.append((str(y), mgrs["name"].iat[m], "margin",
                             round(prev_gm * scale / 1e5) * 1e5))
                rows.append((str(y), mgrs["name"].iat[m], "new_clients",
                             float(max(3, int(np.ceil(prev_new * scale))))))
        return pd.DataFrame(rows, columns=[C.period, C.manager, C.kpi, C.target])

    # ---------------------------------------------------------------- market
    def market(self, plan):
        rng = self.rng
        rows = []
        seg = plan["seg"].to_numpy()
        region = plan["region"].to_numpy()
        sources = ["Росстат и ФНС (ОКВЭД), оценка отдела маркетинга 2025",
                   "Оценка отдела продаж, 2025", "Отраслевой обзор, 2024"]
        for si, s in enumerate(SEGMENTS):
            for ri, r in enumerate(REGIONS):
                ours = int(((seg == si) & (region == ri)).sum())
                pen = rng.uniform(0.04, 0.15)
                companies = max(ours + 15, int(round(ours / pen)))
                if s.key == "installers":
                    companies *= 3
                cons = s.potential * SPEND_SCALE * rng.uniform(0.75, 1.25)
                rows.append((s.name, r[0], float(companies), round(cons / 10_000) * 10_000,
                             sources[int(_choice(rng, [.5, .35, .15], 1)[0])]))
        return pd.DataFrame(rows, columns=[C.segment, C.region, C.companies,
                                           C.consumption_per_company, C.source])


COLUMNS = {
    "sales": [C.date, C.doc_id, C.client_id, C.product_id, C.quantity, C.revenue, C.cost,
              C.discount, C.list_revenue, C.manager, C.channel],
    "clients": [C.client_id, C.name, C.tax_id, C.segment, C.industry, C.region, C.city,
                C.address, C.phone, C.email, C.decision_maker, C.manager, C.size,
                C.acquisition_channel, C.created, C.key_account, C.potential,
                C.payment_terms_days, C.status],
    "products": [C.product_id, C.name, C.category, C.brand, C.is_target, C.list_price,
                 C.unit_cost],
    "contacts": [C.contact_id, C.client_id, C.name, C.position, C.buying_role, C.influence,
                 C.attitude, C.level, C.owner, C.last_contact],
    "interactions": [C.date, C.client_id, C.manager, C.kind, C.outcome, C.note],
    "surveys": [C.date, C.client_id, C.csat, C.nps],
    "loyalty": [C.client_id, C.joined, C.tier, C.points_earned, C.points_redeemed],
    "targets": [C.period, C.manager, C.kpi, C.target],
    "market": [C.segment, C.region, C.companies, C.consumption_per_company, C.source],
}
"""The columns of each generated table, in file order (all canonical, see kbcore.schema)."""


def _canonical(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Canonical dtypes, in the order of :data:`COLUMNS`."""
    kinds = TABLES[table].columns
    target = {"id": "string", "text": "string", "date": "datetime64[ns]", "number": "float64",
              "int": "Int64", "bool": "boolean"}
    cols = COLUMNS[table]
    changes = {}
    for c in cols:
        want = target[kinds[c]]
        if str(df[c].dtype) == want:
            continue
        if kinds[c] in ("id", "text"):
            changes[c] = df[c].astype("object").where(df[c].notna(), None).astype("string")
        else:
            changes[c] = df[c].astype(want)
    out = df[cols].assign(**changes) if changes else df[cols]
    return out.reset_index(drop=True)


def generate(*, clients: int = 1500, years: int = 5, seed: int = 2024,
             end="2025-12-31") -> dict[str, pd.DataFrame]:
    """Generate the demo company: every canonical table, seeded and reproducible.

    Parameters
    ----------
    clients : int
        Number of clients (at least 20). 1 500 gives about 130 000 sales lines over 5 years;
        the number of lines grows in proportion (20 000 clients ≈ 1.7 million lines).
    years : int
        Years of history, ending on ``end`` (1–30).
    seed : int
        Seed of ``numpy.random.default_rng`` and of Faker's ``seed_instance``.
    end : date-like
        The last day of the history (default 2025-12-31).

    Returns
    -------
    dict of DataFrame
        ``sales, clients, products, contacts, interactions, surveys, loyalty, targets,
        market`` in canonical form (:mod:`kbcore.schema` column names, id/text as ``string``,
        dates ``datetime64[ns]``, numbers ``float64``, flags ``boolean``). ``sales.attrs``
        holds the generation parameters under ``"kbcore_demo"``.

    Notes
    -----
    How the company is built (money in roubles without VAT):

    * clients: 45 % buy from us before the first day, 3.3 % are *concession clients* (large
      clients won in tenders at discounts of 20–26 %, 45–60 days to pay, frequent small
      deliveries, two or three visits a month), the rest are acquired over the years — more
      every year;
    * a client's yearly purchases = potential × share of wallet; its orders a year grow with
      size ** 0.35 and with a lognormal "service appetite" that also drives its visits (so
      small clients place small orders, and some large ones cost a lot to serve); order dates
      are a Poisson process thinned by a ramp-up after acquisition and the client's own trend;
    * each order has 1 + Poisson lines; categories follow the client's segment mix, products
      their popularity; prices follow the 2025 price list deflated by yearly inflation;
    * ordinary discounts creep up by 0.3 points a year; 2.5 % of shipped lines partly come
      back (returns: negative lines 3–40 days later);
    * a new client never orders again with a probability that depends on its acquisition
      channel (marketplace 56 %, website 45 %, cold calls 36 %, tender 30 %, exhibition
      27 %, referral 13 %);
    * calibration (truth 1, see ``_Generator.calibrate``): each year's order volume and an
      extra discount of the ordinary clients are adjusted so that revenue grows by
      ``REVENUE_GROWTH`` a year while profit after cost to serve (block 1's default rates)
      stays at the first year's level ± ``PROFIT_WOBBLE``. For the default company the
      factors stay within 0.93–1.0 (volume) and ±1.2 points (discount); they are recorded in
      ``sales.attrs["kbcore_demo"]["calibration"]`` and in ``manifest.json``.

    The planted truths and their numbers are in ``data/demo/README.md``.
    """
    gen = _Generator(clients, years, seed, end)
    products = gen.products()
    mgrs = gen.managers()
    plan = gen.assign_managers(gen.client_plan(), mgrs)
    client_ids = np.array([f"{i + 1:06d}" for i in range(len(plan))], dtype=object)
    orders = gen.orders(plan)
    base_lines = gen.lines(plan, orders, products)
    picks = gen.pick_returns(base_lines)
    mgr_names = mgrs["name"].tolist()
    inter, i_client, i_day, i_kind = gen.interactions(plan, mgr_names, client_ids)
    is_visit = i_kind == KINDS.index("visit")
    volume, extra = gen.calibrate(plan, base_lines, picks, i_client[is_visit], i_day[is_visit])
    lines = gen.amounts(base_lines, volume, extra)
    del base_lines
    returns = gen.returns(lines, picks)
    sales, s_day, s_client, s_mgr = gen.sales_table(plan, lines, returns, products, mgr_names,
                                                    client_ids)
    del lines, returns
    ship = sales[C.revenue].to_numpy() > 0
    first_day = np.full(len(plan), gen.n_days, dtype=np.int64)
    last_day = np.full(len(plan), -1, dtype=np.int64)
    np.minimum.at(first_day, s_client[ship], s_day[ship])
    np.maximum.at(last_day, s_client[ship], s_day[ship])
    clients_df, _, _ = gen.clients_table(plan, mgrs, client_ids, first_day, last_day)
    contacts, _ = gen.contacts(plan, clients_df, i_day, i_client)
    surveys = gen.surveys(plan, s_day, s_client, client_ids)
    loyalty = gen.loyalty(plan, sales, s_day, s_client, client_ids)
    targets = gen.targets(mgrs, sales, s_day, s_mgr, s_client, plan)
    market = gen.market(plan)
    products = products.drop(columns=["cat"])

    tables = {
        "sales": _canonical(sales, "sales"),
        "clients": _canonical(clients_df, "clients"),
        "products": _canonical(products, "products"),
        "contacts": _canonical(contacts, "contacts"),
        "interactions": _canonical(inter, "interactions"),
        "surveys": _canonical(surveys, "surveys"),
        "loyalty": _canonical(loyalty, "loyalty"),
        "targets": _canonical(targets, "targets"),
        "market": _canonical(market, "market"),
    }
    tables["sales"].attrs["kbcore_demo"] = {
        "clients": int(clients), "years": int(years), "seed": int(seed),
        "end": str(gen.end.date()), "start": str(gen.start.date()),
        "calibration": {
            str(y): {"volume": round(float(v), 4), "extra_discount": round(float(e), 4)}
            for y, v, e in zip(gen.year_list, volume, extra, strict=True)
        },
    }
    return tables


# --------------------------------------------------------------------------- writing
def _for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Numbers that are whole everywhere are written without decimals; others with two."""
    changes = {}
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_bool_dtype(s) or str(s.dtype) == "boolean":
            changes[c] = s.map({True: "true", False: "false"}).astype("string")
        elif pd.api.types.is_float_dtype(s):
            v = s.to_numpy(dtype="float64", na_value=np.nan)
            finite = v[~np.isnan(v)]
            if len(finite) == 0 or np.all(finite == np.round(finite)):
                changes[c] = s.round().astype("Int64")
    return df.assign(**changes) if changes else df


def write(tables: dict[str, pd.DataFrame], out, *, manifest: bool = True) -> list[Path]:
    """Write the tables as the files of a demo-company folder, byte for byte reproducibly.

    CSV in UTF-8 with a header of canonical column names, ``,`` separator, ``\\n`` line ends,
    ISO dates, money with two decimals (whole numbers without); ``sales.csv.gz`` is gzipped
    with ``mtime=0`` so that its bytes do not depend on when it was written. With
    ``manifest=True`` a ``manifest.json`` records the SHA-256 of every file, the generation
    parameters and the versions of Faker, NumPy and pandas used.

    Returns
    -------
    list of Path
        The files written (the manifest last).
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fname in FILES.items():
        if name not in tables or tables[name] is None:
            continue
        df = _for_csv(tables[name])
        path = folder / fname
        opts = dict(index=False, lineterminator="\n", float_format="%.2f", date_format="%Y-%m-%d",
                    encoding="utf-8")
        if fname.endswith(".gz"):
            df.to_csv(path, compression={"method": "gzip", "mtime": 0, "compresslevel": 6}, **opts)
        else:
            df.to_csv(path, **opts)
        written.append(path)
    if manifest:
        import faker

        params = dict(tables.get("sales", pd.DataFrame()).attrs.get("kbcore_demo", {}))
        data = {
            "company": COMPANY,
            "generator": "kbcore.demo",
            "generator_version": GENERATOR_VERSION,
            "params": params,
            "versions": {"faker": faker.VERSION, "numpy": np.__version__, "pandas": pd.__version__},
            "files": {
                p.name: {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                         "bytes": p.stat().st_size,
                         "rows": int(len(tables[k]))}
                for k, p in zip([k for k in FILES if k in tables], written, strict=True)
            },
        }
        path = folder / MANIFEST
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8",
                        newline="\n")
        written.append(path)
    return written


def main(argv=None) -> int:
    """``python -m kbcore.demo --out DIR [--clients N] [--years Y] [--seed S]``."""

    p = argparse.ArgumentParser(prog="kbcore demo", description=t("demo.help"))
    p.add_argument("--out", default=str(DEMO_DIR), help=t("demo.help.out"))
    p.add_argument("--clients", type=int, default=DEFAULTS["clients"], help=t("demo.help.clients"))
    p.add_argument("--years", type=int, default=DEFAULTS["years"], help=t("demo.help.years"))
    p.add_argument("--seed", type=int, default=DEFAULTS["seed"], help=t("demo.help.seed"))
    p.add_argument("--end", default=DEFAULTS["end"], help=t("demo.help.end"))
    args = p.parse_args(argv)
    tables = generate(clients=args.clients, years=args.years, seed=args.seed, end=args.end)
    files = write(tables, args.out)
    size = sum(f.stat().st_size for f in files)
    print(t("demo.written", files=len(files), folder=args.out,
            lines=fmt_number(len(tables["sales"])), clients=fmt_number(len(tables["clients"])),
            mb=fmt_number(size / 1e6, digits=1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
