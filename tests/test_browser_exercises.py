"""The lessons' shape questions in Chromium, both languages, on a phone: answered by keyboard, judged by
the explorer's model against torch's shape, the verdict in a live region; without JavaScript no field,
and the answers still folded in the page."""

import re

import pytest

from built import LANGUAGES
from page_checks import PHONE
from shape_questions import all_shape_questions

QUESTIONS = all_shape_questions()
CJK = re.compile(r"[\u4e00-\u9fff]")


def tuple_text(shape: list[int]) -> str:
    return f"({', '.join(map(str, shape))})" if len(shape) > 1 else f"({shape[0]},)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_shape_question_judges_by_keyboard_what_torch_gives(page, site_url, language):
    page.set_viewport_size(PHONE)
    pages = sorted({question.page for question in QUESTIONS})
    for lesson in pages:
        page.goto(f"{site_url}/{language}/{lesson}.html", wait_until="networkidle")
        boxes = page.locator(".lstm-shape-check")
        asked = [question for question in QUESTIONS if question.page == lesson]
        assert boxes.count() == len(asked), lesson
        for index, question in enumerate(asked):
            box = boxes.nth(index)
            assert box.is_visible(), f"{lesson}: question {index + 1} shows no field"
            field = box.get_by_role("textbox")
            status = box.get_by_role("status")
            label = box.locator("label").inner_text()
            assert question.tensor in label and bool(CJK.search(label)) == (language == "zh_CN"), label
            assert box.get_by_label(label, exact=True).count() == 1, f"{lesson}: the field is not named by its label"
            right = question.torch_shape()
            wrong = [right[0] + 1, *right[1:]]

            field.focus()
            field.fill(tuple_text(wrong))
            page.keyboard.press("Enter")
            assert status.get_attribute("data-verdict") == "wrong", (lesson, index)
            assert tuple_text(wrong) in status.inner_text()
            assert field.get_attribute("aria-invalid") == "true"

            field.fill("N, L, H")
            page.keyboard.press("Tab")  # to the button, which checks on Enter as well
            assert box.get_by_role("button").evaluate("b => b === document.activeElement")
            page.keyboard.press("Enter")
            assert status.get_attribute("data-verdict") == "unreadable"

            # A Chinese keyboard's full-width commas and brackets read the same.
            typed = tuple_text(right).replace(", ", "，").replace("(", "（").replace(")", "）")
            field.fill(typed if language == "zh_CN" else tuple_text(right))
            field.press("Enter")
            assert status.get_attribute("data-verdict") == "right", (lesson, index, right)
            assert bool(CJK.search(status.inner_text())) == (language == "zh_CN"), status.inner_text()
            assert field.get_attribute("aria-invalid") == "false"
            assert field.get_attribute("aria-describedby") == status.get_attribute("id")
            edge = page.evaluate("() => document.documentElement.clientWidth")
            for part in (field, box.get_by_role("button"), status):
                bounds = part.bounding_box()
                assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= edge, (lesson, index, bounds)
                assert part is status or bounds["height"] >= 24, (lesson, "a target a finger hits")
        assert not page.log.console_errors, page.log.console_errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_no_field_shows_and_the_answers_open(browser, site_url, language):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site_url}/{language}/{QUESTIONS[0].page}.html")
    assert page.locator(".lstm-shape-check").count() >= 1
    assert not page.locator(".lstm-shape-check").first.is_visible()
    answers = page.locator("details.lstm-answer")
    assert answers.count() >= 3
    first = answers.first
    assert not first.locator("pre").first.is_visible()  # folded away
    first.locator("summary").click()
    assert first.locator("pre").first.is_visible()
    context.close()
