"""Number words from 2 to 100 in Spanish, French, German, Italian and Portuguese, built by each language's own rules
(Spanish "veinticinco" and "treinta y cinco", French "vingt et un" and "quatre-vingt-dix", German
"fünfundzwanzig", Italian "ventotto", Portuguese "vinte e cinco"), folded (no accents) as the tokens see them.
One and its articles ("un", "una", "ein") are left out: they are articles far more often than counts."""

from functools import cache

_ES_UNITS = "dos tres cuatro cinco seis siete ocho nueve".split()
_ES_TEENS = "diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve".split()
_ES_TENS = "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()
_FR_UNITS = "deux trois quatre cinq six sept huit neuf".split()
_FR_TEENS = "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
_FR_TENS = "vingt trente quarante cinquante soixante".split()
_DE_UNITS = "zwei drei vier funf sechs sieben acht neun".split()
_DE_TEENS = "zehn elf zwolf dreizehn vierzehn funfzehn sechzehn siebzehn achtzehn neunzehn".split()
_DE_TENS = "zwanzig dreissig vierzig funfzig sechzig siebzig achtzig neunzig".split()
_IT_UNITS = "due tre quattro cinque sei sette otto nove".split()
_IT_TEENS = "dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove".split()
_IT_TENS = "venti trenta quaranta cinquanta sessanta settanta ottanta novanta".split()
_PT_UNITS = "dois duas tres quatro cinco seis sete oito nove".split()
_PT_TEENS = "dez onze doze treze catorze quinze dezesseis dezessete dezoito dezenove".split()
_PT_TENS = "vinte trinta quarenta cinquenta sessenta setenta oitenta noventa".split()


def _units(words: list[str], start: int = 2) -> dict[str, int]:
    return {w: start + i for i, w in enumerate(words)}


def _spanish() -> dict[str, int]:
    table = _units(_ES_UNITS) | _units(_ES_TEENS, 10) | _units(_ES_TENS[:1], 20)
    table |= {"veintiuno": 21, "veintiun": 21, "veintidos": 22, "veintitres": 23}
    table |= {f"veinti{w}": 20 + n for w, n in _units(_ES_UNITS[2:], 4).items()}
    for tens, w in enumerate(_ES_TENS[1:], 3):
        table[w] = tens * 10
        table |= {f"{w} y {u}": tens * 10 + n for u, n in (_units(_ES_UNITS) | {"uno": 1, "un": 1}).items()}
    return table | {"cien": 100}


def _french() -> dict[str, int]:
    table = _units(_FR_UNITS) | _units(_FR_TEENS, 10)
    for tens, w in enumerate(_FR_TENS, 2):
        table |= {w: tens * 10, f"{w} et un": tens * 10 + 1}
        table |= {f"{w}-{u}": tens * 10 + n for u, n in _units(_FR_UNITS).items()}
    table |= {f"soixante-{t}": 60 + n for t, n in _units(_FR_TEENS, 10).items()} | {"soixante et onze": 71}
    table |= {"quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-un": 81}
    table |= {f"quatre-vingt-{u}": 80 + n for u, n in (_units(_FR_UNITS) | _units(_FR_TEENS, 10)).items()}
    table |= {f"{k.replace('-', ' ')}": v for k, v in table.items() if "-" in k}  # typed without hyphens
    return table | {"cent": 100}


def _german() -> dict[str, int]:
    table = _units(_DE_UNITS) | _units(_DE_TEENS, 10)
    for tens, w in enumerate(_DE_TENS, 2):
        table[w] = tens * 10
        table |= {f"{u}und{w}": tens * 10 + n for u, n in (_units(_DE_UNITS) | {"ein": 1}).items()}
    return table | {"hundert": 100, "einhundert": 100}


def _italian() -> dict[str, int]:
    table = _units(_IT_UNITS) | _units(_IT_TEENS, 10)
    for tens, w in enumerate(_IT_TENS, 2):
        table[w] = tens * 10
        stem = w[:-1]  # "venti" + "uno" -> "ventuno", "trenta" + "otto" -> "trentotto"
        table |= {f"{stem}uno": tens * 10 + 1, f"{stem}otto": tens * 10 + 8}
        table |= {f"{w}{u}": tens * 10 + n for u, n in _units(_IT_UNITS).items() if u != "otto"}
    return table | {"cento": 100}


def _portuguese() -> dict[str, int]:
    table = _units(_PT_UNITS[:1]) | {"duas": 2} | _units(_PT_UNITS[2:], 3) | _units(_PT_TEENS, 10)
    table |= {"dezasseis": 16, "dezassete": 17, "dezanove": 19}  # European spellings
    for tens, w in enumerate(_PT_TENS, 2):
        table[w] = tens * 10
        table |= {f"{w} e {u}": tens * 10 + n for u, n in (table | {"um": 1, "uma": 1}).items() if n < 10}
    return table | {"cem": 100}


@cache
def foreign_numbers() -> dict[str, int]:
    """Folded number word or phrase -> its value, in the five languages (where two agree, the same value)."""
    table: dict[str, int] = {}
    for language in (_spanish, _french, _german, _italian, _portuguese):
        table |= language()
    return table
