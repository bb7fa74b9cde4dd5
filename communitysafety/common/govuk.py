"""Form fields described for the one GOV.UK field component.

`templates/components/govuk/field.html` renders a field from a plain dict (its id, name,
label, hint, errors, kind and options), so the same markup serves a Django form field
(`describe_bound_field`), a GET form a view checks by hand (`select_field`) and the annual
survey, whose fields are described by `surveys.annual.rendering.describe` with question
codes as ids. Keys of the dict:

``id, name, label, hint, errors, kind, items, value, input_type, attrs, rows``; ``kind`` is
one of ``input``, ``textarea``, ``select``, ``radios``, ``checkboxes`` or ``checkbox`` (a
single yes/no box); ``items`` are ``{id, value, label, checked}`` options, with
``divider_before`` and ``exclusive`` where the survey uses them.
"""

from collections.abc import Iterable
from typing import Any

from django import forms

FieldDescription = dict[str, Any]

#: Widget attributes the component writes itself, or that GOV.UK markup leaves out.
_OWN_ATTRS = frozenset({"type", "class", "rows", "cols", "id", "name", "value"})


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


def describe_bound_field(bound: forms.BoundField) -> FieldDescription:
    """A Django form field as the component's dict: ids as Django gives them (`id_name`,
    options `id_name_0`…), so labels, error links and scripts find the same elements."""
    widget = bound.field.widget
    kind = _kind(widget)
    items = []
    if kind in ("radios", "checkboxes", "select"):
        items = [
            {
                "id": option.id_for_label if kind != "select" else "",
                "value": option.data["value"],
                "label": option.choice_label,
                "checked": option.data["selected"],
            }
            for option in bound.subwidgets
        ]
    value = bound.value()
    return {
        "id": bound.auto_id,
        "name": bound.html_name,
        "label": str(bound.label),
        "hint": str(bound.help_text or ""),
        "errors": [str(error) for error in bound.errors],
        "kind": kind,
        "items": items,
        "value": bool(value) if kind == "checkbox" else ("" if value is None else value),
        "input_type": widget.attrs.get("type") or getattr(widget, "input_type", "text"),
        "attrs": [
            (name, v)
            for name, v in widget.attrs.items()
            # A textarea's maxlength would cut text off unseen; the form says how long it is.
            if name not in _OWN_ATTRS and not (kind == "textarea" and name == "maxlength")
        ],
        "rows": widget.attrs.get("rows", 5),
    }


def select_field(
    name: str,
    label: str,
    options: Iterable[tuple[object, str]],
    selected: object = None,
    error: str = "",
) -> FieldDescription:
    """A select for a GET form a view checks itself (no Django form): `options` are
    (value, label) pairs; the id is the name, so an error summary links to `#name`."""
    return {
        "id": name,
        "name": name,
        "label": label,
        "hint": "",
        "errors": [error] if error else [],
        "kind": "select",
        "items": [
            {"id": "", "value": value, "label": text, "checked": value == selected}
            for value, text in options
        ],
        "value": "",
        "input_type": "",
        "attrs": [],
        "rows": 0,
    }
