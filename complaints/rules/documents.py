"""The written documents of a case's steps: one row per form the law prescribes.

Each row names the step (`action`, the code of `complaints.transitions` or of a step
another module adds: `dialogue_minutes`, `withdraw`...), the kinds it applies to, whom the
document is addressed to (`audience`, which decides redaction: Luật TC Art 47), whether the
citizen is owed a copy, the form it follows and the article that requires it.

`reconstructed=True` marks a text the law copies held in the repository do not give in
full: the portal wrote it from the step's legal content and a legal officer must check it
before use (the admin shows it). The body is Django template text filled from the case
(`complaints.documents.context`), then edited by staff before a leader issues it.

A blank left for the officer to write in is "…" standing as a word of its own or a dotted
run ("....."), never used in fixed text: a document that still holds one is not issued
(`complaints.documents.context.blank_refusal`, which names the lines). The number's blank
("Số: …/QĐ-") is the header's, filled at issue.

Administrators edit the templates in the admin (`DocumentTemplate`, with its history);
this table is only the initial content, loaded once per code, never over an edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

__all__ = [
    "AUDIENCES",
    "DOCUMENT_TYPES",
    "FORMS",
    "SIGNER_AUTHORITIES",
    "SIGNER_TITLES",
    "DocumentForm",
    "addressed_as",
    "authority_line",
    "decision_cited",
    "form_for",
    "head_of",
    "with_unit",
]

# Document types and their abbreviations in the number and symbol (NĐ 30/2020/NĐ-CP,
# Phụ lục III: chữ viết tắt tên loại văn bản).
DOCUMENT_TYPES: dict[str, tuple[str, str]] = {
    "quyet_dinh": ("QUYẾT ĐỊNH", "QĐ"),
    "thong_bao": ("THÔNG BÁO", "TB"),
    "bien_ban": ("BIÊN BẢN", "BB"),
    "ket_luan": ("KẾT LUẬN", "KL"),
    "cong_van": ("", "CV"),  # công văn has no type name printed (NĐ 30/2020 Phụ lục I)
    "phieu_chuyen": ("PHIẾU CHUYỂN", "PC"),
    "bao_cao": ("BÁO CÁO", "BC"),
}

# The type as a reader names it in a sentence ("Đã ban hành thông báo số …"), in the
# reader's language: the printed names above are the document's own and never translated.
DOCUMENT_TYPE_WORDS: dict[str, str] = {
    "quyet_dinh": gettext_noop("quyết định"),
    "thong_bao": gettext_noop("thông báo"),
    "bien_ban": gettext_noop("biên bản"),
    "ket_luan": gettext_noop("kết luận"),
    "cong_van": gettext_noop("công văn"),
    "phieu_chuyen": gettext_noop("phiếu chuyển"),
    "bao_cao": gettext_noop("báo cáo"),
}

# The signer's authority before the title (NĐ 30/2020 Art 13 and Phụ lục I):
# ký thay (KT.), thừa lệnh (TL.), quyền (Q.), thay mặt (TM.).
SIGNER_AUTHORITIES: dict[str, str] = {
    "": "",
    "KT.": "KT.",
    "TL.": "TL.",
    "Q.": "Q.",
    "TM.": "TM.",
}

# Whom a document is addressed to. Only `reporter` documents may carry a denouncer's
# identity (Luật TC Art 47(2)(a), NĐ 31/2019 Art 22); all others are redacted.
AUDIENCES: dict[str, str] = {
    "reporter": "người gửi đơn (người khiếu nại, người tố cáo, người phản ánh, kiến nghị)",
    "accused": "người bị tố cáo, người bị khiếu nại",
    "parties": "các bên (người gửi đơn và người bị khiếu nại, tố cáo)",
    "facility": "cơ sở, đơn vị liên quan",
    "authority": "cơ quan có thẩm quyền được chuyển đơn",
    "press": "cơ quan báo chí",
}
REPORTER_ONLY = "reporter"

CITIZEN_KINDS = frozenset({"phan_anh", "kien_nghi", "khieu_nai", "to_cao"})
PETITIONS = frozenset({"phan_anh", "kien_nghi"})


@dataclass(frozen=True)
class DocumentForm:
    code: str
    title: str  # the template's name in the admin
    document_type: str  # key of DOCUMENT_TYPES
    action: str  # the step that produces it
    kinds: frozenset[str]
    audience: str  # key of AUDIENCES
    owed_to_citizen: bool  # sent to the citizen and shown on the tracking page
    form_ref: str  # the prescribed form (Mẫu số …) or "" when none
    legal_basis: str  # "Điều 29 Luật Tố cáo" as the interface writes it
    reconstructed: bool
    trich_yeu: str  # summary line under the type name
    addressee: str  # "Kính gửi:" line; template text
    body: str
    recipients: str  # "Nơi nhận:" lines; template text


_NOI_NHAN = "- Như trên;\n- Lưu: VT, hồ sơ."

FORMS: tuple[DocumentForm, ...] = (
    # --- khiếu nại ------------------------------------------------------------------
    DocumentForm(
        code="kn_thong_bao_thu_ly",
        title="Thông báo thụ lý giải quyết khiếu nại (Mẫu số 03)",
        document_type="thong_bao",
        action="accept",
        kinds=frozenset({"khieu_nai"}),
        audience="reporter",
        owed_to_citizen=True,
        form_ref="Mẫu số 03 Phụ lục NĐ 124/2020/NĐ-CP (thay thế bởi NĐ 155/2026/NĐ-CP)",
        legal_basis="Điều 27 Luật Khiếu nại; khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP "
        "(sửa đổi bởi Điều 10 Nghị định 155/2026/NĐ-CP)",
        reconstructed=False,
        trich_yeu="Về việc thụ lý giải quyết khiếu nại",
        addressee="{{ party.addressed }}",
        # Điều 27 Luật Khiếu nại: the complainant, whoever forwarded the complaint and the
        # state inspectorate of the same level are told of the acceptance.
        body=(
            "Ngày {{ received_on }}, {{ issuer.name }} đã nhận được đơn khiếu nại của: "
            "{{ party.name }}\n"
            "Địa chỉ: {{ party.address }}\n"
            "Số căn cước/định danh cá nhân: {{ party.id_number }}\n"
            "Khiếu nại về việc: {{ case.decision_complained|default:case.title }}"
            "{% if case.decision_maker %} của {{ case.decision_maker }}{% endif %}.\n"
            "Sau khi xem xét nội dung đơn khiếu nại, căn cứ quy định của pháp luật về khiếu nại, "
            "{{ issuer.name }} nhận thấy đơn khiếu nại đủ điều kiện thụ lý. "
            "Thời hạn giải quyết khiếu nại đến hết ngày {{ resolve_by }} "
            "({{ resolve_basis }}).\n"
            "Vậy thông báo để {{ party.addressed }} được biết./."
        ),
        # The forwarder is told "nếu có" (Điều 27): the portal records none (every channel
        # is the citizen's own), so no line of the form's hint is printed; the officer adds
        # the forwarding body to "Nơi nhận" in the draft when there is one.
        recipients=(
            "- Như trên;\n- Cơ quan thanh tra nhà nước cùng cấp;\n- Lưu: VT, hồ sơ."
        ),
    ),
    DocumentForm(
        code="kn_thong_bao_khong_thu_ly",
        title="Thông báo không thụ lý giải quyết khiếu nại (Mẫu số 04)",
        document_type="thong_bao",
        action="reject",
        kinds=frozenset({"khieu_nai"}),
        audience="reporter",
        owed_to_citizen=True,
        form_ref="Mẫu số 04 Phụ lục NĐ 124/2020/NĐ-CP (thay thế bởi NĐ 155/2026/NĐ-CP)",
        legal_basis="Điều 11 Luật Khiếu nại; khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP",
        reconstructed=False,
        trich_yeu="Về việc không thụ lý giải quyết khiếu nại",
        addressee="{{ party.addressed }}",
        body=(
            "Sau khi xem xét nội dung đơn khiếu nại, căn cứ Điều 11 của Luật Khiếu nại, "
            "{{ issuer.name }} nhận thấy, đơn khiếu nại của {{ party.name }} (hồ sơ "
            "{{ case.tracking_code }}, nhận ngày {{ received_on }}) không đủ điều kiện để thụ lý "
            "giải quyết vì: {{ step.reason }}"
            "{% if step.legal_ground %} (căn cứ: {{ step.legal_ground }}){% endif %}.\n"
            "Vậy thông báo để {{ party.name }} được biết./."
        ),
        recipients=_NOI_NHAN,
    ),
    DocumentForm(
        # The decision that gives the verification to an officer (điểm b khoản 1 Điều 29
        # Luật Khiếu nại; the second time Điều 38, verification as khoản 2-4 Điều 29), with
        # the rights and duties of khoản 3 and the report of khoản 4. The law copies hold
        # neither the decree's article on it nor its form (only the old Mẫu số 03-KN of
        # Thông tư 07/2013/TT-TTCP by its name): reconstructed. Internal: given to the
        # verifier, not owed to the complainant.
        code="kn_quyet_dinh_giao_xac_minh",
        title="Quyết định giao nhiệm vụ xác minh nội dung khiếu nại",
        document_type="quyet_dinh",
        action="start_verification",
        kinds=frozenset({"khieu_nai"}),
        audience="facility",
        owed_to_citizen=False,
        form_ref="Mẫu quyết định giao nhiệm vụ xác minh nội dung khiếu nại",
        legal_basis="điểm b khoản 1, khoản 2, khoản 3, khoản 4 Điều 29 Luật Khiếu nại; Điều 38 "
        "Luật Khiếu nại (khiếu nại lần hai); khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP (Tổ xác "
        "minh)",
        reconstructed=True,
        trich_yeu="Về việc giao nhiệm vụ xác minh nội dung khiếu nại",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;\n"
            "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định "
            "chi tiết một số điều và biện pháp thi hành Luật Khiếu nại, được sửa đổi, bổ sung bởi "
            "Nghị định số 155/2026/NĐ-CP;\n"
            "Xét đơn khiếu nại ngày {{ received_on }} của {{ party.name }} (hồ sơ "
            "{{ case.tracking_code }}), thụ lý giải quyết ngày {{ accepted_on }}"
            "{% if case.second_time %} (khiếu nại lần hai){% endif %},\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Giao {{ verifier.name }}, {{ verifier.unit }}, xác minh nội dung khiếu nại "
            "của {{ party.name }} ({% if case.second_time %}Điều 38{% else %}điểm b khoản 1 "
            "Điều 29{% endif %} Luật Khiếu nại).\n"
            "{% if step.verification_team %}Thành lập Tổ xác minh nội dung khiếu nại (khoản 2 "
            "Điều 7 Thông tư số 07/2013/TT-TTCP) gồm:\n{{ step.verification_team }}\n"
            "{% endif %}"
            "Nội dung cần xác minh: {{ case.decision_complained|default:case.title }}"
            "{% if case.decision_maker %} của {{ case.decision_maker }}{% endif %}"
            "{% if case.decision_date %} ngày {{ case.decision_date|date:'d/m/Y' }}{% endif %}"
            "; yêu cầu của người khiếu nại và căn cứ để khiếu nại.\n"
            "Điều 2. Thời gian tiến hành xác minh: {{ verifier.period_days }} ngày kể từ ngày "
            "ký Quyết định này, đến hết ngày {{ verifier.until }}, không quá hạn giải quyết khiếu "
            "nại ngày {{ resolve_by }} ({{ resolve_basis }}).\n"
            "Điều 3. Người được giao xác minh có quyền, nghĩa vụ quy định tại khoản 3 Điều 29 "
            "Luật Khiếu nại: yêu cầu người khiếu nại, người bị khiếu nại, cơ quan, tổ chức, cá "
            "nhân có liên quan cung cấp thông tin, tài liệu, chứng cứ và giải trình bằng văn "
            "bản; triệu tập người khiếu nại, người bị khiếu nại, cơ quan, tổ chức, cá nhân có "
            "liên quan; trưng cầu giám định; tiến hành các biện pháp kiểm tra, xác minh khác "
            "theo quy định của pháp luật. Việc xác minh phải bảo đảm khách quan, chính xác, kịp "
            "thời (khoản 2 Điều 29 Luật Khiếu nại). Kết thúc xác minh, người được giao xác minh "
            "báo cáo kết quả xác minh gồm đối tượng, thời gian, người tiến hành, nội dung, kết "
            "quả xác minh, kết luận và kiến nghị nội dung giải quyết khiếu nại (khoản 4 Điều 29 "
            "Luật Khiếu nại) và chịu trách nhiệm trước pháp luật về kết quả xác minh.\n"
            "Điều 4. Quyết định này có hiệu lực kể từ ngày ký. {{ verifier.name }}, "
            "{{ verifier.unit }} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm "
            "thi hành Quyết định này./."
        ),
        recipients="- Như Điều 4;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        # Khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP: when the verification period has run out
        # unfinished, the resolver may extend it, never making the resolution time exceed
        # the time to resolve the complaint; the decision follows Mẫu số 04A-KN. The law copy
        # names the form only (its .doc is not in it): reconstructed. Internal, as the
        # decision giving the verification: given to the verifier, not owed to the
        # complainant (verification stays internal). The old end, the days added and the new
        # end are marks the step fills at issue (`verifier.previous_until`,
        # `verifier.extension_days`, `verifier.until`); the reason is the step's. It cites the
        # decision it extends (`verifier.decision`: its number and day when the portal issued
        # it, a blank for the officer when it was signed on paper) and names the team that
        # decision formed (`verifier.team`, its leader `verifier.leader`), else the officer.
        code="kn_quyet_dinh_gia_han_xac_minh",
        title="Quyết định về việc gia hạn thời gian xác minh nội dung khiếu nại (Mẫu số 04A-KN)",
        document_type="quyet_dinh",
        action="extend_verification",
        kinds=frozenset({"khieu_nai"}),
        audience="facility",
        owed_to_citizen=False,
        form_ref="Mẫu số 04A-KN ban hành kèm theo Thông tư 07/2013/TT-TTCP",
        legal_basis="khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP; Điều 28, Điều 37 Luật Khiếu nại "
        "(thời hạn giải quyết)",
        reconstructed=True,
        trich_yeu="Về việc gia hạn thời gian xác minh nội dung khiếu nại",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;\n"
            "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định "
            "chi tiết một số điều và biện pháp thi hành Luật Khiếu nại, được sửa đổi, bổ sung bởi "
            "Nghị định số 155/2026/NĐ-CP;\n"
            "Căn cứ Thông tư số 07/2013/TT-TTCP ngày 31 tháng 10 năm 2013 của Thanh tra Chính phủ "
            "quy định quy trình giải quyết khiếu nại hành chính, được sửa đổi, bổ sung bởi Thông "
            "tư số 02/2016/TT-TTCP;\n"
            "Căn cứ Quyết định {{ verifier.decision }} của {{ issuer.name }} về việc giao nhiệm "
            "vụ xác minh nội dung khiếu nại;\n"
            "Xét việc xác minh nội dung khiếu nại của {{ party.name }} (hồ sơ "
            "{{ case.tracking_code }}, thụ lý giải quyết ngày {{ accepted_on }}) được giao cho "
            "{% if verifier.team %}Tổ xác minh do {{ verifier.leader }} làm Tổ trưởng"
            "{% else %}{{ verifier.name }}, {{ verifier.unit }}{% endif %}, với thời hạn xác "
            "minh đến hết ngày {{ verifier.previous_until }} mà chưa thực hiện xong;\n"
            "Xét lý do gia hạn: {{ step.reason|default:'..............' }},\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Gia hạn thời gian xác minh nội dung khiếu nại của {{ party.name }} về việc: "
            "{{ case.decision_complained|default:case.title }}"
            "{% if case.decision_maker %} của {{ case.decision_maker }}{% endif %}, đã giao tại "
            "Quyết định {{ verifier.decision }}.\n"
            "Thời gian gia hạn: {{ verifier.extension_days }} ngày; thời hạn xác minh đến hết "
            "ngày {{ verifier.until }}, không quá hạn giải quyết khiếu nại ngày {{ resolve_by }} "
            "({{ resolve_basis }}). Việc gia hạn không làm cho thời gian giải quyết vượt quá "
            "thời hạn giải quyết khiếu nại (khoản 3 Điều 7 Thông tư số 07/2013/TT-TTCP).\n"
            "Điều 2. {% if verifier.team %}Tổ xác minh đã thành lập tại Quyết định "
            "{{ verifier.decision }}, gồm:\n{{ verifier.team }}\nTổ xác minh tiếp tục"
            "{% else %}{{ verifier.name }}, {{ verifier.unit }}, tiếp tục{% endif %} thực hiện "
            "việc xác minh theo Quyết định {{ verifier.decision }} và báo cáo kết quả xác minh "
            "khi kết thúc (khoản 4 Điều 29 Luật Khiếu nại).\n"
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {% if verifier.team %}Các thành "
            "viên Tổ xác minh có tên tại Điều 2{% else %}{{ verifier.name }}, "
            "{{ verifier.unit }}{% endif %} và các cơ quan, tổ chức, cá nhân có liên quan chịu "
            "trách nhiệm thi hành Quyết định này./."
        ),
        recipients="- Như Điều 3;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        # The verifier's written report to the resolver (khoản 4 Điều 29 Luật Khiếu nại;
        # khoản 1, khoản 2 Điều 18 Thông tư 07/2013/TT-TTCP, Mẫu số 11-KN): who and what was
        # verified, when, the result of each content, the proposed finding, the
        # recommendation on the decision or act complained of, and the opinions a team member
        # keeps. The law copy names the form only: reconstructed. Internal; signed by the
        # team's leader or the officer who verified (complaints/rules/verification_report.py).
        code="kn_bao_cao_ket_qua_xac_minh",
        title="Báo cáo kết quả xác minh nội dung khiếu nại (Mẫu số 11-KN)",
        document_type="bao_cao",
        action="report_verification",
        kinds=frozenset({"khieu_nai"}),
        audience="facility",
        owed_to_citizen=False,
        form_ref="Mẫu số 11-KN ban hành kèm theo Thông tư 07/2013/TT-TTCP",
        legal_basis="khoản 4 Điều 29 Luật Khiếu nại; khoản 1, khoản 2 Điều 18 Thông tư "
        "07/2013/TT-TTCP (sửa đổi, bổ sung bởi Thông tư 02/2016/TT-TTCP)",
        reconstructed=True,
        trich_yeu="Kết quả xác minh nội dung khiếu nại của {{ party.name }}",
        addressee="{{ head }}",
        body=(
            "Thực hiện việc xác minh nội dung khiếu nại của {{ party.name }} (hồ sơ "
            "{{ case.tracking_code }}, thụ lý giải quyết ngày {{ accepted_on }})"
            "{% if case.second_time %} (khiếu nại lần hai){% endif %}, "
            "{% if verifier.team %}Tổ xác minh gồm:\n{{ verifier.team }}\nTổ xác minh báo "
            "cáo{% else %}{{ verifier.name }}, {{ verifier.unit }}, báo cáo{% endif %} kết "
            "quả xác minh như sau:\n"
            "I. Đối tượng, thời gian xác minh\n"
            "Người khiếu nại: {{ party.name }}; địa chỉ: {{ party.address }}.\n"
            "Quyết định hành chính, hành vi hành chính bị khiếu nại: "
            "{{ case.decision_complained|default:case.title }}"
            "{% if case.decision_maker %} của {{ case.decision_maker }}{% endif %}"
            "{% if case.decision_date %} ngày {{ case.decision_date|date:'d/m/Y' }}{% endif %}.\n"
            "{% if case.second_time and case.first_decision_ref %}Kết quả giải quyết khiếu nại "
            "trước đó: {{ case.first_decision_ref }}.\n{% endif %}"
            "Thời gian xác minh: {{ verifier.period_days }} ngày, đến hết ngày "
            "{{ verifier.until }}.\n"
            "II. Kết quả xác minh đối với từng nội dung được giao xác minh\n"
            "{{ step.verification_result|default:'..............' }}\n"
            "{% if step.respondent_explanation %}Nội dung giải trình của người bị khiếu nại: "
            "{{ step.respondent_explanation }}\n{% endif %}"
            "III. Kết luận\n"
            "Nội dung khiếu nại được giao xác minh: "
            "{{ step.proposed_finding|default:'..............' }}.\n"
            "IV. Kiến nghị nội dung giải quyết khiếu nại\n"
            "{{ step.recommendation|default:'..............' }}\n"
            "{% if step.dissent %}Ý kiến khác của thành viên Tổ xác minh (được bảo lưu theo "
            "khoản 1 Điều 18 Thông tư số 07/2013/TT-TTCP): {{ step.dissent }}\n{% endif %}"
            "Trên đây là báo cáo kết quả xác minh nội dung khiếu nại, kính trình {{ head }} "
            "xem xét, quyết định./."
        ),
        recipients="- Như trên;\n- Lưu: hồ sơ.",
    ),
    DocumentForm(
        # Khoản 1 Điều 28 NĐ 124/2020 (as replaced by Điều 11 NĐ 155/2026): the notice goes
        # to the complainant, their representative, the respondent, those with related
        # rights and duties and the bodies concerned, at least 05 days before, and states the
        # time, the place and the content. The decree's appendix has no form for it
        # (Mẫu số 01-04, 14, 14a, 14b only): reconstructed.
        code="kn_thong_bao_doi_thoai",
        title="Thông báo về việc tổ chức đối thoại (giấy mời đối thoại)",
        document_type="thong_bao",
        action="schedule_dialogue",
        kinds=frozenset({"khieu_nai"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="",
        legal_basis="Điều 30, Điều 39 Luật Khiếu nại; khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP "
        "(sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP)",
        reconstructed=True,
        trich_yeu="Về việc tổ chức đối thoại",
        addressee="{{ party.addressed }}{% if case.decision_maker %}; "
        "{{ case.decision_maker }}{% endif %}",
        body=(
            "{{ issuer.name }} đang giải quyết khiếu nại{% if case.second_time %} lần hai"
            "{% endif %} của {{ party.name }}, địa chỉ {{ party.address }} (hồ sơ "
            "{{ case.tracking_code }}, thụ lý ngày {{ accepted_on }}) về việc: "
            "{{ case.decision_complained|default:case.title }}"
            "{% if case.decision_maker %} của {{ case.decision_maker }}{% endif %}.\n"
            "Căn cứ {% if case.second_time %}Điều 39{% else %}Điều 30{% endif %} Luật Khiếu "
            "nại và khoản 1 Điều 28 Nghị định số 124/2020/NĐ-CP được sửa đổi, bổ sung bởi "
            "Nghị định số 155/2026/NĐ-CP, {{ issuer.name }} thông báo về việc tổ chức đối "
            "thoại như sau:\n"
            "1. Thời gian: {{ dialogue.time }}, ngày {{ dialogue.date }}.\n"
            "2. Địa điểm: {{ dialogue.place }}.\n"
            "3. Thành phần tham gia: {{ dialogue.participants }}.\n"
            "4. Nội dung đối thoại: nội dung khiếu nại về việc "
            "{{ case.decision_complained|default:case.title }}; yêu cầu của người khiếu nại; "
            "kết quả xác minh nội dung khiếu nại và những nội dung còn có ý kiến khác nhau. "
            "Người tham gia đối thoại có quyền trình bày ý kiến, bổ sung thông tin, tài liệu, "
            "bằng chứng liên quan đến khiếu nại và yêu cầu của mình.\n"
            "{% if case.second_time %}Người giải quyết khiếu nại lần hai trực tiếp chủ trì đối "
            "thoại (điểm a khoản 2 Điều 28 Nghị định số 124/2020/NĐ-CP).\n{% endif %}"
            "Đề nghị người khiếu nại, người đại diện của người khiếu nại (nếu có), người bị "
            "khiếu nại, người có quyền, nghĩa vụ liên quan và cơ quan, tổ chức có liên quan có "
            "mặt tại địa điểm đối thoại theo đúng thời gian nêu trên. Người khiếu nại đã được "
            "mời mà không tham gia đối thoại, không có lý do chính đáng thì việc giải quyết "
            "khiếu nại vẫn được tiếp tục (khoản 5 Điều 28 Nghị định số 124/2020/NĐ-CP).\n"
            "Vậy thông báo để các bên biết, thực hiện./."
        ),
        recipients="- Như trên;\n- Người có quyền, nghĩa vụ liên quan, cơ quan, tổ chức có "
        "liên quan;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        code="kn_bien_ban_doi_thoai",
        title="Biên bản đối thoại với người khiếu nại (Mẫu số 14)",
        document_type="bien_ban",
        action="dialogue_minutes",
        kinds=frozenset({"khieu_nai"}),
        audience="reporter",
        owed_to_citizen=True,
        form_ref="Mẫu số 14 Phụ lục NĐ 124/2020/NĐ-CP (thay thế bởi NĐ 155/2026/NĐ-CP)",
        legal_basis="Điều 30, Điều 39 Luật Khiếu nại; Điều 28 Nghị định 124/2020/NĐ-CP "
        "(thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP; Khoản 4 Điều 28: biên bản có chữ "
        "ký của các bên)",
        reconstructed=False,
        trich_yeu="Đối thoại với người khiếu nại",
        addressee="",
        # khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP (thay thế bởi Điều 11 Nghị định
        # 155/2026/NĐ-CP): the minutes state the time, the place and who took part: those
        # the meeting held recorded (`dialogue.*`: the time it began, else the time invited
        # to; the person who led it as `step.led_by`), "…" only where nothing was recorded;
        # its result, "những nội dung đã được thống nhất, những vấn đề còn có ý kiến khác
        # nhau" (khoản 4 Điều 28; khoản 4 Điều 30 Luật Khiếu nại), as the step recorded it
        # (`step.result`). Mẫu số 14 ends with the time the meeting ended as the step
        # recorded it (`dialogue.ended`; where it was not, a blank the officer copies from
        # the signed paper), and the parties' signatures, "có chữ ký của các bên"
        # (khoản 4 Điều 28), laid out by the renderer (complaints/rules/minutes_signatures.py):
        # no "Nơi nhận", Mẫu số 14 is no letter; each party keeps a copy.
        body=(
            "Vào hồi {{ dialogue.time }}, ngày {{ dialogue.date }}, tại {{ dialogue.place }}.\n"
            "I. THÀNH PHẦN THAM GIA ĐỐI THOẠI\n"
            "Thành phần được mời tham gia đối thoại: {{ dialogue.participants }}.\n"
            "1. Người giải quyết khiếu nại, người được phân công chủ trì đối thoại: "
            "{{ step.led_by|default:signer_name }}, {{ issuer.name }}.\n"
            "2. Người ghi biên bản: ..............\n"
            "3. Người khiếu nại: {{ party.name }}; số căn cước/định danh cá nhân: "
            "{{ party.id_number }}.\n"
            "4. Người bị khiếu nại: {{ case.decision_maker|default:'..............' }}.\n"
            "II. NỘI DUNG ĐỐI THOẠI\n"
            "1. Mục đích, yêu cầu của việc đối thoại; tóm tắt kết quả xác minh nội dung khiếu "
            "nại về việc: {{ case.decision_complained|default:case.title }}.\n"
            "2. Ý kiến của những người tham gia đối thoại về từng nội dung đối thoại: "
            "{{ step.minutes|default:'..............' }}\n"
            "III. KẾT QUẢ ĐỐI THOẠI\n"
            "Những nội dung đã thống nhất, những vấn đề còn ý kiến khác nhau: "
            "{{ step.result|default:'..............' }}\n"
            "Buổi đối thoại kết thúc hồi {% if dialogue.ended %}{{ dialogue.ended }} cùng ngày"
            "{% else %}..... giờ ....., ngày {{ dialogue.date }}{% endif %}.\n"
            "Biên bản đối thoại đã được đọc lại cho những người tham gia đối thoại nghe và ký "
            "xác nhận (trường hợp người tham gia đối thoại không ký xác nhận thì phải ghi rõ lý "
            "do).\n"
            "Biên bản được lập thành ..... bản; mỗi người nhận 01 bản./."
        ),
        recipients="",
    ),
    DocumentForm(
        code="kn_quyet_dinh_tam_dinh_chi",
        title="Quyết định tạm đình chỉ giải quyết khiếu nại (Mẫu số 14a)",
        document_type="quyet_dinh",
        action="suspend",
        kinds=frozenset({"khieu_nai"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="Mẫu số 14a Phụ lục NĐ 124/2020/NĐ-CP (bổ sung bởi NĐ 155/2026/NĐ-CP)",
        legal_basis="Điều 11a Luật Khiếu nại; khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP "
        "(bổ sung bởi Nghị định 155/2026/NĐ-CP)",
        reconstructed=False,
        trich_yeu="Về việc tạm đình chỉ giải quyết khiếu nại",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Luật Khiếu nại; Nghị định số 124/2020/NĐ-CP được sửa đổi, bổ sung bởi "
            "Nghị định số 155/2026/NĐ-CP;\n"
            "Xét đơn khiếu nại của {{ party.name }} (hồ sơ {{ case.tracking_code }}),\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Tạm đình chỉ việc giải quyết khiếu nại của {{ party.name }} về việc "
            "{{ case.decision_complained|default:case.title }}.\n"
            "Lý do: {{ step.reason }}\n"
            "Thời hạn giải quyết tiếp tục được tính từ ngày có quyết định tiếp tục giải quyết; "
            "thời gian đã giải quyết trước khi tạm đình chỉ được tính vào thời hạn giải quyết.\n"
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
            "Điều 3. {{ party.name }}, {{ case.decision_maker|default:'người bị khiếu nại' }} "
            "và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
            "Quyết định này./."
        ),
        recipients="- Như Điều 3;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        # Sent to the complainant, the respondent and those with related rights (khoản 2
        # Điều 28b NĐ 124/2020, added by NĐ 155/2026): Điều 3 names the respondent too.
        code="kn_quyet_dinh_tiep_tuc",
        title="Quyết định tiếp tục giải quyết khiếu nại (Mẫu số 14b)",
        document_type="quyet_dinh",
        action="resume",
        kinds=frozenset({"khieu_nai"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="Mẫu số 14b Phụ lục NĐ 124/2020/NĐ-CP (bổ sung bởi NĐ 155/2026/NĐ-CP)",
        legal_basis="khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP "
        "(bổ sung bởi Nghị định 155/2026/NĐ-CP)",
        reconstructed=False,
        trich_yeu="Về việc tiếp tục giải quyết khiếu nại",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Luật Khiếu nại; Nghị định số 124/2020/NĐ-CP được sửa đổi, bổ sung bởi "
            "Nghị định số 155/2026/NĐ-CP;\n"
            "Xét lý do tạm đình chỉ giải quyết khiếu nại của {{ party.name }} (hồ sơ "
            "{{ case.tracking_code }}) không còn,\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Tiếp tục giải quyết khiếu nại của {{ party.name }} kể từ ngày ký Quyết "
            "định này. Thời gian đã giải quyết trước khi tạm đình chỉ được tính vào thời hạn "
            "giải quyết.\n"
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
            "Điều 3. {{ party.name }}, {{ case.decision_maker|default:'người bị khiếu nại' }} "
            "và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
            "Quyết định này./."
        ),
        recipients="- Như Điều 3;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        # Sent as the suspension is (khoản 1 Điều 28b NĐ 124/2020): the respondent too.
        code="kn_quyet_dinh_dinh_chi",
        title="Quyết định đình chỉ giải quyết khiếu nại (Mẫu số 14a)",
        document_type="quyet_dinh",
        action="withdraw",
        kinds=frozenset({"khieu_nai"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="Mẫu số 14a Phụ lục NĐ 124/2020/NĐ-CP (bổ sung bởi NĐ 155/2026/NĐ-CP)",
        legal_basis="Điều 10 Luật Khiếu nại; khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP "
        "(bổ sung bởi Nghị định 155/2026/NĐ-CP)",
        reconstructed=False,
        trich_yeu="Về việc đình chỉ giải quyết khiếu nại",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Điều 10 Luật Khiếu nại; Nghị định số 124/2020/NĐ-CP được sửa đổi, bổ sung "
            "bởi Nghị định số 155/2026/NĐ-CP;\n"
            "Xét việc rút đơn khiếu nại của {{ party.name }} (hồ sơ {{ case.tracking_code }}),\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Đình chỉ việc giải quyết khiếu nại của {{ party.name }} về việc "
            "{{ case.decision_complained|default:case.title }}.\n"
            "Lý do: {{ step.reason|default:'người khiếu nại rút đơn khiếu nại' }}\n"
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký và được gửi cho các "
            "bên trong thời hạn 03 ngày làm việc.\n"
            "Điều 3. {{ party.name }}, {{ case.decision_maker|default:'người bị khiếu nại' }} "
            "và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
            "Quyết định này./."
        ),
        recipients="- Như Điều 3;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        # The decision resolving a complaint, with the contents the law lists: the first time
        # điểm a-i khoản 2 Điều 31, the second time điểm a-k khoản 2 Điều 40 Luật Khiếu nại
        # (the first resolver's result, điểm d; the order on the first decision and on the
        # decision complained of, điểm h). What the portal holds is filled in: the parties and
        # the respondent's unit and address, the content, the first decision, the verification
        # report's result (the `report_verification` step in force), the dialogue, the finding
        # and the step's conclusion (the finding said once: `conclusion_after_finding`). The
        # laws it rests on and the resolver's competence (`resolver_basis`) are cited; Điều 1
        # takes its terms from the finding and the conclusion. Only what the resolver alone
        # can write keeps its blank ("…"): the specific law applied to the content, the
        # compensation, a second decision's order to the respondent; the issue refuses it
        # until filled (`blank_refusal`). Điều 1's act is the resolver's choice between the
        # law's alternatives ("[chọn: sửa đổi, bổ sung / hủy bỏ]", a blank `blank_refusal`
        # names until replaced); the finding gives the rest (khoản 2 Điều 31 Luật Khiếu nại:
        # sai → giữ nguyên; đúng → toàn bộ; đúng một phần → một phần). The public answer
        # (what the citizen reads on the tracking page) is never the decision's conclusion.
        # The form's number: Mẫu số 15 (lần đầu) and 16 (lần hai) as Thông tư
        # 07/2013/TT-TTCP numbered them (15-KN, 16-KN, điểm c khoản 1 Điều 22) and NĐ
        # 124/2020/NĐ-CP's appendix is understood to keep;
        # the law copies do not hold that appendix, so the number is marked unconfirmed
        # (DOMAIN.md) and the administrator may correct it on the template.
        code="kn_quyet_dinh_giai_quyet",
        title="Quyết định giải quyết khiếu nại (Mẫu số 15 lần đầu, Mẫu số 16 lần hai; số mẫu "
        "chưa xác nhận)",
        document_type="quyet_dinh",
        action="conclude",
        kinds=frozenset({"khieu_nai"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="Mẫu số 15 (lần đầu), Mẫu số 16 (lần hai) Phụ lục NĐ 124/2020/NĐ-CP (chưa "
        "xác nhận: bản luật lưu không có Phụ lục NĐ 124/2020; điểm c khoản 1 Điều 22 Thông tư "
        "07/2013/TT-TTCP: Mẫu số 15-KN, 16-KN)",
        legal_basis="Điều 31, Điều 40 Luật Khiếu nại (nội dung quyết định); Điều 32, Điều 41 "
        "(gửi quyết định); khoản 1 Điều 33 (thời hạn khiếu nại lần hai)",
        reconstructed=True,
        trich_yeu="Về việc giải quyết khiếu nại của {{ party.name }}"
        "{% if case.second_time %} (lần hai){% else %} (lần đầu){% endif %}",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;\n"
            "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định "
            "chi tiết một số điều và biện pháp thi hành Luật Khiếu nại, được sửa đổi, bổ sung bởi "
            "Nghị định số 155/2026/NĐ-CP;\n"
            "Căn cứ {{ resolver_basis }} về thẩm quyền giải quyết khiếu nại;\n"
            "Xét đơn khiếu nại ngày {{ received_on }} của {{ party.name }}, địa chỉ "
            "{{ party.address }}"
            "{% if case.second_time %}, khiếu nại lần hai đối với "
            "{{ case.first_decision }}"
            "{% endif %};\n"
            "I. Nội dung khiếu nại\n"
            "Người khiếu nại: {{ party.name }}; địa chỉ: {{ party.address }}.\n"
            "Người bị khiếu nại: {{ case.respondent|default:'…' }}; địa chỉ: "
            "{{ case.respondent_address|default:'…' }}.\n"
            "Nội dung khiếu nại: {{ case.decision_complained|default:case.title }}"
            "{% if case.decision_maker %} của {{ case.decision_maker }}{% endif %}"
            "{% if case.decision_date %} ngày {{ case.decision_date|date:'d/m/Y' }}{% endif %}"
            "{% if case.original_decision %} (giải quyết khiếu nại đối với "
            "{{ case.original_decision }}){% endif %}.\n"
            "{% if case.second_time %}II. Kết quả giải quyết khiếu nại của người giải quyết "
            "khiếu nại lần đầu\n{{ first_resolution }}\n{% endif %}"
            "{% if case.second_time %}III{% else %}II{% endif %}. Kết quả xác minh nội dung "
            "khiếu nại\n"
            "{% if report.result %}Theo Báo cáo kết quả xác minh {{ report.ref }}: "
            "{{ report.result }}{% else %}…{% endif %}\n"
            "{% if case.second_time %}IV{% else %}III{% endif %}. Kết quả đối thoại\n"
            "{{ dialogue_result }}\n"
            "{% if case.second_time %}V{% else %}IV{% endif %}. Căn cứ pháp luật để giải quyết "
            "khiếu nại\n"
            "Luật Khiếu nại năm 2011; Nghị định số 124/2020/NĐ-CP, được sửa đổi, bổ sung bởi "
            "Nghị định số 155/2026/NĐ-CP; {{ resolver_basis }} (thẩm quyền giải quyết); quy "
            "định pháp luật về nội dung khiếu nại: …\n"
            "{% if case.second_time %}VI{% else %}V{% endif %}. Kết luận nội dung khiếu nại\n"
            "{% if finding %}{{ finding }}.{% else %}…{% endif %} "
            "{{ step.conclusion|default:case.conclusion }}\n"
            "Từ những nhận định và căn cứ trên,\n"
            "QUYẾT ĐỊNH:\n"
            "{% if case.second_time %}"
            "Điều 1. {% if finding_code == 'wrong' %}Giữ nguyên "
            "{{ case.first_decision }}"
            ".{% elif finding_code %}[chọn: sửa đổi, bổ sung / hủy bỏ] "
            "{{ case.first_decision }}"
            " như sau: {{ step.conclusion|default:case.conclusion|default:'…' }}"
            "{% else %}…{% endif %}\n"
            "Điều 2. {% if finding_code == 'wrong' %}Yêu cầu {{ party.name }} và người có "
            "quyền, nghĩa vụ liên quan thực hiện nghiêm chỉnh "
            "{{ case.original_decision|default:case.decision_complained|default:'quyết định "
            "hành chính, hành vi hành chính bị khiếu nại' }}.{% elif finding_code %}Yêu cầu "
            "{{ case.respondent|default:'người có quyết định hành chính, hành vi hành chính bị "
            "khiếu nại' }} sửa đổi, hủy bỏ một phần hay toàn bộ "
            "{{ case.original_decision|default:case.decision_complained|default:'quyết định "
            "hành chính bị khiếu nại' }}, chấm dứt hành vi hành chính bị khiếu nại: …"
            "{% else %}…{% endif %}\n"
            "Điều 3. Việc bồi thường cho người bị thiệt hại (nếu có): …\n"
            "Điều 4. Nếu không đồng ý với Quyết định này, {{ party.name }} có quyền khởi kiện "
            "vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.\n"
            "Điều 5. {{ party.name }}, {{ case.respondent|default:'người bị khiếu nại' }} "
            "và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
            "Quyết định này./."
            "{% else %}"
            "Điều 1. {% if finding_code == 'wrong' %}Giữ nguyên "
            "{{ case.decision_complained|default:'quyết định hành chính, hành vi hành chính bị "
            "khiếu nại' }}.{% elif finding_code %}[chọn: sửa đổi, bổ sung / hủy bỏ] "
            "{% if finding_code == 'correct' %}toàn bộ{% else %}một phần{% endif %} "
            "{{ case.decision_complained|default:'quyết định hành chính bị khiếu nại' }}"
            ", chấm dứt hành vi hành chính bị khiếu nại; giải quyết các vấn đề cụ thể trong "
            "nội dung khiếu nại: {{ step.conclusion|default:case.conclusion|default:'…' }}"
            "{% else %}…{% endif %}\n"
            "Điều 2. Việc bồi thường thiệt hại cho người bị thiệt hại (nếu có): …\n"
            "Điều 3. Trong thời hạn 30 ngày kể từ ngày nhận được Quyết định này (45 ngày đối "
            "với vùng sâu, vùng xa đi lại khó khăn), nếu không đồng ý, {{ party.name }} có quyền "
            "khiếu nại đến người có thẩm quyền giải quyết khiếu nại lần hai hoặc khởi kiện vụ án "
            "hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.\n"
            "Điều 4. {{ party.name }}, {{ case.respondent|default:'người bị khiếu nại' }} "
            "và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
            "Quyết định này./."
            "{% endif %}"
        ),
        # The second decision goes to the first-round resolver (khoản 1 Điều 41 Luật Khiếu
        # nại), named when the portal holds the first round (`case.first_resolver`).
        recipients="{% if case.second_time %}- Như Điều 5;\n- {% if case.first_resolver %}"
        "{{ case.first_resolver }} (người giải quyết khiếu nại lần đầu){% else %}Người giải "
        "quyết khiếu nại lần đầu{% endif %};\n{% else %}- Như Điều 4;\n{% endif %}"
        "- Cơ quan quản lý cấp trên;\n"
        "- Lưu: VT, hồ sơ.",
    ),
    # --- tố cáo ---------------------------------------------------------------------
    # Thụ lý is itself a decision (khoản 1 Điều 29 Luật Tố cáo: "ra quyết định thụ lý tố
    # cáo"), with the content of khoản 2; the notices to the parties follow it (khoản 3).
    DocumentForm(
        code="tc_quyet_dinh_thu_ly",
        title="Quyết định thụ lý tố cáo",
        document_type="quyet_dinh",
        action="accept",
        kinds=frozenset({"to_cao"}),
        audience="facility",
        owed_to_citizen=False,
        form_ref="Mẫu quyết định thụ lý tố cáo, Phụ lục Nghị định 31/2019/NĐ-CP",
        legal_basis="khoản 1, khoản 2 Điều 29 Luật Tố cáo (quyết định thụ lý và nội dung); "
        "Điều 47 Luật Tố cáo (bảo mật người tố cáo)",
        reconstructed=True,
        trich_yeu="Về việc thụ lý tố cáo",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;\n"
            "Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định "
            "chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo;\n"
            "Xét đơn tố cáo nhận ngày {{ received_on }} (hồ sơ {{ case.tracking_code }}) đối với "
            "{{ case.accused|default:'người bị tố cáo' }}, đủ điều kiện thụ lý theo khoản 1 Điều "
            "29 Luật Tố cáo,\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Thụ lý tố cáo đối với {{ case.accused_name|default:'người bị tố cáo' }}. "
            "Nội dung tố cáo được thụ lý: …\n"
            "Điều 2. Thời hạn giải quyết tố cáo là {{ resolve_days }} ngày kể từ ngày thụ lý, "
            "đến hết ngày {{ resolve_by }} ({{ resolve_basis }}).\n"
            "Điều 3. Các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết "
            "định này. Thông tin về người tố cáo được giữ bí mật theo Điều 47 Luật Tố cáo./."
        ),
        recipients="- Như Điều 3;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        code="tc_thong_bao_thu_ly_nguoi_to_cao",
        title="Thông báo thụ lý tố cáo (gửi người tố cáo)",
        document_type="thong_bao",
        action="accept",
        kinds=frozenset({"to_cao"}),
        audience="reporter",
        owed_to_citizen=True,
        form_ref="Mẫu thông báo thụ lý tố cáo, Phụ lục NĐ 31/2019/NĐ-CP",
        legal_basis="Điều 29 Luật Tố cáo (thông báo trong 05 ngày làm việc)",
        reconstructed=True,
        trich_yeu="Về việc thụ lý tố cáo",
        addressee="{{ party.addressed }}",
        body=(
            "Ngày {{ received_on }}, {{ issuer.name }} nhận được đơn tố cáo của "
            "{{ party.name }}, địa chỉ {{ party.address }}, tố cáo hành vi vi phạm pháp luật "
            "(hồ sơ {{ case.tracking_code }}).\n"
            "Căn cứ Điều 29 Luật Tố cáo, {{ issuer.name }} thông báo: tố cáo đủ điều kiện "
            "thụ lý và đã được thụ lý giải quyết. Thời hạn giải quyết tố cáo không quá "
            "{{ resolve_days }} ngày kể từ ngày thụ lý ({{ resolve_basis }}), đến hết ngày "
            "{{ resolve_by }}.\n"
            "Họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo được giữ "
            "bí mật theo Điều 47 Luật Tố cáo./."
        ),
        recipients=_NOI_NHAN,
    ),
    DocumentForm(
        code="tc_thong_bao_thu_ly_nguoi_bi_to_cao",
        title="Thông báo thụ lý tố cáo (gửi người bị tố cáo)",
        document_type="thong_bao",
        action="accept",
        kinds=frozenset({"to_cao"}),
        audience="accused",
        owed_to_citizen=False,
        form_ref="Mẫu thông báo thụ lý tố cáo, Phụ lục NĐ 31/2019/NĐ-CP",
        legal_basis="khoản 3 Điều 29 Luật Tố cáo; Điều 47 Luật Tố cáo (bảo mật người tố cáo)",
        reconstructed=True,
        trich_yeu="Về việc thụ lý tố cáo",
        addressee="{{ case.accused_addressed|default:'…' }}",
        body=(
            "{{ issuer.name }} đã thụ lý giải quyết tố cáo đối với "
            "{{ case.accused|default:'…' }}, về nội dung: {{ case.title }}.\n"
            "Căn cứ khoản 3 Điều 29 Luật Tố cáo, {{ issuer.name }} thông báo để "
            "{{ case.accused_name }} biết về nội dung bị tố cáo, có quyền giải trình và "
            "cung cấp thông tin, tài liệu liên quan. Thời hạn giải quyết tố cáo là "
            "{{ resolve_days }} ngày kể từ ngày thụ lý, đến hết ngày {{ resolve_by }} "
            "({{ resolve_basis }})./."
        ),
        recipients=_NOI_NHAN,
    ),
    DocumentForm(
        code="tc_thong_bao_khong_thu_ly",
        title="Thông báo không thụ lý tố cáo",
        document_type="thong_bao",
        action="reject",
        kinds=frozenset({"to_cao"}),
        audience="reporter",
        owed_to_citizen=True,
        form_ref="Mẫu thông báo không thụ lý tố cáo, Phụ lục NĐ 31/2019/NĐ-CP",
        legal_basis="khoản 1 Điều 29 Luật Tố cáo (điều kiện thụ lý)",
        reconstructed=True,
        trich_yeu="Về việc không thụ lý tố cáo",
        addressee="{{ party.addressed }}",
        body=(
            "Ngày {{ received_on }}, {{ issuer.name }} nhận được đơn tố cáo của "
            "{{ party.name }} (hồ sơ {{ case.tracking_code }}).\n"
            "Căn cứ khoản 1 Điều 29 Luật Tố cáo, {{ issuer.name }} không thụ lý tố cáo vì: "
            "{{ step.reason }}{% if step.legal_ground %} ({{ step.legal_ground }}){% endif %}.\n"
            "Vậy thông báo để {{ party.name }} được biết./."
        ),
        recipients=_NOI_NHAN,
    ),
    DocumentForm(
        # Khoản 1 Điều 31 Luật Tố cáo: "Việc giao xác minh nội dung tố cáo phải thực hiện
        # bằng văn bản", with the content of khoản 2 (date, who verifies, the accused, the
        # content, the time, rights and duties); khoản 2 Điều 10 NĐ 31/2019 (not amended by
        # NĐ 156/2026) refers to it and prescribes no form of its own (Mẫu số 07 is the
        # decision forming a verification team): reconstructed. Internal, never naming the
        # denouncer (Điều 47 Luật Tố cáo).
        code="tc_quyet_dinh_giao_xac_minh",
        title="Quyết định giao xác minh nội dung tố cáo",
        document_type="quyet_dinh",
        action="start_verification",
        kinds=frozenset({"to_cao"}),
        audience="facility",
        owed_to_citizen=False,
        form_ref="Văn bản giao xác minh nội dung tố cáo theo khoản 2 Điều 31 Luật Tố cáo "
        "(khoản 2 Điều 10 NĐ 31/2019/NĐ-CP)",
        legal_basis="khoản 1, khoản 2, khoản 4, khoản 5, khoản 6 Điều 31 Luật Tố cáo; khoản 1, "
        "khoản 2, khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP; Điều 47 Luật Tố cáo (bảo mật người tố "
        "cáo)",
        reconstructed=True,
        trich_yeu="Về việc giao xác minh nội dung tố cáo",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;\n"
            "Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định "
            "chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo, được sửa đổi, bổ "
            "sung bởi Nghị định số 156/2026/NĐ-CP;\n"
            "Xét tố cáo đã được thụ lý giải quyết ngày {{ accepted_on }} (hồ sơ "
            "{{ case.tracking_code }}),\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Giao {{ verifier.name }}, {{ verifier.unit }}, xác minh nội dung tố cáo "
            "kể từ ngày ký Quyết định này.\n"
            "{% if step.verification_team %}Thành lập Tổ xác minh nội dung tố cáo (khoản 1 "
            "Điều 10 Nghị định số 31/2019/NĐ-CP) gồm:\n{{ step.verification_team }}\n"
            "{% endif %}"
            "Người bị tố cáo: {{ case.accused|default:'…' }}"
            "{% if case.facility.address %}; địa chỉ nơi công tác: {{ case.facility.address }}"
            "{% endif %}.\n"
            "Nội dung cần xác minh: {{ case.title }}.\n"
            "Điều 2. Thời gian tiến hành xác minh: {{ verifier.period_days }} ngày kể từ ngày "
            "ký Quyết định này, đến hết ngày {{ verifier.until }}, không quá hạn giải quyết tố "
            "cáo ngày {{ resolve_by }} ({{ resolve_basis }}).\n"
            "Điều 3. Người được giao xác minh thực hiện các quyền và nghĩa vụ quy định tại các "
            "điểm a, b, c, d khoản 1 và các điểm a, b, c khoản 2 Điều 11 Luật Tố cáo theo phân "
            "công (khoản 5 Điều 31 Luật Tố cáo); tạo điều kiện để người bị tố cáo giải trình, "
            "đưa ra các chứng cứ (khoản 4 Điều 31); kết thúc xác minh, báo cáo bằng văn bản về "
            "kết quả xác minh và kiến nghị biện pháp xử lý (khoản 6 Điều 31). Họ tên, địa chỉ, "
            "bút tích và các thông tin cá nhân khác của người tố cáo được giữ bí mật, không "
            "được tiết lộ (Điều 47 Luật Tố cáo).\n"
            "Điều 4. Quyết định này có hiệu lực kể từ ngày ký. {{ verifier.name }}, "
            "{{ verifier.unit }} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm "
            "thi hành Quyết định này./."
        ),
        recipients="- Như Điều 4;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        # The verification team's report on the denunciation (khoản 6 Điều 31 Luật Tố cáo;
        # khoản 1, khoản 2 Điều 16 Nghị định 31/2019/NĐ-CP, Mẫu số 10): a summary, the
        # result of each content, the denounced person's explanation, the proposed
        # assessment and responsibilities, the handling recommended. The law copy names the
        # form only: reconstructed. Internal, never naming the denouncer (Điều 47 Luật Tố
        # cáo); signed by the team's leader or the officer who verified.
        code="tc_bao_cao_ket_qua_xac_minh",
        title="Báo cáo kết quả xác minh nội dung tố cáo (Mẫu số 10)",
        document_type="bao_cao",
        action="report_verification",
        kinds=frozenset({"to_cao"}),
        audience="facility",
        owed_to_citizen=False,
        form_ref="Mẫu số 10 Phụ lục Nghị định 31/2019/NĐ-CP",
        legal_basis="khoản 6 Điều 31 Luật Tố cáo; khoản 1, khoản 2 Điều 16 Nghị định "
        "31/2019/NĐ-CP; Điều 47 Luật Tố cáo (bảo mật người tố cáo)",
        reconstructed=True,
        trich_yeu="Kết quả xác minh nội dung tố cáo đối với {{ case.accused_name|default:'…' }}",
        addressee="{{ head }}",
        body=(
            "Thực hiện việc xác minh nội dung tố cáo đã được thụ lý giải quyết ngày "
            "{{ accepted_on }} (hồ sơ {{ case.tracking_code }}), "
            "{% if verifier.team %}Tổ xác minh gồm:\n{{ verifier.team }}\nTổ xác minh báo "
            "cáo{% else %}{{ verifier.name }}, {{ verifier.unit }}, báo cáo{% endif %} kết "
            "quả xác minh như sau:\n"
            "1. Tóm tắt nội dung tố cáo: {{ case.title }}. Người bị tố cáo: "
            "{{ case.accused|default:'…' }}.\n"
            "2. Kết quả xác minh từng nội dung tố cáo:\n"
            "{{ step.verification_result|default:'..............' }}\n"
            "3. Nội dung giải trình của người bị tố cáo: "
            "{{ step.respondent_explanation|default:'không có' }}\n"
            "4. Đề xuất đánh giá nội dung tố cáo: "
            "{{ step.proposed_finding|default:'..............' }}.\n"
            "5. Kiến nghị biện pháp xử lý: {{ step.recommendation|default:'..............' }}\n"
            "{% if step.dissent %}Ý kiến khác của thành viên Tổ xác minh: {{ step.dissent }}\n"
            "{% endif %}"
            "Họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo được giữ "
            "bí mật, không được tiết lộ (Điều 47 Luật Tố cáo).\n"
            "Trên đây là báo cáo kết quả xác minh nội dung tố cáo, kính trình {{ head }} xem "
            "xét, kết luận./."
        ),
        recipients="- Như trên;\n- Lưu: hồ sơ.",
    ),
    DocumentForm(
        code="tc_quyet_dinh_gia_han",
        title="Quyết định gia hạn giải quyết tố cáo",
        document_type="quyet_dinh",
        action="extend",
        kinds=frozenset({"to_cao"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="Mẫu quyết định gia hạn giải quyết tố cáo, Phụ lục NĐ 31/2019/NĐ-CP",
        legal_basis="khoản 2, 3, 4 Điều 30 Luật Tố cáo; Điều 3 Nghị định 31/2019/NĐ-CP",
        reconstructed=True,
        trich_yeu="Về việc gia hạn giải quyết tố cáo",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Điều 30 Luật Tố cáo; Nghị định số 31/2019/NĐ-CP;\n"
            "Xét tính chất phức tạp của vụ việc tố cáo đối với {{ case.accused|default:'…' }} "
            "(hồ sơ {{ case.tracking_code }}),\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Gia hạn giải quyết tố cáo đối với {{ case.accused_name }}. "
            "Lý do: {{ step.reason }}\n"
            "Điều 2. Thời hạn giải quyết sau gia hạn: đến hết ngày {{ resolve_by }}.\n"
            "Điều 3. Quyết định này được gửi đến người tố cáo và người bị tố cáo (khoản 4 "
            "Điều 30 Luật Tố cáo). Thông tin về người tố cáo được giữ bí mật theo Điều 47 "
            "Luật Tố cáo./."
        ),
        recipients="- Người tố cáo;\n- Người bị tố cáo;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        code="tc_quyet_dinh_tam_dinh_chi",
        title="Quyết định tạm đình chỉ giải quyết tố cáo",
        document_type="quyet_dinh",
        action="suspend",
        kinds=frozenset({"to_cao"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="Mẫu quyết định tạm đình chỉ, Phụ lục NĐ 31/2019/NĐ-CP",
        legal_basis="khoản 1, 2, 4 Điều 34 Luật Tố cáo",
        reconstructed=True,
        trich_yeu="Về việc tạm đình chỉ giải quyết tố cáo",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Điều 34 Luật Tố cáo;\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Tạm đình chỉ việc giải quyết tố cáo đối với "
            "{{ case.accused|default:'…' }} "
            "(hồ sơ {{ case.tracking_code }}). Lý do: {{ step.reason }}\n"
            "Điều 2. Thời gian tạm đình chỉ không tính vào thời hạn giải quyết tố cáo "
            "(khoản 2 Điều 34 Luật Tố cáo).\n"
            "Điều 3. Quyết định này được thông báo cho người tố cáo và người bị tố cáo trong "
            "05 ngày làm việc (khoản 4 Điều 34 Luật Tố cáo)./."
        ),
        recipients="- Người tố cáo;\n- Người bị tố cáo;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        code="tc_quyet_dinh_tiep_tuc",
        title="Quyết định tiếp tục giải quyết tố cáo",
        document_type="quyet_dinh",
        action="resume",
        kinds=frozenset({"to_cao"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="Mẫu quyết định tiếp tục giải quyết, Phụ lục NĐ 31/2019/NĐ-CP",
        legal_basis="khoản 2, 4 Điều 34 Luật Tố cáo",
        reconstructed=True,
        trich_yeu="Về việc tiếp tục giải quyết tố cáo",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Điều 34 Luật Tố cáo;\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Tiếp tục giải quyết tố cáo đối với {{ case.accused|default:'…' }} (hồ sơ "
            "{{ case.tracking_code }}) kể từ ngày ký Quyết định này.\n"
            "Điều 2. Thời hạn giải quyết đến hết ngày {{ resolve_by }}.\n"
            "Điều 3. Quyết định này được thông báo cho người tố cáo và người bị tố cáo./."
        ),
        recipients="- Người tố cáo;\n- Người bị tố cáo;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        code="tc_quyet_dinh_dinh_chi",
        title="Quyết định đình chỉ giải quyết tố cáo (rút tố cáo)",
        document_type="quyet_dinh",
        action="withdraw",
        kinds=frozenset({"to_cao"}),
        audience="parties",
        owed_to_citizen=True,
        form_ref="Mẫu quyết định đình chỉ, Phụ lục NĐ 31/2019/NĐ-CP",
        legal_basis="Điều 33, điểm a khoản 3 và khoản 4 Điều 34 Luật Tố cáo",
        reconstructed=True,
        trich_yeu="Về việc đình chỉ giải quyết tố cáo",
        addressee="",
        body=(
            "{{ authority }}\n"
            "Căn cứ Điều 33, Điều 34 Luật Tố cáo;\n"
            "Xét việc người tố cáo rút toàn bộ nội dung tố cáo (hồ sơ {{ case.tracking_code }}) "
            "và không có căn cứ xác định hành vi bị tố cáo có dấu hiệu vi phạm pháp luật,\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Đình chỉ việc giải quyết tố cáo đối với {{ case.accused|default:'…' }}.\n"
            "Điều 2. Quyết định này được thông báo cho người tố cáo và người bị tố cáo trong "
            "05 ngày làm việc (khoản 4 Điều 34 Luật Tố cáo)./."
        ),
        recipients="- Người tố cáo;\n- Người bị tố cáo;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        # Khoản 3 Điều 35 Luật Tố cáo: the conclusion goes to the accused, the body that
        # manages them and those concerned; the denouncer gets a notice of it (next row).
        # Its contents follow khoản 2 Điều 35 Luật Tố cáo (Mẫu số 12, Điều 17 NĐ 31/2019):
        # the verification's result (điểm a, from the report of the `report_verification`
        # step in force, cited by its number or day), the legal basis for finding a violation
        # or none (điểm b), the conclusion on the content, right, partly right or untrue, and
        # each person's responsibility (điểm c: the finding and the step's "Kết luận"), the
        # handling measures and recommendations (điểm d, đ: the report's recommendation as
        # the draft's start). The denounced person's explanation (khoản 1 Điều 35) from the
        # report too. What only the resolver can write (the legal basis, the
        # responsibilities) is a heading with its blank ("…"), refused at issue until filled
        # (`blank_refusal`). The public answer is the citizen's, never the conclusion.
        code="tc_ket_luan",
        title="Kết luận nội dung tố cáo",
        document_type="ket_luan",
        action="conclude",
        kinds=frozenset({"to_cao"}),
        audience="accused",
        owed_to_citizen=False,
        form_ref="Mẫu số 12 Phụ lục NĐ 31/2019/NĐ-CP (kết luận nội dung tố cáo)",
        legal_basis="Điều 35 Luật Tố cáo (nội dung, gửi trong 05 ngày làm việc); Điều 17 Nghị "
        "định 31/2019/NĐ-CP (Mẫu số 12); Điều 40 Luật Tố cáo (công khai); Điều 47 (bảo mật "
        "người tố cáo)",
        reconstructed=True,
        trich_yeu="Về nội dung tố cáo đối với {{ case.accused_name|default:'…' }}",
        addressee="",
        body=(
            "Ngày {{ accepted_on }}, {{ issuer.name }} thụ lý giải quyết tố cáo đối với "
            "{{ case.accused|default:'…' }} (hồ sơ {{ case.tracking_code }}).\n"
            "Căn cứ nội dung tố cáo, giải trình của người bị tố cáo, kết quả xác minh nội dung "
            "tố cáo{% if report.ref %} tại Báo cáo kết quả xác minh {{ report.ref }}{% endif %}"
            ", tài liệu, chứng cứ có liên quan (khoản 1 Điều 35 Luật Tố cáo), {{ issuer.name }} "
            "kết luận nội dung tố cáo như sau:\n"
            "1. Nội dung tố cáo: {{ case.title }}.\n"
            "2. Nội dung giải trình của người bị tố cáo: {{ report.explanation|default:'…' }}\n"
            "3. Kết quả xác minh nội dung tố cáo: {{ report.result|default:'…' }}\n"
            "4. Căn cứ pháp luật để xác định có hay không có hành vi vi phạm pháp luật: …\n"
            "5. Kết luận về nội dung tố cáo: {% if finding %}{{ finding }}.{% else %}…{% endif %}"
            " {{ step.conclusion|default:case.conclusion }}\n"
            "Trách nhiệm của từng cơ quan, tổ chức, cá nhân liên quan đến nội dung tố cáo: …\n"
            "6. Các biện pháp xử lý theo thẩm quyền cần thực hiện; kiến nghị cơ quan, tổ chức, "
            "cá nhân khác áp dụng các biện pháp xử lý theo thẩm quyền; kiến nghị sửa đổi, bổ "
            "sung chính sách, pháp luật, bảo vệ lợi ích của Nhà nước, quyền và lợi ích hợp pháp "
            "của cơ quan, tổ chức, cá nhân (nếu có): {{ report.recommendation|default:'…' }}\n"
            "Kết luận này được gửi đến người bị tố cáo, cơ quan, tổ chức quản lý người bị tố "
            "cáo và cơ quan, tổ chức, cá nhân có liên quan; người tố cáo được thông báo về kết "
            "luận nội dung tố cáo (khoản 3 Điều 35 Luật Tố cáo). Thông tin về người tố cáo được "
            "giữ bí mật theo Điều 47 Luật Tố cáo./."
        ),
        recipients="- {{ case.accused_addressed|default:'Người bị tố cáo' }};\n"
        "{% if case.facility %}- {{ case.facility.name }};\n{% endif %}"
        "- Cơ quan, tổ chức quản lý người bị tố cáo;\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        # The notice to the denouncer (khoản 3 Điều 35, điểm c khoản 1 Điều 9 Luật Tố cáo):
        # addressed to them, so the only document of the conclusion that names them.
        # NĐ 31/2019's appendix has no form for it (Mẫu số 12 is the conclusion itself).
        code="tc_thong_bao_ket_luan_nguoi_to_cao",
        title="Thông báo về kết luận nội dung tố cáo (gửi người tố cáo)",
        document_type="thong_bao",
        action="conclude",
        kinds=frozenset({"to_cao"}),
        audience="reporter",
        owed_to_citizen=True,
        form_ref="",
        legal_basis="khoản 3 Điều 35 Luật Tố cáo (thông báo trong 05 ngày làm việc); điểm c "
        "khoản 1 Điều 9, Điều 37, Điều 47 Luật Tố cáo",
        reconstructed=True,
        trich_yeu="Về kết luận nội dung tố cáo",
        addressee="{{ party.addressed }}",
        body=(
            "Ngày {{ accepted_on }}, {{ issuer.name }} thụ lý giải quyết tố cáo của "
            "{{ party.name }} (hồ sơ {{ case.tracking_code }}) đối với "
            "{{ case.accused|default:'…' }}.\n"
            "Nội dung tố cáo: {{ case.title }}.\n"
            "{{ issuer.name }} đã ban hành kết luận nội dung tố cáo {{ conclusion_ref }}"
            "{% if finding %}, kết luận: {{ finding }}{% endif %}. "
            "Kết quả giải quyết tố cáo: {{ step.public_answer|default:case.public_answer }}\n"
            "Trường hợp có căn cứ cho rằng việc giải quyết tố cáo là không đúng quy định của "
            "pháp luật, {{ party.name }} có quyền tố cáo tiếp với người đứng đầu cơ quan, tổ "
            "chức cấp trên trực tiếp của người đã giải quyết tố cáo (Điều 37 Luật Tố cáo).\n"
            "Họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo được giữ "
            "bí mật theo Điều 47 Luật Tố cáo.\n"
            "Vậy thông báo để {{ party.name }} được biết./."
        ),
        recipients=_NOI_NHAN,
    ),
    # --- every citizen kind -----------------------------------------------------------
    DocumentForm(
        code="phieu_chuyen_don",
        title="Phiếu chuyển đơn đến cơ quan có thẩm quyền",
        document_type="phieu_chuyen",
        action="forward",
        kinds=CITIZEN_KINDS,
        audience="authority",
        owed_to_citizen=False,
        form_ref="Mẫu phiếu chuyển đơn, Phụ lục Thông tư 05/2021/TT-TTCP",
        legal_basis="khoản 2 Điều 24 Luật Tố cáo; Thông tư 05/2021/TT-TTCP "
        "(xử lý đơn); Điều 47 Luật Tố cáo (bảo mật người tố cáo)",
        reconstructed=True,
        trich_yeu="Về việc chuyển đơn",
        addressee="{{ step.to|default:case.forwarded_to }}",
        body=(
            "Ngày {{ received_on }}, {{ issuer.name }} nhận được đơn {{ kind_label }} "
            "(hồ sơ {{ case.tracking_code }}) của {{ party.name }} về việc: {{ case.title }}.\n"
            "Sau khi xem xét, nội dung đơn thuộc thẩm quyền giải quyết của "
            "{{ step.to|default:case.forwarded_to }}. Lý do: {{ step.reason }}\n"
            "{{ issuer.name }} chuyển đơn đến {{ step.to|default:case.forwarded_to }} để xem "
            "xét, giải quyết theo thẩm quyền./."
        ),
        recipients="- Như trên;\n- Người gửi đơn (để biết);\n- Lưu: VT, hồ sơ.",
    ),
    DocumentForm(
        code="thong_bao_chuyen_don",
        title="Thông báo chuyển đơn (gửi người gửi đơn)",
        document_type="thong_bao",
        action="forward",
        kinds=CITIZEN_KINDS,
        audience="reporter",
        owed_to_citizen=True,
        form_ref="Mẫu thông báo chuyển đơn, Phụ lục Thông tư 05/2021/TT-TTCP",
        legal_basis="khoản 2 Điều 24 Luật Tố cáo (05 ngày làm việc); khoản 1 Điều 28 Luật "
        "Tiếp công dân; Thông tư 05/2021/TT-TTCP",
        reconstructed=True,
        trich_yeu="Về việc chuyển đơn",
        addressee="{{ party.addressed }}",
        body=(
            "Ngày {{ received_on }}, {{ issuer.name }} nhận được đơn {{ kind_label }} của "
            "{{ party.name }} (hồ sơ {{ case.tracking_code }}) về việc: {{ case.title }}.\n"
            "Nội dung đơn không thuộc thẩm quyền giải quyết của {{ issuer.name }}. "
            "Đơn đã được chuyển đến {{ step.to|default:case.forwarded_to }} để xem xét, giải "
            "quyết theo thẩm quyền. Lý do: {{ step.reason }}\n"
            "Vậy thông báo để {{ party.name }} được biết./."
        ),
        recipients=_NOI_NHAN,
    ),
    DocumentForm(
        code="yeu_cau_bo_sung",
        title="Đề nghị bổ sung thông tin, tài liệu",
        document_type="cong_van",
        action="request_info",
        kinds=CITIZEN_KINDS,
        audience="reporter",
        owed_to_citizen=True,
        form_ref="",
        legal_basis="khoản 2 Điều 8 Luật Khiếu nại; Điều 23 Luật Tố cáo; Thông tư "
        "05/2021/TT-TTCP",
        reconstructed=True,
        trich_yeu="V/v đề nghị bổ sung thông tin, tài liệu hồ sơ {{ case.tracking_code }}",
        addressee="{{ party.addressed }}",
        body=(
            "Ngày {{ received_on }}, {{ issuer.name }} nhận được đơn {{ kind_label }} của "
            "{{ party.name }} (hồ sơ {{ case.tracking_code }}) về việc: {{ case.title }}.\n"
            "Để có cơ sở xem xét, xử lý đơn theo quy định, đề nghị {{ party.name }} bổ sung: "
            "{{ step.message }}\n"
            "Thông tin, tài liệu bổ sung gửi qua Cổng tiếp nhận (tra cứu bằng mã hồ sơ "
            "{{ case.tracking_code }}) hoặc trực tiếp tại {{ issuer.name }}./."
        ),
        recipients=_NOI_NHAN,
    ),
    DocumentForm(
        code="thong_bao_luu_don",
        title="Thông báo lưu đơn (đơn trùng, đơn không đủ điều kiện xử lý)",
        document_type="thong_bao",
        action="file",
        kinds=CITIZEN_KINDS,
        audience="reporter",
        owed_to_citizen=True,
        form_ref="",
        legal_basis="điểm h khoản 1 và khoản 3 Điều 4 Nghị định 154/2026/NĐ-CP (thông báo "
        "trong 03 ngày làm việc); khoản 1 Điều 14 Thông tư 05/2021/TT-TTCP",
        reconstructed=True,
        trich_yeu="Về việc lưu đơn",
        addressee="{{ party.addressed }}",
        body=(
            "{{ issuer.name }} nhận được đơn của {{ party.name }} (hồ sơ "
            "{{ case.tracking_code }}, nhận ngày {{ received_on }}) về việc: {{ case.title }}.\n"
            "Đơn được lưu, không tiếp tục xử lý vì: {{ step.reason_label|default:step.reason }}"
            ".\nVậy thông báo để {{ party.name }} được biết./."
        ),
        recipients=_NOI_NHAN,
    ),
    # --- phản ánh, kiến nghị ------------------------------------------------------------
    DocumentForm(
        code="pakn_thong_bao_tiep_nhan",
        title="Thông báo tiếp nhận, xử lý phản ánh, kiến nghị",
        document_type="thong_bao",
        action="accept",
        kinds=PETITIONS,
        audience="reporter",
        owed_to_citizen=True,
        form_ref="",
        legal_basis="khoản 1 Điều 28 Luật Tiếp công dân; Thông tư 05/2021/TT-TTCP",
        reconstructed=True,
        trich_yeu="Về việc tiếp nhận, xử lý {{ kind_label }}",
        addressee="{{ party.addressed }}",
        body=(
            "Ngày {{ received_on }}, {{ issuer.name }} nhận được {{ kind_label }} của "
            "{{ party.name }} (hồ sơ {{ case.tracking_code }}) về việc: {{ case.title }}.\n"
            "{{ issuer.name }} đã tiếp nhận và xem xét, xử lý theo thẩm quyền; kết quả sẽ được "
            "trả lời trước ngày {{ resolve_by }}./."
        ),
        recipients=_NOI_NHAN,
    ),
    DocumentForm(
        code="pakn_thong_bao_khong_xu_ly",
        title="Thông báo không xử lý phản ánh, kiến nghị",
        document_type="thong_bao",
        action="reject",
        kinds=PETITIONS,
        audience="reporter",
        owed_to_citizen=True,
        form_ref="",
        legal_basis="khoản 1 Điều 28 Luật Tiếp công dân; Thông tư 05/2021/TT-TTCP",
        reconstructed=True,
        trich_yeu="Về việc không xử lý {{ kind_label }}",
        addressee="{{ party.addressed }}",
        body=(
            "{{ issuer.name }} nhận được {{ kind_label }} của {{ party.name }} (hồ sơ "
            "{{ case.tracking_code }}) về việc: {{ case.title }}.\n"
            "Đơn không được xử lý vì: {{ step.reason }}"
            "{% if step.legal_ground %} ({{ step.legal_ground }}){% endif %}.\n"
            "Vậy thông báo để {{ party.name }} được biết./."
        ),
        recipients=_NOI_NHAN,
    ),
    DocumentForm(
        code="pakn_van_ban_tra_loi",
        title="Văn bản trả lời phản ánh, kiến nghị",
        document_type="cong_van",
        action="conclude",
        kinds=PETITIONS,
        audience="reporter",
        owed_to_citizen=True,
        form_ref="",
        legal_basis="Điều 28 Luật Tiếp công dân; Thông tư 05/2021/TT-TTCP",
        reconstructed=True,
        trich_yeu="V/v trả lời {{ kind_label }} hồ sơ {{ case.tracking_code }}",
        addressee="{{ party.addressed }}",
        body=(
            "{{ issuer.name }} nhận được {{ kind_label }} của {{ party.name }} (hồ sơ "
            "{{ case.tracking_code }}, nhận ngày {{ received_on }}) về việc: {{ case.title }}.\n"
            "Kết quả xem xét: {{ step.conclusion|default:case.conclusion }}\n"
            "{{ issuer.name }} trả lời như sau: {{ step.public_answer|default:case.public_answer }}"
            "\nTrân trọng./."
        ),
        recipients=_NOI_NHAN,
    ),
    # --- báo chí --------------------------------------------------------------------------
    DocumentForm(
        code="bc_van_ban_tra_loi",
        title="Văn bản thông tin cho cơ quan báo chí",
        document_type="cong_van",
        action="conclude",
        kinds=frozenset({"bao_chi"}),
        audience="press",
        owed_to_citizen=False,
        form_ref="",
        legal_basis="Điều 18 Nghị định 237/2026/NĐ-CP; Điều 7 Nghị định 244/2026/NĐ-CP",
        reconstructed=True,
        trich_yeu="V/v thông tin về nội dung bài báo “{{ case.press_article_title }}”",
        addressee="{{ case.press_outlet }}",
        body=(
            "Ngày {{ received_on }}, {{ issuer.name }} nhận được thông tin từ bài báo "
            "“{{ case.press_article_title }}” của {{ case.press_outlet }}"
            "{% if case.press_published_on %} đăng ngày "
            "{{ case.press_published_on|date:'d/m/Y' }}{% endif %}.\n"
            "Kết quả xác minh: {{ step.conclusion|default:case.conclusion }}\n"
            "{{ issuer.name }} thông tin để {{ case.press_outlet }} biết: "
            "{{ step.public_answer|default:case.public_answer }}\nTrân trọng./."
        ),
        recipients="- Như trên;\n- Lưu: VT, hồ sơ.",
    ),
)


def form_for(code: str) -> DocumentForm | None:
    return next((form for form in FORMS if form.code == code), None)


# The signer's title by the kind of issuing unit (NĐ 30/2020/NĐ-CP Phụ lục I, mục II.9:
# chức vụ của người ký). Staff change it on the draft (a deputy signs "KT. GIÁM ĐỐC /
# PHÓ GIÁM ĐỐC").
SIGNER_TITLES: dict[str, str] = {
    "department": "GIÁM ĐỐC",
    "inspectorate": "CHÁNH THANH TRA",
    "office": "CHÁNH VĂN PHÒNG",
    "cdc": "GIÁM ĐỐC",
    "food_safety": "CHI CỤC TRƯỞNG",
    "hospital": "GIÁM ĐỐC",
    "health_centre": "GIÁM ĐỐC",
    "infirmary": "GIÁM ĐỐC",
    "commune_station": "TRƯỞNG TRẠM",
    "private_clinic": "NGƯỜI PHỤ TRÁCH CHUYÊN MÔN",
    "external": "THỦ TRƯỞNG CƠ QUAN",
}


def authority_line(title: str, unit: str) -> str:
    """The authority a decision opens with, above its grounds (NĐ 30/2020/NĐ-CP Phụ lục I:
    thẩm quyền ban hành): the head's title and the unit, upper case, the words both say
    once: "TRƯỞNG TRẠM" and "Trạm Y tế phường Phổ Hòa" make "TRƯỞNG TRẠM Y TẾ PHƯỜNG PHỔ
    HÒA", "CHÁNH THANH TRA" and "Thanh tra Sở Y tế" make "CHÁNH THANH TRA SỞ Y TẾ";
    "CHI CỤC TRƯỞNG CHI CỤC …" and "GIÁM ĐỐC SỞ Y TẾ" share nothing and stay whole."""
    return _said_once(title.upper(), unit.upper())


def _said_once(title: str, unit: str) -> str:
    """The title followed by the unit, the words the title ends with and the unit's name
    starts with said once (compared without case): "Giám đốc Bệnh viện" and "Bệnh viện Đa
    khoa tỉnh" make "Giám đốc Bệnh viện Đa khoa tỉnh", never "… Bệnh viện Bệnh viện …"."""
    title_words, unit_words = title.split(), unit.split()
    for size in range(min(len(title_words), len(unit_words)), 0, -1):
        if [w.casefold() for w in title_words[-size:]] == [
            w.casefold() for w in unit_words[:size]
        ]:
            unit_words = unit_words[size:]
            break
    return " ".join(title_words + unit_words)


# The head of a unit by its kind, as a document's text names them in a sentence ("kính trình
# Giám đốc Sở Y tế tỉnh Quảng Ngãi"): the title of SIGNER_TITLES, written as a title is
# written inside a sentence (NĐ 30/2020/NĐ-CP Phụ lục I mục II.9: chức vụ của người ký).
HEAD_TITLES: dict[str, str] = {
    "department": "Giám đốc",
    "inspectorate": "Chánh Thanh tra",
    "office": "Chánh Văn phòng",
    "cdc": "Giám đốc",
    "food_safety": "Chi cục trưởng",
    "hospital": "Giám đốc",
    "health_centre": "Giám đốc",
    "infirmary": "Giám đốc",
    "commune_station": "Trưởng Trạm",
    "private_clinic": "Người phụ trách chuyên môn",
    "external": "Thủ trưởng",
}


def head_of(kind: str, unit: str) -> str:
    """The head of the unit `unit` of `kind` in a sentence, the words the title and the unit
    both say once (as `authority_line`): "Giám đốc Sở Y tế tỉnh Quảng Ngãi", "Chánh Thanh
    tra Sở Y tế", "Trưởng Trạm Y tế phường Phổ Hòa"; "Thủ trưởng …" for a kind not known."""
    return _said_once(HEAD_TITLES.get(kind, "Thủ trưởng"), unit)


# How a document addresses a person ("Kính gửi: Ông/Bà Trần Thị Hoa"): the title the person
# gave with their name ("Bà Trần Thị Hoa"), else "Ông/Bà", the portal recording no sex; a
# body's name ("Công ty …", "Hội …") stays as written.
_TITLES = ("ông", "bà", "anh", "chị", "cô", "chú", "bác")
_BODIES = (
    "công ty", "hội", "ban", "tổ", "cơ quan", "trường", "bệnh viện", "ủy ban", "uỷ ban", "ubnd",
    "doanh nghiệp", "hợp tác xã", "văn phòng", "trung tâm", "tập thể", "nhóm", "các",
)
PERSON_TITLE = "Ông/Bà"


def addressed_as(name: str) -> str:
    """`name` as a document addresses the person: "Ông/Bà Trần Thị Hoa", "Bà Trần Thị Hoa"
    as given, a body's name as written, "" for none."""
    name = (name or "").strip()
    if not name:
        return ""
    words = name.casefold().split()
    if words[0] in _TITLES or any(
        words[: len(body.split())] == body.split() for body in _BODIES
    ):
        return name
    return f"{PERSON_TITLE} {name}"


def with_unit(text: str, unit: str) -> str:
    """A person's position (or a decision's maker) with their unit, once: "Giám đốc" and
    "Bệnh viện Đa khoa tỉnh" make "Giám đốc Bệnh viện Đa khoa tỉnh", and so does "Giám đốc
    Bệnh viện" (the words both say, once: `_said_once`); a position that names the unit
    already stays as written; either alone when the other is empty."""
    text, unit = (text or "").strip(), (unit or "").strip()
    if not unit or unit.casefold() in text.casefold():
        return text
    if not text:
        return unit
    return _said_once(text, unit)


def decision_cited(ref: str) -> str:
    """A decision a document cites by the reference the case holds ("01/QĐ-BV-DTT ngày
    07/12/2026", as a second complaint names the first decision): "Quyết định số
    01/QĐ-BV-DTT ngày 07/12/2026"; a reference that names its decision already ("Quyết định
    giải quyết hồ sơ YT-…", "QĐ số 01/…") as written, "QĐ" spelt out; "" for none."""
    ref = (ref or "").strip()
    if not ref:
        return ""
    lowered = ref.casefold()
    if lowered.startswith("quyết định"):
        return ref
    if lowered.startswith("qđ"):
        return f"Quyết định{ref[2:]}"
    return f"Quyết định số {ref.removeprefix('số ').removeprefix('Số ')}"
