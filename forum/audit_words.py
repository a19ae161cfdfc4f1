"""The forum's audit log read as sentences ("Trần Thị Lan tạm cấm đăng bài Nguyễn Văn
An đến 03/12/2026 08:00"), not action codes. The codes stay in the data and the filter."""

from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEntry

# %(actor)s did something to %(target)s; %(after)s / %(before)s where the row keeps them.
SENTENCES = {
    "forum.post": _("%(actor)s đăng %(target)s"),
    "forum.post_held": _("%(actor)s gửi %(target)s, bài được giữ lại chờ duyệt"),
    "forum.post_approve": _("%(actor)s duyệt %(target)s"),
    "forum.post_reject": _("%(actor)s từ chối %(target)s"),
    "forum.post_hide": _("%(actor)s ẩn %(target)s"),
    "forum.post_edit": _("%(actor)s sửa %(target)s"),
    "forum.post_withdraw": _("%(actor)s rút lại %(target)s"),
    "forum.report": _("%(actor)s báo cáo %(target)s"),
    "forum.topic_pin": _("%(actor)s ghim chủ đề “%(target)s”"),
    "forum.topic_unpin": _("%(actor)s bỏ ghim chủ đề “%(target)s”"),
    "forum.topic_lock": _("%(actor)s khoá chủ đề “%(target)s”"),
    "forum.topic_unlock": _("%(actor)s mở khoá chủ đề “%(target)s”"),
    "forum.topic_hide": _("%(actor)s ẩn chủ đề “%(target)s”"),
    "forum.topic_unhide": _("%(actor)s hiện lại chủ đề “%(target)s”"),
    "forum.topic_move": _("%(actor)s chuyển chủ đề “%(target)s” từ %(before)s sang %(after)s"),
    "forum.sanction_warning": _("%(actor)s nhắc nhở %(target)s"),
    "forum.sanction_mute": _("%(actor)s tạm cấm đăng bài %(target)s đến %(after)s"),
    "forum.sanction_suspension": _("%(actor)s đình chỉ %(target)s khỏi diễn đàn đến %(after)s"),
    "forum.sanction_revoke": _("%(actor)s gỡ hình thức “%(before)s” của %(target)s"),
    "forum.staff_note": _("%(actor)s ghi chú về %(target)s"),
    "forum.appeal": _("%(actor)s khiếu nại quyết định về %(target)s"),
    "forum.appeal_overturn": _("%(actor)s huỷ quyết định về %(target)s sau khiếu nại"),
    "forum.appeal_uphold": _("%(actor)s giữ nguyên quyết định về %(target)s sau khiếu nại"),
    "forum.word_set": _("%(actor)s đặt từ khoá cần theo dõi “%(target)s”"),
    "forum.word_delete": _("%(actor)s xoá từ khoá cần theo dõi “%(target)s”"),
    "forum.case_open": _("%(actor)s gửi “%(target)s” cho nhà trường"),
    "forum.case_reply": _("%(actor)s trả lời “%(target)s”"),
    "forum.case_manage": _("%(actor)s cập nhật “%(target)s”: %(after)s"),
    "forum.safeguarding_case_open": _("Hệ thống mở hồ sơ cần quan tâm ngay “%(target)s”"),
    "forum.safeguarding_case": _("Hệ thống ghi thêm dấu hiệu vào hồ sơ “%(target)s”"),
    "forum.safeguarding_alert": _("Hệ thống báo: %(target)s có thể đang gặp nguy hiểm"),
    "forum.board_create": _("%(actor)s tạo chuyên mục “%(target)s”"),
    "forum.board_update": _("%(actor)s sửa chuyên mục “%(target)s”"),
}


def sentence(entry: AuditEntry) -> str:
    """One row as a sentence; an action without one (a new code) falls back to its code."""
    template = SENTENCES.get(entry.action)
    actor = entry.actor.full_name if entry.actor else _("Hệ thống")
    if template is None:
        return f"{actor}: {entry.action} {entry.target_repr}".strip()
    return str(template) % {
        "actor": actor,
        "target": entry.target_repr,
        "before": entry.before,
        "after": entry.after,
    }
