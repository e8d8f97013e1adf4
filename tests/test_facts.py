"""Fact consistency on explicit cases: what it catches, and what it must let through."""

from dataclasses import replace

import pytest

from filters.facts import FactConsistency, unsupported
from filters.generated import Generation


@pytest.mark.parametrize(("source", "output", "facts"), [
    ("BMW Z4 roadster 1965", "A BMW Z3 roadster from 1975.", ["1975", "Z3"]),
    ("Canon EOS R5 mirrorless camera body", "A Nikon EOS R5 mirrorless camera body on a table.", ["Nikon"]),
    ("Nikon D850 body", "Canon D850 camera body on a desk.", ["Canon"]),
    ("Year 3 class photo", "A fourth year class photo.", ["4"]),
    ("Holztisch 3,50 m lang", "Ein langer Holztisch von 5,30 m.", ["5,30"]),
    ("wooden chair", "A wooden chair designed by Jasper Morrison.", ["Jasper", "Morrison"]),
    ("Glass vase, 250 ml", "A glass vase holding 500ml of water.", ["500"]),
    ("Wooden desk lamp", "A wooden desk lamp, yours for $49.", ["49"]),
    ("Rolex Submariner Date 126610LN", "A Rolex Submariner Date, reference 126610LV.", ["126610LV"]),
    ("London Marathon 2019 runners", "Runners taking part in the 2019 Boston Marathon.", ["Boston"]),
    ("wedding at lake como italy", "A wedding on the shore of Lake Garda, Italy.", ["Garda"]),
    ("Huawei MateBook 14 laptop, 16GB", "A Huawei MateBook 16 laptop, 16 GB.", ["MateBook 16"]),
])
def test_changed_and_invented_facts_are_named(source, output, facts):
    assert unsupported(output, [source]) == facts


@pytest.mark.parametrize(("source", "output"), [
    ("Canon EOS R5 mirrorless camera body", "A Canon EOS R5 mirrorless camera body on a white background."),
    ("Year 3 class photo", "A third year class photo."),
    ("Holztisch 3,50 m lang", "Ein langer Holztisch von 3.50 m auf weißem Hintergrund."),
    ("Jazz Night feat. Marcus Lee - Fri 12 May, 8pm",
     "Jazz Night featuring Marcus Lee on Friday 12 May at 8pm."),
    ("Bosch GSR 12V-15 Cordless Drill Driver 2x2.0Ah",
     "A Bosch GSR 12V-15 cordless drill with two 2.0Ah batteries."),
    ("iphone 15 pro max 256gb", "An iPhone 15 Pro Max with 256GB of storage."),
    ("東京タワー 夜景", "Tokyo Tower lit up at night."),  # a CJK source's names: not checked
    ("3-bed semi-detached house, Leeds LS6, £285,000", "A three-bedroom house in Leeds LS6 for £285,000."),
    ("IMG_20230815_kyoto.jpg", "Kyoto, photographed in August 2023."),
    ("Concierto el sábado a las 21:00", "Concert on Saturday at 9 pm."),
    ("grand_canyon_south_rim.JPG", "The South Rim of the Grand Canyon under a blue sky."),
    ("Sunlit living room", "Sunlit living room with a sofa."),
    ("Mt. Fuji from Lake Kawaguchi", "Mount Fuji seen from Lake Kawaguchi."),
    ("Messi (ARG) scores, WC 2022 Final", "Messi of Argentina scores in the 2022 World Cup final."),
    ("EU flags outside the Berlaymont", "European Union flags outside the Berlaymont building."),
    ("Retro '80s boombox, silver", "A silver retro boombox from the 1980s."),
    ("St. Peter's Basilica, Rome", "Saint Peter's Basilica in Rome."),
    ("paella from spain", "A Spanish paella in a pan."),
    ("NYC skyline at night", "The New York City skyline at night."),
    ("Tokyo 2020 Olympics opening ceremony", "Fireworks at the opening of the Tokyo 2020 Olympic Games."),
    ("3 Zimmer Wohnung in Köln-Ehrenfeld, 78 qm",
     "Eine Dreizimmerwohnung in Köln-Ehrenfeld mit 78 Quadratmetern."),
    ("modern living room grey sofa", "Modern Living Room With A Grey Sofa"),
])
def test_rephrasing_translation_and_generic_words_pass(source, output):
    assert unsupported(output, [source]) == []


@pytest.mark.parametrize(("source", "output", "lang"), [
    ("A red car in London", "Un coche rojo en Londres.", "es"),
    ("A red car in Moscow", "Красная машина в Москве.", "ru"),
    ("A red car in Munich", "Ein rotes Auto in München.", "de"),
    ("Olive trees on a hillside in Tuscany.", "Ulivi su una collina in Toscana.", "it"),
])
def test_a_translation_may_write_names_the_target_languages_way(source, output, lang):
    assert unsupported(output, [source], lang=lang) == []


def test_a_translation_that_swaps_a_name_in_its_place_or_a_number_is_caught():
    assert unsupported("Ein rotes Auto in Paris.", ["A red car in Munich"], lang="de") == ["Paris"]
    swapped = unsupported("Ein Canon EOS R5 auf einem Tisch.", ["A Nikon EOS R5 on a table"], lang="de")
    assert swapped == ["Canon"]
    assert unsupported("Un coche rojo de 1975.", ["A red car from 1965"], lang="es") == ["1975"]
    assert unsupported("2021年5月21日的音乐会。", ["A concert on May 12, 2021."], lang="zh") == ["21"]
    floor = unsupported("Een appartement op de vierde verdieping.", ["A flat on the third floor."], lang="nl")
    assert floor == ["4"]


def test_fusion_may_take_facts_from_the_visual_caption_and_the_reject_names_them():
    f = FactConsistency()
    alt, visual = "Porsche 911 Carrera", "Two people stand beside a red sports car on a street."
    ok = Generation("k", "s", 0, "Two people stand beside a red Porsche 911 Carrera on a street.", alt,
                    "stop", context=(visual,))
    bad = Generation("k", "s", 0, "A red Porsche 911 Turbo in Stuttgart.", alt, "stop", context=(visual,))
    assert f.reason(ok) is None
    why = f.reason(bad)
    assert why == "unsupported_fact" and why.detail == "Turbo, Stuttgart"  # type: ignore[union-attr]


def test_a_model_that_sees_the_image_may_quote_printed_text_and_count():
    assert unsupported('A mug that reads "Made in Berlin, 1999".', ["my new work mug"], from_image=True) == []
    assert unsupported("Two spires against a dark sky.", ["Kölner Dom bei Nacht"], from_image=True) == []
    assert unsupported('A plaque inscribed "1914-1919".', ['A plaque inscribed "1914-1918"']) == ["1919"]


def test_a_caption_of_the_image_alone_is_held_to_years_only():
    f = FactConsistency()
    seen = Generation("k", "s", 0, "Three people on a boat at the 2019 Glastonbury Festival.", "lake day",
                      "stop", sees_source=False)
    counts = Generation("k", "s", 0, "Three people sit on a small boat on a sunny lake.", "lake day", "stop",
                        sees_source=False)
    assert f.reason(seen).detail == "2019"  # type: ignore[union-attr]
    assert f.reason(counts) is None


@pytest.mark.parametrize(("source", "kept", "changed", "lang"), [
    # count words, Roman numerals and other calendars' years hold a number the output may write out
    ("She scored twice in the final", "She scored two goals in the final.", None, None),
    ("A dozen red roses in a vase", "Twelve red roses in a glass vase.", "Twenty red roses in a glass vase.",
     None),
    ("Super Bowl LVIII halftime show", "The halftime show of the 58th Super Bowl.",
     "The halftime show of the 57th Super Bowl.", None),
    ("令和5年産の新米、5kg", "New-crop rice from the 2023 harvest, 5 kg.",
     "New-crop rice from the 2022 harvest, 5 kg.", "en"),
])
def test_numbers_held_by_count_words_roman_numerals_and_era_years(source, kept, changed, lang):
    assert unsupported(kept, [source], lang=lang) == []
    if changed:
        assert unsupported(changed, [source], lang=lang) != []


@pytest.mark.parametrize(("source", "kept", "changed", "lang"), [
    # CLDR's names of a country or a major city in another language are the same place
    ("Urlaub in Österreich", "A holiday in Austria.", "A holiday in Germany.", None),
    ("Weihnachtsmarkt in Wien", "A Christmas market in Vienna.", None, "en"),
    # a name that sounds like the source name it replaced and is the output language's usual form
    ("Ponte Vecchio, Firenze, al tramonto", "The Ponte Vecchio in Florence at sunset.", None, None),
    # ... but Venice is not English for Vienna, which is English already
    ("Christmas market in Vienna", "A Christmas market in Vienna at dusk.", "A Christmas market in Venice.",
     None),
])
def test_names_in_another_languages_form_pass_and_other_places_do_not(source, kept, changed, lang):
    assert unsupported(kept, [source], lang=lang) == []
    if changed:
        assert unsupported(changed, [source], lang=lang) != []


def test_a_translated_common_noun_is_no_swap_but_a_replaced_name_is():
    # Frühstück is a capitalised German noun: "Breakfast" in its place is its translation
    assert unsupported("Breakfast in Hamburg.", ["Frühstück in Hamburg"], lang="en") == []
    assert unsupported("Ein rotes Auto in Paris.", ["A red car in Munich"], lang="de") == ["Paris"]


def test_short_lowercase_source_words_abbreviate_no_name():
    assert unsupported("Eine Hochzeit in Innsbruck.", ["Hochzeit in Salzburg"]) == ["Innsbruck"]
    assert unsupported("Sunset over the harbour of Saint Ives.", ["Sunset at St Ives harbour"]) == []


@pytest.mark.parametrize(("source", "output", "lang", "facts"), [
    # Across languages a new country or major city, and a new person, tell on their own.
    ("Real Madrid beat Borussia Dortmund 2-0 in the Champions League final at Wembley.",
     "O Real Madrid vence o Borussia Dortmund por 2 a 0 na final da Liga dos Campeões em Lisboa.", "pt",
     ["Lisboa"]),
    ("Tarte Tatin aux pommes - recette facile de Cyril Lignac",
     "An apple tarte Tatin on a plate, from a recipe by Pierre Hermé.", "en", ["Pierre", "Hermé"]),
])
def test_a_new_place_or_person_across_languages_is_caught(source, output, lang, facts):
    assert [f for f in unsupported(output, [source], lang=lang) if f in facts] == facts


@pytest.mark.parametrize(("source", "output", "lang"), [
    ("A street market in Istanbul, Turkey.", "Un mercado callejero en Estambul, Turquía.", "es"),
    ("Munich's Marienplatz during the Christmas market.",
     "Marienplatz a Monaco di Baviera durante il mercatino di Natale.", "it"),
    ("Квартира 2-комн., 54 м², центр Казани, 6 500 000 руб.",
     "Двухкомнатная квартира площадью 54 м² в центре Казани за 6,5 млн рублей.", None),
    ("Jazz Night @ Blue Room – Fri 20h – free entry", "Jazz night at the Blue Room on Friday at 8 pm.", None),
    ("Tramonto sulle Cinque Terre, Manarola", "Tramonto su Manarola, nelle Cinque Terre, con barche.", None),
])
def test_the_same_place_number_or_time_written_another_way_passes(source, output, lang):
    assert unsupported(output, [source], lang=lang) == []


def test_a_translation_that_keeps_none_of_its_sources_numbers_is_about_something_else():
    trek = "Mountain bike Trek Marlin 7, 29-inch wheels"
    drifted = Generation("k", "s", 0, "東京の桜並木を散歩するカップル。", trek, "stop", lang="ja")
    assert FactConsistency().reason(drifted) == "lost_facts"
    kept = Generation("k", "s", 0, "トレック マーリン7、29インチホイールのマウンテンバイク。",
                      "Mountain bike Trek Marlin 7, 29-inch wheels", "stop", lang="ja")
    assert FactConsistency().reason(kept) is None
    # A visual caption is no translation: a file name's digits need not come back.
    caption = Generation("k", "s", 0, "A black Labrador on a porch.", "DSC_0042.JPG", "stop", lang="en",
                         sees_image=True)
    assert FactConsistency().reason(caption) is None


@pytest.mark.parametrize(("source", "output", "lang"), [
    ("小米 Redmi Note 13 Pro 5G 手机 8GB+256GB 午夜黑 2亿像素",
     "Xiaomi Redmi Note 13 Pro 5G smartphone, 8GB+256GB, Midnight Black, 200 MP camera.", "en"),
    ("Max Verstappen celebrates his win at the Dutch Grand Prix 2023 in Zandvoort.",
     "Max Verstappen celebra su victoria en el Gran Premio de los Países Bajos 2023 en Zandvoort.", "es"),
    ("Scarpe antinfortunistiche S3 uomo Diadora Utility taglia 43",
     "Diadora Utility S3-Sicherheitsschuhe für Herren, Größe 43.", "de"),
    ("Praha - Karlův most při východu slunce, Česká republika",
     "Karlův most v Praze při východu slunce.", None),
    ("Zamek Królewski na Wawelu w Krakowie zimą", "Wawel Royal Castle in Kraków in winter.", "en"),
])
def test_megapixels_country_of_a_language_code_parts_declined_and_translated_names_pass(source, output, lang):
    assert unsupported(output, [source], lang=lang) == []


def test_an_english_caption_py3langid_calls_pidgin_is_english():
    # The names of a visual caption in the source's language are checked, not excused as foreign.
    found = unsupported("A bride and groom, Anna and Marco, on a terrace overlooking Lake Como.",
                        ["Wedding at Lake Como villa, September 2023"], lang="en")
    assert found == ["Anna", "Marco"]


@pytest.mark.parametrize(("source", "output", "lang", "facts"), [
    ("Dom wolnostojący w Gdańsku, 4 pokoje, 140 m²", "Detached house in Gdynia, 4 rooms, 140 m²",
     "en", ["Gdynia"]),
    ("Lewis Hamilton comemora o 2º lugar no GP de São Paulo",
     "Lewis Hamilton comemora o 1º lugar no GP de São Paulo.", None, ["1"]),
    ("Lionel Messi celebra en París, 30 de octubre de 2023", "Lionel Messi celebra en París el 31/10/2023.",
     None, ["31"]),
])
def test_a_declined_name_an_ordinal_in_digits_and_a_numeric_date_are_checked(source, output, lang, facts):
    assert [f for f in unsupported(output, [source], lang=lang) if f in facts] == facts


@pytest.mark.parametrize(("source", "output", "lang"), [
    ("İstanbul'da Galata Kulesi ve Boğaz manzarası", "Galata Tower and view of the Bosphorus in Istanbul",
     "en"),
    ("Lionel Messi celebra su octavo Balón de Oro en París, 30 de octubre de 2023",
     "Lionel Messi celebra su 8.º Balón de Oro en París el 30/10/2023.", None),
    ("Oktoberfest München 2024 · 21. September – 6. Oktober · Theresienwiese",
     "Oktoberfest in München vom 21.09. bis 06.10.2024 auf der Theresienwiese.", None),
    ("Printed tee with text 'Sorry, I can't' women's size M",
     "Women's T-shirt in size M printed with 'Sorry, I can't'.", None),
])
def test_a_translated_name_part_a_date_in_digits_an_ordinal_word_and_t_shirt_pass(source, output, lang):
    assert unsupported(output, [source], lang=lang) == []


@pytest.mark.parametrize(("source", "changed", "kept"), [
    ("Fußballfans beim DFB-Pokalfinale in Berlin", "Fans jubeln beim DFB-Pokalhalbfinale in Berlin.",
     "Fans jubeln beim Pokalfinale in Berlin."),
    ("Gebrauchte Nikon Z6 II mit 24-70mm Objektiv", "Neue Nikon Z6 II mit 24-70-mm-Objektiv.",
     "Gebrauchte Nikon Z6 II, wie neu, mit 24-70-mm-Objektiv."),
    ("Sony Alpha 7 IV body only", "Sony Alpha 7 IV con obiettivo.", "Sony Alpha 7 IV, solo corpo."),
    ("Herren Laufschuhe Nike Pegasus 40", "Nike Pegasus 40 running shoes for women.",
     "Nike Pegasus 40 men's running shoes."),
    # A weekday (CLDR's names, compounds, a Japanese date's (土)), the half of the day a clock
    # time says, the tide, indoor or outdoor, home or away.
    ("Flohmarkt am Samstag, Maybachufer", "Flea market on Sunday at Maybachufer.",
     "Flea market on Saturday at Maybachufer."),
    ("Jazz im Park, Freitagabend", "Jazz in the park on Thursday evening.",
     "Jazz in the park on Friday evening."),
    ("花火大会 7月27日(土) 19:30〜", "Fireworks festival on Sunday, July 27, from 7:30 pm.",
     "Fireworks festival on Saturday, July 27, from 7:30 pm."),
    ("Fish market auction, Tsukiji, 5 AM", "Fish auction at Tsukiji market at 5 in the evening.",
     "Fish auction at Tsukiji market at 5 in the morning."),
    ("Bateaux échoués à marée basse, Saint-Malo", "Boats at high tide in Saint-Malo.",
     "Boats stranded at low tide in Saint-Malo."),
    ("Hotel Alpenhof, Hallenbad mit Sauna", "Hotel Alpenhof mit Freibad und Sauna.",
     "Hotel Alpenhof mit Hallenbad und Sauna."),
    ("Celtic v Rangers, home game at Celtic Park", "Celtic play an away game against Rangers at Celtic Park.",
     "Celtic host Rangers in a home game at Celtic Park."),
    ("Renovated farmhouse, 4 bed, Dordogne", "Newly built four-bedroom farmhouse in the Dordogne.",
     "Renovated four-bedroom farmhouse in the Dordogne."),
])
def test_a_word_that_changes_the_fact_is_caught_in_any_language(source, changed, kept):
    from filters.meaning import changed_meanings

    assert changed_meanings(changed, [source]) != []
    assert changed_meanings(kept, [source]) == []
    assert FactConsistency().reason(Generation("k", "s", 0, changed, source, "stop")) == "unsupported_fact"


def test_new_before_a_name_is_the_names_and_a_source_silent_on_the_fact_decides_nothing():
    from filters.meaning import changed_meanings

    used = ["Used Toyota Corolla 2019"]
    assert changed_meanings("A used 2019 Toyota Corolla parked in New York.", used) == []
    assert changed_meanings("A brand-new Toyota Corolla for women drivers.", ["Toyota Corolla 2019"]) == []


def test_a_word_of_the_source_does_not_hold_a_longer_name_it_begins():
    # "mars" (March) is a French word, not a short form of Marseille; Köln still holds Kölner.
    paris = "Des manifestants défilent à Paris, le 7 mars 2023. Photo Thomas Samson / AFP"
    assert unsupported("Des manifestants défilent à Marseille, le 7 mars 2023.", [paris]) == ["Marseille"]
    assert unsupported("Weihnachtsmarkt am Kölner Dom.", ["Weihnachtsmarkt in Köln, Dom"]) == []


def test_a_number_in_another_unit_of_its_dimension_is_caught_and_a_time_keeps_its_hour():
    from filters.units import unit_swaps

    cookies = ["Chocolate chip cookies, bake at 180°C for 12 minutes"]
    swapped = "Chocolate chip cookies baked at 180°F for 12 minutes."
    assert unit_swaps(swapped, cookies) == ["180 °F (source: °C)"]
    assert unit_swaps("Cookies baked at 180 degrees Celsius for 12 minutes.", cookies) == []
    assert unit_swaps("A 65-inch television.", ["Fernseher 65 Zoll"]) == []
    concert = ["Concert le 14 juillet 2024 à 21h – Place Bellecour"]
    assert unsupported("Concert du 14/07/2024 à 21 h 00, place Bellecour.", concert) == []
    assert unsupported("Concert du 14/07/2024 à 21 h 30, place Bellecour.", concert) == ["30"]


@pytest.mark.parametrize(("source", "output", "lang"), [
    ("first snow in Central Park ❄️ #nyc", "Snow in Central Park, New York City, after the first snow.",
     "en"),
    ("PSG - OM, Parc des Princes, Ligue 1 : Mbappé buteur",
     "Mbappé buteur entre le Paris Saint-Germain et l'Olympique de Marseille au Parc des Princes.", None),
    ("Man Utd's Bruno Fernandes v Chelsea", "Manchester United's Bruno Fernandes against Chelsea.", None),
    ("Uniqlo Ultra Light Down Jacket, Navy, Size L", "ユニクロ ウルトラライトダウンジャケット、Lサイズ",
     "ja"),
    ("Škoda Octavia Combi 2.0 TDI, 110 kW, 2022", "Škoda Octavia Combi 2.0 TDI, 110 kW (150 hp), 2022.",
     "en"),
    ("KitchenAid Artisan 5 Qt Stand Mixer", "A KitchenAid Artisan 5-quart (4.7 L) stand mixer.", None),
    ("İstanbul Boğazı'nda gün batımı, Galata Kulesi'nden görünüm",
     "Sunset over the Bosphorus in Istanbul, viewed from Galata Tower.", "en"),
    # A name's initials; a duration in other units; ounces beside millilitres; karat as k.
    ("Paris Saint-Germain v Olympique de Marseille, Parc des Princes",
     "Le PSG reçoit l'OM au Parc des Princes.", None),
    ("Beef stew – prep 20 min, total 1 hr 45 min", "Beef stew: 20 minutes of prep, 105 minutes in all.",
     None),
    ("Brasato al Barolo, cottura 3 ore e mezza", "Brasato al Barolo con una cottura di 3 ore e 30 minuti.",
     None),
    ("Clarins Double Serum 1.7 oz", "Clarins Double Serum, 50 ml.", None),
    ("Bague or blanc 18 carats, diamant 0,5 ct", "An 18k white gold ring with a 0.5 ct diamond.", "en"),
])
def test_acronyms_abbreviations_conversions_and_a_names_translated_noun_pass(source, output, lang):
    assert unsupported(output, [source], lang=lang) == []


def test_a_wrong_conversion_and_a_name_for_an_acronym_it_does_not_spell_are_caught():
    mixer = ["KitchenAid Artisan 5 Qt Stand Mixer"]
    assert unsupported("A KitchenAid Artisan 5-quart (5.7 L) stand mixer.", mixer) == ["5.7"]
    stew = ["Beef stew – prep 20 min, total 1 hr 45 min"]
    assert unsupported("Beef stew: 20 minutes of prep, 95 minutes in all.", stew) == ["95"]
    assert unsupported("An 18k white gold ring.", ["Bague or blanc 14 carats"], lang="en") != []
    # Ounces beside a unit of no size (a temperature) convert to nothing, and fail nothing.
    assert unsupported("A 6 oz steak grilled at 180°C.", ["Steak grilled at 180°C, 6 oz"]) == []
    lyon = "Fans of Olympique Lyonnais at the Parc des Princes."
    assert unsupported(lyon, ["PSG - OM, Parc des Princes"]) != []


@pytest.mark.parametrize(("source", "output", "lang"), [
    ("Flohmarkt im Rheinauhafen, Köln, Sonntag",  # GeoNames: Köln is Cologne; a possessive is the name's
     "Shoppers at the Sunday flea market in Cologne's Rheinauhafen.", "en"),
    ("FW23 Lookbook Look 14: oversized wool blazer in charcoal – COS",  # a fashion season's year
     "COS Fall/Winter 2023 lookbook, look 14: a charcoal oversized wool blazer.", None),
    # No place replaced: Tokyo added beside Shibuya.
    ("渋谷 スクランブル交差点 夜", "The Shibuya scramble crossing in Tokyo at night.", "en"),
    ("京都・清水寺の紅葉 2022年11月20日", "Autumn leaves at Kiyomizu-dera in Kyoto, November 20, 2022.",
     "en"),
    ("Kinkaku-ji reflected in the pond, Kyoto, Japan", "池に映る金閣寺、京都、日本。", "ja"),
    # A city added beside the source's, which stays; a country a language names the source for.
    ("Brooklyn Bridge at dusk", "The Brooklyn Bridge in New York at dusk.", None),
    ("Italian leather wallet, handmade", "Handgefertigte Brieftasche aus Leder aus Italien.", "de"),
    # A compound of ordinary and source words; a code of source parts; a unit glued to a number.
    ("Filmplakat, Daniel Kehlmann, Lichtspiel, film still in black and white",
     "Filmplakat zu Daniel Kehlmanns Lichtspiel mit einem Schwarz-Weiß-Filmstill.", None),
    ("Philips Hue Starter Kit, 3 LED Bulbs E27", "Philips Hue Starter Kit mit drei E27-LED-Lampen.", None),
    ("Makita DHP482 drill, 2x 5.0Ah", "A Makita DHP482 drill with two 5.0 Ah batteries.", None),
])
def test_places_seasons_and_possessives_written_another_way_pass(source, output, lang):
    assert unsupported(output, [source], lang=lang) == []


@pytest.mark.parametrize(("source", "output", "lang", "found"), [
    ("Kinkaku-ji reflected in the pond, Kyoto, Japan", "池に映る金閣寺、奈良、日本。", "ja", ["奈良"]),
    ("京都・清水寺の紅葉 2022年11月20日", "Autumn leaves at Kiyomizu-dera in Nara, November 20, 2022.", "en",
     ["Nara"]),
    ("ホテル雅叙園東京 百段階段 2023年10月", "Hotel Gajoen Tokyo, the Hundred Steps staircase, November 2023",
     "en", ["November"]),  # a year before 年 dates the source: its month is 10
    ("Claude Monet, Les Nymphéas, 1914-1926, musée de l'Orangerie",  # the name after an elided article
     "Claude Monet, Les Nymphéas (1914-1926), exposé au musée d'Orsay", None, ["Orsay"]),
    ("Handmade ceramic vase, matte white glaze, 30 cm",  # a city GeoNames knows, in no source
     "Vase en céramique fait main à Limoges, émail blanc mat, 30 cm.", "fr", ["Limoges"]),
    # In the sources' language, a city for a city whatever explains its capital (German nouns).
    ("Pokalfinale, Bayern gegen Leipzig, Olympiastadion Berlin",
     "Pokalfinale zwischen Bayern und Leipzig im Olympiastadion in Hamburg.", None, ["Hamburg"]),
    ("Regionalzug Bologna-Firenze, binario 4", "Treno regionale Bologna-Verona, binario 4.", None,
     ["Verona"]),
    # A country no source names, however its language capitalises nouns.
    ("Handmade leather wallet", "Handgefertigte Lederbrieftasche aus Spanien.", "de", ["Spanien"]),
])
def test_places_across_scripts_elided_names_and_cjk_dated_months_are_caught(source, output, lang, found):
    assert unsupported(output, [source], lang=lang) == found


def test_a_word_of_a_longer_name_is_not_a_geonames_city():
    # Independence (Missouri) is a city of GeoNames; Independence Square is not that city.
    kyiv = "Київ, Майдан Незалежності, 24 серпня 2023 року"
    assert unsupported("Kyiv, Independence Square (Maidan Nezalezhnosti), August 24, 2023", [kyiv],
                       lang="en") == []


@pytest.mark.parametrize(("source", "changed", "kept"), [
    ("Begagnad IKEA Poäng fåtölj, björkfanér", "Ny IKEA Poäng fåtölj i björkfanér",
     "Begagnad IKEA Poäng fåtölj i björkfanér"),
    ("Women's 200 m freestyle final, Rome", "Finale du 200 m nage libre messieurs, Rome",
     "Finale du 200 m nage libre dames, Rome"),
])
def test_used_new_and_men_women_in_more_languages(source, changed, kept):
    from filters.meaning import changed_meanings

    assert changed_meanings(changed, [source]) != []
    assert changed_meanings(kept, [source]) == []
    # NY is New York, not Swedish "ny" (new).
    assert changed_meanings("A used bike in Brooklyn, NY.", ["Used bike for sale, Brooklyn"]) == []


def test_warming_the_fact_check_builds_its_place_tables():
    # A shard worker warms its filters while engines load: the first row must not pay for CLDR
    # and GeoNames (about a second).
    from filters import places

    places._tables.cache_clear()
    FactConsistency().warm()
    assert places._tables.cache_info().currsize == 1


@pytest.mark.parametrize(("source", "changed", "kept"), [
    ("Cyclist turning left on Gran Vía, Madrid", "Ciclista girando a la derecha en la Gran Vía, Madrid",
     "Ciclista girando a la izquierda en la Gran Vía, Madrid"),
    ("Volvo XC60 B5 AWD, 2022, automatic, diesel", "Volvo XC60 B5 AWD, 2022, manuell, diesel",
     "Volvo XC60 B5 AWD, 2022, automat, diesel"),
])
def test_a_side_and_a_gearbox_are_facts(source, changed, kept):
    from filters.meaning import changed_meanings

    assert changed_meanings(changed, [source]) != []
    assert changed_meanings(kept, [source]) == []
    # "right" in another sense states no side; a user manual is no gearbox
    assert changed_meanings("The cyclist turns right on Gran Vía.", ["Cyclist turning left"]) != []
    assert changed_meanings("A cyclist right next to the fountain.", ["Cyclist turning left"]) == []
    espresso = ["Automatic espresso machine"]
    assert changed_meanings("Automatic espresso machine with user manual.", espresso) == []


def test_a_thing_the_source_leaves_out_must_stay_out():
    from filters.meaning import lost_absences

    tiramisu = ["Tiramisù classico senza uova crude - la ricetta di GialloZafferano"]
    assert lost_absences("Tiramisù classico con uova crude.", tiramisu, translated=False) != []
    assert lost_absences("Tiramisù classico senza uova crude.", tiramisu, translated=False) == []
    assert lost_absences("Il tiramisù classico di GialloZafferano.", tiramisu, translated=False) == []
    drill = ["Bosch Professional Akku-Bohrschrauber GSR 18V-55, ohne Akku"]
    assert lost_absences("Bosch Akku-Bohrschrauber GSR 18V-55 inklusive Akku.", drill, translated=False) != []
    # A translation keeps an absence in any form: without, eggless, -free; a name is no absence.
    eggs = ["Tiramisù senza uova, pronto in 20 minuti"]
    assert lost_absences("Tiramisu with eggs, ready in 20 minutes", eggs, translated=True) != []
    assert lost_absences("Eggless tiramisu, ready in 20 minutes", eggs, translated=True) == []
    sin_city = ["Sin City neon signs at night"]
    assert lost_absences("Neon signs of Sin City at night", sin_city, translated=True) == []


@pytest.mark.parametrize(("source", "output", "lang", "found"), [
    # a continent in a translation that the source never names
    ("IKEA-butiken i Älmhult, den första i världen, öppnade 1958",
     "The IKEA store in Älmhult, the first in Europe, opened in 1958", "en", ["Europe"]),
    # a count before a CJK counter: three rafts where the visual caption saw one
    ("桂林漓江山水风光", "桂林漓江山水风光，江上漂着三只竹筏。", None, ["3"]),
    # a letter size
    ("Herman Miller Aeron Chair, Size B, Graphite", "Herman Miller Aeron Chair, size C, graphite.", None,
     ["size C"]),
])
def test_a_continent_a_counted_cjk_numeral_and_a_letter_size_are_checked(source, output, lang, found):
    assert unsupported(output, [source], lang=lang) == found


@pytest.mark.parametrize(("source", "output", "lang"), [
    ("أمطار غزيرة في دبي تغمر شارع الشيخ زايد، أبريل 2024",  # an Arabic month name
     "Heavy rain floods Sheikh Zayed Road in Dubai, April 2024.", "en"),
    ("Villa 6 rok 165kvm Lerum tomt 1200kvm dubbelgarage",
     "Villa på 6 rum och kök, 165 kvm, i Lerum med 1 200 kvm tomt och dubbelgarage", None),  # 1 200
    ("Europe's largest ferris wheel, London", "La plus grande grande roue d'Europe, Londres", "fr"),
    ("五台山寺庙", "五台山的寺庙", None),  # a numeral in a place name, not a count
    ("two women walking in front of a palace", "两位女士在宫殿前散步。", None),
    ("Nike T-shirt Gr. M schwarz", "Schwarzes Nike T-Shirt, Größe M.", None),
])
def test_a_month_in_arabic_spaced_thousands_a_named_continent_and_a_kept_size_pass(source, output, lang):
    assert unsupported(output, [source], lang=lang) == []


def test_a_fusion_that_keeps_none_of_the_alt_texts_names_drifted():
    from filters.facts import lost_entities

    assert lost_entities("A female tennis player dressed in white serves on a grass court.",
                         "Serena Williams serves during her first round match at Wimbledon") != []
    assert lost_entities("Thick fog over calm water in the early morning.",
                         "The Golden Gate Bridge shrouded in fog, San Francisco, California") != []
    # one name kept, a place in another language, a photo credit, words capitalised by a sentence
    assert lost_entities("Serena Williams serves on grass.", "Serena Williams at Wimbledon") == []
    assert lost_entities("Gün batımında İstanbul'daki Ayasofya.", "Hagia Sophia Istanbul gün batımı") == []
    assert lost_entities("Students in a library.", "Students in library - Getty Images 116374891") == []
    assert lost_entities("A loaf of sourdough bread.", "Handmade sourdough bread loaf") == []


@pytest.mark.parametrize(("source", "changed", "kept"), [
    ("Woman opening the door of a red vintage car", "A woman closing the door of a red vintage car.",
     "A woman opens the door of a red vintage car."),
    ("Empty swimming pool at a hotel in the evening", "A hotel swimming pool full of swimmers.",
     "An empty hotel swimming pool in the evening."),
    ("Un niño observa el desfile desde los hombros de su padre", "Una niña observa el desfile.",
     "Un niño mira el desfile sobre los hombros de su padre."),
])
def test_open_or_closed_empty_or_full_and_a_boy_or_a_girl_are_facts(source, changed, kept):
    from filters.meaning import changed_meanings

    assert changed_meanings(changed, [source]) != []
    assert changed_meanings(kept, [source]) == []
    # opening hours are no open door, a vide-grenier (a flea market) is not empty
    assert changed_meanings("Shop closed on Sundays.", ["Shop opening hours: 9-18"]) == []
    assert changed_meanings("Une brocante pleine de monde à Lyon.", ["Vide-grenier à Lyon"]) == []


def test_dozens_saints_a_spelled_out_acronym_and_a_unit_of_time():
    from filters.units import unit_swaps

    eggs = ["Two dozen eggs in a cardboard carton"]
    assert unsupported("24 eggs in a cardboard carton.", eggs) == []
    assert unsupported("12 eggs in a cardboard carton.", eggs) == ["12"]
    assert unsupported("Six pommes rouges.", ["Media docena de manzanas rojas"], lang="fr") == []
    paul = ["St. Paul's Cathedral, London, seen from Millennium Bridge"]
    assert unsupported("La cattedrale di San Paolo a Londra.", paul, lang="it") == []
    psg = ["Kylian Mbappé (PSG) face au Stade Rennais, Parc des Princes"]
    assert unsupported("Kylian Mbappe of Paris Saint-Germain at the Parc des Princes.", psg, lang="en") == []
    assert unit_swaps("An 8-month-old golden retriever puppy.", ["Golden retriever puppy, 8 weeks old"]) != []
    assert unit_swaps("A 2-year warranty.", ["2 Jahre Garantie"]) == []


def test_a_fusion_that_drops_its_city_drifted_and_stock_boilerplate_is_no_name():
    from filters.facts import lost_entities

    assert lost_entities("Un golden retriever tumbado al sol en una terraza.",
                         "Ático con terraza y vistas al mar en Málaga") == ["Málaga"]
    assert lost_entities("Portrait of a smiling senior man with a gray beard.",
                         "Portrait of smiling senior man with gray beard outdoors Stock Photo - Alamy") == []


def test_a_kept_name_is_plainly_there_and_a_first_word_can_be_the_kept_name():
    from filters.facts import lost_entities

    # "An" abbreviates no Angkor, "water" keeps no Wat: every name of the alt-text is gone
    assert lost_entities("An ancient stone temple is mirrored in still water as the sun comes up.",
                         "Angkor Wat temple at sunrise reflected in the lotus pond, Siem Reap") != []
    # a brand that opens the alt-text is kept; "Tam." (tamanho) is too short to be lost
    assert lost_entities("A black Leica Q3 compact camera on a white background.",
                         "Leica Q3 Digitalkamera, schwarz") == []
    assert lost_entities("Vestido midi azul com mangas bufantes, tamanho M.",
                         "Vestido midi floral manga bufante - Tam. M - Cor: Azul") == []


def test_a_caption_of_the_image_told_to_keep_names_drifts_when_it_keeps_none():
    from filters.drift import Fidelity
    from filters.generated import Generation

    def caption(source: str, text: str) -> Generation:
        return Generation("k", "s", 0, text, source, "stop", lang="en", sees_image=True)

    jacket = "Patagonia Better Sweater Fleece Jacket Men's - Stone Blue - Size M"
    verdicts = Fidelity(0.0).reasons([
        caption(jacket, "A mountain landscape with snow-capped peaks reflected in a calm alpine lake."),
        caption(jacket, "A man in a blue Patagonia Better Sweater fleece jacket."),
        # an alt-text in another language comes back with its names translated: not judged
        caption("Kölner Dom", "Cologne Cathedral with its two dark spires, seen from the square."),
    ])
    assert [v is not None for v in verdicts] == [True, False, False]


def test_an_arabic_or_thai_sources_names_are_not_read_in_latin_but_its_places_are():
    from filters.places import alnum

    # anyascii would make أبريل (April) "bryl", a city's name: these scripts keep their letters
    assert alnum("أبريل 2024") == "أبريل2024" and alnum("GA-2100 سوداء") == "ga2100سوداء"
    abu_dhabi = ["مسجد الشيخ زايد الكبير في أبوظبي، 82 قبة"]
    assert unsupported("Sheikh Zayed Grand Mosque in Dubai, 82 domes", abu_dhabi, lang="en") == ["Dubai"]
    assert unsupported("Sheikh Zayed Grand Mosque in Abu Dhabi, 82 domes", abu_dhabi, lang="en") == []
    assert unsupported("The Cairo Tower beside the Nile.", ["برج القاهرة على النيل"], lang="en") == []
    assert unsupported("Mango sticky rice, a popular Thai dessert", ["ข้าวเหนียวมะม่วง ขนมไทยยอดนิยม"],
                       lang="en") == []


def test_yellow_white_or_rose_gold():
    from filters.meaning import changed_meanings

    ring = ["Lot 45: 18k yellow gold diamond ring, 1.02 ct"]
    assert changed_meanings("Lote 45: anillo de oro blanco de 18 quilates", ring) != []
    assert changed_meanings("Lote 45: anillo de oro amarillo de 18 quilates", ring) == []


def test_a_thing_the_source_counts_keeps_its_count_even_in_a_caption_of_the_image():
    from filters.facts import changed_counts

    huskies = ["Two huskies pulling a sled in Lapland"]
    assert changed_counts("Four huskies pull a wooden sled in Lapland.", huskies) == ["4 huskie"]
    assert changed_counts("Two grey huskies pull a sled.", huskies) == []
    assert changed_counts("A Dyson V8 with four attachments.", ["Dyson V8, comes with 3 attachments"]) != []
    # a compound of the counted noun counts it too; a noun that only starts alike is another thing
    cottage = ["Waterfront cottage, Lake Muskoka – 2 bed, 1 bath, private dock"]
    assert changed_counts("A lakeside cottage with three bedrooms and a dock.", cottage) == ["3 bedroom"]
    assert changed_counts("A lakeside cottage with 2 bedrooms and 1 bathroom.", cottage) == []
    assert changed_counts("Three cards on a table.", ["2 cars parked outside"]) == []
    # a thing the source does not count is the caption's own; a unit or a time of day is no thing
    assert changed_counts("Two huskies and three people on a sled.", huskies) == []
    assert changed_counts("Stadtfest um 8 Uhr abends.", ["Stadtfest Freiburg, Samstag 20 Uhr"]) == []


def test_a_unit_swapped_in_words_in_cjk_or_in_one_of_three_dimensions():
    from filters.facts import FactConsistency
    from filters.generated import Generation

    def verdict(source: str, text: str) -> str | None:
        return FactConsistency().reason(Generation("k", "s", 0, text, source, "stop"))

    puppy = "golden_retriever_puppy_8_weeks_old.png"
    assert verdict(puppy, "A golden retriever puppy, eight months old.")
    assert verdict("柴犬 生後3ヶ月 オス", "生後3週間の柴犬のオス。")
    assert verdict("Office desk 120x60x75 cm, oak veneer", "An office desk of 120 x 60 x 75 mm in oak.")
    assert verdict(puppy, "A golden retriever puppy, eight weeks old.") is None
    assert verdict("柴犬 生後3ヶ月 オス", "生後3か月の柴犬のオス。") is None
    assert verdict("红烧肉做法 炖1小时", "红烧肉：炖60分钟。") is None


def test_a_price_with_both_separators_a_units_short_form_a_regrouped_isbn_and_a_local_first_word():
    from filters.numerals import values

    assert values("1.299,00") == {1299.0} and values("1,299.50") == {1299.5}
    phone = ["Samsung Galaxy A54 128GB R$ 1.299,00 à vista"]
    assert unsupported("Samsung Galaxy A54 de 128 GB por R$ 1.299 à vista.", phone) == []
    assert unsupported("Samsung Galaxy A54 de 128 GB por R$ 1.399 à vista.", phone) == ["1.399"]
    card = ["MSI GeForce RTX 4070 Ventus 2X 12G OC graphics card"]
    assert unsupported("An MSI GeForce RTX 4070 Ventus 2X graphics card with 12 GB of memory.", card) == []
    assert unsupported("An MSI GeForce RTX 4070 Ventus 2X graphics card with 12 TB.", card) == ["TB"]
    book = ["The Hobbit by J.R.R. Tolkien - Hardcover ISBN 9780547928227"]
    assert unsupported("The Hobbit by J.R.R. Tolkien, hardcover, ISBN 978-0-547-92822-7.", book) == []
    assert unsupported("The Hobbit by J.R.R. Tolkien, hardcover, ISBN 978-0-547-92822-8.", book) != []
    # Hamparan (Indonesian, "expanse") opens a rephrased sentence: no name in Pemandangan's place
    rice = ["Pemandangan sawah terasering di Ubud, Bali"]
    assert unsupported("Hamparan sawah berundak di Ubud, Bali.", rice) == []


def test_a_flats_rooms_counted_in_chinese():
    flat = ["两室一厅 89平米 南北通透 总价320万"]
    assert unsupported("南北通透的三室一厅，面积89平方米，总价320万元。", flat) == ["3"]
    assert unsupported("南北通透的两室一厅，面积89平方米，总价320万元。", flat) == []


@pytest.mark.parametrize("source,changed,kept", [
    # Colours, in any language, with shades standing for the colours they lie between.
    ("Damen Winterstiefel Leder braun Gr. 39", "Women's black leather winter boots, size 39.",
     "Women's brown leather winter boots, size 39."),
    ("Le président arrive à l'Élysée. A man in a navy suit walks up red-carpeted steps.",
     "Le président, en costume vert, monte les marches.",
     "Le président, en costume bleu marine, monte les marches."),
    ("Nike Air Max 90 White/Black Men's Size 10", "A red and black Nike Air Max 90, men's size 10.",
     "A white and black Nike Air Max 90, men's size 10."),
    # Seasons, people, animals, materials, vehicles, berries, flowers, arrival and departure.
    ("Summer Open Air Cinema in Hyde Park", "A winter open-air cinema in Hyde Park.",
     "An open-air cinema in Hyde Park in summertime."),
    ("Une femme âgée promène son chien sous la pluie à Lyon",
     "An elderly man walks his dog in the rain in Lyon.",
     "An elderly woman walks her dog in the rain in Lyon."),
    ("Schwarzer Hund apportiert einen Stock aus dem See", "A black cat fetches a stick from the lake.",
     "A black dog fetches a stick from the lake."),
    ("IKEA KALLAX Shelf Unit, White Stained Oak Effect, 77x147 cm",
     "IKEA KALLAX shelf unit in solid walnut, 77 x 147 cm.",
     "IKEA KALLAX shelf unit in white stained oak effect, 77 x 147 cm."),
    ("Красный трамвай едет по заснеженной улице", "A red bus runs along a snowy street.",
     "A red tram runs along a snowy street."),
    ("Lemon tart with meringue and fresh raspberries", "Tarte au citron meringuée et fraises fraîches.",
     "Tarte au citron meringuée et framboises fraîches."),
    ("Emirates A380 taking off from Dubai International", "An Emirates A380 lands at Dubai International.",
     "An Emirates A380 departs from Dubai International."),
])
def test_ordinary_words_that_carry_a_fact(source, changed, kept):
    from filters.meaning import changed_meanings

    assert changed_meanings(changed, [source]) != []
    assert changed_meanings(kept, [source]) == []


def test_what_a_caption_of_the_image_sees_and_what_names_hold_are_no_colour_or_animal():
    from filters.meaning import changed_meanings

    # The image shows what else is there and its colours: a caption that saw it is held to the
    # alt-text's colour only where it drops it for another.
    sofa = ["brown dog on a sofa"]
    assert changed_meanings("A brown dog and a grey cat on a sofa.", sofa, from_image=True) == []
    assert changed_meanings("A black dog and a grey cat on a sofa.", sofa, from_image=True) != []
    assert changed_meanings("A black dog and a grey cat on a sofa.", sofa) != []
    # A colour word inside a name or a phrase that holds it in another sense states no colour.
    source = ["Silver can of energy drink on a red table"]
    red_bull = "A can of Red Bull on a red table, shot on a white background."
    assert changed_meanings(red_bull, source) == []
    gowns = ["Stars arrive in green gowns"]
    assert changed_meanings("Stars on the red carpet at the White House.", gowns) == []


@pytest.mark.parametrize("source,swapped,kept", [
    ("Emmanuel Macron remet la Légion d'honneur à Thomas Pesquet à l'Élysée",
     "Thomas Pesquet remet la Légion d'honneur à Emmanuel Macron.",
     "Thomas Pesquet reçoit la Légion d'honneur des mains d'Emmanuel Macron."),
    ("Flixbus Lisbon to Madrid overnight route", "The overnight Flixbus route from Madrid to Lisbon.",
     "The overnight Flixbus from Lisbon arrives in Madrid."),
    ("Usain Bolt wins the 100 m final ahead of Justin Gatlin, Rio 2016",
     "Justin Gatlin crosses the line ahead of Usain Bolt in the 100 m final at Rio 2016.",
     "Justin Gatlin finishes behind Usain Bolt in the 100 m final at Rio 2016."),
    ("Arsenal 2-1 Chelsea: Saka scores the winner", "Chelsea beat Arsenal 2-1 as Saka scores the winner.",
     "Chelsea lost 2-1 to Arsenal as Saka scores the winner."),
])
def test_who_did_what_to_whom(source, swapped, kept):
    from filters.roles import swapped_roles

    # A score alone ("Arsenal 2-1 Chelsea") states no relation this check reads: both pass.
    assert (swapped_roles(swapped, [source]) != []) == ("Arsenal" not in source)
    assert swapped_roles(kept, [source]) == []
    # A relation that runs both ways, and a list of keywords, say nothing about who is who.
    messi = ["Lionel Messi celebrates with Rodrigo De Paul"]
    assert swapped_roles("Rodrigo De Paul celebrates with Lionel Messi.", messi) == []
    assert swapped_roles("In Bolivia's rainy season, the Salar de Uyuni is a mirror.",
                         ["Salar de Uyuni mirror effect rainy season Bolivia"]) == []


def test_a_dotted_clock_a_hyphenated_country_and_a_holiday():
    # 21.30 uur is 9:30 PM; France-Pays-Bas names the Netherlands; Christmas is no island's town.
    assert unsupported("films beginnen om 21.30 uur", ["films start at 9:30 PM"], lang="nl") == []
    assert unsupported("films beginnen om 22.30 uur", ["films start at 9:30 PM"], lang="nl") == ["22"]
    match = ["Kylian Mbappé au Stade de France, match France-Pays-Bas"]
    assert unsupported("Kylian Mbappé at the France vs Netherlands match.", match, from_image=True) == []
    assert unsupported("Kylian Mbappé at the France vs Germany match.", match, from_image=True) == ["Germany"]
    strasbourg = ["Marché de Noël de Strasbourg, place Kléber, grand sapin"]
    tree = "A Christmas tree over the Strasbourg Christmas market."
    assert unsupported(tree, strasbourg, from_image=True) == []


def test_a_score_and_seconds():
    from filters.facts import changed_scores
    from filters.units import unit_swaps

    source = ["Iga Świątek wins her fourth French Open title, beating Jasmine Paolini 6-2 6-1"]
    assert changed_scores("Świątek beats Paolini 6-2 6-4.", source) == ["6-4"]
    assert changed_scores("Świątek beats Paolini 6-2, 6-1.", source) == []
    # A score reads either way round; a time is no score.
    assert changed_scores("Chelsea lost 1-2 at home to Arsenal.", ["Chelsea 1-2 Arsenal"]) == []
    assert changed_scores("Doors open at 19:30.", ["Arsenal 2-1 Chelsea"]) == []
    oven = ["Pizza baked in a wood-fired oven for 90 seconds"]
    assert unit_swaps("Pizza cotta nel forno a legna per 90 minuti", oven) == ["90 min (source: s)"]
    assert unit_swaps("Pizza cotta nel forno a legna per 90 secondi", oven) == []


def test_sunrise_and_sunset_and_the_kind_of_house_are_facts():
    from filters.meaning import changed_meanings

    dawn = ["Heißluftballons über Göreme bei Sonnenaufgang"]
    assert changed_meanings("Hot air balloons over Göreme at sunset.", dawn) == ["sunset (source: sunrise)"]
    assert changed_meanings("Hot air balloons over Göreme at dawn.", dawn) == []
    # Spanish "adosada" is either of the joined kinds; a detached house is neither.
    casa = ["Casa adosada de 4 dormitorios en Estepona"]
    assert changed_meanings("A four-bedroom detached house in Estepona.", casa) != []
    assert changed_meanings("A four-bedroom semi-detached house in Estepona.", casa) == []
    assert changed_meanings("A terraced house with a detached garage.", ["3 bed terraced house"]) == []
    # A declined "black and white" holds both colours in another sense, as "black and white" does.
    dog = ["Welpe Bruno im Schnee", "a black and white puppy in the snow with a blue collar"]
    assert changed_meanings("Welpe Bruno, ein schwarz-weißer Hund mit blauem Halsband", dog) == []
    # Materials in Greek too.
    statue = ["Ο Ηνίοχος των Δελφών, χάλκινο άγαλμα"]
    marble = "Ο Ηνίοχος των Δελφών, ένα μαρμάρινο άγαλμα."
    assert changed_meanings(marble, statue) == ["marble (source: bronze)"]


def test_regnal_numbers_korean_counts_buddhist_years_and_one_per_serving():
    # A Roman numeral after a name is a number: compared by value, whichever way it is written.
    assert unsupported("A Louis XV armchair in gilded beech.", ["Louis XIV armchair, gilded beech"]) == ["XV"]
    assert unsupported("A Louis XIV armchair in gilded beech.", ["Louis XIV armchair, gilded beech"]) == []
    assert unsupported("Canon EOS 5D Mark III body.", ["Canon EOS 5D Mark 3 Gehäuse"]) == []
    # Korean counts in native numerals (세 아이: three children).
    kids = ["Two kids flying a kite on the beach"]
    assert unsupported("해변에서 연을 날리는 세 아이", kids, lang="ko") == ["3"]
    assert unsupported("해변에서 연을 날리는 두 아이", kids, lang="ko") == []
    # Thai text counts years in the Buddhist era, marked or not (2024 is 2567).
    fair = ["Chiang Mai flower festival, February 2024"]
    assert unsupported("เทศกาลดอกไม้เชียงใหม่ กุมภาพันธ์ 2567", fair, lang="th") == []
    assert unsupported("เทศกาลดอกไม้เชียงใหม่ กุมภาพันธ์ 2568", fair, lang="th") == ["2568"]
    assert unsupported("Loy Krathong 2022 in Sukhothai.", ["ลอยกระทง ปี 2566 สุโขทัย"], lang="en") == ["2022"]
    # A price per serving is the price of one.
    ramen = ["Ramen stall in Osaka, 900 yen per bowl"]
    assert unsupported("大阪のラーメン屋台、1杯900円。", ramen, lang="ja") == []
    assert unsupported("1 AirPods Pro in white.", ["2 AirPods Pro, white"]) == ["1"]  # Pro is a model


def test_a_city_inside_a_landmarks_name_an_abbreviation_without_vowels_and_a_possessive_place():
    # A city's own name inside a longer name is that city (Osaka Castle is in Osaka); another
    # name a city also has (Toledo, Ohio, is also Vistula) is not.
    himeji = ["姫路城 天守閣 兵庫県"]
    osaka, kept = "Osaka Castle's white keep, blue sky.", "Himeji Castle's white keep, blue sky."
    assert unsupported(osaka, himeji, lang="en", from_image=True) == ["Osaka"]
    assert unsupported(kept, himeji, lang="en", from_image=True) == []
    wawel = ["Zamek Królewski na Wawelu, widok znad Wisły"]
    assert unsupported("Wawel Castle seen across the Vistula River.", wawel, lang="en", from_image=True) == []
    # Blvd is Boulevard; The Hague's is The Hague, Den Haag in Dutch.
    fire = ["Fire crews at a warehouse on Commerce Blvd, Tulsa"]
    assert unsupported("Fire crews at a warehouse on Commerce Boulevard in Tulsa.", fire) == []
    assert unsupported("Tram in Den Haag in de winter.", ["The Hague's trams in winter"], lang="nl") == []


def test_a_source_in_two_scripts_may_be_answered_in_its_latin_one():
    from filters.drift import LanguageDrift

    def fusion(text: str) -> Generation:
        return Generation("k", "s", 0, text, "Owl café in Harajuku フクロウカフェ", "stop", "", None, "en",
                          context=("three owls perched on wooden branches",))

    english = "Three owls perched on wooden branches in an owl café in Harajuku."
    assert LanguageDrift().reason(fusion(english)) is None
    german = "Drei Eulen sitzen auf Holzästen in einem Eulencafé in Harajuku."
    assert LanguageDrift().reason(fusion(german)) == "language_drift"


def test_metals_fruit_a_set_piece_a_czech_final_and_a_thing_left_out_with_no():
    from filters.meaning import changed_meanings, lost_absences

    oven = ["Le Creuset Enameled Cast Iron Round Dutch Oven, 5.5 qt, Cerise"]
    steel = "A Le Creuset enameled stainless steel Dutch oven, 5.5 qt, in Cerise."
    assert changed_meanings(steel, oven) == ["steel (source: cast iron)"]
    assert changed_meanings("A Le Creuset cast-iron Dutch oven in Cerise red.", oven) == []
    sofa = ["Divano 3 posti velluto verde piedini ottone"]
    assert changed_meanings("Divano a tre posti in velluto verde con piedini in acciaio.", sofa) != []
    assert changed_meanings("Divano a tre posti in velluto verde con piedini in ottone.", sofa) == []
    tart = ["Tarte Tatin aux pommes, cuisson 45 min"]
    assert changed_meanings("Tarte Tatin aux poires, cuite 45 minutes.", tart) == ["pear (source: apple)"]
    assert changed_meanings("Tarte Tatin aux pommes caramélisées, cuite 45 minutes.", tart) == []
    assert changed_meanings("Cherry blossoms over an apple orchard.", ["apple orchard in spring"]) == []
    kane = ["Harry Kane scores from the penalty spot against Italy at Wembley"]
    free_kick = "Harry Kane scores a free kick against Italy."
    assert changed_meanings(free_kick, kane) == ["free kick (source: penalty)"]
    assert changed_meanings("Harry Kane scores a penalty against Italy at Wembley.", kane) == []
    final = ["Česko porazilo Švýcarsko 2:0 ve finále mistrovství světa"]
    assert changed_meanings("Tschechien besiegte die Schweiz im Halbfinale mit 2:0.", final) != []
    assert changed_meanings("Tschechien besiegte die Schweiz im Finale mit 2:0.", final) == []
    # "with no" leaves a thing out, as "without" does.
    bare = ["A leather sofa with no cushions in an empty living room."]
    assert lost_absences("Un sofá de cuero con cojines en una sala vacía.", bare, translated=True) != []
    assert lost_absences("Un sofá de cuero sin cojines en una sala vacía.", bare, translated=True) == []


def test_a_count_inside_a_compound_a_city_acronym_and_a_common_word_in_a_lost_names_place():
    # German and Dutch write a count into a compound (Dreisitzer: a three-seater).
    assert unsupported("Grünes Dreisitzer-Sofa aus Samt.", ["Sofa 2-Sitzer Samt grün"]) != []
    assert unsupported("Grünes Zweisitzer-Sofa aus Samt.", ["Sofa 2-Sitzer Samt grün"]) == []
    assert unsupported("Een driezitsbank van leer.", ["Leren bank, 3-zits"]) == []
    # NYC is New York (City).
    park = ["#autumn #centralpark #nyc", "A path lined with orange trees and a wooden bench."]
    assert unsupported("An autumn path in Central Park, New York.", park) == []
    # A common word a source has only in lowercase does not hold a name put where a lost one stood.
    bridge = ["Big Ben and Westminster Bridge London", "a clock tower and a bus crossing a bridge"]
    assert unsupported("Big Ben and a red bus crossing Tower Bridge in London.", bridge) == ["Tower"]
    assert unsupported("Big Ben, a clock tower, and a bus on Westminster Bridge.", bridge) == []


def test_a_verb_alone_between_two_names_relates_them_in_a_sentence():
    from filters.roles import swapped_roles

    race = ["Max Verstappen of Red Bull Racing leads Lewis Hamilton of Mercedes during the Dutch Grand Prix"]
    assert swapped_roles("Lewis Hamilton of Mercedes leads Max Verstappen of Red Bull Racing.", race) != []
    assert swapped_roles("Max Verstappen leads Lewis Hamilton at the Dutch Grand Prix.", race) == []
    # A keyword list (no function word anywhere) relates nothing.
    assert swapped_roles("Adidas shoes Nike", ["Nike shoes Adidas"]) == []


def test_a_short_kana_source_a_word_backed_language_and_neighbours_told_by_their_own_words():
    from filters.drift import LanguageDrift

    def fusion(text: str, source: str, caption: str) -> Generation:
        return Generation("k", "s", 0, text, source, "stop", "", None, "en", context=(caption,))

    castle = "A white and green Japanese castle on stone walls, surrounded by pink cherry blossoms."
    english = "Osaka Castle, white with green roofs on high stone walls, surrounded by cherry blossoms."
    assert LanguageDrift().reason(fusion(english, "大阪城と桜", castle)) == "language_drift"
    assert LanguageDrift().reason(fusion("白と緑の大阪城と満開の桜。", "大阪城と桜", castle)) is None
    # A source lingua calls Dutch whose words are English (migration) keeps no Dutch to drift from.
    herd = "A large herd of animals crosses a brown river."
    wildebeest = "A large herd of wildebeest crosses a brown river during the migration in the Serengeti."
    assert LanguageDrift().reason(fusion(wildebeest, "Serengeti wildebeest migration Tanzania", herd)) is None
    # Spanish for Portuguese: two words of Spanish's own (verano, con) and none of Portuguese's.
    spanish = "Vestido de verano con estampado floral."
    dress = Generation("k", "s", 0, spanish, "Summer dress with floral print", "stop", "", "pt", "en")
    assert LanguageDrift().reason(dress) == "language_drift"
    assert LanguageDrift().reason(replace(dress, text="Vestido de verão com estampa floral.")) is None


def test_acronyms_with_a_possessive_or_in_mixed_case_and_a_price_in_millions_are_held():
    kenny = ["Team GB's Laura Kenny wins omnium"]
    assert unsupported("Laura Kenny of Great Britain wins the omnium.", kenny) == []
    kahlo = ["Frida Kahlo, Self-Portrait with Monkey, 1940. SFMoMA"]
    at_museum = "Frida Kahlo's Self-Portrait with Monkey (1940) at the San Francisco Museum of Modern Art."
    assert unsupported(at_museum, kahlo) == []
    house = ["Georgian rectory, 6 bedrooms, Dorset - offers over £2.4m"]
    assert unsupported("A Georgian rectory in Dorset with six bedrooms, offers over 2.4 million pounds.",
                       house) == []
    assert unsupported("A Georgian rectory in Dorset with six bedrooms, offers over 3.4 million pounds.",
                       house) != []
    assert unsupported("Poster: doors open at 8.15 in the evening.", ["Doors 8:15pm"]) == []
    # A German noun's hyphenated compound is no acronym (Damen-Wanderschuhe), a part in capitals is.
    assert unsupported("Salomon Damen-Wanderschuhe Grau Größe 38",
                       ["Salomon Women's Hiking Shoes Grey Size 38"], lang="de") == []


def test_a_floor_a_clock_time_a_bound_and_a_result_reversed():
    from filters.facts import changed_floors, changed_times, lost_bounds
    from filters.roles import reversed_results

    flat = ["Studio, 2. OG, 34 m², Leipzig-Gohlis"]
    assert changed_floors("Studio im vierten Obergeschoss, 34 m², in Leipzig-Gohlis.", flat) == [
        "floor 4 (source: 2)"]
    assert changed_floors("Studio on the second floor, 34 m², Leipzig-Gohlis.", flat) == []
    market = ["Farmers market every Sunday 9am–1pm, Market Square"]
    assert changed_times("A farmers market on Sundays from 9am to 3pm in Market Square.", market) == ["15:00"]
    assert changed_times("Farmers market on Sundays, 9:00 to 13:00, Market Square.", market) == []
    sale = ["Spring sale: up to 30% off garden furniture"]
    assert lost_bounds("Spring sale with 30% off garden furniture.", sale) != []
    assert lost_bounds("Spring sale with savings of up to 30% on garden furniture.", sale) == []
    assert lost_bounds("Soldes de printemps : jusqu'à 30 % sur le mobilier de jardin.", sale) == []
    match = ["Leeds United lose 1-3 to Sunderland at Elland Road"]
    assert reversed_results("Leeds United beat Sunderland 3-1 at Elland Road.", match) != []
    assert reversed_results("Sunderland beat Leeds United 3-1 at Elland Road.", match) == []
    assert reversed_results("Leeds United lost 3-1 to Sunderland at Elland Road.", match) == []
    # The one beaten lost, and a country code in brackets is no clause of its own.
    juniors = ["Mia Novak (CZE) beats Lena Haas (AUT) in the first round"]
    assert reversed_results("Lena Haas of Austria beats Mia Novak in the first round.", juniors) != []
    assert reversed_results("Mia Novak of the Czech Republic beats Austria's Lena Haas.", juniors) == []


def test_shades_rain_or_snow_landing_or_take_off_allowed_or_not_and_a_thing_left_out_with_no():
    from filters.meaning import changed_meanings, lost_absences

    assert changed_meanings("Chemise homme bleu foncé, taille M", ["Men's shirt light blue, size M"]) != []
    assert changed_meanings("Chemise homme bleu clair, taille M", ["Men's shirt light blue, size M"]) == []
    oslo = ["Snowfall slows traffic in Oslo"]
    assert changed_meanings("Cars crawl through Oslo after heavy rain.", oslo) != []
    assert changed_meanings("Un Boeing 787 aterriza en Madrid.", ["Boeing 787 taking off from Madrid"]) != []
    chalet = ["Chalet Tirol, Haustiere erlaubt"]
    assert changed_meanings("Chalet in Tirol, Haustiere nicht erlaubt", chalet) != []
    assert changed_meanings("Chalet in Tirol, Haustiere sind erlaubt", chalet) == []
    assert changed_meanings("حقيبة يد جلدية باللون الأحمر", ["Leather handbag, black"]) != []
    phone = ["iPhone 13 128GB blue, no box, no cracks"]
    assert lost_absences("A blue 128GB iPhone 13 in its box, free of cracks.", phone, translated=False) != []
    kept = "A blue 128GB iPhone 13 without its box and crack-free."
    assert lost_absences(kept, phone, translated=False) == []
    ice = ["No-churn vanilla ice cream"]
    assert lost_absences("A no-churn vanilla ice cream.", ice, translated=False) == []
    assert lost_absences("Churned vanilla ice cream.", ice, translated=False) != []


def test_a_country_or_city_swapped_in_arabic_hebrew_or_hindi_words():
    assert unsupported("قلعة حلب، الأردن", ["Citadel of Aleppo, Syria"], lang="ar") == ["الأردن"]
    assert unsupported("قلعة حلب، سوريا", ["Citadel of Aleppo, Syria"], lang="ar") == []
    assert unsupported("Dead Sea shore, Israel", ["חוף ים המלח, ירדן"]) == ["Israel"]
    assert unsupported("Dead Sea shore, Jordan", ["חוף ים המלח, ירדן"]) == []


def test_family_twins_yesterday_a_hemline_a_medium_and_what_a_thing_is_made_of():
    from filters.meaning import changed_meanings

    kite = ["Father and daughter flying a kite on the beach"]
    son = "A father and his son fly a kite on the beach."
    assert changed_meanings(son, kite) == ["son (source: daughter)"]
    assert changed_meanings("A dad and his little girl fly a kite on the beach.", kite) == []
    # A mother and child say nothing of whether the child is a son.
    assert changed_meanings("A mother holds her son's hand.", ["Mother and child at the market"]) == []
    assert changed_meanings("Trillizas soplando las velas", ["Twin sisters blowing out candles"]) != []
    assert changed_meanings("A twin room with sea view", ["Triplets on the beach"]) == []  # a kind of room
    cyclist = ["Ein Radfahrer überholte gestern einen Bus"]
    assert changed_meanings("A cyclist overtook a bus today.", cyclist) == ["today (source: yesterday)"]
    assert changed_meanings("A cyclist overtook a bus yesterday.", cyclist) == []
    dress = ["Women's maxi dress floral print"]
    assert changed_meanings("A women's mini dress with a floral print.", dress) == ["mini (source: maxi)"]
    assert changed_meanings("A long floral maxi dress for women.", dress) == []
    wheat = ["Vincent van Gogh, Wheat Field with Cypresses, 1889. Oil on canvas"]
    assert changed_meanings("Wheat Field with Cypresses, watercolor on paper, 1889.", wheat) != []
    assert changed_meanings("Van Gogh's oil painting Wheat Field with Cypresses (1889).", wheat) == []
    # Leather is no fabric; cotton is one. A glass to drink from is no glass thing.
    sofa = ["Un chat noir dort sur un canapé en cuir marron"]
    assert changed_meanings("Un chat noir endormi sur un canapé en tissu marron.", sofa) != []
    assert changed_meanings("A cotton shirt in a soft fabric.", ["Cotton shirt"]) == []
    mug = ["Ceramic coffee mug 350ml matte black"]
    assert changed_meanings("A matte black glass coffee mug.", mug) == ["glass (source: ceramic)"]
    assert changed_meanings("A black porcelain mug beside a glass of water.", mug) == []
    # A conditioned caption states what a listing is made of as the listing does: oak is no walnut.
    table = ["Oak dining table, seats six"]
    assert changed_meanings("A walnut dining table with six chairs.", table, from_image=True) != []
    # Its colour too, where it drops the listing's; the chairs' colour is what else it sees.
    white = ["Oak dining table, white"]
    assert changed_meanings("A white oak dining table with brown chairs.", white, from_image=True) == []
    assert changed_meanings("A red oak dining table with leather chairs.", white, from_image=True) != []


def test_before_after_a_day_and_month_read_the_other_way_and_a_katakana_name_swapped():
    from filters.facts import changed_dates
    from filters.meaning import flipped_order

    ferry = ["Ferry leaving the harbour before the storm, Isle of Skye"]
    assert flipped_order("A ferry leaves the harbour after the storm.", ferry) == [
        "after storm (source: before storm)"]
    assert flipped_order("Before the storm, a ferry leaves the harbour.", ferry) == []
    assert flipped_order("A ferry leaves after lunch.", ferry) == []  # after something else
    scholz = ["Olaf Scholz spricht am 5.3.2024 im Bundestag"]
    assert changed_dates("Olaf Scholz spricht am 3. Mai 2024 im Bundestag.", scholz) == ["3/5 (source: 5/3)"]
    assert changed_dates("Olaf Scholz speaks in the Bundestag on March 5, 2024.", scholz) == []
    assert changed_dates("On 5 March 2024, Olaf Scholz speaks.", scholz) == []
    # 03/05/2024 is the 3rd of May or the 5th of March; a range holds more than one day.
    assert changed_dates("May 3, 2024", ["03/05/2024"]) == []
    assert changed_dates("June 12 to 14", ["Festival 12-14 June"]) == []
    ohtani = ["大谷翔平選手、ドジャース入団会見 2023年12月14日 ロサンゼルス"]
    angels = "ロサンゼルスで行われたエンゼルス入団会見に臨む大谷翔平選手。"
    assert unsupported(angels, ohtani) == ["エンゼルス"]
    assert unsupported("ロサンゼルスで行われたドジャース入団会見に臨む大谷翔平選手。", ohtani) == []


def test_thousands_by_spaces_acres_in_hectares_midnight_a_roman_century_and_hindi_months():
    from filters.units import unit_swaps

    alps = ["Vue depuis l'Aiguille du Midi (3 842 m), Chamonix"]
    assert unsupported("Blick von der Aiguille du Midi (3.842 m), Chamonix", alps, lang="de") == []
    assert unsupported("Blick von der Aiguille du Midi (3.482 m), Chamonix", alps, lang="de") != []
    cabin = ["Cozy cabin on 1.5 acres near Lake Tahoe"]
    assert unsupported("Chalet sur un terrain de 0,6 hectare près du lac Tahoe", cabin, lang="fr") == []
    hectares = "Chalet sur un terrain de 1,5 hectare près du lac Tahoe"
    assert unit_swaps(hectares, cabin) == ["1,5 ha (source: acre)"]
    easter = ["Расписание на Пасху: 23:30 — Полунощница, 00:00 — Крестный ход"]
    schedule = "Easter schedule: 11:30 pm Midnight Office, 12:00 am Procession"
    assert unsupported(schedule, easter, lang="en") == []
    vase = ["Vase en porcelaine, dynastie Ming, XVe siècle"]
    assert unsupported("Porcelain vase, Ming dynasty, 15th century", vase, lang="en") == []
    assert unsupported("Porcelain vase, Ming dynasty, 16th century", vase, lang="en") != []
    fair = ["दिवाली मेला 2024 – 1 नवंबर से 3 नवंबर, नई दिल्ली"]
    assert unsupported("Diwali Fair 2024, November 1 to 3, New Delhi", fair, lang="en") == []
    assert unsupported("Diwali Fair 2024, December 1 to 3, New Delhi", fair, lang="en") != []
    souk = ["سوق خان الخليلي في القاهرة القديمة ليلاً"]
    assert unsupported("Le souk Khan el-Khalili dans la vieille ville d'Alexandrie", souk, lang="fr") != []
    assert unsupported("Le souk Khan el-Khalili dans la vieille ville du Caire", souk, lang="fr") == []


def test_a_range_a_french_date_a_decimal_in_a_code_a_dotted_short_form_and_a_king_written_out():
    from filters.facts import changed_dates

    festival = ["ROCK AM RING 2024 | 7.–9. Juni | Nürburgring"]
    assert changed_dates("Rock am Ring 2024 at the Nürburgring, June 7 to 9", festival) == []
    # In French 03/04/2024 is 3 April: the 4th of March is another day.
    talk = ["Le Pr Dupont (CHU de Lyon) lors de la conférence du 03/04/2024"]
    assert changed_dates("Le professeur Dupont pendant la conférence du 4 mars 2024.", talk) != []
    assert changed_dates("Le professeur Dupont pendant la conférence du 3 avril 2024.", talk) == []
    lens = ["IMG_4471_canon_EF_70-200mm_f2.8L_IS_II_USM_mint.jpg"]
    assert unsupported("Canon EF 70-200mm f/2.8L IS II USM lens in mint condition.", lens) == []
    assert unsupported("Canon EF 70-200mm f/4L IS II USM lens in mint condition.", lens) != []
    inn = ["Mt. Rainier Natl. Park - Paradise Inn, est. 1916"]
    assert unsupported("The Paradise Inn in Mount Rainier National Park, established in 1916.", inn) == []
    king = ["King Charles III at Trooping the Colour, Jun. 2023 – Getty Images"]
    assert unsupported("King Charles the Third at Trooping the Colour in June 2023.", king) == []
    assert unsupported("King Charles the Second at Trooping the Colour in June 2023.", king) != []
    ludwig = ["Schloss Neuschwanstein, erbaut ab 1869 für König Ludwig II. von Bayern"]
    assert unsupported("Le château de Neuschwanstein, construit pour le roi Louis Ier de Bavière.", ludwig,
                       lang="fr") != []


def test_a_translated_names_everyday_word_a_form_of_a_kept_name_and_an_ordinal_of_a_caption():
    olkhon = ["Озеро Байкал зимой, прозрачный лёд, остров Ольхон"]
    assert unsupported("Lake Baikal in winter, clear ice, Olkhon Island", olkhon, lang="en") == []
    kings_day = ["Fietsers op de Prinsengracht in Amsterdam tijdens Koningsdag 2022 (foto: ANP)"]
    assert unsupported("Cyclists on the Prinsengracht in Amsterdam during King's Day 2022", kings_day,
                       lang="en") == []
    # A city's everyday word is still the city: São Paulo for Rio de Janeiro.
    lula = ["Brazilian President Luiz Inácio Lula da Silva speaks at the G20 summit in Rio de Janeiro, 2024"]
    assert unsupported("O presidente Lula da Silva discursa na cúpula do G20 em São Paulo, 2024", lula,
                       lang="pt") != []
    # Yamanaka looks like Yamanashi, which the output writes too: it stands for Kawaguchi.
    fuji = ["Mt. Fuji reflected in Lake Kawaguchi at dawn, Yamanashi, Japan - stock photo"]
    assert unsupported("Mount Fuji mirrored in Lake Yamanaka at dawn in Yamanashi, Japan.", fuji) != []
    assert unsupported("Mount Fuji mirrored in Lake Kawaguchi at dawn in Yamanashi, Japan.", fuji) == []
    serena = ["Serena Williams wins 23rd Grand Slam title, Australian Open 2017"]
    caption = "Serena Williams raises a trophy after winning her twenty-second Grand Slam title in 2017."
    assert unsupported(caption, serena, from_image=True) != []
    kept = "Serena Williams raises a trophy after winning her twenty-third Grand Slam title in 2017."
    assert unsupported(kept, serena, from_image=True) == []


def test_a_results_line_a_rent_period_a_wood_and_a_colour_the_caption_replaced():
    from filters.meaning import changed_meanings
    from filters.roles import reversed_results

    final = ["Wimbledon 2019 final: Djokovic d. Federer 7-6 1-6 7-6 4-6 13-12"]
    assert reversed_results("Federer defeating Djokovic in the 2019 Wimbledon final.", final) != []
    assert reversed_results("Djokovic defeating Federer in the 2019 Wimbledon final.", final) == []
    flat = ["Ground floor flat w/ garden, 2 bed, nr. Regent's Park, £2,400 pcm"]
    weekly = "A flat near Regent's Park, let for £2,400 per week."
    assert changed_meanings(weekly, flat) == ["week (source: month)"]
    assert changed_meanings("A flat near Regent's Park, let for £2,400 per month.", flat) == []
    chair = ["Vintage Eames style lounge chair + ottoman, walnut veneer, black leather"]
    assert changed_meanings("An Eames-style lounge chair with rosewood veneer shells.", chair) != []
    bag = ["kids backpack, dinosaur backpack for boys, green dino bag"]
    assert changed_meanings("A small blue backpack shaped like a dinosaur.", bag, from_image=True) != []
    assert changed_meanings("A green dinosaur backpack with black straps.", bag, from_image=True) == []
    defender = ["2018 Land Rover Defender 110 Heritage Edition, Grasmere Green"]
    roof = "A Grasmere Green Land Rover Defender 110 with a white roof on a gravel track."
    assert changed_meanings(roof, defender, from_image=True) == []
    # keeping one of the source's colours does not excuse replacing the other
    citroen = ["1986 Citroën 2CV Charleston, burgundy and black, fully restored"]
    yellow = "A restored yellow and black 1986 Citroën 2CV Charleston on a village street."
    assert changed_meanings(yellow, citroen, from_image=True) != []
    burgundy = "A restored burgundy and black 1986 Citroën 2CV Charleston with a grey canvas roof."
    assert changed_meanings(burgundy, citroen, from_image=True) == []


def test_a_dotted_state_a_local_decade_a_compass_point_and_a_size_before_its_word():
    from filters.meaning import changed_meanings

    helene = ["Residents walk past destroyed homes after Hurricane Helene in Asheville, N.C., Monday"]
    assert unsupported("Residents walk past destroyed homes in Asheville, North Carolina.", helene) == []
    assert unsupported("Residents walk past destroyed homes in Asheville, South Carolina.", helene) != []
    sideboard = ["Vintage teakhouten dressoir jaren 60, 180 cm breed, 4 laden"]
    assert unsupported("A 1960s vintage teak sideboard, about 180 cm wide.", sideboard, from_image=True) == []
    assert unsupported("A 1970s vintage teak sideboard, about 180 cm wide.", sideboard, from_image=True) != []
    dike = ["Fietsers rijden over de dijk ten zuiden van Kinderdijk op een zondagochtend"]
    assert changed_meanings("Cyclists riding along the dike north of Kinderdijk", dike) != []
    assert changed_meanings("Cyclists riding along the dike south of Kinderdijk", dike) == []
    assert changed_meanings("Cyclists near Kinderdijk, seen from North Holland", dike) == []  # a name's word
    jacket = ["ユニクロ ウルトラライトダウン ジャケット レディース Mサイズ ネイビー 美品"]
    assert unsupported("ユニクロのダウンジャケット（レディース、Lサイズ、ネイビー）。", jacket) != []
    assert unsupported("ユニクロのダウンジャケット（レディース、Mサイズ、ネイビー）。", jacket) == []


def test_a_bound_turned_the_other_way():
    from filters.facts import flipped_bounds

    phone = ["Apple iPhone 13 128GB Midnight – Renewed (Grade A) – battery health min. 85%"]
    assert flipped_bounds("A renewed iPhone 13 with a battery health of up to 85%.", phone) == [
        "up to 85 (source: at least 85)"]
    assert flipped_bounds("A renewed iPhone 13 with a battery health of at least 85%.", phone) == []
    assert flipped_bounds("Für bis zu 30 Personen", ["Saal für mindestens 30 Personen"]) != []


def test_a_title_swapped_or_changed_a_side_of_the_picture_and_an_artist_named_with_less_doubt():
    from filters.roles import changed_titles, lost_attributions, swapped_sides

    cup = ["Coach Maria Lund and captain Sofie Berg lift the cup – Vipers Kristiansand"]
    assert changed_titles("Captain Maria Lund and coach Sofie Berg lift the cup.", cup) != []
    assert changed_titles("Coach Maria Lund and captain Sofie Berg raise the cup in Kristiansand.", cup) == []
    assert changed_titles("Trainerin Maria Lund und Kapitänin Sofie Berg heben den Pokal.", cup) == []
    hall = ["Former mayor Tom Reeve greets his successor, Mayor Ana Pires, at the town hall"]
    assert changed_titles("Mayor Tom Reeve greets former mayor Ana Pires at the town hall.", hall) != []
    assert changed_titles("Former mayor Tom Reeve greets Mayor Ana Pires at the town hall.", hall) == []
    talk = ["Reporter Ida Holm interviews Jonas Vik after the final"]
    assert changed_titles("Jonas Vik answers questions from reporter Ida Holm.", talk) == []
    assert changed_titles("Ida Holm answers questions from reporter Jonas Vik.", talk) != []
    summit = ["Chancellor Olaf Brandt (L) welcomes President Lena Varga (R) in Berlin"]
    assert swapped_sides("Olaf Brandt, on the right, welcomes Lena Varga, on the left.", summit) != []
    assert swapped_sides("Olaf Brandt, on the left, welcomes Lena Varga in Berlin.", summit) == []
    lot = ["Lot 88 | Circle of Frans Hals (1582-1666) - Portrait of a man, oil on panel"]
    assert lost_attributions("A portrait of a man, oil on panel by Frans Hals.", lot) != []
    assert lost_attributions("A portrait of a man from the circle of Frans Hals, oil on panel.", lot) == []
    assert lost_attributions("Portret van een man, kring van Frans Hals, olieverf op paneel.", lot) == []
    # "after" is a copy only where it opens a segment or follows a print's medium
    assert lost_attributions("Brandt speaks.", ["Brandt speaks after Varga arrived"]) == []


def test_a_time_by_a_clock_word_a_krone_a_local_short_form_and_two_in_one():
    midsummer = ["Midsommar i Rättvik – dans kring stången kl. 15, entré 120 kr"]
    assert unsupported("Midsummer in Rättvik: dancing at 3 pm, entry SEK 120.", midsummer) == []
    assert unsupported("Midsummer in Rättvik: dancing at 4 pm, entry SEK 120.", midsummer) != []
    signing = ["Author signing at Blackwell's, Sat 2–4pm"]
    assert unsupported("Podpisywanie książek w Blackwell's, sobota, godz. 14–16.", signing, lang="pl") == []
    cream = ["Tagescreme LSF 50 für empfindliche Haut, 50 ml"]
    assert unsupported("Day cream SPF 50 for sensitive skin, 50 ml.", cream, lang="en") == []
    assert unsupported("Day cream SPF 30 for sensitive skin, 50 ml.", cream, lang="en") != []
    stroller = ["Коляска Joolz Day 2 в 1, б/у, серая"]
    assert unsupported("Joolz Day 2-in-1 pram, used, grey.", stroller, lang="en") == []
    assert unsupported("Joolz Day 3-in-1 pram, used, grey.", stroller, lang="en") != []
    # a Title Case listing is read as lingua is sure its words read in lowercase: English, not German
    from filters.facts import Support

    flask = "Stanley Classic Legendary Vacuum Bottle 1.4 qt Hammertone Green | Keeps Hot 40 Hrs"
    assert Support([flask]).guess == {"en"}


def test_a_24_hour_day_a_compound_evening_steering_home_or_away_an_opening_and_no_in_capitals():
    from filters.meaning import changed_meanings, lost_absences

    fair = ["CAREERS FAIR 2025-04-09 09:30–15:00 Main Hall"]
    assert changed_meanings("Careers fair on 9 April 2025 from 9.30 am to 3 pm in the Main Hall.", fair) == []
    fire = ["Feuerwehr löscht am Samstagabend einen Scheunenbrand bei Fulda"]
    assert changed_meanings("Firefighters put out a barn fire near Fulda on Saturday morning.", fire) != []
    assert changed_meanings("Firefighters put out a barn fire near Fulda on Saturday evening.", fire) == []
    car = ["1968 Saab 96 V4, LHD, dashboard with original clock"]
    assert changed_meanings("The dashboard of a right-hand-drive 1968 Saab 96 V4.", car) != []
    assert changed_meanings("The dashboard of a left-hand-drive 1968 Saab 96 V4.", car) == []
    derby = ["Heimpleite für den TSV Altdorf: 1:3 gegen den FC Neumarkt"]
    assert changed_meanings("Der TSV Altdorf verliert auswärts 1:3 beim FC Neumarkt.", derby) != []
    show = ["Opening night – Mia Sorensen: Tides @ Gallery North, Fri 7–10pm"]
    assert changed_meanings("Guests on the closing night of Mia Sorensen's show Tides.", show) != []
    assert changed_meanings("Guests on the opening night of Mia Sorensen's show Tides.", show) == []
    drill = ["Makita DHP482 combi drill – NO BATTERY – body only"]
    assert lost_absences("A Makita DHP482 combi drill sold with its battery.", drill, translated=False) != []
    assert lost_absences("A Makita DHP482 combi drill, body only, no battery.", drill, translated=False) == []


def test_a_compound_morning_a_seasons_particle_an_unopened_box_a_bound_road_and_outdoor_furniture():
    from filters.meaning import changed_meanings

    lake = ["Sonntagmorgen am Tegernsee, Blick nach Rottach"]
    assert changed_meanings("Sunday evening at Lake Tegernsee, looking towards Rottach.", lake) != []
    assert changed_meanings("Sunday morning at Lake Tegernsee, looking towards Rottach.", lake) == []
    assert changed_meanings("Wir fahren übermorgen am Abend los.", ["Abfahrt am Abend"]) == []
    kyoto = ["晩秋の嵐山 渡月橋 2021年11月"]
    assert changed_meanings("春の嵐山、渡月橋。2021年11月撮影。", kyoto) != []
    assert changed_meanings("晩秋の嵐山、渡月橋。2021年11月撮影。", kyoto) == []
    game = ["【未開封】ボードゲーム カタン 日本語版"]
    assert changed_meanings("開封済みのボードゲーム「カタン」日本語版。", game) != []
    road = ["M6 southbound near Tebay, lorries in the rain"]
    assert changed_meanings("Northbound lorries on the M6 near Tebay in the rain.", road) != []
    assert changed_meanings("Southbound lorries on the M6 near Tebay in the rain.", road) == []
    table = ["Mesa de exterior de teca, 160 x 90 cm"]
    assert changed_meanings("Indoor teak table, 160 x 90 cm.", table) != []
    assert changed_meanings("Outdoor teak table, 160 x 90 cm.", table) == []


def test_a_diets_claim_a_watchs_movement_a_plated_metal_a_veneer_and_faux_leather():
    from filters.meaning import changed_meanings

    brownies = ["Vegan brownies, sugar-free, 12 pieces"]
    assert changed_meanings("Vegane, glutenfreie Brownies, 12 Stück.", brownies) != []
    assert changed_meanings("Vegane, zuckerfreie Brownies, 12 Stück.", brownies) == []
    watch = ["Orient Bambino quartz 38mm, cream dial"]
    assert changed_meanings("An Orient Bambino automatic watch, 38 mm, with a cream dial.", watch) != []
    assert changed_meanings("An Orient Bambino quartz watch, 38 mm, with a cream dial.", watch) == []
    cufflinks = ["Gold-plated cufflinks with onyx, gift box"]
    assert changed_meanings("Solid gold cufflinks set with onyx, in a gift box.", cufflinks) != []
    shelf = ["Bücherregal Eiche furniert, 5 Böden"]
    assert changed_meanings("Solid oak bookcase with 5 shelves.", shelf) != []
    assert changed_meanings("Oak-veneered bookcase with 5 shelves.", shelf) == []
    bag = ["Sac à main en similicuir noir, bandoulière amovible"]
    assert changed_meanings("Black genuine leather handbag with a detachable strap.", bag) != []
    assert changed_meanings("Black faux leather handbag with a detachable strap.", bag) == []


def test_an_exclusion_kept_a_mileage_unit_first_local_short_forms_and_a_translated_everyday_name():
    from filters.meaning import lost_absences

    sofa = ["Ecksofa grau, Lieferung nicht inbegriffen"]
    assert lost_absences("Grey corner sofa, delivery included.", sofa, translated=True) != []
    assert lost_absences("Grey corner sofa, delivery not included.", sofa, translated=True) == []
    assert lost_absences("Grey corner sofa; delivery is charged extra.", sofa, translated=True) == []
    panda = ["Fiat Panda anno 2015 km 82.000 unico proprietario"]
    assert unsupported("Fiat Panda from 2015 with 82,000 km, one owner.", panda) == []
    assert unsupported("Fiat Panda from 2015 with 28,000 km, one owner.", panda) != []
    flat = ["1-Zi.-Apartment, 32 m², WLAN, Bj. 1995"]
    assert unsupported("Studio flat, 32 sq m, WiFi, built 1995.", flat, lang="en") == []
    ssd = ["Samsung 870 EVO SSD 1 TB"]
    assert unsupported("Samsung 870 EVO SSD de 1 To", ssd, lang="fr") == []
    assert unsupported("Samsung 870 EVO SSD de 2 To", ssd, lang="fr") != []
    castle = ["Zamek Królewski w Warszawie – Sala Senatorska"]
    assert unsupported("Royal Castle in Warsaw – Senators' Hall", castle, lang="en") == []
    # ... but a colour is a fact, however everyday its word
    salon = ["Schloss Eggenberg Graz, Grüner Salon"]
    assert unsupported("Eggenberg Palace in Graz, the Red Salon", salon, lang="en") != []
    # a plain caption never saw the alt-text: an old year it states is its own invention
    assert unsupported("A lute from 1620 on a velvet cloth.", ["IMG_0042.jpg"], shown=False) != []


def test_a_decade_written_short_a_leathers_animal_and_a_german_place_adjective():
    from filters.meaning import changed_meanings

    lamp = ["Lampada da tavolo vintage anni 1970 in ottone"]
    assert unsupported("Vintage brass table lamp from the 70s", lamp) == []
    assert unsupported("Vintage brass table lamp from the 60s", lamp) != []
    jacket = ["Lederjacke Damen Lammleder schwarz Gr. 36"]
    assert changed_meanings("Women's black calfskin leather jacket, size 36.", jacket) != []
    assert changed_meanings("Women's black lambskin leather jacket, size 36.", jacket) == []
    view = ["Blick auf den Wolfgangsee von St. Gilgen, Salzkammergut"]
    assert unsupported("Blick von St. Gilgen auf den Wolfgangsee im Grazer Umland.", view) != []
    assert unsupported("Der Wolfgangsee von St. Gilgen aus gesehen, im Salzkammergut.", view) == []
    cafe = ["Parisian café terrace at dusk"]
    assert unsupported("Die Terrasse eines Pariser Cafés in der Abenddämmerung.", cafe, lang="de") == []


def test_a_fraction_spelled_out_must_be_the_sources_fraction():
    from filters.numerals import changed_fractions

    burger = ["1/4 lb cheeseburger w/ fries – $9.99"]
    half = "Cheeseburger d'une demi-livre avec frites – 9,99 $"
    assert changed_fractions(half, burger) == ["1/2 (source: 1/4)"]
    assert changed_fractions("Cheeseburger d'un quart de livre avec frites – 9,99 $", burger) == []
    assert changed_fractions("A quarter-pound cheeseburger with fries.", burger) == []
    # a part of town is no fraction; nor a date or a 24/7; a source without one leaves the output's alone
    quarter = "A 3-bed home with 2.5 baths in the French Quarter of New Orleans."
    assert changed_fractions(quarter, ["3 bd 2 1/2 ba, French Quarter"]) == []
    assert changed_fractions("A café open 24/7 since 1/2/2024, half-price coffee.", ["Café open 24/7"]) == []


def test_a_one_way_fare_is_no_round_trip():
    from filters.meaning import changed_meanings

    fare = ["Lisbon - Porto one way 49€"]
    assert changed_meanings("A round-trip flight from Lisbon to Porto for 49 euros.", fare) != []
    assert changed_meanings("Ein Flug von Lissabon nach Porto, einfache Fahrt, 49 €.", fare) == []


def test_scale_words_after_digits_ordinals_initials_and_an_ounce_beside_a_volume():
    from filters.facts import changed_initials, changed_ordinals
    from filters.units import unit_swaps

    bike = ["Vendo Honda CG 160 Fan 2021, 23 mil km, único dono, R$ 14.900"]
    assert unsupported("Honda CG 160 Fan 2021 à venda, 23.000 km, único dono, R$ 14.900.", bike) == []
    assert unsupported("Honda CG 160 Fan 2021 à venda, 32.000 km, único dono, R$ 14.900.", bike) != []
    house = ["Dijual Rumah 2 Lantai di Bekasi Timur, 3 KT 2 KM, Rp 1,2 M Nego"]
    assert unsupported("Two-storey house for sale in East Bekasi, 3 bedrooms, 2 bathrooms, Rp 1.2 billion",
                       house, lang="en") == []
    assert unsupported("Two-storey house for sale in East Bekasi, 3 bedrooms, 2 bathrooms, Rp 1.2 million",
                       house, lang="en") != []
    goal = ["Haaland celebrates scoring his side's second goal against Fulham"]
    assert changed_ordinals("Haaland celebrates after his side's first goal against Fulham.", goal) != []
    assert changed_ordinals("Haaland celebrates his side's 2nd goal, the first of his own.", goal) == []
    doctor = ["Dr. A. K. Sharma inaugurates the new cardiology wing, Pune"]
    assert changed_initials("Dr A.R. Sharma inaugurating the cardiology wing in Pune.", doctor) != []
    assert changed_initials("Dr A.K. Sharma inaugurating the cardiology wing in Pune.", doctor) == []
    assert changed_initials("Dr A. Sharma inaugurating the cardiology wing in Pune.", doctor) == []
    flask = ["Hydro Flask 32 oz Wide Mouth Water Bottle"]
    assert unit_swaps("A Hydro Flask 32 ml wide-mouth water bottle.", flask) != []
    assert unit_swaps("A Hydro Flask 32-ounce wide-mouth water bottle.", flask) == []


def test_a_product_word_is_no_month_and_a_plain_caption_states_no_price_and_kanji_places():
    phone = ["小米 Redmi Note 13 Pro 5G 8+256GB 午夜黑 全新国行"]
    assert unsupported("全新国行小米Redmi Note 12 Pro 5G手机，午夜黑配色，8GB+256GB。", phone) != []
    assert unsupported("全新国行小米Redmi Note 13 Pro 5G手机，午夜黑配色，8GB+256GB。", phone) == []
    # a short form that is also a word names a month only with its dot or a year: 12 pro. 2023
    assert unsupported("Concert on 12 December 2023", ["Koncert 12. pro. 2023"]) == []
    jeans = ["Vintage Levi's 501 jeans W32 L34 made in USA"]
    assert unsupported("Faded blue jeans priced at $45 on a white background.", jeans, shown=False) != []
    tag = 'A price tag reading "$45" on faded blue jeans.'
    assert unsupported(tag, jeans, shown=False, from_image=True) == []
    shrine = ["京都・伏見稲荷大社の千本鳥居"]
    assert unsupported("奈良の伏見稲荷大社にある千本鳥居。", shrine) != []
    assert unsupported("京都の伏見稲荷大社にある千本鳥居の参道。", shrine) == []


def test_an_invented_absence_before_and_after_and_an_ordinal_past_ten_in_spanish():
    from filters.meaning import flipped_order, lost_absences

    flat = ["Appartement T3 65 m² au 4e étage avec ascenseur, balcon, cave – Lyon 6e"]
    assert lost_absences("Trois pièces au quatrième étage sans ascenseur, à Lyon.", flat, False) != []
    assert lost_absences("Trois pièces au quatrième étage avec ascenseur, à Lyon.", flat, False) == []
    drill = ["Bosch GSR 18V-55 Cordless Drill Driver - 2 x 2.0Ah Batteries, Charger & L-BOXX Included"]
    sold = "A Bosch GSR 18V-55 cordless drill with two batteries, sold without a charger."
    assert lost_absences(sold, drill, False) != []
    vote = ["Protesters gather outside Parliament ahead of the vote on the Rwanda bill"]
    assert flipped_order("Protesters gather outside Parliament after the vote on the bill.", vote) != []
    assert flipped_order("Protesters gather outside Parliament before the vote on the bill.", vote) == []
    derby = ["El Real Madrid vence 3-1 al Atlético de Madrid, jornada 24 de LaLiga"]
    assert unsupported("El Real Madrid gana 3-1 en la vigésima quinta jornada de LaLiga.", derby) != []
    assert unsupported("El Real Madrid gana 3-1 en la vigésima cuarta jornada de LaLiga.", derby) == []
    piso = ["Piso con baño y 2 dormitorios"]
    assert unsupported("Piso con cuarto de baño y segundo dormitorio.", piso) == []
    altar = ["Roma, 2 giugno 2024 – Le Frecce Tricolori sorvolano l'Altare della Patria durante la Festa"]
    rome = "Rome, June 2, 2024 – The Frecce Tricolori fly over the Altare della Patria during the parade"
    assert unsupported(rome, altar, lang="en") == []


def test_a_material_from_neither_input_a_free_kick_for_a_penalty_and_swedish_compass_points():
    from filters.meaning import changed_meanings

    pizza = ["Classic Margherita Pizza with Fresh Basil", "a round pizza with basil leaves on a wooden board"]
    assert changed_meanings("A Margherita pizza with fresh basil, served on a marble board.", pizza) != []
    assert changed_meanings("A Margherita pizza with fresh basil, served on a wooden board.", pizza) == []
    goal = ["Cristiano Ronaldo marca de pênalti pelo Al-Nassr contra o Al-Hilal"]
    assert changed_meanings("Cristiano Ronaldo marca de falta directa con el Al-Nassr", goal) != []
    assert changed_meanings("Cristiano Ronaldo marca de penalti con el Al-Nassr", goal) == []
    flat = ["Ljus 3:a om 72 kvm på Södermalm, balkong i söderläge"]
    assert changed_meanings("Ljus trea på 72 kvadratmeter på Södermalm med balkong mot väster.", flat) != []
    assert changed_meanings("Ljus trea på 72 kvadratmeter på Södermalm med balkong i söderläge.", flat) == []


def test_a_race_time_a_myriad_a_round_of_sixteen_and_a_town_beside_its_translated_region():
    from filters.facts import changed_durations
    from filters.meaning import changed_meanings

    race = ["Berlin Marathon 2023: 1. Amos Kemboi (KEN) 2:05:38, Startnummer 38; 2. Tadu Abate (ETH) 2:06:12"]
    assert changed_durations("Amos Kemboi of Kenya, bib 38, won in 2:05:83 ahead of Tadu Abate.", race) == []
    assert changed_durations("Amos Kemboi of Kenya, bib 38, won in 2:05:36 ahead of Tadu Abate.", race) != []
    assert changed_durations("Amos Kemboi of Kenya, bib 38, won in 2h05'38 ahead of Tadu Abate.", race) == []
    crowd = ["上海外滩 国庆假期日均客流量12万人次"]
    assert unsupported("The Bund in Shanghai drew 12,000 visitors a day over the National Day holiday.",
                       crowd, lang="en") != []
    assert unsupported("The Bund in Shanghai drew 120,000 visitors a day over the National Day holiday.",
                       crowd, lang="en") == []
    cup = ["Portekiz, Dünya Kupası son 16 turunda İsviçre'yi 6-1 yendi"]
    assert changed_meanings("Portugal beat Switzerland 6-1 in the World Cup quarter-final.", cup) != []
    assert changed_meanings("Portugal beat Switzerland 6-1 in the World Cup round of 16.", cup) == []
    studio = ["A potter at her wheel in her workshop in Vietri sul Mare, Campania, Italy, 2021"]
    lang = "de"
    assert unsupported("Eine Töpferin an der Scheibe in ihrer Werkstatt in Amalfi, Kampanien, Italien, 2021",
                       studio, lang=lang) != []
    assert unsupported("Eine Töpferin an der Scheibe in ihrer Werkstatt in Vietri sul Mare, Kampanien, "
                       "Italien, 2021", studio, lang=lang) == []


def test_a_first_name_for_a_surname_given_alone_a_price_per_month_a_clock_time_and_a_scaled_price():
    derby = ["FT Arsenal 2-1 Spurs (Saka 12', Havertz 70') – North London derby, Emirates Stadium"]
    assert unsupported("Arsenal beat Spurs 2-1 at the Emirates, with goals from Bukayo Saka and Kai Havertz.",
                       derby) == []
    runner = ["Marathon: 1st place – Daniel Kiprop (KEN) 2:07:41"]
    assert unsupported("David Kiprop of Kenya won the marathon in 2:07:41.", runner) != []
    rent = ["Piso en alquiler, 40 m², 2ª planta, amueblado, Valencia, 650€/mes"]
    flat = "Flat for rent, 40 m², 2nd floor, furnished, Valencia, €{}/month"
    assert unsupported(flat.format(650), rent, lang="en") == []
    assert unsupported(flat.format(560), rent, lang="en") != []
    doors = ["Concert de Zaz – 5 avril 2025 – Zénith de Nantes – ouverture des portes 19h30"]
    assert unsupported("Zaz en concert au Zénith de Nantes le 5 avril 2025, portes à 19 h 30.", doors) == []
    villa = ["Villa | 5 bed | 6,400 sq ft | private pool | Palm Jumeirah | AED 32.5M"]
    five = "A five-bed villa on Palm Jumeirah with a private pool, AED {} million."
    assert unsupported(five.format("32.5"), villa) == []
    assert unsupported(five.format("23.5"), villa) != []
    fans = ["جماهير الرجاء في مدرجات ملعب محمد الخامس بالدار البيضاء"]
    stands = "Raja fans in the stands of the Mohammed V Stadium in {}."
    assert unsupported(stands.format("Casablanca"), fans, lang="en") == []
    assert unsupported(stands.format("Rabat"), fans, lang="en") != []


def test_a_capitalised_month_a_surname_that_is_a_number_word_and_a_country_its_language_names():
    quake = ["MALATYA (AA) - Depremde yıkılan binalarda arama kurtarma çalışmaları sürüyor. 11.02.2023"]
    assert unsupported("11 Şubat 2023'te Malatya'da yıkılan binalarda arama kurtarma sürüyor.", quake) == []
    assert unsupported("11 Mart 2023'te Malatya'da yıkılan binalarda arama kurtarma sürüyor.", quake) != []
    march = ["Thousands of people march in Madrid against housing prices, May 5, 2024. REUTERS/Susana Vera"]
    marchan = ("Miles de personas marchan en Madrid contra el precio de la vivienda, 5 de mayo de 2024. "
               "REUTERS/Susana Vera")
    assert unsupported(marchan, march, lang="es") == []
    doce = ["Firefighters at work in Valencia, March 3, 2024. REUTERS/Nacho Doce"]
    assert unsupported("Bomberos trabajando en Valencia, 3 de marzo de 2024. REUTERS/Nacho Doce", doce,
                       lang="es") == []
    fire = ["ИРКУТСК, 12 июля. /ТАСС/. Лесной пожар в Братском районе Иркутской области."]
    assert unsupported("Smoke rises from a forest fire in the Bratsk district of Irkutsk region, Russia.",
                       fire, lang="en") == []
    assert unsupported("Smoke rises from a forest fire in the Bratsk district of Irkutsk region, Kazakhstan.",
                       fire, lang="en") != []
    shop = ["Купить КУРТКУ Columbia мужская синяя р.50 | доставка по РФ"]
    assert unsupported("Мужская синяя куртка Columbia, размер 50, с доставкой по России.", shop) == []
    leader = ["10.03.2024, München: Markus Söder, CSU-Vorsitzender, spricht beim Parteitag. Foto: dpa"]
    speaks = "{}-Chef Markus Söder spricht am 10. März 2024 beim Parteitag in München."
    assert unsupported(speaks.format("CDU"), leader) != []
    assert unsupported(speaks.format("CSU"), leader) == []


def test_shares_the_other_way_round_shades_of_blue_suede_for_leather_and_bed_linen_of_cotton():
    from filters.facts import swapped_shares
    from filters.meaning import changed_meanings

    coat = ["Mantel 80% Wolle 20% Polyamid, Größe 38, dunkelgrau"]
    assert swapped_shares("Mantel aus 20 % Wolle und 80 % Polyamid in Dunkelgrau, Größe 38.", coat) != []
    assert swapped_shares("Mantel aus 80 % Wolle und 20 % Polyamid in Dunkelgrau, Größe 38.", coat) == []
    dress = ["Vestido de algodón para niña, color azul celeste, talla 6 años"]
    assert changed_meanings("Girls' cotton dress in navy blue, size 6 years", dress) != []
    assert changed_meanings("Girls' cotton dress in sky blue, size 6 years", dress) == []
    boots = ["Bottines femme en cuir de vachette marron, pointure 39"]
    assert changed_meanings("Women's brown suede ankle boots, size 39", boots) != []
    assert changed_meanings("Women's brown cowhide leather ankle boots, size 39", boots) == []
    sheets = ["Jogo de lençol solteiro 3 peças 180 fios 100% algodão azul"]
    single = "Single bed linen set, 3 pieces, 180 thread count, 100% cotton, blue"
    assert changed_meanings(single, sheets) == []
