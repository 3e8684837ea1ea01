"""The admin's import (preview, then confirm) and export, into a scope the user may choose."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm

from ..reading import UploadRefused
from .resource import problems_of
from .upload import CheckedXLSX, dataset_of_upload


class ScopedImportForm(ImportForm):
    """The upload, with where it goes (`scope`); the file is checked before it is kept."""

    def __init__(self, formats, resources, *, scope_queryset, scope_label, **kwargs) -> None:
        super().__init__(formats, resources, **kwargs)
        self.fields["scope"] = forms.ModelChoiceField(queryset=scope_queryset, label=scope_label)
        self.fields["import_file"].allow_empty_file = True  # refused by `reading`, with advice
        if len(scope_queryset) == 1:
            self.fields["scope"].initial = scope_queryset[0].pk
        self.order_fields(["resource", "scope", "import_file", "format"])

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            dataset_of_upload(upload, size=upload.size)
        except UploadRefused as refused:
            raise forms.ValidationError(refused.messages) from None
        upload.seek(0)
        return upload


class ScopedConfirmForm(ConfirmImportForm):
    """The confirm step carries the scope again; it is checked against the user again."""

    def __init__(self, *args, scope_queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"] = forms.ModelChoiceField(
            queryset=scope_queryset, widget=forms.HiddenInput()
        )


class ScopedImportExportMixin(ImportExportMixin):
    """Admin import (preview, then confirm) and export as .xlsx, into a scope the user may use.

    Subclasses give `import_scope_queryset(request)` and `import_scope_label`.
    """

    formats = [CheckedXLSX]
    export_form_class = ExportForm  # every column: a sheet with columns left out cannot return
    import_form_class = ScopedImportForm
    confirm_form_class = ScopedConfirmForm
    import_scope_label: Any = ""

    def import_scope_queryset(self, request):
        raise NotImplementedError

    def has_import_permission(self, request) -> bool:
        return (
            self.has_add_permission(request)
            and self.has_change_permission(request)
            and self.import_scope_queryset(request).exists()
        )

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def get_import_form_kwargs(self, request):
        kwargs = super().get_import_form_kwargs(request)
        kwargs["scope_queryset"] = self.import_scope_queryset(request)
        kwargs["scope_label"] = self.import_scope_label
        return kwargs

    def get_confirm_form_kwargs(self, request, import_form=None):
        kwargs = super().get_confirm_form_kwargs(request, import_form)
        kwargs["scope_queryset"] = self.import_scope_queryset(request)
        return kwargs

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["scope"] = import_form.cleaned_data["scope"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        return {"scope": getattr(form, "cleaned_data", {}).get("scope"), "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UploadRefused):
            for message in e.messages:
                form.add_error("import_file", message)
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        """The confirm step found an error (the data changed since the preview): nothing saved."""
        if result.has_errors() or result.has_validation_errors():
            for message in problems_of(result):
                messages.error(request, message)
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)
