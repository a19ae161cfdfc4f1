from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from forum.forms import SchoolDateField
from lib.forms import PlainTextFormMixin
from lib.html import has_unsafe_markup, sanitize_html
from lib.widgets import EditorWidget
from news.forms import EDITOR_EXTENSIONS

from . import files
from .models import Audience, Lesson, Question, QuestionKind
from .quiz_services import MOST_CHOICES, ChoiceInput

MAX_ROWS = MOST_CHOICES


class LessonForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = Lesson
        fields = [
            "title",
            "audience",
            "min_grade",
            "max_grade",
            "goals",
            "minutes",
            "pass_mark",
            "sticker",
        ]
        help_texts = {
            "audience": _(
                "Bài cho cán bộ, giáo viên (hoặc cả phụ huynh) là một mô-đun bồi dưỡng: "
                "người đọc xác nhận “Tôi đã đọc và hiểu”; khối lớp không áp dụng."
            )
        }
        widgets = {"goals": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Most lessons are for pupils: a form sent without the choice keeps that.
        self.fields["audience"].required = False
        # Issue 11: both have defaults (70 %, the star); a form without them keeps those.
        self.fields["pass_mark"].required = False
        self.fields["sticker"].required = False

    def clean_audience(self) -> str:
        return self.cleaned_data.get("audience") or Audience.PUPILS

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

    def clean_body(self):
        # As news.forms.ArticleForm: say what the sanitiser removed, and show the
        # author the cleaned text to check before saving again.
        raw = self.data.get(self.add_prefix("body"), "") or ""
        cleaned = self.cleaned_data["body"]
        if has_unsafe_markup(raw):
            data = self.data.copy()
            data[self.add_prefix("body")] = cleaned
            self.data = data
            raise forms.ValidationError(
                _(
                    "Nội dung có mã không an toàn (thẻ script, thuộc tính on…, liên kết "
                    "javascript: hoặc khung nhúng trang khác). Phần đó đã được gỡ bỏ; "
                    "hãy xem lại nội dung rồi lưu lần nữa."
                ),
                code="unsafe_html",
            )
        return cleaned


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


# --- a lesson's files (authoring_views) ----------------------------------------------


def _checked(check, upload):
    """Run a lessons.files check on an optional upload; errors go beside the field."""
    if upload:
        check(upload)
        upload.seek(0)
    return upload


class CoverForm(PlainTextFormMixin, forms.Form):
    cover = forms.FileField(
        label=_("Ảnh bìa"),
        required=False,
        help_text=_("JPEG, PNG hoặc WebP, tối đa 8 MB. Ảnh được thu nhỏ và bỏ thông tin vị trí."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    cover_alt = forms.CharField(
        label=_("Mô tả ảnh bìa"),
        max_length=200,
        required=False,
        help_text=_("Một câu ngắn cho bạn đọc không xem được ảnh."),
    )
    remove = forms.BooleanField(label=_("Bỏ ảnh bìa"), required=False)

    def clean_cover(self):
        return _checked(files.clean_picture, self.cleaned_data.get("cover"))


class SectionMediaForm(forms.Form):
    """A section's files, sent with its title and text in one form."""

    video = forms.FileField(
        label=_("Video ngắn"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "video/mp4,video/webm"}),
    )
    poster = forms.FileField(
        label=_("Ảnh xem trước video"),
        required=False,
        help_text=_("Ảnh hiện trước khi em bấm xem: JPEG, PNG hoặc WebP."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_video = forms.BooleanField(label=_("Bỏ video"), required=False)
    audio = forms.FileField(
        label=_("Bài nghe"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "audio/mpeg,audio/mp4,audio/ogg,audio/webm"}),
    )
    remove_audio = forms.BooleanField(label=_("Bỏ bài nghe"), required=False)
    worksheet = forms.FileField(
        label=_("Thêm phiếu học tập (PDF)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["video"].help_text = _(
            "MP4 hoặc WebM, tối đa %(mb)s MB; lưu trên máy chủ của trường."
        ) % {"mb": settings.LESSON_VIDEO_MAX_MB}
        self.fields["audio"].help_text = _(
            "Bản ghi âm để em nghe: MP3, M4A, OGG hoặc WebM, tối đa %(mb)s MB."
        ) % {"mb": settings.LESSON_AUDIO_MAX_MB}
        self.fields["worksheet"].help_text = _("Tệp PDF để em tải về, tối đa %(mb)s MB.") % {
            "mb": settings.LESSON_WORKSHEET_MAX_MB
        }

    def clean_video(self):
        return _checked(files.check_video, self.cleaned_data.get("video"))

    def clean_poster(self):
        return _checked(
            lambda upload: files.clean_picture(upload, max_width=files.POSTER_MAX_WIDTH),
            self.cleaned_data.get("poster"),
        )

    def clean_audio(self):
        return _checked(files.check_audio, self.cleaned_data.get("audio"))

    def clean_worksheet(self):
        return _checked(files.check_worksheet, self.cleaned_data.get("worksheet"))


# --- assignments (issue 11) -------------------------------------------------------------


class DueAfterOpeningMixin:
    """Both forms give an opening day and an optional due day, the latter not before."""

    def clean(self):
        cleaned = super().clean()
        opens, due = cleaned.get("opens_on"), cleaned.get("due_on")
        if opens and due and due < opens:
            self.add_error(
                "due_on",
                forms.ValidationError(_("Hạn nộp phải sau ngày mở bài."), code="due_before_open"),
            )
        return cleaned


class AssignForm(DueAfterOpeningMixin, forms.Form):
    lesson = forms.ModelChoiceField(
        label=_("Bài học"),
        queryset=Lesson.objects.none(),
        error_messages={"invalid_choice": _("Hãy chọn một bài học đã xuất bản.")},
    )
    audience = forms.ChoiceField(label=_("Giao cho"))
    opens_on = SchoolDateField(label=_("Mở từ ngày"), required=True)
    due_on = SchoolDateField(
        label=_("Hạn nộp (hết ngày)"), help_text=_("Để trống nếu không có hạn nộp.")
    )

    def __init__(self, *args, lessons, audience_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = lessons
        self.fields["audience"].choices = audience_choices


class DatesForm(DueAfterOpeningMixin, forms.Form):
    opens_on = SchoolDateField(label=_("Mở từ ngày"), required=True)
    due_on = SchoolDateField(
        label=_("Hạn nộp (hết ngày)"),
        help_text=_("Dời hạn nộp (hoặc để trống) để các em nộp bài muộn."),
    )


class RemindForm(forms.Form):
    lesson = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    with_parents = forms.BooleanField(label=_("Nhắc cả phụ huynh"), required=False)
