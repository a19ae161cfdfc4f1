"""Validation for forms ("phiếu"): the family's answer form, and the form staff write.

The answer form is built from the questions, one field per question named
`q<id>` (a consent adds `q<id>_name`); it gives surveys.Value objects. Every
message names the question, so a long form on a phone says what to fix.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.forms import PlainTextFormMixin

from .forms import DateTimeLocalInput
from .models import CHOICE_KINDS, AnswerPer, Question, QuestionKind
from .surveys import MAX_CHOICES, QuestionSpec, Value

MAX_DIGITS = 10  # before the decimal comma: enough for money in đồng
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def parse_number(text: str) -> Decimal | None:
    """A number as Vietnamese families type it: "12", "2,5" or "2.5", "1.500.000" or
    "1.500.000,5" (dots group thousands when a comma marks decimals or when there are
    several). None when it is not a number."""
    text = text.strip().replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and re.fullmatch(r"\d{1,3}(\.\d{3})+", text)):
        text = text.replace(".", "")
    if not _NUMBER.match(text):
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


class SurveyAnswerForm(PlainTextFormMixin, forms.Form):
    """One field per question. `values()` after is_valid() gives {question id: Value}."""

    def __init__(self, *args: Any, questions: list[Question], signer_name: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            self.fields[name] = self._field_for(question)
            if question.kind == QuestionKind.CONSENT:
                self.fields[f"{name}_name"] = forms.CharField(
                    label=_("Họ tên phụ huynh ký"),
                    max_length=120,
                    required=False,
                    initial=signer_name,
                    widget=forms.TextInput(
                        attrs={"class": "form-control form-control-lg", "autocomplete": "name"}
                    ),
                )

    def _field_for(self, question: Question) -> forms.Field:
        common: dict[str, Any] = {
            "label": question.label,
            "required": question.required,
            "help_text": question.help_text,
            "error_messages": {
                "required": gettext("Hãy trả lời câu này."),
                "invalid_choice": gettext("Lựa chọn này không có trong câu hỏi. Hãy chọn lại."),
            },
        }
        kind = question.kind
        if kind in CHOICE_KINDS:
            options = [(str(choice.pk), choice.label) for choice in question.choices.all()]
            if kind == QuestionKind.CHOICE:
                return forms.ChoiceField(
                    choices=options,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    **common,
                )
            return forms.MultipleChoiceField(
                choices=options,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                **common,
            )
        if kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                choices=[("yes", gettext("Có")), ("no", gettext("Không"))],
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                **common,
            )
        if kind == QuestionKind.CONSENT:
            return forms.ChoiceField(
                choices=[("yes", gettext("Đồng ý")), ("no", gettext("Không đồng ý"))],
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                **common,
            )
        if kind == QuestionKind.NUMBER:
            return forms.CharField(
                max_length=30,
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-lg", "inputmode": "decimal"}
                ),
                **common,
            )
        if kind == QuestionKind.DATE:
            attrs = {"class": "form-control form-control-lg", "type": "date"}
            if question.min_date:
                attrs["min"] = question.min_date.isoformat()
            if question.max_date:
                attrs["max"] = question.max_date.isoformat()
            common["error_messages"]["invalid"] = gettext(
                "Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 05/01/2027."
            )
            return forms.DateField(
                widget=forms.DateInput(attrs=attrs, format="%Y-%m-%d"),
                input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                **common,
            )
        return forms.CharField(
            max_length=500,
            widget=forms.TextInput(attrs={"class": "form-control form-control-lg"}),
            **common,
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for question in self.questions:
            name = f"q{question.pk}"
            value = data.get(name)
            if question.kind == QuestionKind.NUMBER and value:
                number = parse_number(value)
                if number is None:
                    self.add_error(
                        name,
                        ValidationError(
                            gettext("Hãy nhập một số, ví dụ 12 hoặc 2,5."), code="not_a_number"
                        ),
                    )
                elif abs(number) >= 10**MAX_DIGITS or -number.as_tuple().exponent > 2:  # type: ignore[operator]
                    self.add_error(
                        name,
                        ValidationError(
                            gettext("Số quá lớn hoặc có quá hai chữ số thập phân."),
                            code="number_size",
                        ),
                    )
                elif question.min_number is not None and number < question.min_number:
                    self.add_error(
                        name,
                        ValidationError(
                            gettext("Số phải từ %(low)s trở lên.")
                            % {"low": _plain(question.min_number)},
                            code="number_range",
                        ),
                    )
                elif question.max_number is not None and number > question.max_number:
                    self.add_error(
                        name,
                        ValidationError(
                            gettext("Số không được lớn hơn %(high)s.")
                            % {"high": _plain(question.max_number)},
                            code="number_range",
                        ),
                    )
                else:
                    data[name] = number
            if question.kind == QuestionKind.DATE and value:
                low, high = question.min_date, question.max_date
                if (low and value < low) or (high and value > high):
                    if low and high:
                        message = gettext("Hãy chọn ngày từ %(low)s đến %(high)s.") % {
                            "low": _day(low),
                            "high": _day(high),
                        }
                    elif low:
                        message = gettext("Hãy chọn ngày từ %(low)s trở đi.") % {"low": _day(low)}
                    else:
                        assert high is not None
                        message = gettext("Hãy chọn ngày không sau %(high)s.") % {
                            "high": _day(high)
                        }
                    self.add_error(name, ValidationError(message, code="date_range"))
            if (
                question.kind == QuestionKind.CONSENT
                and value
                and not (data.get(f"{name}_name") or "").strip()
            ):
                self.add_error(
                    f"{name}_name",
                    ValidationError(gettext("Hãy ghi họ tên người ký."), code="signed_name"),
                )
        return data

    def values(self) -> dict[int, Value]:
        data = self.cleaned_data
        values: dict[int, Value] = {}
        for question in self.questions:
            raw = data.get(f"q{question.pk}")
            value = Value()
            kind = question.kind
            if kind == QuestionKind.CHOICE and raw:
                value.choice_ids = [int(raw)]
            elif kind == QuestionKind.MULTIPLE and raw:
                value.choice_ids = [int(pk) for pk in raw]
            elif kind in (QuestionKind.YES_NO, QuestionKind.CONSENT) and raw:
                value.yes = raw == "yes"
                if kind == QuestionKind.CONSENT:
                    value.signed_name = (data.get(f"q{question.pk}_name") or "").strip()
            elif kind == QuestionKind.NUMBER and raw not in (None, ""):
                value.number = raw
            elif kind == QuestionKind.DATE and raw:
                value.date = raw
            elif kind == QuestionKind.TEXT and raw:
                value.text = raw.strip()
            values[question.pk] = value
        return values


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}".replace(".", ",")


# --- What staff write ----------------------------------------------------------


class SurveySettingsForm(forms.Form):
    answer_per = forms.ChoiceField(
        label=_("Trả lời theo"),
        choices=AnswerPer.choices,
        initial=AnswerPer.CHILD,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        help_text=_(
            "Mỗi học sinh: hai phụ huynh của một em cùng sửa một phiếu. Mỗi gia đình: một phiếu cho các con."
        ),
    )
    closes_at = forms.DateTimeField(
        label=_("Hạn trả lời"),
        widget=DateTimeLocalInput(attrs={"class": "form-control"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        if closes_at <= timezone.now():
            raise ValidationError(_("Hạn trả lời phải ở tương lai."), code="past_deadline")
        return closes_at


class DeadlineForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Hạn trả lời mới"),
        required=False,
        widget=DateTimeLocalInput(attrs={"class": "form-control form-control-sm"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    close_now = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("close_now") and data.get("closes_at") is None and not self.errors:
            self.add_error(
                "closes_at", ValidationError(_("Hãy chọn hạn trả lời mới."), code="required")
            )
        return data


class QuestionForm(PlainTextFormMixin, forms.Form):
    """One question row; a row left without a question is skipped (no JavaScript needed)."""

    label = forms.CharField(label=_("Câu hỏi"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=QuestionKind.choices, initial=QuestionKind.CHOICE, required=False
    )
    required = forms.BooleanField(label=_("Bắt buộc"), required=False, initial=True)
    help_text = forms.CharField(label=_("Gợi ý"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Các lựa chọn (mỗi dòng một lựa chọn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    min_number = forms.DecimalField(
        label=_("Số nhỏ nhất"), required=False, max_digits=12, decimal_places=2
    )
    max_number = forms.DecimalField(
        label=_("Số lớn nhất"), required=False, max_digits=12, decimal_places=2
    )
    min_date = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    max_date = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = (
                "form-check-input"
                if name == "required"
                else ("form-select" if name == "kind" else "form-control")
            )
            field.widget.attrs.setdefault("class", css)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("label") or "").strip():
            return data
        kind = data.get("kind") or QuestionKind.CHOICE
        options = [
            line.strip() for line in (data.get("choices") or "").splitlines() if line.strip()
        ]
        if kind in CHOICE_KINDS and not 2 <= len(options) <= MAX_CHOICES:
            self.add_error(
                "choices",
                ValidationError(
                    gettext("Hãy ghi từ 2 đến %(n)s lựa chọn, mỗi dòng một lựa chọn.")
                    % {"n": MAX_CHOICES},
                    code="choices",
                ),
            )
        if any(len(option) > 200 for option in options):
            self.add_error(
                "choices",
                ValidationError(gettext("Mỗi lựa chọn tối đa 200 ký tự."), code="choice_length"),
            )
        low, high = data.get("min_number"), data.get("max_number")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_number",
                ValidationError(
                    gettext("Số lớn nhất phải không nhỏ hơn số nhỏ nhất."), code="number_range"
                ),
            )
        first, last = data.get("min_date"), data.get("max_date")
        if first and last and first > last:
            self.add_error(
                "max_date",
                ValidationError(gettext("“Đến ngày” phải sau “Từ ngày”."), code="date_range"),
            )
        data["options"] = options
        return data

    def spec(self) -> QuestionSpec | None:
        data = self.cleaned_data
        label = (data.get("label") or "").strip()
        if not label:
            return None
        kind = data.get("kind") or QuestionKind.CHOICE
        return QuestionSpec(
            kind=kind,
            label=label,
            required=bool(data.get("required")),
            help_text=data.get("help_text") or "",
            choices=data.get("options", []) if kind in CHOICE_KINDS else [],
            min_number=data.get("min_number") if kind == QuestionKind.NUMBER else None,
            max_number=data.get("max_number") if kind == QuestionKind.NUMBER else None,
            min_date=data.get("min_date") if kind == QuestionKind.DATE else None,
            max_date=data.get("max_date") if kind == QuestionKind.DATE else None,
        )


QuestionFormSet = forms.formset_factory(QuestionForm, extra=6, max_num=30, absolute_max=30)


def question_specs(formset) -> list[QuestionSpec]:
    """The filled question rows of a valid formset, in order."""
    return [spec for form in formset.forms if (spec := form.spec()) is not None]


class StandaloneSurveyForm(PlainTextFormMixin, forms.Form):
    """A form sent alone: the short announcement made for it."""

    title = forms.CharField(
        label=_("Tiêu đề phiếu"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    intro = forms.CharField(
        label=_("Lời giới thiệu"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Gửi tới"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        choices=(),
    )

    def __init__(self, *args: Any, audience_choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["audiences"].choices = audience_choices  # type: ignore[attr-defined]
