"""The editorial workflow shared by news articles and lessons (lib.editorial), through
each app's own services, so both keep the same transitions and the same people."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lessons import access as lesson_access
from lessons import services as lesson_services
from news import access as news_access
from news import services as news_services
from tests.lessons import factories as lesson_factories
from tests.news import factories as news_factories


@dataclass
class Writer:
    """One kind of piece: how to make a draft and move it along its workflow."""

    name: str
    make: Any
    submit: Any
    publish: Any
    send_back: Any
    can_edit: Any

    def draft(self, personas):
        return self.make(personas.teacher_5a)


ARTICLE = Writer(
    name="article",
    make=lambda author: news_factories.article(author=author),
    submit=lambda piece, by: news_services.submit_article(article=piece, by=by),
    publish=lambda piece, by: news_services.publish_article(article=piece, by=by),
    send_back=lambda piece, by, comment: news_services.return_article(
        article=piece, by=by, comment=comment
    ),
    can_edit=news_access.can_edit,
)
LESSON = Writer(
    name="lesson",
    make=lambda author: lesson_factories.lesson(author=author, quiz=False),
    submit=lambda piece, by: lesson_services.submit_lesson(lesson=piece, by=by),
    publish=lambda piece, by: lesson_services.publish_lesson(lesson=piece, by=by),
    send_back=lambda piece, by, comment: lesson_services.return_lesson(
        lesson=piece, by=by, comment=comment
    ),
    can_edit=lesson_access.can_edit,
)
WRITERS = pytest.mark.parametrize("writer", [ARTICLE, LESSON], ids=lambda w: w.name)


@WRITERS
def test_draft_submitted_returned_submitted_published(writer, personas):
    piece = writer.draft(personas)
    assert piece.status == "draft"
    writer.submit(piece, personas.teacher_5a)
    assert piece.status == "submitted"
    writer.send_back(piece, personas.editor, "  Sửa tiêu đề  ")
    assert (piece.status, piece.review_comment) == ("returned", "Sửa tiêu đề")
    writer.submit(piece, personas.teacher_5a)
    writer.publish(piece, personas.editor)
    assert piece.status == "published" and piece.review_comment == ""
    # An editor may take a published piece back to its author.
    writer.send_back(piece, personas.editor, "Có lỗi chính tả")
    assert piece.status == "returned"


@WRITERS
def test_only_the_author_or_an_editor_submits(writer, personas):
    piece = writer.draft(personas)
    for person in (personas.other_teacher, personas.pupil_binh, personas.parent_an):
        with pytest.raises(PermissionDenied):
            writer.submit(piece, person)
    writer.submit(piece, personas.editor)  # an editor may send anyone's
    assert piece.status == "submitted"


@WRITERS
def test_nothing_is_submitted_twice(writer, personas):
    piece = writer.draft(personas)
    writer.submit(piece, personas.teacher_5a)
    with pytest.raises(ValidationError) as error:
        writer.submit(piece, personas.teacher_5a)
    assert error.value.code == "state"


@WRITERS
def test_only_editors_publish_and_return(writer, personas):
    piece = writer.draft(personas)
    writer.submit(piece, personas.teacher_5a)
    for person in (personas.teacher_5a, personas.other_teacher, personas.collaborator):
        with pytest.raises(PermissionDenied):
            writer.publish(piece, person)
        with pytest.raises(PermissionDenied):
            writer.send_back(piece, person, "Không được")
    assert piece.status == "submitted"


@WRITERS
def test_a_return_needs_a_reason_and_a_piece_under_review(writer, personas):
    piece = writer.draft(personas)
    with pytest.raises(ValidationError) as error:
        writer.send_back(piece, personas.editor, "Lý do")
    assert error.value.code == "state"  # a draft is not waiting for review
    writer.submit(piece, personas.teacher_5a)
    with pytest.raises(ValidationError) as error:
        writer.send_back(piece, personas.editor, "   ")
    assert error.value.code == "required"


@WRITERS
def test_who_may_edit_in_each_state(writer, personas):
    piece = writer.draft(personas)
    author, editor, other = personas.teacher_5a, personas.editor, personas.other_teacher
    assert writer.can_edit(author, piece) and writer.can_edit(editor, piece)
    assert not writer.can_edit(other, piece) and not writer.can_edit(personas.parent_an, piece)
    writer.submit(piece, author)
    assert not writer.can_edit(author, piece) and writer.can_edit(editor, piece)
    writer.send_back(piece, editor, "Sửa lại")
    assert writer.can_edit(author, piece)
    writer.submit(piece, author)
    writer.publish(piece, editor)
    assert not writer.can_edit(author, piece) and writer.can_edit(editor, piece)
