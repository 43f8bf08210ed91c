"""How the pictures write numbers and take their translated labels; shared by every drawing."""

from collections.abc import Callable

Gettext = Callable[[str], str]  # a label in English -> the label in the page's language


def number(value: float) -> str:
    """A tensor value as the pictures show it: two decimals, a true minus sign, no "-0.00"."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "\u2212")


def number_list(numbers, _: Gettext) -> str:
    """ "5, 2, 4" in English; Chinese lists numbers with the enumeration comma: 5、2、4."""
    return _(", ").join(map(str, numbers))
