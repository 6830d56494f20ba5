"""What an administrator's document template can read: plain values and read-only views
of the case and units (complaints/documents/context.py), never the model, its reporter,
its users or its hashes; who filed only through `party`, redacted or a placeholder as the
document's audience requires (Điều 47 Luật Tố cáo). The template form refuses variables
no document provides and what the templates' engine cannot load."""

from __future__ import annotations

import pytest
from django.template import TemplateDoesNotExist, TemplateSyntaxError

from complaints.documents import rendering
from complaints.documents.context import template_context
from complaints.documents.models import DocumentTemplate
from complaints.documents.services import document_draft, document_update, templates_sync
from complaints.documents.template_language import unknown_variables
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import IdentityAccessLog
from complaints.rules.documents import FORMS
from complaints.services.workflow import case_transition
from tests.complaints.workflow.helpers import case_in
from tests.factories import UserFactory

from .helpers import director, pdf_text, province, read

pytestmark = pytest.mark.django_db

SECRETS = ("Nguyễn Thị Dân", "051190000123", "0905123456")


def test_a_template_for_the_accused_cannot_reach_the_denouncer():
    """The reviewer's case: the accused's notice edited to print the reporter, drafted and
    issued by the denounced facility's own head: the document holds nothing of them and
    nobody's view of the identity was needed (no IdentityAccessLog)."""
    _department, hospital = province()
    head = director(hospital, username="giamdoc-bi-to-cao")
    templates_sync()
    template = DocumentTemplate.objects.get(code="tc_thong_bao_thu_ly_nguoi_bi_to_cao")
    template.body = (
        "{{ case.reporter.name }} - {{ case.reporter.id_number }} - {{ case.reporter.phone }}"
        "\n" + template.body
    )
    template.save()
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code=template.code, actor=head,
                           origin="test")
    for secret in SECRETS:
        assert secret not in draft.body + draft.addressee + draft.recipients
    assert draft.body.startswith("-  - \n")
    case_transition(case_id=case.pk, action="accept", actor=head, data={}, origin="test",
                    document_id=draft.pk, signed_confirmed=True)
    draft.refresh_from_db()
    text = pdf_text(read(draft.pdf.file))
    assert case.accused_name and case.accused_name in text
    for secret in SECRETS:
        assert secret not in text
    assert not IdentityAccessLog.objects.exists()


def test_no_password_pin_hash_or_related_user_through_a_template():
    _department, hospital = province()
    handler = UserFactory(username="canbo-xu-ly", facility=hospital)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital,
                   assigned_user=handler)
    assert case.pin_hash and handler.password
    source = (
        "{{ case.assigned_user.password }}|{{ case.pin_hash }}|{{ case.created_by.email }}"
        "|{{ case.reporter.name }}|{{ case.facility.memberships.all }}"
        "|{{ issuer.parent.name }}|{{ case.deadlines.all }}|{{ case.content }}"
    )
    # As the reviewer called it, with the model itself: read through its view.
    assert rendering.render_text(source, {"case": case}) == "|||||||"
    template = DocumentTemplate(code="x", action="accept", audience="other", kinds=["khieu_nai"])
    context = template_context(case=case, template=template, issuer=hospital,
                               signer_title="GIÁM ĐỐC", signer_name="", step={})
    assert rendering.render_text(source, context) == "|||||||"
    assert rendering.render_text("{{ case.tracking_code }} {{ case.facility.name }}",
                                 context) == f"{case.tracking_code} {hospital.name}"
    # The engine loads no file and no tag library.
    with pytest.raises(TemplateDoesNotExist):
        rendering.render_text('{% include "complaints/email/citizen_pin.txt" %}', context)
    with pytest.raises(TemplateSyntaxError, match="registered tag library"):
        rendering.render_text("{% load static %}{% static 'x' %}", context)


def test_every_shipped_template_reads_only_known_variables():
    for form in FORMS:
        for text in (form.trich_yeu, form.addressee, form.body, form.recipients):
            assert unknown_variables(text) == [], form.code
    assert unknown_variables(
        "{{ case.reporter.name }} {{ case.pin_hash|default:case.tittle }} {{ nguoi_gui }}"
        "{% for x in step.items %}{{ x }}{{ forloop.counter }}{% endfor %}"
        "{% with ten=party.name %}{{ ten }}{% endwith %}{{ case.facility.users }}"
    ) == ["case.reporter", "case.pin_hash", "case.tittle", "nguoi_gui", "case.facility.users"]


def test_the_template_form_refuses_unknown_variables_and_loading(client):
    province()
    client.force_login(UserFactory(superuser=True, username="quantri"))
    templates_sync()
    template = DocumentTemplate.objects.get(code="tc_thong_bao_thu_ly_nguoi_bi_to_cao")
    url = f"/admin/mau-van-ban/edit/{template.pk}/"
    data = {"code": template.code, "title": template.title,
            "document_type": template.document_type, "action": template.action,
            "kinds": ["to_cao"], "audience": template.audience,
            "legal_basis": template.legal_basis, "form_ref": template.form_ref,
            "trich_yeu": template.trich_yeu, "addressee": template.addressee,
            "body": template.body, "recipients": template.recipients, "is_active": "on"}
    refused = client.post(url, {**data, "body": "{{ case.reporter.name }}\n" + template.body})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Mẫu dùng biến không có trong văn bản: case.reporter" in page
    include = '{% include "complaints/email/citizen_pin.txt" %}'
    included = client.post(url, {**data, "body": include})
    assert included.status_code == 200
    assert "Mẫu không điền được với hồ sơ mẫu" in included.content.decode()
    template.refresh_from_db()
    assert "reporter" not in template.body and "include" not in template.body
    assert client.post(url, data).status_code == 302


def test_the_kinds_a_template_serves_are_ticked_not_typed_as_json(client):
    province()
    client.force_login(UserFactory(superuser=True, username="quantri"))
    templates_sync()
    template = DocumentTemplate.objects.get(code="tc_thong_bao_thu_ly_nguoi_bi_to_cao")
    url = f"/admin/mau-van-ban/edit/{template.pk}/"
    form = client.get(url).content.decode()
    assert 'type="checkbox" name="kinds" value="to_cao"' in form
    assert 'type="checkbox" name="kinds" value="khieu_nai"' in form
    data = {"code": template.code, "title": template.title,
            "document_type": template.document_type, "action": template.action,
            "audience": template.audience, "legal_basis": template.legal_basis,
            "form_ref": template.form_ref, "trich_yeu": template.trich_yeu,
            "addressee": template.addressee, "body": template.body,
            "recipients": template.recipients, "is_active": "on"}

    none = client.post(url, data)
    assert none.status_code == 200
    assert "Chọn ít nhất một loại hồ sơ dùng mẫu này." in none.content.decode()
    wrong = client.post(url, {**data, "kinds": ["to_cao", "khong_co"]})
    assert wrong.status_code == 200
    template.refresh_from_db()
    assert template.kinds == ["to_cao"]

    assert client.post(url, {**data, "kinds": ["to_cao", "khieu_nai"]}).status_code == 302
    template.refresh_from_db()
    assert template.kinds == ["khieu_nai", "to_cao"]


def test_a_denunciation_is_accepted_by_a_decision_that_keeps_the_denouncer_secret():
    # The chief inspector: "No Quyết định thụ lý tố cáo", which khoản 1-2 Điều 29 Luật Tố cáo
    # require (date, basis, content accepted, deadline).
    department, hospital = province()
    # The hospital's head resolves a denunciation of its staff (khoản 1 Điều 12 Luật Tố cáo).
    head = director(hospital)
    templates_sync()
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="tc_quyet_dinh_thu_ly", actor=head,
                           origin="test")
    # điểm d khoản 2 Điều 29: the content accepted, the head's to write in its blank.
    document_update(document_id=draft.pk, actor=head, origin="test", body=draft.body.replace(
        "được thụ lý: …", "được thụ lý: bác sĩ nhận tiền của người bệnh."))
    case_transition(case_id=case.pk, action="accept", actor=head, data={}, origin="test",
                    document_id=draft.pk, signed_confirmed=True)
    draft.refresh_from_db()
    case.refresh_from_db()
    text = pdf_text(read(draft.pdf.file))
    assert "QUYẾT ĐỊNH" in text and "Thụ lý tố cáo đối với" in text
    assert case.resolve_by.strftime("%d/%m/%Y") in text  # điểm d khoản 2: its deadline
    assert "Điều 30" in text and " Art " not in text  # the deadline's article, in words
    for secret in SECRETS:
        assert secret not in text
