"""`import_directives FILE…` (CONTRACT.md) on the five seed documents: the
metadata each carries, nothing guessed, re-import idempotent."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cms.models import DirectivePage, EffectiveStatus

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def run(*files, **options) -> str:
    out = io.StringIO()
    call_command("import_directives", *[str(f) for f in files], stdout=out, **options)
    return out.getvalue()


def page_for(name: str) -> DirectivePage:
    return DirectivePage.objects.get(source_file=name)


def test_there_are_five_seeds():
    assert len(SEED_NAMES) == 5


def test_imports_all_five_seeds_as_published_pages(cms_site):
    output = run(*[SEEDS / name for name in SEED_NAMES])

    pages = DirectivePage.objects.child_of(cms_site.directives)
    assert pages.count() == 5
    assert all(page.live for page in pages)
    assert output.count("tạo mới") == 5


def test_thanh_hoa_cong_van(cms_site):
    run(SEEDS / "thanh-hoa-1576-syt-vp-2020.txt")
    page = page_for("thanh-hoa-1576-syt-vp-2020.txt")

    assert page.number == "1576/SYT-VP"
    assert page.doc_type == "cong_van"
    assert page.issued_on == datetime.date(2020, 6, 3)
    assert page.place == "Thanh Hóa"
    assert page.parent_body == "UBND tỉnh Thanh Hóa"
    assert page.issuing_body == "Sở Y tế"
    assert page.signer == "Trịnh Hữu Hùng"
    assert page.signer_title == ""
    assert page.addressee_list == ["Thủ trưởng các đơn vị y tế trong ngành"]
    assert page.recipient_list == ["Như trên", "BGD Sở Y tế", "Các Phòng thuộc SYT", "Lưu: VT, VP"]
    assert page.summary.startswith("V/v đơn đốc tổ chức thực hiện hiệu quả Kế hoạch 38/KH-SYT")
    assert page.title.startswith("Công văn số 1576/SYT-VP về việc")
    assert page.slug == "cong-van-1576-syt-vp-2020"
    paragraphs = [block for block in page.body if block.block_type == "paragraph"]
    assert len(paragraphs) == 13
    assert paragraphs[0].value.source.startswith("<p>Trong những tháng đầu năm 2020")
    assert page.effective_from is None  # the text states no effective date
    assert page.status == EffectiveStatus.UNKNOWN


def test_ministry_letter_without_header_leaves_metadata_empty(cms_site):
    run(SEEDS / "byt-cong-van-thong-tin-bao-chi.txt")
    page = page_for("byt-cong-van-thong-tin-bao-chi.txt")

    empty = ("number", "doc_type", "place", "parent_body", "issuing_body", "signer", "summary")
    for field in empty:
        assert getattr(page, field) == "", field
    assert page.issued_on is None
    assert page.recipients == ""
    assert page.addressee_list == [
        "Đồng chí Chủ tịch Ủy ban Nhân dân tỉnh, thành phố trực thuộc Trung ương"
    ]
    assert page.title.startswith("Văn bản gửi Đồng chí Chủ tịch")
    assert len(list(page.body)) == 9


def test_hue_chi_thi_from_a_news_page(cms_site):
    run(SEEDS / "hue-chi-thi-10-ct-ubnd-2022.txt")
    page = page_for("hue-chi-thi-10-ct-ubnd-2022.txt")

    assert page.number == "10/CT-UBND"
    assert page.doc_type == "chi_thi"
    assert page.issued_on == datetime.date(2022, 10, 20)
    assert page.issuing_body == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert page.place == ""
    assert page.signer == ""
    assert page.summary.startswith("Về nâng cao công tác chăm sóc sức khỏe nhân dân")
    assert page.slug == "chi-thi-10-ct-ubnd-2022"


def test_tinh_uy_thong_bao(cms_site):
    run(SEEDS / "tinh-uy-thong-bao-ket-luan-2016.txt")
    page = page_for("tinh-uy-thong-bao-ket-luan-2016.txt")

    assert page.number == ""
    assert page.doc_type == "thong_bao"
    assert page.issued_on is None  # 08/9/2016 is the meeting, not the notice
    assert page.issuing_body == ""
    assert page.signer == "Lê Tấn Lai"
    assert page.signer_title == "CHÁNH VĂN PHÒNG"
    assert page.recipient_list[0] == "Thường trực Hội đồng nhân dân tỉnh"
    assert len(page.recipient_list) == 5
    assert page.summary.startswith("Kết luận của Thường trực Tỉnh ủy tại buổi làm việc")
    assert len(list(page.body)) == 29


def test_duc_pho_draft_report(cms_site):
    run(SEEDS / "duc-pho-bao-cao-ct06-2023.txt")
    page = page_for("duc-pho-bao-cao-ct06-2023.txt")

    assert page.number == ""  # "Số: /BC-UBND"
    assert page.doc_type == "bao_cao"
    assert page.issued_on is None  # the day is blank
    assert page.place == "Đức Phổ"
    assert page.signer == "Võ Thanh Hùng"
    assert page.signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert len(page.recipient_list) == 12
    assert page.summary.startswith("Tổng kết 20 năm thực hiện Chỉ thị số 06-CT/TW")
    assert len(list(page.body)) == 75


def test_importing_again_changes_nothing(cms_site):
    files = [SEEDS / name for name in SEED_NAMES]
    run(*files)
    revisions = {p.pk: p.latest_revision_id for p in DirectivePage.objects.all()}

    output = run(*files)

    assert output.count("không đổi") == 5
    assert DirectivePage.objects.count() == 5
    assert {p.pk: p.latest_revision_id for p in DirectivePage.objects.all()} == revisions


def test_a_changed_file_updates_its_page(cms_site, tmp_path):
    source = tmp_path / "cv.txt"
    text = (SEEDS / "thanh-hoa-1576-syt-vp-2020.txt").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    run(source)
    source.write_text(text.replace("Trịnh Hữu Hùng", "Nguyễn Văn Ký"), encoding="utf-8")

    output = run(source)

    assert "cập nhật" in output
    page = DirectivePage.objects.get()
    assert page.signer == "Nguyễn Văn Ký"
    assert page.live and not page.has_unpublished_changes


def test_same_number_and_date_under_another_file_name_is_the_same_document(cms_site, tmp_path):
    copy = tmp_path / "ban-sao.txt"
    copy.write_text((SEEDS / "thanh-hoa-1576-syt-vp-2020.txt").read_text(encoding="utf-8"))
    run(SEEDS / "thanh-hoa-1576-syt-vp-2020.txt")
    run(copy)
    assert DirectivePage.objects.count() == 1


def test_effective_date_is_read_only_when_the_text_states_it(cms_site, tmp_path):
    text = """\
SỞ Y TẾ
Số: 12/QĐ-SYT
Quảng Ngãi, ngày 5 tháng 3 năm 2024

QUYẾT ĐỊNH
Về việc ban hành quy chế tiếp nhận phản ánh

Quyết định này có hiệu lực kể từ ngày ký./.
"""
    (tmp_path / "qd.txt").write_text(text, encoding="utf-8")
    run(tmp_path / "qd.txt")
    page = DirectivePage.objects.get()
    assert page.effective_from == datetime.date(2024, 3, 5)
    assert page.status == EffectiveStatus.LIVE


def test_draft_option_keeps_pages_unpublished(cms_site):
    run(SEEDS / "thanh-hoa-1576-syt-vp-2020.txt", draft=True)
    assert not DirectivePage.objects.get().live


def test_unreadable_file_is_reported_and_the_others_imported(cms_site, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8 \x81")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_directives",
            str(bad),
            str(SEEDS / "thanh-hoa-1576-syt-vp-2020.txt"),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "bad.txt" in err.getvalue()
    assert DirectivePage.objects.count() == 1


def test_without_a_directive_index_the_command_says_what_to_do(db):
    with pytest.raises(CommandError, match="load_demo_data"):
        run(SEEDS / "thanh-hoa-1576-syt-vp-2020.txt")
