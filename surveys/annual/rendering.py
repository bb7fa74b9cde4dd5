"""Turns bound form fields into plain dicts the GOV.UK templates render directly
(ids, checked state, dividers), so templates stay free of logic."""

from django import forms

from surveys import contract
from surveys.annual.question_forms import EXCLUSIVE


def field_id(name: str) -> str:
    return f"q-{name}"


def describe(bound: forms.BoundField) -> dict:
    """Everything a radios / checkboxes / textarea / select component needs."""
    field = bound.field
    base = field_id(bound.name)
    value = bound.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
    if isinstance(field, forms.MultipleChoiceField):
        kind = "checkboxes"
    elif (
        isinstance(field, forms.ChoiceField)
        and isinstance(field.widget, forms.Select)
        and (bound.name == "ward")
    ):
        kind = "select"
    elif isinstance(field, forms.ChoiceField):
        kind = "radios"
    else:
        kind = "textarea" if getattr(field, "question", None) else "input"
    items = []
    divider_done = False
    for index, (code, label) in enumerate(getattr(field, "choices", [])):
        divider = kind in ("radios", "checkboxes") and code in EXCLUSIVE and not divider_done
        divider_done = divider_done or divider
        items.append(
            {
                "id": base if index == 0 else f"{base}-{index + 1}",
                "value": code,
                "label": label,
                "checked": str(code) in selected and code != "",
                "divider_before": divider and index > 0,
                "exclusive": code in EXCLUSIVE,
            }
        )
    return {
        "id": base,
        "name": bound.name,
        "label": str(field.label),
        "hint": str(field.help_text or ""),
        "errors": list(bound.errors),
        "kind": kind,
        "items": items,
        "value": "" if kind in ("radios", "checkboxes", "select") else (value or ""),
        "max_length": getattr(field, "max_length", None),
        "required": field.required,
        "refused": contract.REFUSED,
    }


def error_summary(form: forms.Form) -> list[dict]:
    """(href, message) pairs for the GOV.UK error summary, first error of each field."""
    summary = [{"href": "#main-content", "message": str(e)} for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name != "__all__":
            summary.append({"href": f"#{field_id(name)}", "message": str(errors[0])})
    return summary
