"""Metadata extracted from the seed documents and from small synthetic texts.

Pure tests: run with ``pytest -p no:django``. Expected values are read off the
documents themselves; what a document does not state must come back empty.
"""

from datetime import date
from pathlib import Path

import pytest

from cms.importers.directive_text import OfficialDocument, parse_official_document

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


def parse_seed(name: str) -> OfficialDocument:
    return parse_official_document((SEEDS / name).read_text(encoding="utf-8"))


def assert_body_clean(doc: OfficialDocument) -> None:
    """No header, signature, recipient block or markdown left in the body."""
    for leftover in ("Nơi nhận", "CỘNG HÒA XÃ HỘI", "Kính gửi", "Số:", "**"):
        assert leftover not in doc.body
    assert doc.body.endswith("./.")
    assert all(paragraph and "\n" not in paragraph for paragraph in doc.paragraphs)


# --- Seed documents ---------------------------------------------------------------


def test_thanh_hoa_cong_van_1576() -> None:
    doc = parse_seed("thanh-hoa-1576-syt-vp-2020.txt")

    assert doc.number == "1576/SYT-VP"
    assert doc.doc_type == "cong_van"
    assert doc.issued_on == date(2020, 6, 3)
    assert doc.place == "Thanh Hóa"
    assert doc.parent_body == "UBND tỉnh Thanh Hóa"
    assert doc.issuing_body == "Sở Y tế"
    assert doc.signer == "Trịnh Hữu Hùng"
    assert doc.signer_title == ""  # the copy shows no position above the name
    assert doc.addressees == ["Thủ trưởng các đơn vị y tế trong ngành"]
    assert doc.recipients == ["Như trên", "BGD Sở Y tế", "Các Phòng thuộc SYT", "Lưu: VT, VP"]
    # Verbatim, including the source's "đơn đốc" typo: nothing is corrected or invented.
    assert doc.summary == (
        "V/v đơn đốc tổ chức thực hiện hiệu quả Kế hoạch 38/KH-SYT ngày 08/01/2020"
    )
    assert doc.title == (
        "Công văn số 1576/SYT-VP về việc đơn đốc tổ chức thực hiện hiệu quả "
        "Kế hoạch 38/KH-SYT ngày 08/01/2020"
    )
    assert doc.paragraphs[0].startswith("Trong những tháng đầu năm 2020, tình hình quốc tế")
    assert doc.paragraphs[-1].endswith("nội dung Công văn này./.")  # typist initials dropped
    # Paragraphs split by a page break are rejoined.
    assert any("Thanh Hóa, mà còn khơi dậy" in p for p in doc.paragraphs)
    assert any("ngăn chặn hiệu quả vấn đề" in p for p in doc.paragraphs)
    assert len(doc.paragraphs) == 13
    assert_body_clean(doc)


def test_byt_cong_van_without_header() -> None:
    doc = parse_seed("byt-cong-van-thong-tin-bao-chi.txt")

    # The copy keeps only "Kính gửi" and the body: no number, type word, date,
    # place, issuer or signature, so none of these is filled in.
    assert doc.number == ""
    assert doc.doc_type == ""
    assert doc.issued_on is None
    assert doc.place == ""
    assert doc.parent_body == ""
    assert doc.issuing_body == ""
    assert doc.signer == ""
    assert doc.signer_title == ""
    assert doc.recipients == []
    assert doc.summary == ""
    assert doc.addressees == [
        "Đồng chí Chủ tịch Ủy ban Nhân dân tỉnh, thành phố trực thuộc Trung ương"
    ]
    assert doc.title == (
        "Văn bản gửi Đồng chí Chủ tịch Ủy ban Nhân dân tỉnh, thành phố trực thuộc Trung ương"
    )
    assert doc.paragraphs[0].startswith("Trong thời gian gần đây, trên các phương tiện")
    assert doc.paragraphs[-1] == "Xin trân trọng cảm ơn./."
    assert len(doc.paragraphs) == 9
    assert_body_clean(doc)


def test_hue_chi_thi_10_from_news_page() -> None:
    doc = parse_seed("hue-chi-thi-10-ct-ubnd-2022.txt")

    # Stated by the lead: "Ngày 20/10/2022, Ủy ban nhân dân tỉnh Thừa Thiên Huế
    # ban hành Chỉ thị số 10/CT-UBND về ...".
    assert doc.number == "10/CT-UBND"
    assert doc.doc_type == "chi_thi"
    assert doc.issued_on == date(2022, 10, 20)  # not the page's "Ngày cập nhật 26/10/2022"
    assert doc.issuing_body == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert doc.parent_body == ""
    assert doc.place == ""  # no "Địa danh, ngày ..." line
    # "Nguyễn Đào" under "Tập tin đính kèm:" is the web page's author, not a signer.
    assert doc.signer == ""
    assert doc.signer_title == ""
    assert doc.addressees == []
    assert doc.recipients == []
    summary = (
        "Về nâng cao công tác chăm sóc sức khỏe nhân dân; chủ động thích ứng linh hoạt, "
        "góp phần phục hồi nhanh, phát triển bền vững trên địa bàn tỉnh Thừa Thiên Huế"
    )
    assert doc.summary == summary
    assert doc.title == "Chỉ thị số 10/CT-UBND v" + summary[1:]
    assert doc.paragraphs[0].startswith("Ngành Y tế là ngành có sứ mệnh đặc biệt")
    assert doc.paragraphs[-1].endswith("nghiêm túc triển khai thực hiện nội dung Chỉ thị này./.")
    for web_chrome in ("Tìm kiếm", "Thăm dò ý kiến", "Ngày cập nhật", "Tập tin đính kèm"):
        assert web_chrome not in doc.body
    assert "1. Các sở, ban, ngành cấp tỉnh; UBND các huyện, thị xã, thành phố" in doc.paragraphs
    assert_body_clean(doc)


def test_tinh_uy_thong_bao_ket_luan() -> None:
    doc = parse_seed("tinh-uy-thong-bao-ket-luan-2016.txt")

    assert doc.number == ""
    assert doc.doc_type == "thong_bao"
    assert doc.issued_on is None  # 08/9/2016 is the meeting, not the notice's date
    assert doc.place == ""
    assert doc.parent_body == ""
    assert doc.issuing_body == ""  # the copy has no header
    assert doc.signer == "Lê Tấn Lai"
    assert doc.signer_title == "CHÁNH VĂN PHÒNG"
    assert doc.addressees == []
    assert doc.recipients == [
        "Thường trực Hội đồng nhân dân tỉnh",
        "Ủy ban nhân dân tỉnh",
        "Các sở, ban, ngành liên quan",
        "Các đồng chí Ủy viên Ban Thường vụ",
        "Lưu Văn phòng Tỉnh ủy",
    ]
    summary = (
        "Kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Sở Y tế về tình hình triển "
        "khai thực hiện nhiệm vụ 8 tháng đầu năm 2016, những nhiệm vụ trọng tâm trong thời "
        "gian tới"
    )
    assert doc.summary == summary
    assert doc.title == f"Thông báo: {summary}"
    assert doc.paragraphs[0].startswith("Sáng ngày 08/9/2016, đồng chí Nguyễn Mạnh Hùng")
    assert doc.paragraphs[-1] == (
        "Văn phòng Tỉnh ủy thông báo ý kiến kết luận của Thường trực Tỉnh ủy để các sở, "
        "ngành, địa phương có liên quan biết, thực hiện./."
    )
    assert "* Đối với các kiến nghị, đề xuất tại buổi làm việc:" in doc.paragraphs
    assert any("thực phẩm chức năng, mỹ phẩm" in p for p in doc.paragraphs)
    assert "(đã ký và đóng dấu)" not in doc.body
    assert len(doc.paragraphs) == 29
    assert_body_clean(doc)


def test_duc_pho_bao_cao_draft() -> None:
    doc = parse_seed("duc-pho-bao-cao-ct06-2023.txt")

    assert doc.number == ""  # "Số: /BC-UBND": not numbered yet
    assert doc.doc_type == "bao_cao"
    assert doc.issued_on is None  # "ngày tháng 5 năm 2023": the day is blank
    assert doc.place == "Đức Phổ"
    assert doc.parent_body == ""
    assert doc.issuing_body == ""  # the copy has no header
    assert doc.signer == "Võ Thanh Hùng"
    assert doc.signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert doc.addressees == []
    assert doc.recipients == [
        "Sở Y tế tỉnh (b/c)",
        "TT Thị ủy (b/c)",
        "TT HĐND thị xã (b/c)",
        "CT, UBND thị xã",
        "Ban Tuyên giáo Thị ủy",
        "Phòng Y tế thị xã",
        "Trung tâm Y tế thị xã",
        "Bệnh viện đa khoa khu vực Đặng Thùy Trâm",
        "UBND xã, phường",
        "PCVP HĐND và UBND thị xã",
        "CVVP HĐND và UBND thị xã (Quỳnh, Chiển)",
        "Lưu: VT",
    ]
    summary = (
        "Tổng kết 20 năm thực hiện Chỉ thị số 06-CT/TW ngày 22/01/2002 của Ban Bí thư về "
        "củng cố và hoàn thiện mạng lưới y tế cơ sở trong tình hình mới; 10 năm thực hiện "
        "Thông báo kết luận số 126-TB/TW ngày 01/4/2013 của Ban Bí thư"
    )
    assert doc.summary == summary
    assert doc.title == f"Báo cáo: {summary}"
    assert doc.paragraphs[0].startswith("Thực hiện Kế hoạch số 116-KH/TU ngày 27/4/2023")
    assert doc.paragraphs[-1] == "UBND thị xã kính báo cáo./."
    assert any("với điều kiện của địa phương. Phối hợp" in p for p in doc.paragraphs)
    assert "a) Về nhân lực y tế:" in doc.paragraphs  # lettered items stay separate
    assert len(doc.paragraphs) == 75
    assert_body_clean(doc)


# --- Synthetic cases --------------------------------------------------------------

FULL_HEADER = """\
UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ Y TẾ Độc lập - Tự do - Hạnh phúc
-------
Số: 25/CT-SYT Quảng Ngãi, ngày 5 tháng 3 năm 2024

CHỈ THỊ
Về việc tăng cường công tác tiếp nhận phản ánh, kiến nghị

Thời gian qua, nhiều phản ánh chưa được xử lý kịp thời.
Giám đốc Sở Y tế yêu cầu các đơn vị thực hiện nghiêm Chỉ thị này./.

Nơi nhận:
- Các đơn vị trực thuộc;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
(Đã ký)
Nguyễn Văn An
"""


def test_flattened_header_columns() -> None:
    doc = parse_official_document(FULL_HEADER)

    assert doc.number == "25/CT-SYT"
    assert doc.doc_type == "chi_thi"
    assert doc.issued_on == date(2024, 3, 5)
    assert doc.place == "Quảng Ngãi"
    assert doc.parent_body == "UBND tỉnh Quảng Ngãi"
    assert doc.issuing_body == "Sở Y tế"
    assert doc.summary == "Về việc tăng cường công tác tiếp nhận phản ánh, kiến nghị"
    assert doc.title == (
        "Chỉ thị số 25/CT-SYT về việc tăng cường công tác tiếp nhận phản ánh, kiến nghị"
    )
    assert doc.signer == "Nguyễn Văn An"
    assert doc.signer_title == "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"
    assert doc.recipients == ["Các đơn vị trực thuộc", "Lưu: VT"]
    assert doc.paragraphs == [
        "Thời gian qua, nhiều phản ánh chưa được xử lý kịp thời.",
        "Giám đốc Sở Y tế yêu cầu các đơn vị thực hiện nghiêm Chỉ thị này./.",
    ]


def test_missing_number_stays_empty() -> None:
    doc = parse_official_document(FULL_HEADER.replace("Số: 25/CT-SYT", "Số:    /CT-SYT"))

    assert doc.number == ""
    assert doc.doc_type == "chi_thi"
    assert doc.title.startswith("Chỉ thị về việc tăng cường")


def test_missing_date_is_none() -> None:
    doc = parse_official_document(
        FULL_HEADER.replace("Quảng Ngãi, ngày 5 tháng 3 năm 2024", "Quảng Ngãi, ngày tháng năm")
    )

    assert doc.issued_on is None
    assert doc.place == "Quảng Ngãi"
    assert doc.number == "25/CT-SYT"


def test_impossible_date_is_none() -> None:
    doc = parse_official_document(FULL_HEADER.replace("ngày 5 tháng 3", "ngày 31 tháng 2"))

    assert doc.issued_on is None


def test_unknown_type_is_empty() -> None:
    text = """\
SỞ Y TẾ

Số: 12/TTr-SYT

TỜ TRÌNH
Đề nghị phê duyệt danh mục thiết bị

Nội dung tờ trình./.
"""
    doc = parse_official_document(text)

    assert doc.doc_type == ""
    assert doc.number == "12/TTr-SYT"
    assert doc.issuing_body == "Sở Y tế"
    assert doc.parent_body == ""
    assert doc.summary == ""
    assert doc.title == "Văn bản số 12/TTr-SYT"


def test_plain_text_without_any_metadata() -> None:
    doc = parse_official_document("Một đoạn văn bản không có thông tin gì.\n")

    assert doc == OfficialDocument(title="Văn bản", body="Một đoạn văn bản không có thông tin gì.")


@pytest.mark.parametrize(
    ("number_line", "expected_type"),
    [
        ("Số: 7/KH-SYT", "ke_hoach"),
        ("Số: 8/QĐ-UBND", "quyet_dinh"),
        ("Số: 9/TB-SYT", "thong_bao"),
        ("Số: 10/BC-SYT", "bao_cao"),
        ("Số 126-TB/TW", "thong_bao"),
        ("Số: 11/SYT-NVY", ""),
    ],
)
def test_type_from_document_symbol(number_line: str, expected_type: str) -> None:
    doc = parse_official_document(f"SỞ Y TẾ\n{number_line}\n\nNội dung./.\n")

    assert doc.doc_type == expected_type


def test_cong_van_addressee_list_and_wrapped_authority() -> None:
    text = """\
ỦY BAN NHÂN DÂN
TỈNH THỪA THIÊN HUẾ

Số: 3/UBND-VX
V/v triển khai đường dây nóng

Kính gửi:
- Sở Y tế;
- UBND các huyện, thị xã.

Đề nghị các đơn vị triển khai./.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHỦ TỊCH

Lê Văn Bình
"""
    doc = parse_official_document(text)

    assert doc.issuing_body == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert doc.parent_body == ""
    assert doc.doc_type == "cong_van"
    assert doc.summary == "V/v triển khai đường dây nóng"
    assert doc.addressees == ["Sở Y tế", "UBND các huyện, thị xã"]
    assert doc.recipients == ["Như trên", "Lưu: VT"]
    assert doc.signer == "Lê Văn Bình"
    assert doc.signer_title == "CHỦ TỊCH"
    assert doc.body == "Đề nghị các đơn vị triển khai./."


def test_signature_without_end_mark_or_recipients() -> None:
    text = """\
THÔNG BÁO
Lịch tiếp công dân tháng 6

Giám đốc tiếp công dân vào thứ Năm hằng tuần.

GIÁM ĐỐC

Trần Thị Cúc
"""
    doc = parse_official_document(text)

    assert doc.doc_type == "thong_bao"
    assert doc.summary == "Lịch tiếp công dân tháng 6"
    assert doc.signer == "Trần Thị Cúc"
    assert doc.signer_title == "GIÁM ĐỐC"
    assert doc.body == "Giám đốc tiếp công dân vào thứ Năm hằng tuần."


def test_result_is_immutable() -> None:
    doc = parse_official_document("Nội dung./.")

    with pytest.raises(AttributeError):
        doc.number = "1/CT"  # type: ignore[misc]


def test_party_header_and_all_caps_title() -> None:
    text = """\
TỈNH ỦY QUẢNG NGÃI
*
Số 45-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Ngãi, ngày 12 tháng 4 năm 2023

KẾ HOẠCH
TRIỂN KHAI CÔNG TÁC Y TẾ CƠ SỞ
NĂM 2023

I. MỤC ĐÍCH
Nội dung./.
"""
    doc = parse_official_document(text)

    assert doc.issuing_body == "Tỉnh ủy Quảng Ngãi"
    assert doc.number == "45-KH/TU"
    assert doc.doc_type == "ke_hoach"
    assert doc.issued_on == date(2023, 4, 12)
    assert doc.summary == "Triển khai công tác y tế cơ sở năm 2023"
    assert doc.title == "Kế hoạch số 45-KH/TU: Triển khai công tác y tế cơ sở năm 2023"
    assert doc.paragraphs == ["I. MỤC ĐÍCH", "Nội dung./."]
