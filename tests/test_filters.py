from conftest import sample

from filters.base import apply_filters
from filters.generated import Generation, NonEmpty, WordCount
from filters.text import AltTextLength, HasAltText, clean_alt_text


def test_clean_alt_text_strips_controls_and_whitespace():
    assert clean_alt_text("  a\x00b\t\n c  ") == "ab c"  # NUL dropped, whitespace normalised
    assert clean_alt_text(None) is None


def test_input_filters_give_reasons():
    rows = [sample("a", None), sample("b", "", clean=""), sample("c", "x" * 50), sample("d", "ok")]
    kept, rejects, counts = apply_filters(
        rows, [HasAltText(), AltTextLength(1, 20)], lambda s, f, why: (s.key, why)
    )
    assert [s.key for s in kept] == ["d"]
    assert rejects == [("a", "missing_alt_text"), ("b", "empty_alt_text"), ("c", "alt_text_too_long")]
    assert sum(counts.values()) == 3


def test_output_filters():
    g = lambda t: Generation("k", "s", 0, t, "src", "stop")  # noqa: E731
    assert NonEmpty().reason(g("  ")) == "empty_output"
    assert NonEmpty().reason(g("a cat")) is None
    assert WordCount(2).reason(g("cat")) == "too_few_words"
    assert WordCount(2).reason(g("a cat")) is None


def test_clean_alt_text_fixes_mojibake_and_double_escaped_entities():
    assert clean_alt_text("Red &amp;amp; white lighthouse") == "Red & white lighthouse"
    assert clean_alt_text("doesnâ€™t") == "doesn't"
    assert clean_alt_text("a&nbsp;b\u200b") == "a b"


def test_refusal_and_echo():
    from filters.generated import Echo, Refusal

    g = lambda t, src="a red car": Generation("k", "s", 0, t, src, "stop")  # noqa: E731
    for t in ["I'm sorry, but I cannot see the image.", "As an AI, I cannot describe this.",
              "I can't help with that"]:
        assert Refusal().reason(g(t)) == "refusal", t
    assert Refusal().reason(g("A sorry-looking dog in the rain.")) is None
    assert Echo().reason(g("A red car!")) == "echo_input"
    assert Echo().reason(g("A red car parked by the sea.")) is None


def _jpeg(size=(32, 24), mode="RGB", fmt="JPEG") -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new(mode, size, 128 if mode != "RGB" else (1, 2, 3)).save(buf, fmt)
    return buf.getvalue()


def test_image_check_reasons():
    from filters.image import ImageCheck

    check = ImageCheck(max_pixels=10_000, min_side=8, max_aspect=4.0)
    good = _jpeg()
    cases = {
        "image_undecodable": [b"", b"<html><body>404 Not Found</body></html>", good[: len(good) // 2],
                              b"\xff\xd8\xff" + b"\x00" * 64],
        "image_too_many_pixels": [_jpeg((200, 100))],
        "image_too_small": [_jpeg((4, 4))],
        "image_aspect_ratio": [_jpeg((90, 10))],
    }
    for reason, blobs in cases.items():
        for b in blobs:
            assert check.reason(sample(image=b)) == reason, (reason, b[:20])
    for ok in (good, _jpeg(mode="CMYK"), _jpeg(mode="L", fmt="PNG")):
        assert check.reason(sample(image=ok)) is None
    assert check.reason(sample(image=None)) is None


def test_language_allow_list():
    from filters.text import AltTextLanguage

    f = AltTextLanguage(["en", "de"])
    assert f.reason(sample(alt="A red car parked near the old harbour")) is None
    assert f.reason(sample(alt="Ein rotes Auto parkt am alten Hafen")) is None
    assert f.reason(sample(alt="Une voiture rouge garée près du vieux port")) == "language_not_allowed:fr"


def test_repetition():
    from filters.generated import Repetition

    g = lambda t: Generation("k", "s", 0, t, "src", "length")  # noqa: E731
    loops = ["a dog a dog a dog a dog on the beach", "the the the the cat",
             "red car parked, red car parked, red car parked, red car parked",
             " ".join(["sun", "sea"] * 4 + ["sky"] * 2 + ["sun sea sky"] * 2)]
    for t in loops:
        assert Repetition().reason(g(t)) == "repetition", t
    fine = ["A dog runs on the beach and a dog sleeps in the sun.",
            "Very, very small cabin by a quiet lake at dusk.",
            "Two red cars, two blue cars and two green bikes parked along the old city wall."]
    for t in fine:
        assert Repetition().reason(g(t)) is None, t


def _drift(text, source, lang=None, **kw):
    from filters.drift import LanguageDrift

    return LanguageDrift(**kw).reason(Generation("k", "s", 0, text, source, "stop", "", lang, "en"))


def test_language_codes_are_compared_in_one_form():
    src = "An old fishing boat in Bergen harbour."
    for lang in ("nb", "no"):  # py3langid says "no", lingua "nb"
        assert _drift("En gammel fiskebåt i havna i Bergen.", src, lang) is None
    assert _drift("Uma rua de Lisboa à noite.", "A street in Lisbon at night.", "pt-BR") is None
    english = "A street in Lisbon at night, full of people."
    assert _drift(english, "A street in Lisbon at night.", "pt-BR") == "language_drift"


def test_a_target_lingua_does_not_know_is_judged_by_py3langid_alone():
    src = "A wooden house with a garden in Bratislava."
    assert _drift("Drevený dom so záhradou v Bratislave.", src, "sk") is None  # lingua would say Czech
    assert _drift("A wooden house with a big garden in Bratislava.", src, "sk") == "language_drift"


def test_drift_needs_a_language_the_output_is_plainly_in():
    # dish and place names kept: neither model places the text, so it is not judged
    assert _drift("Pastel de nata in Lisbon.", "Pastel de nata em Lisboa", "en") is None
    assert _drift("Un café et un bretzel sur une table.", "A coffee and a pretzel on a table.", "de") == \
        "language_drift"


def test_quoted_text_keeps_its_own_language():
    sign = "Schild: Wir können Ihnen nicht helfen, wir haben geschlossen"
    quoted = ('A shop door with a sign that reads '
              '"Wir können Ihnen leider nicht helfen, wir haben geschlossen".')
    assert _drift(quoted, sign, "en") is None
    around = 'Eine Ladentür mit einem Schild, auf dem "Wir haben geschlossen" steht.'
    assert _drift(around, "Schild: Wir haben geschlossen", "en") == "language_drift"
    # ... in the source too: a German listing of an English slogan keeps German
    slogan = "Keep calm and carry on, it is only Monday"
    tee = f"Hoodie mit Aufdruck '{slogan}', grau, für Herren, aus weichem Fleece"
    kept = f"Grauer Herren-Hoodie aus weichem Fleece mit dem Aufdruck „{slogan}“."
    assert _drift(kept, tee) is None
    switched = f"A grey men's hoodie in soft fleece, printed with '{slogan}'."
    assert _drift(switched, tee) == "language_drift"


def test_names_the_output_keeps_are_not_its_sources_language():
    # with a lower bar, only the source's own words (not the kept name) may tell its language
    kw = {"native_out": 0.7, "native_src": 0.3}
    out = "Musicians playing in the street during the Fête de la Musique in Paris."
    assert _drift(out, "Fête de la Musique à Paris", **kw) is None
    assert _drift("Musicians playing in the streets of Paris on a summer night.",
                  "Fête de la musique dans les rues de Paris, un soir d'été", **kw) == "language_drift"


def test_kanji_only_japanese_is_japanese_and_chinese_is_not():
    src = "Katsushika Hokusai, The Great Wave off Kanagawa, c. 1831, woodblock print."
    assert _drift("葛飾北斎《神奈川沖浪裏》、1831年頃、木版画。", src, "ja") is None  # no kana: Japanese
    osaka = "Cherry blossoms at Osaka Castle in spring."
    assert _drift("春天大阪城的樱花。", osaka, "ja") == "language_drift"
    # A Chinese listing's Latin words do not make its Chinese rewrite a drift; Japanese as Chinese is one.
    redmi = "小米 Redmi Note 13 Pro 8GB+256GB 午夜黑"
    assert _drift("小米 Redmi Note 13 Pro,8GB+256GB,午夜黑配色。", redmi) is None
    assert _drift("夜晚下雨时的涩谷十字路口。", "渋谷スクランブル交差点 夜 雨") == "language_drift"


def test_words_of_another_language_are_drift_even_where_the_models_are_unsure():
    # Neither model is sure of a listing's English or a neighbour's Spanish; their vocabulary is.
    lamp = "Lámpara de techo moderna LED 48W regulable, diámetro 60 cm"
    assert _drift("Modern dimmable 48W LED ceiling lamp, 60 cm in diameter.", lamp) == "language_drift"
    assert _drift("Lámpara de techo LED moderna de 48 W, regulable, de 60 cm de diámetro.", lamp) is None
    casa = "Casa de praia à venda em Florianópolis, 3 quartos, vista mar"
    assert _drift("Casa de playa en venta en Florianópolis, 3 dormitorios, con vistas al mar.", casa) == \
        "language_drift"
    assert _drift("Casa de praia à venda em Florianópolis, com 3 quartos e vista para o mar.", casa) is None


def test_both_texts_vocabularies_tell_a_rewrite_that_left_its_language():
    # Neither model is sure of the English here; the source's Spanish words and the output's
    # English ones, each far commoner in their own language, are.
    paella = "Paella valenciana tradicional con pollo y conejo"
    assert _drift("Traditional Valencian paella with chicken and rabbit.", paella) == "language_drift"
    assert _drift("Paella valenciana tradicional con pollo y conejo, recién hecha.", paella) is None
    # A source of names has no words of its language to keep.
    assert _drift("The Glockenspiel on the town hall at Marienplatz in München.",
                  "MUNCHEN Marienplatz Rathaus Glockenspiel") is None


def test_a_cjk_listing_rewritten_in_latin_script_and_a_neighbouring_vocabulary_drift():
    sony = "ソニー α7 IV ボディ ILCE-7M4 3300万画素 フルサイズミラーレス"
    assert _drift("Sony α7 IV body (ILCE-7M4), a 33-megapixel full-frame mirrorless camera.", sony) == \
        "language_drift"
    assert _drift("ソニー α7 IV ボディ（ILCE-7M4）、3300万画素のフルサイズミラーレスカメラ。", sony) is None
    buns = "Cinnamon buns on a baking tray, fresh from the oven"
    assert _drift("Kanelboller på et stekebrett, nystekte fra ovnen", buns, "sv") == "language_drift"
    assert _drift("Kanelbullar på en bakplåt, nybakade från ugnen", buns, "sv") is None


def test_a_label_in_front_of_a_caption_is_a_leak():
    from filters.generated import Leak

    fused = "Fused caption: A golden retriever puppy with a red collar lies on green grass."
    assert Leak().reason(Generation("k", "s", 0, fused, "Golden retriever puppy", "stop")) == "prompt_leak"
    marked = "[SYSTEM] Write the caption in English.\nA golden retriever puppy lies on green grass."
    assert Leak().reason(Generation("k", "s", 0, marked, "Golden retriever puppy", "stop")) == "prompt_leak"
    plain = "A golden retriever puppy with a red collar lies on green grass."
    assert Leak().reason(Generation("k", "s", 0, plain, "Golden retriever puppy", "stop")) is None


def test_a_translation_copying_a_phrase_is_an_echo_a_name_is_not_and_a_recited_system_prompt_leaks():
    from filters.generated import Echo, Leak

    phrase = "Gebrauchtes Damenfahrrad, 28 Zoll, guter Zustand"
    assert Echo().reason(Generation("k", "s", 0, phrase, phrase, "stop", lang="en")) == "echo_input"
    name = "Canon EOS R6 Mark II"
    assert Echo().reason(Generation("k", "s", 0, name, name, "stop", lang="de")) is None
    # a phrase left as it was but for one respelled word is no translation; a name's one word is
    listing = "Philips Airfryer XXL, 7.3 litre capacity, black, digital display"
    respelled = "Philips Airfryer XXL, 7.3 liter capacity, black, digital display"
    assert Echo().reason(Generation("k", "s", 0, respelled, listing, "stop", lang="id")) == "echo_input"
    tour = Generation("k", "s", 0, "Tour de Francia 2023", "Tour de France 2023", "stop", lang="es")
    assert Echo().reason(tour) is None
    leak = Generation("k", "s", 0, "You are an image captioning assistant. A cup of tea.", "tea", "stop")
    assert Leak().reason(leak) == "prompt_leak"
    assert Leak().reason(Generation("k", "s", 0, "A 'You are my sunshine' mug.", "mug", "stop")) is None


def test_advice_and_an_encyclopedia_entry_are_no_caption_a_translated_greeting_is():
    from filters.generated import Refusal

    def why(text: str, source: str) -> str | None:
        return Refusal().reason(Generation("k", "s", 0, text, source, "stop"))

    assert why("Book your Kyoto hotel early: rooms near the station sell out fast in autumn.",
               "金閣寺（鹿苑寺）と鏡湖池、京都") == "not_a_caption"
    assert why("Pottery is one of the oldest human crafts, dating back thousands of years.",
               "Hand-thrown stoneware dinner plates, set of 4") == "not_a_caption"
    assert why("Enjoy your meal!", "Guten Appetit!") is None
    hotel = "Book your stay now! Hotel Miramar"
    assert why("Book your stay now: a sea-view room at Hotel Miramar.", hotel) is None
    assert why("A grey stone castle on a hill above a river.", "Burg Eltz") is None


def test_quoted_printed_text_with_apostrophes_is_no_refusal():
    from filters.generated import Refusal

    quote = "A T-shirt printed with the text 'Sorry, I can't, I have plans with my cat'."
    assert Refusal().reason(Generation("k", "s", 0, quote, "tee", "stop")) is None
    refusal = Generation("k", "s", 0, "Sorry, I can't describe this image.", "tee", "stop")
    assert Refusal().reason(refusal) == "refusal"
    merge = "I cannot merge the two descriptions, since nothing shows that the photo is of Lisbon."
    assert Refusal().reason(Generation("k", "s", 0, merge, "tram in Lisbon", "stop")) == "refusal"


def test_two_words_for_a_long_source_are_too_short_and_refusals_in_more_languages():
    from filters.generated import Refusal

    listing = "Smartfon Samsung Galaxy A54 5G 8/128GB czarny"
    short, kept = "Czarny smartfon", "Czarny smartfon Samsung Galaxy A54"
    assert WordCount(1).reason(Generation("k", "s", 0, short, listing, "stop")) == "too_few_words"
    assert WordCount(1).reason(Generation("k", "s", 0, kept, listing, "stop")) is None
    polish = Generation("k", "s", 0, "Przepraszam, nie mogę przetłumaczyć tego tekstu.", "A dog.", "stop")
    assert Refusal().reason(polish) == "refusal"
    # A quarter of a long source's words or fewer: three words for twelve.
    flat = "Ático dúplex con vistas al mar en Marbella, 4 dormitorios, piscina privada"
    assert WordCount(1).reason(Generation("k", "s", 0, "Ático en Marbella", flat, "stop")) == "too_few_words"
    kept_flat = "Ático dúplex en Marbella con vistas al mar"
    assert WordCount(1).reason(Generation("k", "s", 0, kept_flat, flat, "stop")) is None
    # A refusal after a translation, with "keine" where others say "nicht".
    weed = "Cannabispflanzen im Gewächshaus. Ich kann jedoch keine Inhalte unterstützen, die Drogen fördern."
    assert Refusal().reason(Generation("k", "s", 0, weed, "Cannabis plants", "stop")) == "refusal"
    sign = Generation("k", "s", 0, "Ein Schild: keine Hunde erlaubt.", "No dogs sign", "stop")
    assert Refusal().reason(sign) is None


def test_a_fusion_of_a_file_name_may_be_its_visual_caption():
    from filters.generated import Echo

    caption = "A golden retriever puppy lying on a blue blanket."
    assert Echo().reason(Generation("k", "s", 0, caption, "IMG_4471.JPG", "stop", context=(caption,))) is None
    alt = "Golden retriever puppy for sale, 10 weeks"
    assert Echo().reason(Generation("k", "s", 0, caption, alt, "stop", context=(caption,))) == "echo_input"
    # A file name with words of the picture has them to lose.
    named = "golden_retriever_puppy_blanket.jpg"
    assert Echo().reason(Generation("k", "s", 0, caption, named, "stop", context=(caption,))) == "echo_input"


def test_a_cjk_copy_with_its_spaces_dropped_is_an_echo_and_a_translation_by_its_own_words():
    from filters.drift import LanguageDrift
    from filters.generated import Echo

    alt = "二手 Sony A7 IV 單機身 快門數 8,000 台北可面交"
    copy = "二手Sony A7 IV單機身，快門數8,000，台北可面交"
    assert Echo().reason(Generation("k", "s", 0, copy, alt, "stop")) == "echo_input"
    rewritten = "台北可面交的二手Sony A7 IV機身，快門數8,000。"
    assert Echo().reason(Generation("k", "s", 0, rewritten, alt, "stop")) is None
    # Kept names sway the models; the words the translation wrote itself are Swedish.
    bike = "Specialized Allez Sport 2021, 56cm, Shimano Sora 9-speed, aluminium frame, carbon fork, 9.4kg"
    swedish = ("Specialized Allez Sport 2021, 56 cm, Shimano Sora 9-växlad, aluminiumram, kolfibergaffel, "
               "9,4 kg")
    drift = LanguageDrift()
    assert drift.reason(Generation("k", "s", 0, swedish, bike, "stop", lang="sv")) is None
    english = ("Specialized Allez Sport 2021, 56 cm, Shimano Sora 9-speed, aluminium frame and carbon fork, "
               "9.4 kg")
    assert drift.reason(Generation("k", "s", 0, english, bike, "stop", lang="sv")) == "language_drift"


def test_a_fusion_that_cuts_its_alt_text_short_and_an_english_label_around_french_names():
    from filters.drift import LanguageDrift
    from filters.generated import Echo

    alt = "Bosch Professional GSR 18V-55 Akku-Bohrschrauber inkl. 2x 2,0Ah Akku + L-BOXX | Art.-Nr. 0601"
    seen = ("A blue cordless drill with a black grip and a battery pack attached.",)
    cut = "Bosch Professional GSR 18V-55 Akku-Bohrschrauber inkl. 2x 2,0Ah Akku + L-BOXX"
    assert Echo().reason(Generation("k", "s", 0, cut, alt, "stop", context=seen)) == "echo_input"
    fused = "Blauer Bosch GSR 18V-55 Akku-Bohrschrauber mit schwarzem Griff, 2x 2,0Ah Akku und L-BOXX"
    assert Echo().reason(Generation("k", "s", 0, fused, alt, "stop", context=seen)) is None
    label = "Portrait of Louis XIV, King of France, oil on canvas, c. 1701, Hyacinthe Rigaud, Musée du Louvre"
    rewrite = "Hyacinthe Rigaud's oil-on-canvas portrait of Louis XIV, King of France, painted around 1701."
    assert LanguageDrift().reason(Generation("k", "s", 0, rewrite, label, "stop")) is None


def test_a_two_word_phrase_left_untranslated_is_an_echo_a_two_word_name_is_not():
    from filters.generated import Echo

    chair = Generation("k", "s", 0, "Wooden chair", "Wooden chair", "stop", lang="fr")
    assert Echo().reason(chair) == "echo_input"
    brand = Generation("k", "s", 0, "Nike Air", "Nike Air", "stop", lang="fr")
    assert Echo().reason(brand) is None


def test_a_copy_with_its_html_entities_decoded_is_an_echo_and_a_names_language_is_not_the_sources():
    from filters.drift import LanguageDrift
    from filters.generated import Echo

    alt = "Mills &amp; Boon Ltd opens 2nd shop &ndash; Kemptown, Brighton"
    decoded = "Mills & Boon Ltd opens 2nd shop – Kemptown, Brighton"
    assert Echo().reason(Generation("k", "s", 0, decoded, alt, "stop")) == "echo_input"
    rewritten = "Mills & Boon Ltd has opened its second shop, in Kemptown, Brighton."
    assert Echo().reason(Generation("k", "s", 0, rewritten, alt, "stop")) is None
    # Polish names sway the models; the alt-text's own words are English.
    match = "Wójcik saves Kowalczyk's penalty | Śląsk Wrocław v Górnik Zabrze, 02.09.2023 | fot. Newspix"
    seen = ("a goalkeeper in a yellow kit diving to his right while a player in white watches",)
    fused = ("Goalkeeper Wójcik, in a yellow kit, dives to his right to save Kowalczyk's penalty as a player "
             "in white watches, Śląsk Wrocław v Górnik Zabrze, 2 September 2023.")
    assert LanguageDrift().reason(Generation("k", "s", 0, fused, match, "stop", context=seen)) is None
    german = ("Torwart Wójcik im gelben Trikot hält den Elfmeter von Kowalczyk, Śląsk Wrocław gegen Górnik "
              "Zabrze, 2. September 2023.")
    drift = LanguageDrift().reason(Generation("k", "s", 0, german, match, "stop", context=seen))
    assert drift == "language_drift"


def test_german_nouns_left_untranslated_are_an_echo_and_an_order_line_before_a_caption_leaks():
    from filters.generated import Echo, Leak

    lamp = "Schreibtischlampe Metall Schwarz"
    assert Echo().reason(Generation("k", "s", 0, lamp, lamp, "stop", lang="en")) == "echo_input"
    for name in ("Haus Schwarzenberg Wien", "Haus Schwarzenberg"):
        assert Echo().reason(Generation("k", "s", 0, name, name, "stop", lang="en")) is None
    order = "Describe the picture in a single sentence.\nA brass hose coupling on a garden tap."
    assert Leak().reason(Generation("k", "s", 0, order, "IMG_2231.JPG", "stop")) == "prompt_leak"
    slogan = "Describe your dream in one sentence"
    poster = f"{slogan}\nA poster with that slogan in white letters."
    assert Leak().reason(Generation("k", "s", 0, poster, slogan, "stop")) is None
    # the task named in the output's language: the alt-text, a Japanese translation
    order = "Reescribe este texto alternativo en una frase. Tarta de queso vasca con frutos rojos."
    assert Leak().reason(Generation("k", "s", 0, order, "Tarta de queso vasca", "stop")) == "prompt_leak"
    said = "以下は日本語訳です：木製のまな板、40cm"
    assert Leak().reason(Generation("k", "s", 0, said, "Wooden cutting board, 40 cm", "stop", lang="ja")) == \
        "prompt_leak"


def test_here_is_in_more_languages_a_recipes_advice_and_a_declined_name_kept_in_a_translation():
    from filters.generated import Refusal

    def why(text: str, source: str) -> str | None:
        return Refusal().reason(Generation("k", "s", 0, text, source, "stop"))

    fridge = "Vând frigider Arctic cu congelator, 2 uși, 305 l, Cluj-Napoca, 900 lei"
    assert why("Iată descrierea rescrisă: Frigider Arctic cu două uși, 305 litri.", fridge) == "refusal"
    plain = "Frigider Arctic cu două uși, 305 litri, de vânzare în Cluj-Napoca cu 900 de lei."
    assert why(plain, fridge) is None
    assert why("Oto opis: lodówka Arctic z zamrażarką.", "Lodówka Arctic z zamrażarką") == "refusal"
    curry = "Vegan chickpea curry with spinach and coconut milk"
    advice = "To make a great curry, toast your whole spices first, then add onions."
    assert why(advice, curry) == "not_a_caption"
    assert why("A bowl of vegan chickpea curry with spinach, made to a family recipe.", curry) is None
    # Gubałówki is Gubałówka declined: a name the translation kept, not Polish left in it
    assert _drift("Zakopane: view of Giewont from Gubałówka in winter, Tatra Mountains",
                  "Zakopane, widok na Giewont z Gubałówki zimą, Tatry", lang="en") is None
    assert _drift("Zakopane: widok na Giewont z Gubałówki w zimie, Tatry Wysokie",
                  "Zakopane, widok na Giewont z Gubałówki zimą, Tatry", lang="en") == "language_drift"


def test_an_english_listing_left_untranslated_is_an_echo_a_name_is_not():
    from filters.generated import Echo

    def why(text: str, source: str, lang: str) -> str | None:
        return Echo().reason(Generation("k", "s", 0, text, source, "stop", "", lang))

    shoes = "Nike Air Force 1 '07 Men's Shoes White/White Size 10 – Brand New in Box"
    assert why(shoes, shoes, "it") == "echo_input"
    assert why("iPhone 15 Pro Max", "iPhone 15 Pro Max", "fr") is None


def test_advice_in_one_phrase_is_no_caption():
    from filters.generated import Refusal

    def why(text: str, source: str) -> str | None:
        return Refusal().reason(Generation("k", "s", 0, text, source, "stop"))

    race = "Cross-country race for primary schools, Parco Ducale, Parma – boys' category"
    advice = "Cycling builds stamina, so it is important to warm up well and drink enough water."
    assert why(advice, race) == "not_a_caption"
    assert why("Boys run across the grass of Parco Ducale in Parma during a school cross-country race.",
               race) is None
    sign = "Wash your hands: it is important to stay healthy"
    assert why("A sign that reads: wash hands, it is important to stay healthy.", sign) is None
