"""GOV.UK Design System markup for every form on the site, in one place: the error summary
and the form field (`{% govuk_field %}`, described in communitysafety/common/govuk.py).

`{% govuk_error_summary form %}` renders the one error summary
(`templates/components/govuk/error_summary.html`) from whatever a page has: a Django form,
a mapping of field id to message (GET forms checked by hand), or a list of
``{"href", "message"}`` dicts already made (the annual survey, whose field ids are its
question codes). Each link goes to the first input of its field, as the GOV.UK pattern
asks, so a resident who follows it lands where they can fix the answer.
"""

from collections.abc import Iterable, Mapping

from django import forms, template

from communitysafety.common.govuk import FieldDescription, describe_bound_field

register = template.Library()

ErrorLink = dict[str, str]


def first_input_id(bound: forms.BoundField) -> str:
    """The id of the element an error link focuses: the first option of radios and checkboxes."""
    if isinstance(bound.field.widget, forms.RadioSelect):  # CheckboxSelectMultiple too
        return f"{bound.auto_id}_0"
    return bound.auto_id


def error_links(
    source: forms.BaseForm | Mapping[str, object] | Iterable[ErrorLink] | None,
    non_field_href: str = "#main-content",
) -> list[ErrorLink]:
    """Every error of `source` as a link to the field it belongs to, in the form's order."""
    if not source:
        return []
    if isinstance(source, forms.BaseForm):
        links = [{"href": non_field_href, "message": str(e)} for e in source.non_field_errors()]
        for bound in source:
            links += [
                {"href": f"#{first_input_id(bound)}", "message": str(e)} for e in bound.errors
            ]
        return links
    if isinstance(source, Mapping):
        return [{"href": f"#{name}", "message": str(message)} for name, message in source.items()]
    return list(source)


@register.inclusion_tag("components/govuk/error_summary.html")
def govuk_error_summary(
    source: forms.BaseForm | Mapping[str, object] | Iterable[ErrorLink] | None,
    non_field_href: str = "#main-content",
) -> dict[str, list[ErrorLink]]:
    """The GOV.UK error summary for `source`; renders nothing when there is no error."""
    return {"errors": error_links(source, non_field_href)}


@register.inclusion_tag("components/govuk/field.html")
def govuk_field(
    field: forms.BoundField | FieldDescription,
    size: str = "",
    heading: bool = False,
    small: bool = False,
    width: str = "",
    item_only: bool = False,
    group_class: str = "",
) -> dict[str, object]:
    """One form field in GOV.UK markup: a Django form field, or a field a view described."""
    described = field if isinstance(field, dict) else describe_bound_field(field)
    return {
        "field": described,
        "size": size,
        "heading": heading,
        "small": small,
        "width": width,
        "item_only": item_only,
        "group_class": group_class,
    }
