"""Psychological safety survey scoring, reverse items and the anonymity threshold."""

from __future__ import annotations

from datetime import date

import pytest

from teamkeel.core.errors import ValidationError
from teamkeel.core.insights.survey import (
    SurveyRound,
    check_answers,
    effective_min_responses,
    parse_csv,
    parse_lines,
    respondent_score,
    round_result,
    scored,
    summarize,
)

SAFEST = (1, 7, 1, 7, 1, 7, 7)  # disagrees with every negative item, agrees with the rest
LEAST_SAFE = (7, 1, 7, 1, 7, 1, 1)
NEUTRAL = (4,) * 7


def test_items_one_three_and_five_are_reversed():
    assert scored((2, 5, 3, 6, 4, 5, 6)) == (6, 5, 5, 6, 4, 5, 6)
    assert respondent_score(SAFEST) == 7
    assert respondent_score(LEAST_SAFE) == 1
    assert respondent_score((2, 5, 3, 6, 4, 5, 6)) == pytest.approx(37 / 7)


def test_round_mean_and_item_means_and_no_individual_extremes():
    r = round_result(
        SurveyRound(1, date(2026, 3, 1), (SAFEST, LEAST_SAFE, NEUTRAL, NEUTRAL, NEUTRAL))
    )
    assert r.responses == 5
    assert r.mean == pytest.approx(4)  # scores 7, 1, 4, 4, 4
    # No spread of five answers, and no lowest or highest score: they are people.
    assert r.middle_half is None
    assert not {"lowest", "highest", "spread"} & set(vars(r))
    assert r.item_means == pytest.approx((4,) * 7)

    r = round_result(
        SurveyRound(
            2,
            date(2026, 6, 1),
            ((2, 5, 3, 6, 4, 5, 6), (1, 6, 1, 5, 2, 7, 7), (3, 4, 2, 4, 5, 3, 5)),
        )
    )
    # scored: (6,5,5,6,4,5,6), (7,6,7,5,6,7,7), (5,4,6,4,3,3,5)
    assert r.item_means == pytest.approx((6, 5, 6, 5, 13 / 3, 5, 6))
    assert r.mean == pytest.approx((37 / 7 + 45 / 7 + 30 / 7) / 3)


def test_the_middle_half_shows_from_ten_answers_and_hides_the_ends():
    nine = (SAFEST, LEAST_SAFE) + (NEUTRAL,) * 7
    assert round_result(SurveyRound(1, date(2026, 3, 1), nine)).middle_half is None
    ten = round_result(SurveyRound(2, date(2026, 3, 1), (*nine, NEUTRAL)))
    assert ten.middle_half == (4, 4)  # the 1 and the 7 are nowhere to be seen


def test_small_rounds_are_withheld_and_threshold_never_below_three():
    big = SurveyRound(1, date(2026, 1, 10), (SAFEST,) * 3 + (NEUTRAL,) * 2)
    small = SurveyRound(2, date(2026, 4, 10), (LEAST_SAFE,) * 4)
    s = summarize([small, big])
    assert [r.round_id for r in s.results] == [1]
    assert (s.withheld, s.min_responses) == (1, 5)
    assert summarize([small, big], 4).withheld == 0
    tiny = SurveyRound(3, date(2026, 5, 1), (LEAST_SAFE,) * 2)
    assert summarize([tiny], 1).results == ()  # 1 is raised to the floor of 3
    assert effective_min_responses(2) == 3 and effective_min_responses(None) == 5


def test_answers_are_checked_with_the_item_named():
    assert check_answers(["1", " 7", 3, 4, 5, 6, 7]) == (1, 7, 3, 4, 5, 6, 7)
    with pytest.raises(ValidationError, match="item 2: 8 is outside 1–7"):
        check_answers([1, 8, 3, 4, 5, 6, 7])
    with pytest.raises(ValidationError, match="needs 7 answers"):
        check_answers([1, 2, 3])


def test_csv_skips_header_and_blank_rows_and_never_reads_extra_columns():
    text = (
        "\ufeffQ1,Q2,Q3,Q4,Q5,Q6,Q7,Timestamp\n1,7,1,7,1,7,7,2026-03-01 09:14\n\n4,4,4,4,4,4,4,x\n"
    )
    assert parse_csv(text) == [SAFEST, NEUTRAL]


def test_csv_from_a_spreadsheet_with_semicolons_or_tabs():
    semicolons = (
        '\ufeff"Mistakes are held against you";Q2;Q3;Q4;Q5;Q6;Q7\n1;7;1;7;1;7;7\n4;4;4;4;4;4;4\n'
    )
    assert parse_csv(semicolons) == [SAFEST, NEUTRAL]
    assert parse_csv("1\t7\t1\t7\t1\t7\t7\n") == [SAFEST]


def test_csv_errors_name_the_line():
    with pytest.raises(ValidationError) as e:
        parse_csv("1,2,3,4,5,6,7\n1,2,3,four,5,6,7\n1,2,3\n")
    where = [p.where for p in e.value.problems]
    assert where == ["line 2", "line 3"]


def test_typed_lines_accept_spaces_commas_or_seven_digits():
    from teamkeel.core.insights.survey import parse_lines

    assert parse_lines("1 7 1 7 1 7 7\n\n4,4,4,4,4,4,4\n2635266\n") == [
        SAFEST,
        NEUTRAL,
        (2, 6, 3, 5, 2, 6, 6),
    ]
    with pytest.raises(ValidationError, match="line 2: needs 7 answers, found 6"):
        parse_lines("1 7 1 7 1 7 7\n4 4 4 4 4 4\n")


def test_a_stray_carriage_return_is_refused_with_its_line_not_a_traceback() -> None:
    import pytest

    from teamkeel.core.errors import ValidationError
    from teamkeel.core.insights.survey import parse_csv

    with pytest.raises(ValidationError) as err:
        parse_csv('1,2,3,4,5,6,7\n"1,2\r,3",4,5,6,7,8\n')
    assert err.value.problems[0].where.startswith("line ")


def test_digit_like_characters_that_are_not_numbers_are_refused_with_their_line() -> None:
    # "²" and "①" count as digits to str.isdigit() but int() cannot read them.
    with pytest.raises(ValidationError, match="line 1"):
        parse_lines("①234567")
    with pytest.raises(ValidationError, match="item 2"):
        parse_lines("1 ② 3 4 5 6 7")
    with pytest.raises(ValidationError, match="line 2"):
        parse_csv("1,2,3,4,5,6,7\n1,2,3,4,5,6,²\n")
