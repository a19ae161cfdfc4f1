from django import forms
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from lib.forms import PlainTextFormMixin
from lib.html import sanitize_html
from news.forms import EDITOR_EXTENSIONS

from .models import Lesson, Question, QuestionKind
from .quiz_services import MOST_CHOICES, ChoiceInput

MAX_ROWS = MOST_CHOICES


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
        label=_("Nội dung"), required=False, extensions=EDITOR_EXTENSIONS, sanitize=_sanitize
    )


class QuestionForm(PlainTextFormMixin, forms.Form):
    """A question of any kind. Rows 1–6 are answers (one/several: text, correct,
    picture), steps in the right order (order) or pairs (match: situation and what
    to do); the kind's rules are checked by lessons.quiz_services."""

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
    audio = forms.FileField(
        label=_("Ghi âm câu hỏi (Nghe)"),
        required=False,
        help_text=_(
            "MP3, M4A, OGG hoặc WebM, tối đa 5 MB: thầy cô đọc câu hỏi cho em chưa biết đọc."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".mp3,.m4a,.ogg,.oga,.opus,.webm,audio/*"}
        ),
    )
    remove_audio = forms.BooleanField(label=_("Xoá ghi âm hiện có"), required=False)

    def __init__(self, *args, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        if question is not None:
            self.fields["kind"].disabled = True  # a question keeps its kind
        for i in range(1, MAX_ROWS + 1):
            self.fields[f"choice_{i}"] = forms.CharField(
                label=_("Đáp án, bước hoặc tình huống %(n)s") % {"n": i},
                max_length=300,
                required=False,
            )
            self.fields[f"correct_{i}"] = forms.BooleanField(
                label=_("Đáp án %(n)s đúng") % {"n": i}, required=False
            )
            self.fields[f"match_{i}"] = forms.CharField(
                label=_("Cách làm %(n)s (câu nối cặp)") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"image_{i}"] = forms.FileField(
                label=_("Ảnh đáp án %(n)s") % {"n": i},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp"}),
            )
            self.fields[f"remove_image_{i}"] = forms.BooleanField(
                label=_("Xoá ảnh %(n)s") % {"n": i}, required=False
            )

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        initial: dict = {
            "kind": question.kind,
            "text": question.text,
            "explanation": question.explanation,
        }
        rows = list(question.choices.all())
        if question.kind == QuestionKind.TRUE_FALSE:
            initial["statement_is_true"] = "1" if rows and rows[0].is_correct else "0"
            return initial
        for i, row in enumerate(rows, start=1):
            initial[f"choice_{i}"] = row.text
            initial[f"correct_{i}"] = row.is_correct
            initial[f"match_{i}"] = row.match_text
        return initial

    def rows(self) -> list[dict]:
        """The bound fields of each row, with the row's current picture when editing."""
        current = list(self.question.choices.all()) if self.question else []
        return [
            {
                "n": i,
                "text": self[f"choice_{i}"],
                "correct": self[f"correct_{i}"],
                "match": self[f"match_{i}"],
                "image": self[f"image_{i}"],
                "remove_image": self[f"remove_image_{i}"],
                "current": current[i - 1] if i <= len(current) else None,
            }
            for i in range(1, MAX_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        filled = [
            bool(
                cleaned.get(f"choice_{i}", "").strip()
                or cleaned.get(f"match_{i}", "").strip()
                or cleaned.get(f"image_{i}")
            )
            for i in range(1, MAX_ROWS + 1)
        ]
        if True in filled and False in filled[: len(filled) - filled[::-1].index(True)]:
            raise forms.ValidationError(
                _("Hãy điền các dòng liền nhau, không để trống dòng ở giữa."), code="gap"
            )
        return cleaned

    def choices(self) -> list[ChoiceInput]:
        data = self.cleaned_data
        return [
            ChoiceInput(
                text=data[f"choice_{i}"],
                is_correct=data[f"correct_{i}"],
                match_text=data[f"match_{i}"],
                image=data[f"image_{i}"] or None,
                remove_image=data[f"remove_image_{i}"],
            )
            for i in range(1, MAX_ROWS + 1)
            if data.get(f"choice_{i}", "").strip()
            or data.get(f"match_{i}", "").strip()
            or data.get(f"image_{i}")
        ]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Nhận xét cho người soạn"), widget=forms.Textarea(attrs={"rows": 3})
    )
