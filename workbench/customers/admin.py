"""Admin of customers and their 档位 history; the list starts from the user's scope like every other screen."""

from django.contrib import admin

from workbench.customers.models import Customer, GradeChange


class GradeChangeInline(admin.TabularInline):
    """档位 history of one customer, oldest first."""

    model = GradeChange
    extra = 0
    fields = ["changed_on", "grade_from", "grade_to"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "class_code", "grade", "status", "manager", "opened_on", "closed_on"]
    list_filter = ["status", "format", "market_type", "scale", "credit_class", "order_channel"]
    search_fields = ["code", "name", "license_no", "address", "owner_name"]
    readonly_fields = ["class_code"]
    list_select_related = ["manager"]
    # Hundreds of staff: a raw id field instead of a long <select>.
    raw_id_fields = ["manager"]
    inlines = [GradeChangeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user, "view")
