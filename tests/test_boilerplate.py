"""Each boilerplate rule on a small page of its own, written as other sites would write it."""

from newsreport.boilerplate import (
    breadcrumbs,
    carousel_counters,
    comment_forms,
    cookie_notices,
    find_boilerplate,
    indented_blocks,
    lone_captions,
    promotions,
    sponsor_notes,
)

BODY = "The ministers agreed to share more information on suspects across the region, " \
       "and to train border officers in the use of the databases this year."


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_breadcrumb_words_and_trails_at_the_top_only():
    page = lines(f"Home > News > Africa\n\nTitle of the story\n\n{BODY}\n\nNews")
    assert breadcrumbs(page) == {0: "breadcrumb"}
    assert breadcrumbs(lines(f"Actualités\nTitre\n{BODY}")) == {0: "breadcrumb"}


def test_cookie_notice_and_its_buttons():
    page = lines(f"{BODY}\n\nWe use cookies to improve your experience.\nAccept\n\nLearn more\n")
    assert cookie_notices(page) == {2: "cookie notice", 3: "cookie notice", 5: "cookie notice"}


def test_notices_are_found_whatever_their_case():
    # "COOKİES" has the Turkish dotted capital I, which re.IGNORECASE takes for an "i"
    page = lines(f"{BODY}\n\nWE USE COOKIES.\nACCEPT\n\nCe site utilise des TÉMOINS DE CONNEXION\n\nCOOKİES")
    assert cookie_notices(page) == {2: "cookie notice", 3: "cookie notice", 5: "cookie notice", 7: "cookie notice"}
    assert comment_forms(lines(f"{BODY}\nYOUR EMAIL ADDRESS WILL NOT BE PUBLISHED")) == {1: "comment form"}
    assert comment_forms(lines(f"{BODY}\nLEAVE A REPLY\nName")) == {1: "comment form", 2: "comment form"}
    assert sponsor_notes(lines(f"{BODY}\nSPONSORED CONTENT")) == {1: "sponsor note"}


def test_cookie_button_words_without_a_notice_stay():
    assert cookie_notices(lines(f"{BODY}\nLearn more")) == {}


def test_comment_form_takes_everything_after_its_heading():
    page = lines(f"{BODY}\n\nLaisser un commentaire\n\nNom\nCourriel\n")
    assert comment_forms(page) == {2: "comment form", 4: "comment form", 5: "comment form"}


def test_comment_form_stock_sentence_anywhere():
    page = lines(f"{BODY}\nYour email address will not be published.")
    assert comment_forms(page) == {1: "comment form"}


def test_sponsor_note_only_near_the_end():
    note = "This website is funded by the Example Foundation."
    assert sponsor_notes(lines(f"{BODY}\n{note}")) == {1: "sponsor note"}
    early = lines(f"{note}\n" + "\n".join([BODY] * 6))
    assert sponsor_notes(early) == {}


def test_carousel_counter_on_one_or_two_lines():
    assert carousel_counters(lines(f"{BODY}\n   2 /\n   7\n{BODY}")) == {
        1: "carousel counter", 2: "carousel counter"}
    assert carousel_counters(lines(f"{BODY}\n3/12")) == {1: "carousel counter"}


def test_indented_blocks_are_captions_before_a_counter_and_highlights_elsewhere():
    page = lines(
        f"{BODY}\n"
        "        A minister speaks at the podium.\n"
        "        1 /\n"
        "        4\n"
        f"{BODY}\n"
        "            Officers will be trained in the use of the databases.\n"
        f"{BODY}"
    )
    assert indented_blocks(page) == {1: "image caption", 5: "highlight box"}


def test_indented_list_items_and_pages_without_flush_body_stay():
    assert indented_blocks(lines(f"{BODY}\n    • Counter terrorism;\n    1. Secure borders")) == {}
    assert indented_blocks(lines(f"    {BODY}\n    {BODY}")) == {}


def test_lone_caption_is_a_short_name_between_paragraphs():
    page = lines(f"{BODY}\n\nMaria Dos Santos\n\n{BODY}")
    assert lone_captions(page) == {2: "image caption"}
    assert lone_captions(lines(f"{BODY}\n\nPhoto: Reuters\n\n{BODY}")) == {2: "image caption"}


def test_a_short_sentence_is_not_a_caption():
    assert lone_captions(lines(f"{BODY}\n\nThe talks failed.\n\n{BODY}")) == {}
    assert lone_captions(lines(f"{BODY}\n\nin the end\n\n{BODY}")) == {}


def test_first_rule_to_claim_a_line_wins():
    page = lines(f"{BODY}\n\nLeave a Reply\n\nWe use cookies here.")
    assert find_boilerplate(page) == {2: "comment form", 4: "comment form"}


def test_a_date_line_with_a_pipe_is_no_breadcrumb_trail():
    assert breadcrumbs(lines(f"12 March 2019 | Updated 14:00\nTitle\n{BODY}")) == {}
    assert breadcrumbs(lines(f"Home | News\nTitle\n{BODY}")) == {0: "breadcrumb"}


def test_promotions_on_a_line_of_their_own_in_three_languages():
    promoted = ["Read more: INTERPOL warns of new fraud schemes", "► Lire aussi : La police renforce ses contrôles",
                "اقرأ أيضا: الإنتربول يحذر من الاحتيال", "Follow us on Twitter and Facebook", "ALSO READ | Chiefs meet",
                "Subscribe to our newsletter to get the latest news", "تابعونا على فيسبوك وتويتر", "Read more »",
                "Lire aussi :", "اقرأ ايضاً :", "Sur le même sujet : le G20", "Related:",
                "Lire aussi Le Maroc renforce sa police", "Read also “Chiefs meet in Tunis”",
                "اقرأ أيضا الإنتربول يحذر من الاحتيال"]  # the linked headline with no separator
    page = lines("\n".join(f"{BODY}\n{line}" for line in promoted))
    assert promotions(page) == {i: "promotion" for i in range(1, 2 * len(promoted), 2)}
    article = ["Related to the talks, the ministers agreed to meet again.", "Following the meeting, police met.",
               "Read more carefully, the report says more.", "See also the annex.", "See also the annex",
               "Voir aussi Le Monde, qui a publié le rapport en entier.",
               "Related-party transactions at the bank rose sharply last year.", "Sign up to the treaty, Iran urged.",
               "Sign up for Medicare begins in October", "Follow us, the commander told the villagers.",
               "Suivez-nous, a lancé le manifestant aux policiers.", "اشترك في الهجوم ثلاثة مسلحين على الأقل.",
               "Subscribe to " + "the idea that police forces must share information across borders " * 3]
    assert promotions(lines("\n".join(article))) == {}  # the article's own sentences
