from django.contrib import admin

from workbench.reviews.models import ReviewEvent


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """The history is written by the services only: read-only here."""

    list_display = ("step", "actor", "at", "state_after", "content_type", "object_id")
    list_filter = ("step", "state_after")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
