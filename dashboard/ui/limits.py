"""How large a value a callback input may be (pure): the longest text, the most items and
the deepest nesting. Each region states the limits of the inputs it owns beside its rules
(``filter_panel/controls.py``, ``view_state.py``, ``map_panel/views.py``,
``project_table/paging.py``); ``wiring.CALLBACK_INPUT_LIMITS`` gathers them, and the callback
guard (``web/security.py``) answers 400 for a value over its limit, before any callback
spends time on it. An input no region names gets ``InputLimit()``'s generous defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

# Any input: a string of at most 8,192 characters (a view's URL is about 3.5 kB), lists
# and objects of at most 1,000 items, nested at most 6 deep (a map click's point and box).
MAX_TEXT = 8192
MAX_ITEMS = 1000
MAX_VALUE_DEPTH = 6
# The whole callback body: its object, the inputs' list, an input, and its value.
MAX_BODY_DEPTH = MAX_VALUE_DEPTH + 4


@dataclass(frozen=True)
class InputLimit:
    chars: int = MAX_TEXT  # the longest string anywhere in the value (keys too)
    items: int = MAX_ITEMS  # the most items of any list or object in it
    depth: int = MAX_VALUE_DEPTH  # lists and objects within one another; 0: a plain value


def value_problem(value: object, limit: InputLimit) -> str | None:
    """Why the value is over the limit, or None. Iterative: no recursion on a deep value."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if len(item) > limit.chars:
                return f"has a text longer than {limit.chars} characters"
            continue
        if not isinstance(item, list | dict):
            continue
        if depth >= limit.depth:
            return f"is nested deeper than {limit.depth}"
        if len(item) > limit.items:
            return f"has more than {limit.items} items"
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return None


def deeper_than(value: object, most: int) -> bool:
    """Whether lists and objects nest more than ``most`` deep in the value."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, list | dict):
            if depth + 1 > most:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False
