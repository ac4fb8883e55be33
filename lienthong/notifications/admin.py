from django.contrib import admin

from lienthong.notifications.models import Message, MessageTemplate, ScheduledRun


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    # Edits go through the templates page, which validates the syntax; the admin only shows them.
    list_display = ["event", "channel", "active", "updated_at", "updated_by"]
    list_filter = ["channel", "active"]
    readonly_fields = ["event", "channel", "subject", "body", "strip_diacritics", "active", "updated_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "event", "recipient", "status", "attempts", "related_label"]
    list_filter = ["status", "channel", "event"]
    search_fields = ["recipient", "related_label", "dedup_key"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ["task", "slot", "created_at"]
    list_filter = ["task"]
