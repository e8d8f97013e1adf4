"""Output filters on small explicit cases, and the quality floor on the labeled fixture set."""

import sys
from pathlib import Path

import pytest

from filters.generated import Generation, Leak, Refusal, Repetition, Truncated
from pipeline.kinds import KINDS
from pipeline.prompts import load_template
from pipeline.spec import OutputFilterSpec
from pipeline.tasks import output_filters

REWRITE = load_template("prompts/rewrite.j2")


def gen(text, source="a red car parked by the sea", finish="stop", lang=None, body=REWRITE.body):
    return Generation("k", "s", 0, text, source, finish, body, lang, "en")


def test_truncation_is_finish_reason_length():
    assert Truncated().reason(gen("A red car parked by the", finish="length")) == "truncated"
    assert Truncated().reason(gen("A red car parked by the sea.")) is None


def test_echo_near_copies_and_names_a_translation_may_keep():
    from filters.generated import Echo

    e = Echo()
    assert e.reason(gen("Wedding 2019 final v2", "wedding-2019-final_v2.png")) == "echo_input"
    assert e.reason(gen("Caption this: a red car parked by the sea")) == "echo_input"
    assert e.reason(gen("A red car parkd by the sea.")) == "echo_input"  # one typo
    assert e.reason(gen("iPhone 15 Pro Max 256GB", "iPhone 15 Pro Max 256GB", lang="ko")) is None
    assert e.reason(gen("a red car parked by the sea.", lang="fr")) == "echo_input"  # left untranslated
    # a source in capitals reads as a name; its copy in sentence case shows it was not one
    caps = "SPAGHETTI ALLE VONGOLE - RICETTA NAPOLETANA"
    assert e.reason(gen("Spaghetti alle vongole - ricetta napoletana", caps, lang="en")) == "echo_input"
    assert e.reason(gen("Coca-Cola Zero Sugar", "COCA-COLA ZERO SUGAR", lang="de")) is None
    name = "Sony WH-1000XM5 Wireless Headphones Black"
    seen = Generation("k", "s", 0, name, name, "stop", lang="en", sees_image=True)
    assert e.reason(seen) == "echo_input"  # a VLM that copies its alt-text wrote no caption
    # A fusion that copies its visual caption dropped the alt-text's entities; a file name has none.
    fused = Generation("k", "s", 0, "A dog runs on a beach.", "Bruno at Bondi Beach, Sydney", "stop",
                       context=("A dog runs on a beach",))
    assert e.reason(fused) == "echo_input"
    filed = Generation("k", "s", 0, "A dog runs on a beach.", "DSC_0917.JPG", "stop",
                       context=("A dog runs on a beach",))
    assert e.reason(filed) is None


def test_leak_catches_recited_instructions_and_scaffold_not_source_words():
    assert Leak().reason(gen("Keep every fact the alt-text states, a red car.")) == "prompt_leak"
    assert Leak().reason(gen("A red car. Alt-text: a blue car")) == "prompt_leak"
    assert Leak().reason(gen("Translation: Un coche rojo.")) == "prompt_leak"
    assert Leak().reason(gen("A red car parked by the sea at dusk.")) is None
    # words the instruction and the source share are the source's, not a leak
    src = "poster: keep every fact the alt-text states"
    assert Leak().reason(gen("A poster that reads keep every fact the alt-text states", src)) is None


def test_refusals_in_translations_but_not_translated_signs():
    assert Refusal().reason(gen("Lo siento, pero no puedo traducir esto.")) == "refusal"
    assert Refusal().reason(gen("抱歉，我无法翻译这段内容。")) == "refusal"
    assert Refusal().reason(gen("Sure! Here is the rewritten caption: a red car")) == "refusal"
    assert Refusal().reason(gen("Табличка «Извините, мы закрыты» на двери кафе.")) is None
    assert Refusal().reason(gen("عذراً، لا يمكنني إعادة صياغة هذا النص.")) == "refusal"
    assert Refusal().reason(gen("Saya tidak dapat melihat gambar ini.")) == "refusal"
    assert Refusal().reason(gen("Một tấm biển ghi xin lỗi vì sự bất tiện.")) is None  # a sign: sorry
    assert Refusal().reason(gen("A poster for a lecture on AI language models.")) is None


def test_thai_counts_words_by_letters_as_chinese_does_by_characters():
    from filters.generated import _word_count

    assert _word_count("ช้างในเขตอนุรักษ์ใกล้เชียงใหม่") >= 5  # elephants in a reserve near Chiang Mai
    assert _word_count("东京塔夜景") == 3 and _word_count("Tokyo Tower at night") == 4


def test_repetition_in_text_without_spaces_and_engine_detection():
    assert Repetition().reason(gen("一个男孩骑自行车骑自行车骑自行车骑自行车")) == "repetition"
    assert Repetition().reason(gen("A red car.", finish="repetition")) == "repetition"
    assert Repetition().reason(gen("A mug printed with 'coffee coffee coffee'.")) is None


def test_a_target_written_in_cyrillic_by_cldr_and_a_listing_kept_in_one_of_its_languages():
    from filters.drift import LanguageDrift

    f = LanguageDrift()
    # Belarusian is written in Cyrillic (CLDR), Serbian in either script
    assert f.reason(gen("Мірскі замак зімой", "Mir Castle in winter", lang="be")) is None
    assert f.reason(gen("Mirski zamak zimoj", "Mir Castle in winter", lang="be")) == "language_drift"
    assert f.reason(gen("Мирски дворац зими", "Mir Castle in winter", lang="sr")) is None
    olive = "Bio Olivenöl extra vergine 500 ml | Organic extra virgin olive oil | Huile d'olive vierge extra"
    assert f.reason(gen("Dunkle Glasflasche Bio-Olivenöl extra vergine, 500 ml, mit Etikett.", olive)) is None
    src = "Marché de Noël à Strasbourg avec des lumières"
    assert f.reason(gen("Ein Weihnachtsmarkt in Straßburg mit vielen Lichtern.", src)) == "language_drift"


def test_language_drift():
    from filters.drift import LanguageDrift

    f = LanguageDrift()
    assert f.reason(gen("A lighthouse at sunset by the sea.", "Um farol ao pôr do sol", lang="pt")) == \
        "language_drift"
    assert f.reason(gen("Um farol ao pôr do sol junto ao mar.", "A lighthouse at sunset", lang="pt")) is None
    assert f.reason(gen("iPhone 15 Pro Max 256GB", "iPhone 15 Pro Max 256GB", lang="ko")) is None
    # A name copied as it is must still be in a script the target language is written in.
    hermitage = "Эрмитаж, Санкт-Петербург"
    assert f.reason(gen(hermitage, hermitage, lang="de")) == "language_drift"
    assert f.reason(gen("浅草寺の雷門", "浅草寺の雷門", lang="en")) == "language_drift"
    assert f.reason(gen("東京タワー", "東京タワー", lang="ja")) is None
    src = "Marché de Noël à Strasbourg avec des lumières"
    assert f.reason(gen("Ein Weihnachtsmarkt in Straßburg mit vielen Lichtern.", src)) == "language_drift"
    assert f.reason(gen("Un marché de Noël illuminé à Strasbourg, le soir.", src)) is None
    # a source too short to have a language allows the prompt's (English)
    assert f.reason(gen("Overwater bungalows in the turquoise lagoon of Bora Bora.", "Bora Bora")) is None


def test_fidelity_uses_the_real_minilm_model():
    from filters.drift import Fidelity

    f = Fidelity(0.5)
    src = "Red leather ankle boots size 38"
    ok = gen("A pair of red leather ankle boots in size 38.", src)
    drift = gen("A golden retriever in a field.", src)
    assert f.reasons([ok, drift]) == [None, "semantic_drift"]
    # A fusion that retells its visual caption and keeps none of the alt-text's names drifted.
    alt, seen = "Serena Williams serves at Wimbledon, June 28, 2022", ("a woman in white serves on grass",)
    lost = Generation("k", "s", 0, "A tennis player in white serves on grass.", alt, "stop", context=seen)
    kept = Generation("k", "s", 0, "Serena Williams serves on grass at Wimbledon.", alt, "stop", context=seen)
    why = Fidelity(0.3).reasons([lost, kept])
    assert why == ["semantic_drift", None] and "Wimbledon" in why[0].detail


def test_an_image_caption_is_compared_with_an_english_alt_text_it_was_shown():
    from filters.drift import Fidelity

    f = Fidelity(0.1)
    caption = lambda text, source, sees=True: Generation("k", "s", 0, text, source, "stop",  # noqa: E731
                                                          lang="en", sees_source=sees, sees_image=True)
    bridge = "Golden Gate Bridge in fog"
    salad = "A bowl of salad with cherry tomatoes and cucumber slices."
    assert f.reasons([caption(salad, bridge)]) == ["semantic_drift"]
    assert f.reasons([caption("The Golden Gate Bridge rising out of thick fog.", bridge)]) == [None]
    # MiniLM reads English only: a Japanese alt-text or a file name is no subject to compare with;
    # nor is an alt-text the prompt never showed (the image may be of something else).
    assert f.reasons([caption(salad, "渋谷 スクランブル交差点 夜"), caption(salad, "DSC_0042.JPG"),
                      caption(salad, bridge, sees=False)]) == [None, None, None]


def test_kind_defaults_and_job_overrides():
    names = lambda kind, **kw: [f.name for f in output_filters(KINDS[kind], OutputFilterSpec(**kw))]  # noqa: E731
    assert "fidelity" in names("rewrite") and "echo" in names("rewrite")
    assert "fidelity" not in names("translate") and "facts" in names("translate")
    off = names("rewrite", truncation=False, language=False, min_similarity=0)
    assert "truncation" not in off and "language" not in off and "fidelity" not in off
    assert names("describe") == []  # JSON: the schema is the filter


def test_the_bench_judges_the_alt_text_a_job_shows_its_prompt():
    """A job cleans the alt-text (entities, full-width forms) before any prompt sees it; the
    bench reads each labeled source the same way."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import filter_quality as fq

    row = {"id": "x", "task": "rewrite", "source": "Tom &amp;amp; Jerry mug\u00a0 350&nbsp;ml",
           "output": "Tom & Jerry mug 350 ml", "finish_reason": "stop"}
    g = fq.generation(row)
    assert g.source == "Tom & Jerry mug 350 ml"
    chain = fq.output_filters(KINDS["rewrite"], OutputFilterSpec())
    assert [f.name for f in chain if f.reason(g)] == ["echo"]


def test_filter_quality_on_the_test_split_does_not_regress():
    """Figures, not timings: the test split (never tuned on) holds what it measured when the
    filters last changed; bench/filter_quality.py prints them with every miss."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import filter_quality as fq

    rows = [r for r in fq.load_rows() if r["split"] == "test"]
    assert len(rows) >= 1200 and len({r["id"] for r in rows}) == len(rows)
    figures = fq.figures(rows)
    assert figures["recall"] >= TEST_RECALL_FLOOR, figures
    assert figures["false_rejects"] <= TEST_FALSE_REJECT_CEILING, figures


# The test split's figures when the filters last changed (3064/3638 recall, 170/4277 false
# rejects, with batches CS to CV added: their test halves measured before any tuning on their
# dev halves, see tests/data/README.md), less a margin of about two rows.
TEST_RECALL_FLOOR = 0.841
TEST_FALSE_REJECT_CEILING = 0.0403


@pytest.mark.parametrize("mode", ["CMYK", "P", "RGBA", "LA"])
def test_images_become_opaque_rgb(mode):
    import io

    from PIL import Image

    from pipeline.images import decode_image

    img = Image.new(mode, (6, 4))
    if mode == "P":
        img.info["transparency"] = 0
    buf = io.BytesIO()
    img.save(buf, "JPEG" if mode == "CMYK" else "PNG")
    out = decode_image(buf.getvalue())
    assert out.mode == "RGB" and out.size == (6, 4)
    if mode != "CMYK":
        assert out.getpixel((0, 0)) == (255, 255, 255)  # transparent pixels flattened onto white


def test_animated_first_frame_and_exif_orientation():
    import io

    from PIL import Image

    from pipeline.images import decode_image

    frames = [Image.new("RGB", (8, 8), c) for c in ((255, 0, 0), (0, 0, 255))]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=50)
    assert decode_image(buf.getvalue()).getpixel((0, 0))[0] > 200  # red: frame 0
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    buf = io.BytesIO()
    Image.new("RGB", (40, 20)).save(buf, "JPEG", exif=exif)
    assert decode_image(buf.getvalue()).size == (20, 40)


def test_an_echo_with_only_accents_added_and_a_korean_scaffold():
    from filters.generated import Echo

    src = "Real Madrid vs Barcelona El Clasico Santiago Bernabeu"
    accented = "Real Madrid vs. Barcelona, El Clásico, Santiago Bernabéu"
    assert Echo().reason(gen(accented, src)) == "echo_input"
    assert Echo().reason(gen("El Clásico: Real Madrid against Barcelona at the Bernabéu.", src)) is None
    # "Here is the rewritten caption:"
    scaffold = "다음은 다시 쓴 캡션입니다: 제주도 성산일출봉에서 바라본 일출."
    assert Leak().reason(gen(scaffold, "제주도 성산일출봉 일출")) == "prompt_leak"
    assert Leak().reason(gen("제주도 성산일출봉에서 바라본 일출.", "제주도 성산일출봉 일출")) is None
