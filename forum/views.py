"""Forum pages. Thin: fetch with an access check, validate, call a service, render or redirect.

Nothing here is public (LoginRequiredMiddleware); what a person may not read is 404.
A suspended person sees the suspension notice instead of any board or topic.
"""

import csv
from datetime import datetime, time, timedelta
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import audiences
from accounts.models import AuditEntry, Guardianship, SchoolClass, User

from . import conf, selectors, services, text
from .forms import (
    AppealDecisionForm,
    AppealForm,
    AuditFilterForm,
    BoardForm,
    CaseForm,
    CaseManageForm,
    CaseReplyForm,
    CaseReportForm,
    DecisionForm,
    EditForm,
    NoteForm,
    PostForm,
    ReportForm,
    SanctionForm,
    TopicActionForm,
    TopicForm,
    WatchedWordForm,
)
from .models import (
    Appeal,
    AppealStatus,
    Board,
    Case,
    Post,
    PostStatus,
    Report,
    Sanction,
    SanctionKind,
    StaffNote,
    Subscription,
    Topic,
    WatchedWord,
)

VISIBLE_TO_READERS = (PostStatus.PUBLISHED, PostStatus.HIDDEN, PostStatus.WITHDRAWN)


# --- Access helpers ---------------------------------------------------------------


def forum_reader(view):
    """Boards and topics: a suspended person sees why, and until when, instead."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        suspension = services.active_sanctions(request.user).get(SanctionKind.SUSPENSION)
        if suspension is not None:
            return render(request, "forum/suspended.html", {"sanction": suspension}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def moderator_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.can_moderate:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def get_board_for_reader(user, slug: str) -> tuple[Board, bool]:
    board = get_object_or_404(Board.objects.readable_by(user), slug=slug)
    return board, services.is_board_moderator(user, board)


def get_topic_for_reader(user, pk: int) -> tuple[Topic, bool]:
    topic = get_object_or_404(
        Topic.objects.select_related("board", "author").filter(
            board__in=Board.objects.readable_by(user)
        ),
        pk=pk,
    )
    is_moderator = services.is_board_moderator(user, topic.board)
    hidden = not topic.is_published or topic.is_hidden
    if hidden and not is_moderator and topic.author_id != user.pk:
        raise Http404
    return topic, is_moderator


def get_post_for_reader(user, pk: int) -> tuple[Post, bool]:
    post = get_object_or_404(Post.objects.select_related("author"), pk=pk)
    topic, is_moderator = get_topic_for_reader(user, post.topic_id)
    post.topic = topic
    if not is_moderator and post.author_id != user.pk and post.status not in VISIBLE_TO_READERS:
        raise Http404
    return post, is_moderator


def get_post_for_moderator(user, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("author", "topic__board"), pk=pk)
    if not services.is_board_moderator(user, post.topic.board):
        raise Http404
    return post


def _mark_display(posts, user, is_moderator: bool) -> None:
    """Decide per post what this reader sees: the text, or a placeholder with the reason."""
    for post in posts:
        own = post.author_id == user.pk
        post.show_body = is_moderator or own or post.is_public
        post.show_reason = (is_moderator or own) and post.status != PostStatus.PUBLISHED
        post.may_edit = post.may_be_edited_by(user)


# --- Reading ----------------------------------------------------------------------


@forum_reader
def board_list(request):
    boards = Board.objects.readable_by(request.user).order_by("position", "name")
    return render(request, "forum/board_list.html", {"boards": boards})


@forum_reader
def board_detail(request, slug: str):
    board, is_moderator = get_board_for_reader(request.user, slug)
    topics = (
        Topic.objects.filter(board=board)
        .listed_for(request.user, is_moderator=is_moderator)
        .select_related("author", "last_poster")
        .order_by("-is_pinned", "-last_post_at", "-id")
    )
    page = Paginator(topics, conf.TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    subscribed = Subscription.objects.filter(user=request.user, board=board).exists()
    return render(
        request,
        "forum/board_detail.html",
        {
            "board": board,
            "page": page,
            "is_moderator": is_moderator,
            "subscribed": subscribed,
            "may_start": board.may_start_topic(request.user, is_moderator=is_moderator),
        },
    )


@forum_reader
def topic_detail(request, pk: int):
    topic, is_moderator = get_topic_for_reader(request.user, pk)
    number = min(max(1, _small_number(request.GET.get("page", "")) or 1), topic.page_count)
    start = (number - 1) * conf.POSTS_PER_PAGE
    posts = Post.objects.filter(
        topic=topic, position__gt=start, position__lte=start + conf.POSTS_PER_PAGE
    ).select_related("author")
    if not is_moderator:
        posts = posts.filter(Q(status__in=VISIBLE_TO_READERS) | Q(author=request.user))
    posts = list(posts.order_by("position"))
    _mark_display(posts, request.user, is_moderator)
    board = topic.board
    context = {
        "topic": topic,
        "board": board,
        "posts": posts,
        "page_number": number,
        "page_count": topic.page_count,
        "pages": _page_links(number, topic.page_count),
        "is_moderator": is_moderator,
        "subscribed": Subscription.objects.filter(user=request.user, topic=topic).exists(),
        "may_reply": board.may_reply(request.user, is_moderator=is_moderator)
        and (not topic.is_locked or is_moderator),
        "form": PostForm(board=board),
    }
    if is_moderator:
        context["action_form"] = TopicActionForm()
        context["boards"] = Board.objects.exclude(pk=board.pk).only("pk", "name")
    return render(request, "forum/topic_detail.html", context)


def _small_number(value: str) -> int | None:
    """A positive id or page number typed into a URL, or None for anything else.

    isdigit() accepts "²", which int() refuses; and a 30-digit id overflows the
    database's integer column. Both are ignored like any other bad value.
    """
    if not value or len(value) > 10 or not value.isascii() or not value.isdecimal():
        return None
    number = int(value)
    return number if 0 < number <= 2**31 - 1 else None


def _page_links(number: int, count: int) -> list[int | None]:
    wanted = {1, count, number - 1, number, number + 1}
    links: list[int | None] = []
    for n in range(1, count + 1):
        if n in wanted:
            links.append(n)
        elif links and links[-1] is not None:
            links.append(None)
    return links


@forum_reader
def post_goto(request, pk: int):
    post, _is_moderator = get_post_for_reader(request.user, pk)
    return redirect(f"{post.topic.get_absolute_url()}?page={post.page_number}#p{post.position}")


@forum_reader
def post_image(request, pk: int):
    post, is_moderator = get_post_for_reader(request.user, pk)
    if not post.image or not (is_moderator or post.author_id == request.user.pk or post.is_public):
        raise Http404
    response = FileResponse(post.image.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- Writing -----------------------------------------------------------------------


def _refusal_to_form(form, error: services.Refused) -> None:
    form.add_error(None, error)


@forum_reader
def topic_create(request, slug: str):
    board, is_moderator = get_board_for_reader(request.user, slug)
    if not board.may_start_topic(request.user, is_moderator=is_moderator):
        raise Http404
    form = TopicForm(request.POST or None, request.FILES or None, board=board)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.create_topic(
                board=board,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                image=form.cleaned_data.get("image"),
                is_moderator=is_moderator,
            )
        except services.Refused as error:
            _refusal_to_form(form, error)
        else:
            if not topic.is_published:
                messages.info(request, _("Chủ đề đã được gửi và đang chờ duyệt."))
            return redirect(topic)
    return render(request, "forum/topic_form.html", {"board": board, "form": form})


@forum_reader
def reply(request, pk: int):
    topic, is_moderator = get_topic_for_reader(request.user, pk)
    board = topic.board
    initial = {}
    quote_pk = _small_number(request.GET.get("quote", "")) if request.method == "GET" else None
    if quote_pk is not None:
        quoted = (
            Post.objects.filter(topic=topic, pk=quote_pk, status=PostStatus.PUBLISHED)
            .select_related("author")
            .first()
        )
        if quoted is not None:
            initial["body"] = text.quote_markdown(str(quoted.author), quoted.body)
    form = PostForm(request.POST or None, request.FILES or None, board=board, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_reply(
                topic=topic,
                author=request.user,
                body=form.cleaned_data["body"],
                image=form.cleaned_data.get("image"),
                is_moderator=is_moderator,
            )
        except services.Refused as error:
            _refusal_to_form(form, error)
        else:
            if post.status == PostStatus.HELD:
                messages.info(
                    request, _("Bài viết đã được gửi và đang chờ duyệt. Lý do: %(reason)s")
                    % {"reason": post.status_reason},
                )  # fmt: skip
            return redirect(post)
    refusal = None
    if request.method == "GET":
        try:
            services.check_may_post(
                user=request.user, board=board, topic=topic, is_moderator=is_moderator
            )
        except services.Refused as error:
            refusal = error.message
    return render(
        request, "forum/reply_form.html", {"topic": topic, "form": form, "refusal": refusal}
    )


@forum_reader
def post_edit(request, pk: int):
    post, _is_moderator = get_post_for_reader(request.user, pk)
    if post.author_id != request.user.pk:
        raise Http404
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(post=post, by=request.user, body=form.cleaned_data["body"])
        except services.Refused as error:
            _refusal_to_form(form, error)
        else:
            messages.success(request, _("Đã lưu bài viết."))
            return redirect(post)
    elif request.method == "GET" and not post.may_be_edited_by(request.user):
        form.add_error(
            None,
            _("Đã quá %(minutes)s phút kể từ khi đăng nên bài viết không sửa được nữa.")
            % {"minutes": conf.EDIT_WINDOW_MINUTES},
        )
    return render(request, "forum/post_edit.html", {"post": post, "form": form})


@require_POST
@forum_reader
def post_withdraw(request, pk: int):
    post, _is_moderator = get_post_for_reader(request.user, pk)
    if post.author_id != request.user.pk:
        raise Http404
    try:
        services.withdraw_post(post=post, by=request.user)
        messages.success(request, _("Bài viết đã được rút lại."))
    except services.Refused as error:
        messages.error(request, error.message)
    return redirect(post)


def post_history(request, pk: int):
    post = get_post_for_moderator(request.user, pk)
    revisions = post.revisions.select_related("edited_by")
    return render(request, "forum/post_history.html", {"post": post, "revisions": revisions})


@forum_reader
def post_report(request, pk: int):
    post, _is_moderator = get_post_for_reader(request.user, pk)
    if not post.is_public or post.author_id == request.user.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.report_post(
            post=post,
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        if created:
            messages.success(request, _("Cảm ơn bạn. Người kiểm duyệt sẽ xem xét bài viết này."))
        else:
            messages.info(request, _("Bạn đã báo cáo bài viết này rồi."))
        return redirect(post.topic)
    return render(request, "forum/post_report.html", {"post": post, "form": form})


@require_POST
@forum_reader
def board_subscribe(request, slug: str):
    board, _is_moderator = get_board_for_reader(request.user, slug)
    on = services.toggle_subscription(user=request.user, board=board)
    messages.success(
        request, _("Đã theo dõi chuyên mục.") if on else _("Đã bỏ theo dõi chuyên mục.")
    )
    return redirect(board)


@require_POST
@forum_reader
def topic_subscribe(request, pk: int):
    topic, _is_moderator = get_topic_for_reader(request.user, pk)
    on = services.toggle_subscription(user=request.user, topic=topic)
    messages.success(request, _("Đã theo dõi chủ đề.") if on else _("Đã bỏ theo dõi chủ đề."))
    return redirect(topic)


# --- Moderation ----------------------------------------------------------------------


@require_POST
def topic_action(request, pk: int):
    topic = get_object_or_404(Topic.objects.select_related("board"), pk=pk)
    if not services.is_board_moderator(request.user, topic.board):
        raise Http404
    form = TopicActionForm(request.POST)
    if form.is_valid():
        target = form.cleaned_data["board"]
        if target is not None and not services.is_board_moderator(request.user, target):
            raise Http404
        try:
            services.moderate_topic(
                topic=topic,
                moderator=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                board=target,
            )
            messages.success(request, _("Đã cập nhật chủ đề."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Thao tác không hợp lệ."))
    return redirect(topic)


def review_queue(request):
    user = request.user
    if not user.is_school_staff or not (
        user.can_moderate or Board.objects.moderated_by(user).exists()
    ):
        raise Http404
    page = Paginator(selectors.queue_for(user), 20).get_page(request.GET.get("page"))
    items = list(page.object_list)
    _annotate_queue_items(items)
    appeals = (
        Appeal.objects.filter(status=AppealStatus.PENDING)
        .exclude(original_moderator=user)
        .select_related("author", "post__topic", "sanction")
        .order_by("created_at")
    )
    if not user.can_moderate:
        appeals = appeals.filter(post__topic__board__moderators=user)
    return render(
        request, "forum/queue.html", {"page": page, "items": items, "appeals": list(appeals[:20])}
    )


def _annotate_queue_items(items: list[Post]) -> None:
    """Open reports and the author's recent history for each queued post (two + one queries)."""
    histories = selectors.author_histories(sorted({item.author_id for item in items}))
    reports: dict[int, list[Report]] = {}
    for report in Report.objects.filter(
        post__in=[item.pk for item in items], resolved_at__isnull=True
    ).select_related("reporter"):
        reports.setdefault(report.post_id, []).append(report)
    for item in items:
        item.history = histories[item.author_id]
        item.open_reports = reports.get(item.pk, [])
        item.form = DecisionForm(initial={"body": item.body})


@require_POST
def queue_decide(request, pk: int):
    post = get_post_for_moderator(request.user, pk)
    form = DecisionForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.decide_post(
                post=post,
                moderator=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                new_body=form.cleaned_data["body"] or None,
            )
        except services.Refused as refusal:
            error = refusal.message
    else:
        error = _("Thao tác không hợp lệ.")
    if request.htmx:
        if error:
            _annotate_queue_items([post])
            post.form = form
            return render(request, "forum/queue.html#queue_item", {"item": post, "error": error})
        post.refresh_from_db()
        waiting = selectors.navigation_counts(request).get("forum_queue", 0)
        return render(request, "forum/queue.html#queue_done", {"item": post, "waiting": waiting})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã xử lý bài viết."))
    return redirect("forum:queue")


@require_POST
def appeal_decide(request, pk: int):
    appeal = get_object_or_404(
        Appeal.objects.select_related("post__topic__board", "sanction"), pk=pk
    )
    allowed = request.user.can_moderate or (
        appeal.post_id and services.is_board_moderator(request.user, appeal.post.topic.board)
    )
    if not allowed:
        raise Http404
    form = AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_appeal(
                appeal=appeal,
                moderator=request.user,
                overturn=form.cleaned_data["overturn"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Đã xem xét khiếu nại."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Hãy chọn quyết định và ghi lý do."))
    return redirect("forum:queue")


# --- People: records, sanctions, notes, appeals --------------------------------------


def my_record(request):
    record = selectors.moderation_record([request.user.pk])[request.user.pk]
    appealed_posts = set(
        Appeal.objects.filter(author=request.user).values_list("post_id", "sanction_id")
    )
    for item in record:
        key = (item.get("post_id"), item.get("sanction_id"))
        item["appealed"] = key in appealed_posts
        item["may_appeal"] = not item["appealed"] and item["status"] in (
            PostStatus.REJECTED, PostStatus.HIDDEN, SanctionKind.MUTE, SanctionKind.SUSPENSION,
            SanctionKind.WARNING,
        )  # fmt: skip
    appeals = Appeal.objects.filter(author=request.user).order_by("-created_at")[:20]
    children = (
        [g.pupil for g in Guardianship.objects.filter(parent=request.user).select_related("pupil")]
        if request.user.is_parent
        else []
    )
    return render(
        request,
        "forum/my_record.html",
        {"record": record, "appeals": appeals, "appeal_form": AppealForm(), "children": children},
    )


def child_record(request, pupil_pk: int):
    guardianship = get_object_or_404(
        Guardianship.objects.select_related("pupil"), parent=request.user, pupil_id=pupil_pk
    )
    pupil = guardianship.pupil
    record = selectors.child_moderation_summary([pupil.pk])[pupil.pk]
    return render(request, "forum/child_record.html", {"pupil": pupil, "record": record})


@require_POST
def post_appeal(request, pk: int):
    post = get_object_or_404(Post, pk=pk, author=request.user)
    return _file_appeal(request, post=post)


@require_POST
def sanction_appeal(request, pk: int):
    sanction = get_object_or_404(Sanction, pk=pk, user=request.user)
    return _file_appeal(request, sanction=sanction)


def _file_appeal(request, **subject):
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            services.file_appeal(author=request.user, text_=form.cleaned_data["text"], **subject)
            messages.success(request, _("Đã gửi khiếu nại. Một người kiểm duyệt khác sẽ xem xét."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Hãy viết vì sao bạn thấy quyết định chưa đúng."))
    return redirect("forum:my_record")


@moderator_only
def member(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    record = selectors.moderation_record([person.pk])[person.pk]
    return render(
        request,
        "forum/member.html",
        {
            "person": person,
            "record": record,
            "sanctions": Sanction.objects.filter(user=person).select_related("created_by"),
            "notes": StaffNote.objects.filter(user=person).select_related("author"),
            "sanction_form": SanctionForm(),
            "note_form": NoteForm(),
        },
    )


@require_POST
@moderator_only
def sanction_create(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = SanctionForm(request.POST)
    if form.is_valid():
        try:
            services.issue_sanction(
                user=person,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                duration_hours=form.cleaned_data["duration_hours"],
                by=request.user,
            )
            messages.success(request, _("Đã ghi nhận hình thức xử lý."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Hãy chọn hình thức và ghi lý do."))
    return redirect("forum:member", pk=person.pk)


@require_POST
@moderator_only
def sanction_revoke(request, pk: int):
    sanction = get_object_or_404(Sanction, pk=pk)
    services.revoke_sanction(
        sanction=sanction, by=request.user, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("Đã gỡ hình thức xử lý."))
    return redirect("forum:member", pk=sanction.user_id)


@require_POST
@moderator_only
def note_create(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_staff_note(user=person, by=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("Đã lưu ghi chú."))
    else:
        messages.error(request, _("Ghi chú không được để trống."))
    return redirect("forum:member", pk=person.pk)


# --- Watched words and the audit log -----------------------------------------------------


@moderator_only
def watched_words(request):
    form = WatchedWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_watched_word(
                word=form.cleaned_data["word"], action=form.cleaned_data["action"], by=request.user
            )
            messages.success(request, _("Đã lưu từ khoá."))
            return redirect("forum:watched_words")
        except services.Refused as error:
            form.add_error("word", error)
    return render(
        request, "forum/watched_words.html", {"words": WatchedWord.objects.all(), "form": form}
    )


@require_POST
@moderator_only
def watched_word_delete(request, pk: int):
    services.delete_watched_word(watched=get_object_or_404(WatchedWord, pk=pk), by=request.user)
    messages.success(request, _("Đã xoá từ khoá."))
    return redirect("forum:watched_words")


# --- Boards: audience and policy, for collaborators -------------------------------------


@moderator_only
def board_manage(request):
    boards = list(Board.objects.all())
    # Audience labels name classes: fetch the classes the keys mention in one query.
    class_ids = set()
    for board in boards:
        parts = board.audience.split(":")
        if parts[0] == "class" and len(parts) > 1 and parts[1].isdigit():
            class_ids.add(int(parts[1]))
    class_names = dict(SchoolClass.objects.filter(pk__in=class_ids).values_list("pk", "name"))
    for board in boards:
        try:
            board.audience_text = audiences.label(board.audience, class_names=class_names)
        except ValueError:
            board.audience_text = board.audience
    return render(request, "forum/board_manage.html", {"boards": boards})


@moderator_only
def board_manage_create(request):
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.create_board(by=request.user, **form.changes())
        except services.Refused as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tạo chuyên mục “%s”.") % board.name)
            return redirect("forum:board_manage")
    return render(request, "forum/board_form.html", {"form": form, "board": None})


@moderator_only
def board_manage_edit(request, pk: int):
    board = get_object_or_404(Board.objects.select_related("school_class"), pk=pk)
    form = BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.update_board(board=board, by=request.user, **form.changes())
        except services.Refused as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu chuyên mục “%s”.") % board.name)
            return redirect("forum:board_manage")
    return render(request, "forum/board_form.html", {"form": form, "board": board})


def _audit_entries(request):
    if not request.user.can_administer:
        raise Http404
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.filter(action__startswith="forum.").select_related("actor")
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action__icontains=data["action"])
        if data["actor"]:
            entries = entries.filter(actor__username=data["actor"])
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            entries = entries.filter(created_at__gte=datetime.combine(data["date_from"], time.min, tz))  # fmt: skip
        if data["date_to"]:
            entries = entries.filter(created_at__lt=datetime.combine(data["date_to"] + timedelta(days=1), time.min, tz))  # fmt: skip
    return form, entries


def audit_log(request):
    form, entries = _audit_entries(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "forum/audit_log.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


def csv_cell(value) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ (or tab/CR) gets a quote."""
    value = "" if value is None else str(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def audit_csv(request):
    _form, entries = _audit_entries(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nhat-ky-kiem-duyet.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Thời điểm"),
            _("Người thực hiện"),
            _("Hành động"),
            _("Đối tượng"),
            _("Lý do"),
            _("Trước"),
            _("Sau"),
        ]  # fmt: skip
    )
    for entry in entries.iterator(chunk_size=500):
        writer.writerow(
            [
                csv_cell(timezone.localtime(entry.created_at).strftime("%d/%m/%Y %H:%M")),
                csv_cell(entry.actor.username if entry.actor else ""),
                csv_cell(entry.action),
                csv_cell(f"{entry.target_type}#{entry.target_id} {entry.target_repr}"),
                csv_cell(entry.reason),
                csv_cell(entry.before),
                csv_cell(entry.after),
            ]
        )
    return response


# --- Private cases ----------------------------------------------------------------------


def case_list(request):
    user = request.user
    cases = Case.objects.visible_to(user).select_related("author", "assigned_to")
    status = request.GET.get("status", "")
    if status:
        cases = cases.filter(status=status)
    if request.GET.get("overdue"):
        cases = cases.overdue()
    page = Paginator(cases.order_by("-updated_at", "-id"), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "forum/case_list.html",
        {
            "page": page,
            "status": status,
            "may_open": user.is_pupil or user.is_parent,
            "query_string": query.urlencode(),
        },
    )


def case_create(request):
    if not (request.user.is_pupil or request.user.is_parent):
        raise Http404
    form = CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = services.open_case(
            author=request.user,
            kind=data["kind"],
            category=data["category"],
            title=data["title"],
            body=data["body"],
            hidden_from_guardians=data.get("hidden_from_guardians", False),
        )
        messages.success(request, _("Đã gửi. Nhà trường sẽ trả lời bạn sớm."))
        return redirect(case)
    return render(request, "forum/case_form.html", {"form": form})


def get_case_for(user, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(user).select_related("author", "assigned_to"), pk=pk
    )


def _may_reply_case(user, case: Case) -> bool:
    return user.pk in (case.author_id, case.assigned_to_id) or user.can_moderate


def case_detail(request, pk: int):
    case = get_case_for(request.user, pk)
    context = {
        "case": case,
        "case_messages": case.messages.select_related("author"),
        "reply_form": CaseReplyForm() if _may_reply_case(request.user, case) else None,
    }
    if request.user.can_moderate:
        context["manage_form"] = CaseManageForm(
            initial={
                "assigned_to": case.assigned_to_id,
                "status": case.status,
                "due_on": case.due_on,
            }
        )
    return render(request, "forum/case_detail.html", context)


@require_POST
def case_reply(request, pk: int):
    case = get_case_for(request.user, pk)
    if not _may_reply_case(request.user, case):
        raise Http404
    form = CaseReplyForm(request.POST)
    if form.is_valid():
        services.reply_case(case=case, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Đã gửi trả lời."))
        return redirect(case)
    return render(
        request,
        "forum/case_detail.html",
        {"case": case, "case_messages": case.messages.select_related("author"), "reply_form": form},
    )


@require_POST
@moderator_only
def case_manage(request, pk: int):
    case = get_case_for(request.user, pk)
    form = CaseManageForm(request.POST)
    if form.is_valid():
        services.manage_case(
            case=case,
            by=request.user,
            assigned_to=form.cleaned_data["assigned_to"],
            status=form.cleaned_data["status"],
            due_on=form.cleaned_data["due_on"],
        )
        messages.success(request, _("Đã cập nhật."))
    else:
        problems = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join([_("Thông tin chưa hợp lệ."), *problems]))
    return redirect(case)


@moderator_only
def case_report(request):
    form = CaseReportForm(request.GET or None)
    today = timezone.localdate()
    start_day, end_day = today.replace(day=1), today
    if form.is_valid():
        start_day = form.cleaned_data["date_from"] or start_day
        end_day = form.cleaned_data["date_to"] or end_day
    tz = timezone.get_current_timezone()
    summary = selectors.case_summary(
        start=datetime.combine(start_day, time.min, tz),
        end=datetime.combine(end_day + timedelta(days=1), time.min, tz),
    )
    return render(
        request,
        "forum/case_report.html",
        {"form": form, "summary": summary, "start_day": start_day, "end_day": end_day},
    )


def reverse_topic_page(topic: Topic, page: int) -> str:
    return f"{reverse('forum:topic', args=[topic.pk])}?page={page}"
