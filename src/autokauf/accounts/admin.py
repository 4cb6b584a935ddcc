from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from unfold.admin import ModelAdmin
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm

from .models import ApiToken, Consent, User
from .views import backoffice_login

# The back office logs in through the account login, which asks staff for their second factor.
admin.site.login = backoffice_login  # type: ignore[method-assign]


class EmailUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("email", "role")


class EmailUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin, ModelAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    change_password_form = AdminPasswordChangeForm
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Person",
            {
                "fields": (
                    ("first_name", "last_name"),
                    ("phone", "date_of_birth", "language"),
                    ("street", "postcode", "city", "country"),
                )
            },
        ),
        (
            "Access",
            {
                "fields": (
                    "role",
                    "is_active",
                    "is_superuser",
                    "totp_enabled_at",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("Dates", {"fields": ("email_confirmed_at", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),
    )


@admin.register(Consent)
class ConsentAdmin(ModelAdmin):
    list_display = ("user", "purpose", "text_version", "given_at", "withdrawn_at")
    list_filter = ("purpose", "text_version")
    search_fields = ("user__email",)
    list_select_related = ("user",)
    readonly_fields = ("user", "purpose", "text_version", "given_at", "withdrawn_at")


@admin.register(ApiToken)
class ApiTokenAdmin(ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    search_fields = ("user__email", "name", "prefix")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
