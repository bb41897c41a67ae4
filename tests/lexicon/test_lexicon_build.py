"""The builder's readers and joins on small hand-made inputs (the Debian packages are not needed)."""

from bireader.lexicon.apertium import BidixPair, enumerate_paths, split_analysis
from bireader.lexicon.build import order_senses, pivot_rows, pivot_senses, reverse_rows
from bireader.lexicon.freedict import DictEntry, decode_b64, parse_entry, split_alternatives


def test_dictd_index_numbers_are_base64_digits():
    assert decode_b64("A") == 0
    assert decode_b64("B") == 1
    assert decode_b64("BA") == 64
    assert decode_b64("IT7") == 8 * 64 * 64 + 19 * 64 + 59


def test_freedict_entry_gives_headword_pos_and_numbered_senses_in_order():
    entry = parse_entry("abaisser /abɛse/ <v>\n1. cry down, run down\n2.  [fig] abase\n3. abase\n")
    assert entry == DictEntry("abaisser", "VERB", ["cry down, run down", "abase"])
    assert parse_entry("maison /mɛzɔ̃/ <n, fem>\nhouse\n").pos == "NOUN"
    assert parse_entry("de /də/\nfrom, of\n").pos is None


def test_alternatives_split_on_commas_outside_brackets():
    assert split_alternatives("s'élancer, se précipiter") == ["s'élancer", "se précipiter"]
    assert split_alternatives("look (at, upon), watch") == ["look (at, upon)", "watch"]


def test_transducer_paths_are_enumerated_and_regex_sections_skipped():
    att = "\n".join([
        "0\t1\tc\tk\t0.0", "1\t2\ta\ta\t0.0", "2\t3\tt\tt\t0.0", "3\t4\t<n>\t<n>\t0.0", "4\t0.0",
        "0\t5\t1\t1\t0.0",  # digits are not followed
        "--",
        "0\t1\tz\tz\t0.0", "1\t1\tz\tz\t0.0", "1\t0.0",
    ])
    paths = enumerate_paths(att)
    assert ("cat<n>", "kat<n>") in paths
    assert all("1" not in inp for inp, _ in paths)


def test_apertium_analysis_keeps_the_multiword_lemma_and_maps_the_pos():
    assert split_analysis("billet# de banque<n><m>") == ("billet de banque", "NOUN", "<n><m>")
    assert split_analysis("prendre<vblex>")[:2] == ("prendre", "VERB")


def test_pivot_joins_on_lemma_and_pos_and_agreeing_pivots_come_first():
    fr_es = [BidixPair("maison", "NOUN", "casa", "NOUN"), BidixPair("avoir", "VERB", "tener", "VERB")]
    es_en = [BidixPair("casa", "NOUN", "house", "NOUN"), BidixPair("casa", "NOUN", "home", "NOUN"),
             BidixPair("tener", "VERB", "have", "VERB"), BidixPair("tener", "NOUN", "holder", "NOUN")]
    fr_eo = [BidixPair("maison", "NOUN", "hejmo", "NOUN")]
    eo_en = [BidixPair("hejmo", "NOUN", "home", "NOUN")]
    joins = [pivot_senses(fr_es, es_en), pivot_senses(fr_eo, eo_en)]
    assert joins[0][("avoir", "VERB")] == ["have"]  # same POS only
    rows = {(lemma, pos): senses for lemma, pos, _, senses in pivot_rows(joins)}
    assert rows[("maison", "NOUN")] == ["home", "house"]  # two pivots say "home"


def test_reversed_dictionary_glosses_each_alternative_by_the_headword():
    rows = reverse_rows([DictEntry("run", None, ["courir", "s'élancer, se précipiter"])])
    assert ("courir", None, "freedict-reverse", ["run"]) in rows
    assert ("se précipiter", None, "freedict-reverse", ["run"]) in rows


def test_senses_another_source_confirms_come_first():
    rows = [
        ("aller", "VERB", "freedict", ["fare", "go, ride, travel"]),
        ("aller", "VERB", "apertium-pivot", ["go"]),
    ]
    ordered = [senses[0] for _, _, _, senses in order_senses(rows, "en")]
    assert ordered[0] == "go, ride, travel"
    assert ordered.index("fare") > ordered.index("go")
