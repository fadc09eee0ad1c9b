from django.contrib import admin

from imports.models import ImportJob, MergeCandidate


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "filename", "status", "read", "imported", "skipped", "failed"]
    list_filter = ["status"]
    search_fields = ["user__username", "filename"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]


@admin.register(MergeCandidate)
class MergeCandidateAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "manual", "imported", "kept_both_at"]
    readonly_fields = ["user", "manual", "imported", "kept_both_at", "created_at"]
