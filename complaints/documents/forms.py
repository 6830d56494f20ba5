from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.documents.models import SIGNER_AUTHORITY_CHOICES


class DraftForm(forms.Form):
    template = forms.ChoiceField(label=_("Mẫu văn bản"))
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_ground = forms.CharField(label=_("Căn cứ pháp lý"), required=False)
    to = forms.CharField(label=_("Cơ quan được chuyển đơn"), required=False)
    message = forms.CharField(label=_("Nội dung đề nghị bổ sung"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    conclusion = forms.CharField(label=_("Kết quả xác minh, kết luận"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    public_answer = forms.CharField(label=_("Trả lời, quyết định"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, templates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t.code, t.title) for t in templates]

    def step(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "template" and v}


class EditForm(forms.Form):
    trich_yeu = forms.CharField(label=_("Trích yếu"), max_length=500)
    addressee = forms.CharField(label=_("Kính gửi"), max_length=500, required=False)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 16}))
    recipients = forms.CharField(label=_("Nơi nhận"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    signer_authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"), choices=SIGNER_AUTHORITY_CHOICES, required=False
    )
    principal_title = forms.CharField(label=_("Chức danh người đứng đầu (khi ký thay)"),
                                      max_length=255, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=255)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=255, required=False)


class SignedCopyForm(forms.Form):
    scan = forms.FileField(label=_("Bản đã ký, đóng dấu (PDF hoặc ảnh)"), required=False)
    e_signed = forms.BooleanField(label=_("Văn bản đã được ký số"), required=False)
