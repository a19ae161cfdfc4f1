from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import SchoolYear
from lib.forms import PlainTextFormMixin

from . import periods

KINDS = [
    (periods.MONTH, _("Một tháng")),
    (periods.SEMESTER_1, _("Học kỳ I")),
    (periods.SEMESTER_2, _("Học kỳ II")),
    (periods.YEAR, _("Cả năm học")),
    (periods.CUSTOM, _("Từ ngày … đến ngày …")),
]
MONTHS = [(m, _("Tháng %(m)s") % {"m": m}) for m in (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
LONGEST = timedelta(days=2 * 366)


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=KINDS, initial=periods.YEAR)
    year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.all(), required=False, empty_label=None
    )
    month = forms.TypedChoiceField(
        label=_("Tháng"), choices=MONTHS, coerce=int, required=False, empty_value=None
    )
    start = forms.DateField(
        label=_("Từ ngày"), required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    end = forms.DateField(
        label=_("Đến ngày"), required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = SchoolYear.objects.current()

    def clean(self):
        data = super().clean()
        kind, year = data.get("kind"), data.get("year")
        if kind == periods.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(
                    _("Hãy chọn cả ngày bắt đầu và ngày kết thúc."), code="dates"
                )
            if end < start:
                raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."), code="order")
            if end - start > LONGEST:
                raise forms.ValidationError(_("Kỳ báo cáo dài tối đa hai năm."), code="too_long")
        elif kind and year is None:
            raise forms.ValidationError(_("Hãy chọn năm học."), code="year")
        elif kind == periods.MONTH and not data.get("month"):
            self.add_error("month", forms.ValidationError(_("Hãy chọn tháng."), code="month"))
        return data

    def period(self) -> periods.Period:
        data = self.cleaned_data
        return periods.build(
            data["kind"], year=data.get("year"), month=data.get("month"),
            start=data.get("start"), end=data.get("end"),
        )  # fmt: skip


class IssueForm(PlainTextFormMixin, forms.Form):
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    title = forms.CharField(label=_("Trích yếu (sau chữ “BÁO CÁO”)"), max_length=300)
    opening = forms.CharField(
        label=_("Đoạn mở đầu"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    closing = forms.CharField(
        label=_("Đoạn kết"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
