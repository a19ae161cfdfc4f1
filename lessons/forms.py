from django import forms
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from lib.forms import PlainTextFormMixin
from lib.html import sanitize_html
from lib.widgets import EditorWidget
from news.forms import EDITOR_EXTENSIONS

from .models import Lesson, Question, QuestionKind

MAX_CHOICES = 4


class LessonForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["title", "min_grade", "max_grade", "goals", "minutes"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("min_grade"), cleaned.get("max_grade")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(_("Lớp đầu không được lớn hơn lớp cuối."), code="grades")
        return cleaned


def _sanitize(html: str) -> str:
    return sanitize_html(html)


class SectionForm(PlainTextFormMixin, forms.Form):
    title = forms.CharField(label=_("Tiêu đề phần"), max_length=200)
    body = ProseEditorFormField(
        label=_("Nội dung"),
        required=False,
        extensions=EDITOR_EXTENSIONS,
        sanitize=_sanitize,
        widget=EditorWidget,
    )


class QuestionForm(PlainTextFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại câu hỏi"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Câu hỏi"), widget=forms.Textarea(attrs={"rows": 2}))
    explanation = forms.CharField(
        label=_("Giải thích"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hiện sau khi em trả lời; viết nhẹ nhàng cho các em."),
    )
    statement_is_true = forms.TypedChoiceField(
        label=_("Với câu Đúng hay sai?: câu này"),
        choices=[("", "—"), ("1", _("Đúng")), ("0", _("Sai"))],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_CHOICES + 1):
            self.fields[f"choice_{i}"] = forms.CharField(
                label=_("Đáp án %(n)s") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"correct_{i}"] = forms.BooleanField(
                label=_("Đáp án %(n)s đúng") % {"n": i}, required=False
            )

    def choices(self) -> list[tuple[str, bool]]:
        return [
            (self.cleaned_data[f"choice_{i}"], self.cleaned_data[f"correct_{i}"])
            for i in range(1, MAX_CHOICES + 1)
            if self.cleaned_data.get(f"choice_{i}", "").strip()
        ]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Nhận xét cho người soạn"), widget=forms.Textarea(attrs={"rows": 3})
    )


class QuizForm(forms.Form):
    """All questions at once, one field per question named q<id>.

    Choices are the question's own: an id from another question or junk fails
    as an invalid choice. Nothing says which choice is correct.
    """

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        messages = {
            "required": _("Em chưa trả lời câu này."),
            "invalid_choice": _("Đáp án này không có trong câu hỏi."),
            "invalid_list": _("Đáp án này không có trong câu hỏi."),
        }
        for number, question in enumerate(questions, start=1):
            options = [(str(c.pk), c.text) for c in question.choices.all()]
            label = _("Câu %(n)s. %(text)s") % {"n": number, "text": question.text}
            if question.kind == QuestionKind.SEVERAL:
                field: forms.Field = forms.MultipleChoiceField(
                    label=label,
                    choices=options,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages=messages,
                    help_text=_("Em có thể chọn nhiều đáp án."),
                )
            else:
                field = forms.ChoiceField(
                    label=label, choices=options, widget=forms.RadioSelect, error_messages=messages
                )
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict[int, list[int]]:
        result = {}
        for question in self.questions:
            value = self.cleaned_data[f"q{question.pk}"]
            values = value if isinstance(value, list) else [value]
            result[question.pk] = [int(v) for v in values]
        return result
