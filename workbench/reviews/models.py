"""What a reviewed document carries (`Reviewable`, an abstract model) and the one history table (`ReviewEvent`).

A document that is reviewed inherits `Reviewable`: its review state, when it was submitted and decided, by whom,
and the comment of a return. Who may submit (CHANGE) and who may decide (APPROVE) is its `access_rule`
(accounts.access.ReviewedByTeamLead); how the state moves is reviews.services, the only writer of these fields.

Every step (created, edited, submitted, approved, returned) is one `ReviewEvent` row pointing at the document
through a generic foreign key, so the history of any kind of document lives in one table.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.lib.stale import Versioned


class ReviewState(models.TextChoices):
    """Where a reviewed document stands (草稿 / 已提交 / 已审核 / 已退回)."""

    DRAFT = "draft", pgettext_lazy("review state", "Draft")  # 草稿
    SUBMITTED = "submitted", pgettext_lazy("review state", "Submitted")  # 已提交
    APPROVED = "approved", pgettext_lazy("review state", "Approved")  # 已审核
    RETURNED = "returned", pgettext_lazy("review state", "Returned")  # 已退回


class ReviewStep(models.TextChoices):
    """What somebody did to a document; one ReviewEvent each."""

    CREATED = "created", pgettext_lazy("review step", "Created")
    REVISED = "revised", pgettext_lazy("review step", "New version started")
    EDITED = "edited", pgettext_lazy("review step", "Edited")
    SUBMITTED = "submitted", pgettext_lazy("review step", "Submitted")
    APPROVED = "approved", pgettext_lazy("review step", "Approved")
    RETURNED = "returned", pgettext_lazy("review step", "Returned")


class Reviewable(Versioned):
    """A document its owner submits and a reviewer approves or returns; `version` is the stale-edit guard."""

    review_state = models.CharField(
        _("review state"), max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.Staff",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_comment = models.TextField(_("comment of the return"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        """Whether the owner may change the document as it is (a draft or a returned one)."""
        return self.review_state in (ReviewState.DRAFT, ReviewState.RETURNED)


class ReviewEventQuerySet(models.QuerySet):
    def of(self, subject: models.Model):
        """The events of one document, oldest first."""
        content_type = ContentType.objects.get_for_model(subject, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=subject.pk).order_by("at", "id")

    def of_many(self, subjects):
        """The events of several documents of one model, oldest first."""
        subjects = list(subjects)
        if not subjects:
            return self.none()
        content_type = ContentType.objects.get_for_model(subjects[0], for_concrete_model=False)
        return self.filter(content_type=content_type, object_id__in=[s.pk for s in subjects]).order_by("at", "id")


class ReviewEvent(models.Model):
    """One step in a reviewed document's history: who did what when, the comment, and what changed.

    It is read only through its document (whose access rule decides who sees it), so it has no rule of its own.
    `changes` is a list of {"change": "added" | "removed" | "changed", "what": …, "label": …, "fields": […]},
    written by the document's own services, shown by the history page.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    step = models.CharField(_("step"), max_length=16, choices=ReviewStep.choices)
    actor = models.ForeignKey(
        "accounts.Staff", verbose_name=_("by"), on_delete=models.PROTECT, related_name="review_events"
    )
    at = models.DateTimeField(_("at"))
    state_after = models.CharField(_("state after"), max_length=16, choices=ReviewState.choices)
    comment = models.TextField(_("comment"), blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.get_step_display()} · {self.actor} · {self.at:%Y-%m-%d %H:%M}"
