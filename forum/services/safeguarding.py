"""Screening what people write, and acting at once when a child may be at risk.

Two ways in:

- `screen_writing` for what is published (topic titles, posts, edits): the caller
  refuses a blocked text (`refuse_if_blocked`), stores the censored text, holds or
  queues the post as the verdict says (`post_reasons`), records a SafetySignal
  (`record_signal`) and, for a safeguarding signal, calls `raise_alarm`;
- `alarm_if_urgent` for what only the school reads (a pupil's cases and their
  messages, report notes, appeals): nothing is published, so rude words or a phone
  number change nothing; only a safeguarding signal acts.

A safeguarding signal (self-harm, violence, grooming: verdict urgent) raises the
alarm in the caller's transaction: the homeroom teacher of the pupil's class and the
collaborator team get an urgent notification (in-app, and e-mail at once even in quiet
hours), and a private case is opened for the school (or the pupil's open one is
added to), assigned to the homeroom teacher. Its guardians see it when the school's
setting says so, except when the words concern the family (screening.concerns_family):
then neither the case nor the post reaches the guardians' pages or download.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.selectors import school_settings
from accounts.services import record_audit
from notifications.services import notify

from ..models import (
    OPEN_CASE_STATUSES,
    Case,
    CaseCategory,
    CaseKind,
    CaseMessage,
    CaseStatus,
    Post,
    SafetySignal,
    WatchedWord,
    moderation_team,
)
from ..screening import (
    ADDRESS,
    EMAIL,
    PHONE,
    SOCIAL,
    Category,
    Hit,
    Screening,
    Verdict,
    concerns_family,
    screen,
)
from .errors import Refused

URGENT_KIND = "forum.safeguarding"

# What the author reads, in words a child understands.
CENSOR_NOTE = gettext_lazy(
    "Một vài từ trong bài của em đã được thay bằng *** vì đó là từ không lịch sự. "
    "Thầy cô sẽ xem lại."
)
PERSONAL_DETAILS_REASON = gettext_lazy(
    "Bài của em có số điện thoại, địa chỉ nhà, e-mail hoặc tài khoản mạng xã hội. "
    "Diễn đàn không bao giờ đăng những thông tin này, để người lạ không tìm được em. "
    "Thầy cô sẽ đọc bài trước khi đăng."
)
URGENT_REASON = gettext_lazy(
    "Thầy cô sẽ đọc bài này trước và sẽ sớm trò chuyện với em."
)  # fmt: skip
CASE_TITLE = gettext_lazy("Thầy cô muốn trò chuyện với em")

_DETAIL_NAMES = {
    PHONE: gettext_lazy("số điện thoại"),
    EMAIL: gettext_lazy("e-mail"),
    ADDRESS: gettext_lazy("địa chỉ"),
    SOCIAL: gettext_lazy("tài khoản mạng xã hội"),
}
_HELD = (Verdict.HOLD, Verdict.URGENT)


@dataclass(frozen=True)
class Screened:
    """A piece of writing (a body, and a topic's title) after screening."""

    body: Screening
    title: Screening | None = None

    @property
    def parts(self) -> tuple[Screening, ...]:
        return (self.body,) if self.title is None else (self.title, self.body)

    @property
    def verdict(self) -> Verdict:
        return max((part.verdict for part in self.parts), key=list(Verdict).index)

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(hit for part in self.parts for hit in part.hits)

    @property
    def categories(self) -> tuple[str, ...]:
        found = {hit.category for hit in self.hits}
        return tuple(category for category in Category if category in found)

    @property
    def held(self) -> bool:
        return self.verdict in _HELD

    @property
    def censored(self) -> bool:
        """Whether words were replaced with ***."""
        return any(part.censored != part.text for part in self.parts)

    @property
    def stored_body(self) -> str:
        return self.body.censored

    @property
    def stored_title(self) -> str:
        return self.title.censored if self.title is not None else ""

    @property
    def original(self) -> str:
        """The whole text as typed: the title, a blank line, the body."""
        return "\n\n".join(part.text for part in self.parts)

    def words(self, *actions: str) -> str:
        """The rules that matched (with these actions, if given), each once, for moderators."""
        seen: dict[str, None] = {}
        for hit in self.hits:
            if not actions or hit.action in actions:
                seen.setdefault(str(_DETAIL_NAMES.get(hit.rule, hit.rule)))
        return ", ".join(seen)


def screen_writing(*, body: str, title: str | None = None) -> Screened:
    """Screen a body (and a title) against the watched words. One query (the list)."""
    rules = WatchedWord.objects.ruleset()
    return Screened(
        body=screen(body, rules), title=screen(title, rules) if title is not None else None
    )


def refuse_if_blocked(screened: Screened) -> None:
    if screened.verdict == Verdict.BLOCK:
        raise Refused(
            _(
                "Bài viết có từ ngữ không được phép dùng trên diễn đàn của trường. "
                "Hãy sửa lại lời lẽ rồi gửi lại."
            ),
            code="blocked_word",
        )


def post_reasons(screened: Screened) -> tuple[str, str]:
    """(status_reason, flag_reason): why a held post waits, for its author and guardians;
    what a published post was queued for, for moderators."""
    verdict = screened.verdict
    if verdict == Verdict.URGENT:
        return str(URGENT_REASON), ""
    if verdict == Verdict.HOLD:
        reasons = []
        held_words = [
            hit
            for hit in screened.hits
            if hit.action == Verdict.HOLD and hit.category != Category.PERSONAL_DETAILS
        ]
        if held_words:
            rules = sorted({hit.rule for hit in held_words})
            reasons.append(_("Từ khoá cần theo dõi: %s") % ", ".join(rules))
        if Category.PERSONAL_DETAILS in screened.categories:
            reasons.append(str(PERSONAL_DETAILS_REASON))
        return " ".join(reasons)[:500], ""
    if verdict == Verdict.CENSOR:
        return "", (_("Từ ngữ đã thay bằng ***: %s") % screened.words(Verdict.CENSOR))[:200]
    if verdict == Verdict.FLAG:
        rules = sorted({hit.rule for hit in screened.hits if hit.action == Verdict.FLAG})
        return "", (_("Từ khoá cần theo dõi: %s") % ", ".join(rules))[:200]
    return "", ""


def record_signal(
    *,
    author: User,
    source: str,
    screened: Screened,
    post: Post | None = None,
    case: Case | None = None,
) -> SafetySignal | None:
    """Keep what screening stopped or changed, with the words as typed. Call inside
    transaction.atomic. None when the text passed untouched."""
    if screened.verdict == Verdict.PUBLISH:
        return None
    return SafetySignal.objects.create(
        author=author,
        source=source,
        post=post,
        case=case,
        categories=",".join(screened.categories),
        verdict=screened.verdict,
        words=screened.words()[:300],
        text=screened.original,
    )


# --- The alarm -----------------------------------------------------------------------


def homeroom_teacher_of(pupil: User) -> User | None:
    """The homeroom teacher of the pupil's class this school year. One query."""
    return User.objects.filter(
        is_active=True,
        homeroom_classes__year__is_current=True,
        homeroom_classes__enrolments__pupil=pupil,
    ).first()


def _excerpt(text: str, length: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def _open_safeguarding_case(pupil: User) -> Case | None:
    """The pupil's case of an earlier alert, while the school is still on it."""
    return (
        Case.objects.filter(
            author=pupil,
            safety_signals__verdict=Verdict.URGENT,
            status__in=[*OPEN_CASE_STATUSES, CaseStatus.ANSWERED],
        )
        .order_by("-created_at")
        .first()
    )


def _case_for_alarm(
    *, signal: SafetySignal, case: Case | None, family: bool, teacher: User | None
) -> Case:
    """The case the school follows the pupil in: the one they wrote in, their open
    safeguarding case, or a new one. Call inside transaction.atomic."""
    pupil = signal.author
    now = timezone.now()
    opened = False
    if case is None:
        case = _open_safeguarding_case(pupil)
        if case is not None:
            CaseMessage.objects.create(case=case, author=pupil, body=signal.text, created_at=now)
            if case.status == CaseStatus.ANSWERED:
                case.status = CaseStatus.IN_PROGRESS
        else:
            opened = True
            case = Case.objects.create(
                author=pupil,
                kind=CaseKind.COMPLAINT,
                category=CaseCategory.SAFETY,
                title=str(CASE_TITLE),
                hidden_from_guardians=family
                or not school_settings().guardians_see_safeguarding_cases,
                assigned_to=teacher,
                due_on=timezone.localdate(),  # today: it cannot wait
                created_at=now,
                updated_at=now,
            )
            CaseMessage.objects.create(case=case, author=pupil, body=signal.text, created_at=now)
    before = f"{case.assigned_to_id}/{case.hidden_from_guardians}"
    if case.assigned_to_id is None and teacher is not None:
        case.assigned_to = teacher
    # Never shown again once hidden: the pupil's choice, or an earlier signal about home.
    case.hidden_from_guardians = case.hidden_from_guardians or family
    case.updated_at = now
    case.save(update_fields=["assigned_to", "hidden_from_guardians", "status", "updated_at"])
    record_audit(
        actor=pupil,
        action="forum.safeguarding_case_open" if opened else "forum.safeguarding_case",
        target=case,
        reason=signal.category_labels(),
        before="" if opened else before,
        after=f"{case.assigned_to_id}/{case.hidden_from_guardians}",
    )
    return case


def raise_alarm(*, signal: SafetySignal, case: Case | None = None) -> Case | None:
    """Tell the homeroom teacher and the collaborator team at once, and open (or add to)
    the pupil's case. `case` is the case the pupil wrote in, if any. Returns the case
    (None when the writer is not a pupil: the team is told, no case is opened).

    Call inside the transaction that stores the writing.
    """
    author = signal.author
    family = concerns_family(signal.text)
    teacher = homeroom_teacher_of(author) if author.is_pupil else None
    if author.is_pupil:
        case = _case_for_alarm(signal=signal, case=case, family=family, teacher=teacher)
    signal.case = case
    signal.concerns_family = family
    signal.save(update_fields=["case", "concerns_family"])
    recipients: list[User] = list(moderation_team())
    if teacher is not None:
        recipients.append(teacher)
    if case is not None:
        url = case.get_absolute_url()
    elif signal.post is not None:
        url = signal.post.get_absolute_url()
    else:
        url = ""
    notify(
        recipients=recipients,
        kind=URGENT_KIND,
        title=_("Cần quan tâm ngay: %(name)s (%(categories)s)")
        % {"name": author, "categories": signal.category_labels()},
        url=url,
        body=_excerpt(signal.text),
    )
    record_audit(
        actor=author,
        action="forum.safeguarding_alert",
        target=signal.post or case or author,
        reason=signal.category_labels(),
        after=signal.text,
    )
    return case


def alarm_if_urgent(
    *, author: User, source: str, body: str, title: str | None = None, case: Case | None = None
) -> Case | None:
    """For what only the school reads, written by a pupil: a safeguarding signal is
    recorded and raises the alarm; anything else changes nothing. Call inside
    transaction.atomic. One query (the word list) when nothing is found."""
    if not author.is_pupil:
        return None
    screened = screen_writing(body=body, title=title)
    if screened.verdict != Verdict.URGENT:
        return None
    signal = record_signal(author=author, source=source, screened=screened, case=case)
    assert signal is not None  # urgent is not "publish"
    return raise_alarm(signal=signal, case=case)
