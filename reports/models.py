"""An issued report: the figures as they were when the school sent it, kept unchanged."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IssuedReport(models.Model):
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True)
    title = models.CharField(_("trích yếu"), max_length=300)
    period_label = models.CharField(_("kỳ báo cáo"), max_length=120)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    opening = models.TextField(_("đoạn mở đầu"), blank=True)
    closing = models.TextField(_("đoạn kết"), blank=True)
    # The whole report as reports.figures.build_report returned it, frozen.
    figures = models.JSONField(_("số liệu"))
    # The letterhead as printed (school settings may change later).
    letterhead = models.JSONField(_("thông tin văn bản"), default=dict)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người phát hành"),
    )
    issued_at = models.DateTimeField(_("phát hành lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("báo cáo đã phát hành")
        verbose_name_plural = _("báo cáo đã phát hành")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["-issued_at", "-id"], name="issued_report_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:issued_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """Số/ký hiệu as printed: "12/BC-THHS"."""
        if self.number and self.symbol:
            return f"{self.number}/{self.symbol}"
        return self.number or self.symbol
