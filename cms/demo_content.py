"""Texts of the demo site. The guides state the law with its articles; the news
and the good-example story are marked as samples."""

from __future__ import annotations

from django.utils.html import escape

SAMPLE_NOTE = "<p><em>Bài viết mẫu, minh họa cho cổng thông tin.</em></p>"


def _p(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def _h(text: str, size: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "size": size}}


def _law(reference: str, html: str) -> dict:
    return {"type": "legal_basis", "value": {"reference": reference, "text": html}}


def _qa(question: str, answer: str) -> dict:
    return {"type": "question", "value": {"question": question, "answer": answer}}


HOME = {
    "title": "Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế",
    "slug": "trang-chu",
    "intro": (
        "Người dân gửi phản ánh, kiến nghị, khiếu nại, tố cáo về cơ sở y tế, "
        "theo dõi hồ sơ và đánh giá kết quả giải quyết."
    ),
}

NEWS_INDEX = {
    "title": "Tin tức",
    "intro": "Hoạt động của Sở Y tế và các cơ sở y tế trên địa bàn.",
}
DIRECTIVE_INDEX = {
    "title": "Văn bản chỉ đạo",
    "intro": (
        "Chỉ thị, công văn, thông báo, kế hoạch, quyết định và báo cáo về công tác y tế, "
        "tiếp nhận và giải quyết phản ánh, kiến nghị."
    ),
}
PRESS_INDEX = {
    "title": "Phản hồi thông tin báo chí",
    "intro": (
        "Sở Y tế phản hồi, cải chính thông tin báo chí đã đăng về ngành Y tế, "
        "trên cơ sở kết quả xác minh."
    ),
}
STORY_INDEX = {
    "title": "Gương điển hình",
    "intro": "Những tập thể, cá nhân ngành Y tế tận tụy vì người bệnh.",
}

NEWS_CATEGORIES = {
    "hoat-dong-nganh": "Hoạt động ngành",
    "cai-cach-hanh-chinh": "Cải cách hành chính",
    "khuyen-cao-suc-khoe": "Khuyến cáo sức khỏe",
}

NEWS = {
    "ra-mat-cong-tiep-nhan-phan-anh": {
        "title": "Ra mắt Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế",
        "days_ago": 2,  # dated when the demo is loaded
        "lead": (
            "Từ nay, người dân có thể gửi phản ánh, kiến nghị, khiếu nại, tố cáo về cơ sở y tế "
            "trực tuyến, nhận mã hồ sơ và theo dõi kết quả giải quyết."
        ),
        "body": [
            {"type": "paragraph", "value": SAMPLE_NOTE},
            _p(
                "Mỗi hồ sơ được cấp mã tra cứu và mã PIN. Người gửi theo dõi từng bước: "
                "tiếp nhận, thụ lý, xác minh, kết luận, và được báo khi có kết quả.",
                "Thời hạn giải quyết được tính theo quy định của pháp luật cho từng loại hồ sơ, "
                "hiển thị công khai cùng căn cứ pháp lý.",
            ),
            _h("Bảo vệ người tố cáo"),
            _p(
                "Họ tên, địa chỉ và mọi thông tin có thể làm lộ danh tính người tố cáo được giữ "
                "bí mật theo Luật Tố cáo; chỉ cán bộ có thẩm quyền mới xem được và mọi lượt xem "
                "đều được ghi lại."
            ),
        ],
        "categories": ["cai-cach-hanh-chinh"],
        "tags": ["phản ánh", "chuyển đổi số"],
    },
    "duong-day-nong-nganh-y-te": {
        "title": "Đường dây nóng ngành Y tế 1900 9095 hoạt động 24/7",
        "days_ago": 9,  # dated when the demo is loaded
        "lead": (
            "Cuộc gọi đến đường dây nóng được ghi nhận thành hồ sơ và chuyển đến cơ sở, "
            "Sở Y tế hoặc Bộ Y tế tùy nội dung."
        ),
        "body": [
            {"type": "paragraph", "value": SAMPLE_NOTE},
            _p(
                "Người bệnh và người nhà có thể gọi 1900 9095 để phản ánh về thái độ phục vụ, "
                "chất lượng khám chữa bệnh hoặc các khó khăn khi đến cơ sở y tế.",
                "Mỗi cuộc gọi được ghi thành hồ sơ có mã tra cứu như hồ sơ gửi trực tuyến.",
            ),
        ],
        "categories": ["hoat-dong-nganh"],
        "tags": ["đường dây nóng"],
    },
    "phong-chong-sot-xuat-huyet": {
        "title": "Khuyến cáo phòng, chống sốt xuất huyết mùa mưa",
        "days_ago": 16,  # dated when the demo is loaded
        "lead": (
            "Sở Y tế khuyến cáo người dân diệt lăng quăng, loại bỏ vật chứa nước đọng và đến "
            "cơ sở y tế khi sốt cao liên tục."
        ),
        "body": [
            {"type": "paragraph", "value": SAMPLE_NOTE},
            _p(
                "Mỗi tuần một lần, hãy đậy kín dụng cụ chứa nước, thả cá diệt lăng quăng và thu "
                "gom vật dụng có thể đọng nước quanh nhà.",
                "Khi có dấu hiệu sốt cao, đau đầu, xuất huyết dưới da, cần đến ngay cơ sở y tế "
                "gần nhất; không tự ý dùng thuốc hạ sốt nhóm aspirin.",
            ),
        ],
        "categories": ["khuyen-cao-suc-khoe"],
        "tags": ["sốt xuất huyết", "phòng bệnh"],
    },
}

STORIES = {
    "tram-y-te-pho-hoa-tan-tuy-voi-nguoi-cao-tuoi": {
        "title": "Trạm Y tế Phổ Hòa: khám tận nhà cho người cao tuổi neo đơn",
        "days_ago": 5,  # dated when the demo is loaded
        "facility_code": "TYT-PHOHOA",
        "people": "Y sĩ Nguyễn Thị Hạnh — Trạm trưởng\nĐiều dưỡng Trần Văn Lộc",
        "lead": (
            "Mỗi sáng thứ Bảy, cán bộ trạm y tế đến từng nhà người cao tuổi neo đơn để đo "
            "huyết áp, cấp thuốc và hướng dẫn chăm sóc."
        ),
        "body": [
            {"type": "paragraph", "value": SAMPLE_NOTE},
            _p(
                "Danh sách người cao tuổi sống một mình được trạm lập cùng tổ dân phố; mỗi người "
                "có sổ theo dõi sức khỏe riêng.",
                "Những phản ánh của người dân về giờ làm việc của trạm cũng đã được tiếp thu: "
                "trạm bố trí trực trưa để người dân đi làm có thể đến khám.",
            ),
        ],
    },
}

# The portal's own pages below (the guides, about, privacy notice, contact) are written from
# the settings as `cms.site.page_texts()` reads them: the province (`province_title()`), the
# hotline (`PORTAL_HOTLINE`; no hotline line when none is set), the Sở's address and office
# hours. `setup_portal` rewrites a page nobody edited when they change.


def _hotline(hotline: str) -> str:
    """"Đường dây nóng ngành Y tế: <strong>…</strong>." or "" without a hotline."""
    return f"Đường dây nóng ngành Y tế: <strong>{escape(hotline)}</strong>." if hotline else ""


def guide_root(hotline: str = "") -> dict:
    return {
        "title": "Hướng dẫn",
        "intro": (
            "Cách gửi phản ánh, kiến nghị, khiếu nại, tố cáo; quy định pháp luật áp dụng; "
            "các câu hỏi thường gặp."
        ),
        "body": [
            _p(
                "Chọn đúng loại hồ sơ giúp cơ quan có thẩm quyền giải quyết nhanh và đúng thời "
                "hạn. Nếu chưa chắc, hãy gửi phản ánh: cán bộ tiếp nhận sẽ hướng dẫn tiếp.",
                *filter(None, [_hotline(hotline)]),
            ),
        ],
    }


# The guides below /huong-dan/ that name no setting (`guides()` lists them all).
_GUIDES = {
    "cach-gui-phan-anh": {
        "title": "Cách gửi phản ánh, kiến nghị, khiếu nại, tố cáo",
        "intro": "Mỗi loại hồ sơ cần thông tin gì và được giải quyết ra sao.",
        "body": [
            _h("Phản ánh"),
            _p(
                "Báo cho cơ quan y tế biết một vấn đề: thái độ phục vụ, thời gian chờ, vệ sinh, "
                "thiếu thuốc, vật tư… Có thể gửi ẩn danh; khi đó bạn vẫn theo dõi được hồ sơ "
                "bằng mã tra cứu và mã PIN, nhưng cơ quan không thể liên hệ lại với bạn."
            ),
            _h("Kiến nghị"),
            _p(
                "Nêu vấn đề và đề xuất cách giải quyết. Cần họ tên và cách liên hệ để cơ quan "
                "trả lời."
            ),
            _h("Khiếu nại"),
            _p(
                "Đề nghị xem xét lại một quyết định hành chính hoặc hành vi hành chính của cơ sở "
                "y tế, cán bộ y tế khi bạn cho rằng quyết định, hành vi đó trái pháp luật và xâm "
                "phạm quyền, lợi ích hợp pháp của chính bạn.",
                "Cần ghi rõ: ngày khiếu nại; họ tên, địa chỉ, số định danh cá nhân của bạn; cơ "
                "quan, người bị khiếu nại; quyết định hoặc hành vi bị khiếu nại và ngày bạn nhận "
                "được hoặc biết được; nội dung, lý do và yêu cầu của bạn; khiếu nại lần đầu hay "
                "lần hai.",
            ),
            _law(
                "khoản 2 Điều 8 Luật Khiếu nại 2011",
                "<p>Đơn khiếu nại phải ghi rõ ngày, tháng, năm; tên, địa chỉ người khiếu nại; "
                "tên, địa chỉ cơ quan, tổ chức, cá nhân bị khiếu nại; nội dung, lý do khiếu nại "
                "và yêu cầu giải quyết; và phải có chữ ký hoặc điểm chỉ của người khiếu nại. "
                "Khi gửi trực tuyến, lời cam đoan của bạn thay cho chữ ký ở bước tiếp nhận; cán "
                "bộ có thể đề nghị bạn bổ sung bản có chữ ký trước khi thụ lý.</p>",
            ),
            _h("Tố cáo"),
            _p(
                "Báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của bất kỳ cán bộ, "
                "cơ sở nào gây thiệt hại cho Nhà nước, quyền, lợi ích hợp pháp của người khác.",
                "Cần họ tên, địa chỉ, cách liên hệ của bạn; người bị tố cáo, chức vụ, nơi công "
                "tác; hành vi vi phạm và tài liệu, chứng cứ nếu có. Danh tính của bạn được giữ "
                "bí mật.",
            ),
            _law(
                "khoản 1 Điều 23 Luật Tố cáo 2018",
                "<p>Đơn tố cáo phải ghi rõ ngày, tháng, năm; họ tên, địa chỉ, cách thức liên hệ "
                "với người tố cáo; hành vi vi phạm pháp luật bị tố cáo; người bị tố cáo và các "
                "thông tin khác có liên quan. Người tố cáo phải ký tên hoặc điểm chỉ vào đơn.</p>",
            ),
            _h("Sau khi gửi"),
            _p(
                "Bạn nhận mã hồ sơ và mã PIN: hãy lưu lại. Tại trang Tra cứu hồ sơ, bạn xem trạng "
                "thái, thời hạn và câu trả lời của cơ quan. Khi hồ sơ đã đóng, bạn có thể đánh giá "
                "mức độ hài lòng."
            ),
        ],
    },
    "quy-dinh-phap-luat": {
        "title": "Quy định pháp luật",
        "intro": "Những điều luật người gửi cần biết, trích theo văn bản gốc.",
        "body": [
            _h("Thời hiệu khiếu nại"),
            _law(
                "Điều 9 Luật Khiếu nại 2011",
                "<p>Thời hiệu khiếu nại là 90 ngày, kể từ ngày nhận được quyết định hành chính "
                "hoặc biết được quyết định hành chính, hành vi hành chính. Thời gian bị ốm đau, "
                "thiên tai, địch họa, đi công tác, học tập ở nơi xa hoặc trở ngại khách quan khác "
                "không tính vào thời hiệu.</p>",
            ),
            _h("Khi nào khiếu nại không được thụ lý"),
            _law(
                "Điều 11 Luật Khiếu nại 2011",
                "<ul><li>Quyết định, hành vi nội bộ cơ quan nhà nước hoặc văn bản quy phạm pháp "
                "luật;</li><li>quyết định, hành vi không liên quan trực tiếp đến quyền, lợi ích "
                "hợp pháp của người khiếu nại;</li><li>người khiếu nại không có năng lực hành vi "
                "dân sự đầy đủ mà không có người đại diện hợp pháp; người đại diện không hợp "
                "pháp;</li><li>đơn không có chữ ký hoặc điểm chỉ;</li><li>đã hết thời hiệu mà "
                "không có lý do chính đáng;</li><li>đã có quyết định giải quyết lần hai;</li><li>"
                "sau 30 ngày kể từ thông báo đình chỉ mà không tiếp tục khiếu nại;</li><li>Tòa án "
                "đã thụ lý hoặc đã giải quyết.</li></ul>",
            ),
            _h("Đơn tố cáo và tố cáo nặc danh"),
            _law(
                "Điều 23 Luật Tố cáo 2018",
                "<p>Đơn tố cáo ghi rõ họ tên, địa chỉ, cách liên hệ của người tố cáo, hành vi vi "
                "phạm, người bị tố cáo, và có chữ ký hoặc điểm chỉ. Khi tố cáo trực tiếp, cán bộ "
                "tiếp nhận ghi lại nội dung và người tố cáo ký xác nhận.</p>",
            ),
            _law(
                "Điều 25 Luật Tố cáo 2018",
                "<p>Thông tin có nội dung tố cáo nhưng không rõ họ tên, địa chỉ người tố cáo thì "
                "không được xử lý như một tố cáo. Nếu thông tin nêu rõ người vi phạm, có tài liệu, "
                "chứng cứ cụ thể và có cơ sở để xác minh, cơ quan tiếp nhận thanh tra, kiểm tra "
                "theo thẩm quyền hoặc chuyển cơ quan có thẩm quyền. Vì vậy cổng nhận thông tin "
                "nặc danh dưới dạng phản ánh ẩn danh, không nhận tố cáo ẩn danh.</p>",
            ),
            _h("Dữ liệu cá nhân của bạn"),
            _law(
                "Điều 3, 4 và 9 Luật Bảo vệ dữ liệu cá nhân 2025 (số 91/2025/QH15)",
                "<p>Dữ liệu cá nhân chỉ được thu thập đúng phạm vi, mục đích cụ thể (Điều 3): cổng "
                "chỉ hỏi số định danh cá nhân với khiếu nại và tố cáo. Sự đồng ý được hỏi riêng "
                "cho từng mục đích; im lặng hoặc không phản hồi không được coi là đồng ý (Điều 9). "
                "Bạn có quyền biết, xem, chỉnh sửa, yêu cầu xóa hoặc hạn chế xử lý dữ liệu của "
                "mình trong giới hạn pháp luật cho phép (Điều 4).</p>",
            ),
        ],
    },
}


def faq(hotline: str = "") -> dict:
    """/huong-dan/cau-hoi-thuong-gap/: the lost-PIN answer names the hotline, if any."""
    call = f"hãy gọi đường dây nóng {escape(hotline)} hoặc đến" if hotline else "hãy đến"
    return {
        "title": "Câu hỏi thường gặp",
        "intro": "Trả lời ngắn cho những thắc mắc người gửi hay gặp.",
        "body": [
            _qa(
                "Tôi có thể gửi phản ánh mà không cần nêu tên không?",
                "<p>Có, với phản ánh. Khiếu nại và tố cáo thì cần họ tên, địa chỉ và chữ ký hoặc "
                "lời cam đoan (Điều 8 Luật Khiếu nại; Điều 23 Luật Tố cáo). Tố cáo không rõ người "
                "gửi không được xử lý như tố cáo (Điều 25 Luật Tố cáo), nhưng thông tin có chứng "
                "cứ cụ thể vẫn có thể được thanh tra, kiểm tra.</p>",
            ),
            _qa(
                "Bao lâu thì hồ sơ của tôi được giải quyết?",
                "<p>Thời hạn tùy loại hồ sơ và được ghi ngay khi bạn gửi, cùng căn cứ pháp lý. "
                "Ví dụ: khiếu nại lần đầu được giải quyết trong 30 ngày kể từ ngày thụ lý, vụ "
                "việc phức tạp không quá 45 ngày (Điều 28 Luật Khiếu nại); tố cáo trong 30 ngày "
                "kể từ ngày thụ lý, có thể gia hạn với vụ việc phức tạp (Điều 30 Luật Tố cáo).</p>",
            ),
            _qa(
                "Người bị tố cáo có biết tôi là ai không?",
                "<p>Không. Họ tên, địa chỉ, bút tích và mọi thông tin có thể làm lộ danh tính "
                "người tố cáo được giữ bí mật; hồ sơ chuyển cho người xác minh đã được lược bỏ "
                "các thông tin này.</p>",
            ),
            _qa(
                "Tôi quên mã PIN thì sao?",
                "<p>Vì lý do bảo mật, mã PIN không hiển thị lại. Hãy chọn "
                "<a href=\"/tra-cuu/quen-ma-pin/\">Quên mã PIN?</a> và nhập mã hồ sơ: mã PIN mới "
                "và đường liên kết mở hồ sơ được gửi đến thư điện tử hoặc số điện thoại bạn đã "
                "đăng ký nhận thông báo. Nếu bạn không đăng ký cách liên lạc nào, "
                f"{call} bộ phận tiếp công dân của Sở Y tế, mang theo giấy tờ tùy thân.</p>",
            ),
            _qa(
                "Tôi muốn rút đơn khiếu nại thì làm thế nào?",
                "<p>Bạn có thể rút khiếu nại bất cứ lúc nào bằng đơn có chữ ký hoặc điểm chỉ gửi "
                "người có thẩm quyền giải quyết (Điều 10 Luật Khiếu nại).</p>",
            ),
        ],
    }


def guides(hotline: str = "") -> dict[str, dict]:
    """The guides below /huong-dan/, by slug."""
    return {**_GUIDES, "cau-hoi-thuong-gap": faq(hotline)}



# ---- citizen: the pages people expect (about, privacy notice, contact) --------------
# Linked from every page's footer (portal/templates/base.html). The privacy notice
# follows Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (DOMAIN.md: consent per purpose,
# Điều 9; only what the purpose needs, Điều 3; the data subject's rights, Điều 4).
# Retention of case files follows the archive rules: a period the law copies do not
# confirm, so it is stated as the Sở's current practice, to be checked.

def about(province: str) -> dict:
    return {
        "title": "Giới thiệu cổng thông tin",
        "intro": (
            f"Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế của Sở Y tế {province}: "
            "một nơi để người dân gửi và theo dõi phản ánh, kiến nghị, khiếu nại, tố cáo về "
            "cơ sở y tế trên địa bàn."
        ),
        "body": [
            _p(
                f"Cổng do Sở Y tế {province} vận hành. Mỗi hồ sơ gửi qua cổng được cán bộ "
                "tiếp nhận xem xét, chuyển đến đơn vị có thẩm quyền và giải quyết trong thời hạn "
                "pháp luật quy định (Luật Khiếu nại, Luật Tố cáo, Nghị định về tiếp nhận phản ánh, "
                "kiến nghị).",
                "Bạn nhận được mã hồ sơ và mã PIN để theo dõi; mỗi bước giải quyết được ghi lại và "
                "hiện trên trang tra cứu. Khi hồ sơ có kết quả, bạn có thể đánh giá việc giải "
                "quyết.",
                "Cổng cũng đăng tin tức, văn bản chỉ đạo, phản hồi thông tin báo chí và gương "
                "điển hình của ngành Y tế địa phương.",
            ),
        ],
    }

def _sms(sms: bool | None) -> bool:
    """Whether the pages name SMS as a channel: `sms`, else whether the portal sends
    text messages now (`complaints.notifications.sms.sms_available`; off with
    `SMS_BACKEND=…DisabledBackend`, when no form offers SMS)."""
    if sms is not None:
        return sms
    from complaints.notifications.sms import sms_available

    return sms_available()


def privacy(province: str, hotline: str = "", sms: bool | None = None) -> dict:
    """`sms`: whether the portal sends SMS (by default `sms_available()`): with SMS off the
    notice names no text message among its notices nor among the files it deletes."""
    sms = _sms(sms)
    return {
        "title": "Thông báo xử lý dữ liệu cá nhân",
        "intro": (
            "Dữ liệu nào được thu thập khi bạn gửi hồ sơ, để làm gì, giữ trong bao lâu, quyền "
            "của bạn và hỏi ai (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15)."
        ),
        "body": [
            _h("Bên kiểm soát và xử lý dữ liệu"),
            _p(
                f"Sở Y tế {province}, qua Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế. "
                "Hồ sơ được chuyển cho đơn vị y tế có thẩm quyền giải quyết (chỉ phần cần cho việc "
                "giải quyết)."
            ),
            _h("Dữ liệu được thu thập"),
            _p(
                "Nội dung hồ sơ và tệp đính kèm (ảnh được xử lý lại để xoá thông tin ẩn như vị trí "
                "chụp); họ tên, số điện thoại, thư điện tử, địa chỉ; số định danh cá nhân chỉ với "
                "khiếu nại và tố cáo; thời điểm gửi và các lựa chọn đồng ý của bạn. Phản ánh ẩn "
                "danh không lưu họ tên, địa chỉ, số định danh.",
            ),
            _law(
                "Điều 3 Luật Bảo vệ dữ liệu cá nhân 2025",
                "<p>Chỉ thu thập dữ liệu cần cho mục đích xử lý.</p>",
            ),
            _h("Mục đích"),
            _p(
                "1. Tiếp nhận và giải quyết hồ sơ (cần sự đồng ý của bạn khi gửi).",
                "2. Gửi thông báo về tiến trình giải quyết qua thư điện tử và/hoặc tin nhắn SMS "
                "— mỗi kênh và mỗi loại thông báo là một sự đồng ý riêng, bạn có thể không chọn."
                if sms
                else "2. Gửi thông báo về tiến trình giải quyết qua thư điện tử — mỗi loại thông "
                "báo là một sự đồng ý riêng, bạn có thể không chọn.",
                "Dữ liệu không dùng cho mục đích nào khác và không bán. Ngoài cơ quan có thẩm "
                "quyền giải quyết, hồ sơ được gửi về cơ sở dữ liệu quốc gia về tiếp công dân, xử "
                "lý đơn: họ tên, địa chỉ của người phản ánh, kiến nghị; thêm số định danh cá nhân "
                "của người khiếu nại; không gửi số điện thoại, thư điện tử, và không gửi danh tính "
                "người tố cáo. Hệ thống đối tác chỉ nhận trạng thái công khai của hồ sơ do chính "
                "họ chuyển đến.",
            ),
            _law(
                "Điều 9 Luật Bảo vệ dữ liệu cá nhân 2025",
                "<p>Sự đồng ý được đưa ra cho từng mục đích, rõ ràng, có thể ghi lại; im lặng "
                "không phải là đồng ý.</p>",
            ),
            _h("Bảo mật danh tính người tố cáo"),
            _p(
                "Họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo được giữ bí "
                "mật; chỉ người có thẩm quyền được xem và mỗi lần xem đều được ghi lại.",
            ),
            _law("Điều 47 Luật Tố cáo 2018", "<p>Bảo vệ bí mật thông tin người tố cáo.</p>"),
            _h("Thời gian lưu trữ"),
            _p(
                retention_periods(),
                "Hết thời hạn, dữ liệu cá nhân của bạn được hủy (không thể khôi phục), trừ khi "
                "pháp luật yêu cầu giữ lại (ví dụ hồ sơ đang được thanh tra, đang có vụ kiện); "
                "nội dung hồ sơ và văn bản cơ quan đã ban hành (thông báo, quyết định, kết "
                "luận gửi bạn, với họ tên, địa chỉ ghi trong đó) là hồ sơ của cơ quan, được lưu "
                "theo quy định về lưu trữ, không hủy cùng dữ liệu cá nhân; tệp bạn gửi kèm thì "
                "được hủy. "
                + ("Tin nhắn SMS và thư điện tử đã gửi" if sms else "Thư điện tử đã gửi")
                + ", tệp gửi Cơ sở dữ liệu quốc gia được "
                f"xoá sau {retention_file_days()} ngày. Nhật ký nhập sai mã PIN được xoá sau 2 "
                "ngày, với địa chỉ mạng dưới dạng mã băm; nhật ký truy cập của máy chủ (địa chỉ "
                "mạng, trang đã mở, không có nội dung hồ sơ) do bộ phận vận hành lưu theo quy "
                "định an toàn thông tin.",
            ),
            _law(
                "Điều 16 Luật Bảo vệ dữ liệu cá nhân 2025",
                "<p>Thời hạn lưu trữ không xác định được thì là 36 tháng kể từ ngày chủ thể dữ "
                "liệu cá nhân cuối cùng tương tác với hệ thống; hết thời hạn, dữ liệu cá nhân "
                "phải được hủy, trừ trường hợp pháp luật có quy định khác.</p>",
            ),
            _h("Quyền của bạn"),
            _p(
                "Bạn có quyền được biết, xem, yêu cầu chỉnh sửa dữ liệu của mình; rút lại sự "
                "đồng ý nhận thông báo; yêu cầu xoá hoặc hạn chế xử lý trong giới hạn pháp luật "
                "cho phép (hồ sơ đang giải quyết và hồ sơ phải lưu trữ không thể xoá); khiếu nại "
                "về việc xử lý dữ liệu.",
            ),
            _law(
                "Điều 4 Luật Bảo vệ dữ liệu cá nhân 2025",
                "<p>Quyền của chủ thể dữ liệu cá nhân.</p>",
            ),
            _h("Hỏi ai"),
            _p(
                f"Văn phòng Sở Y tế {province} — bộ phận tiếp nhận phản ánh, kiến nghị. "
                + (f"{_hotline(hotline)} " if hotline else "")
                + "Xem trang <a href=\"/lien-he/\">Liên hệ</a>."
            ),
        ],
    }

def retention_periods() -> str:
    """The sentence of the privacy notice giving each kind's retention period, from the
    policy (`complaints.retention.policy`, `PORTAL_RETENTION_POLICY`), never a number
    written here."""
    from complaints.kinds import CaseKind
    from complaints.retention.policy import retention_rules

    labels = {
        CaseKind.PHAN_ANH: "phản ánh",
        CaseKind.KIEN_NGHI: "kiến nghị",
        CaseKind.BAO_CHI: "thông tin báo chí",
        CaseKind.KHIEU_NAI: "khiếu nại",
        CaseKind.TO_CAO: "tố cáo",
    }
    groups: dict[tuple[int, bool], list[str]] = {}
    for kind, rule in retention_rules().items():
        groups.setdefault((rule.months, rule.unconfirmed and not rule.configured), []).append(
            labels[kind]
        )
    parts = []
    for (months, unconfirmed), kinds in sorted(groups.items()):
        basis = (
            " (theo quy định lưu trữ hồ sơ; thời hạn chưa được xác nhận)"
            if unconfirmed
            else ""
        )
        parts.append(f"{', '.join(kinds)}: {months} tháng{basis}")
    return (
        "Dữ liệu cá nhân của người gửi (họ tên, số điện thoại, thư điện tử, địa chỉ, số định "
        "danh, tệp đính kèm) được lưu sau khi hồ sơ đóng, tính từ ngày đóng hoặc lần cuối bạn "
        "tương tác với hồ sơ (ngày nào sau): " + "; ".join(parts) + "."
    )


def retention_file_days() -> int:
    from complaints.retention.policy import file_age_days

    return file_age_days()


# The usual office hours, as `complaints.selectors.contact.DEFAULT_OFFICE_HOURS` says them.
OFFICE_HOURS = "trong giờ hành chính, từ thứ Hai đến thứ Sáu (trừ ngày lễ)"


def contact(
    province: str, address: str = "", hours: str = "", hotline: str = "", sms: bool | None = None
) -> dict:
    """`address`, `hours`: the Sở's postal address and office hours, as the administrator
    set them (`complaints.selectors.contact`: `PORTAL_DEPARTMENT_ADDRESS`, else the
    department unit's; `PORTAL_OFFICE_HOURS`, else the usual hours); `hotline`:
    `PORTAL_HOTLINE` (the page names no hotline without one); `sms`: whether a new PIN
    may come by text message (by default `sms_available()`)."""
    sms = _sms(sms)
    where = f"Sở Y tế {province}" + (f", {escape(address)}" if address else "")
    hours = escape(hours or OFFICE_HOURS)
    return {
        "title": "Liên hệ và đường dây nóng" if hotline else "Liên hệ",
        "intro": f"Sở Y tế {province}: tiếp công dân, "
        + ("đường dây nóng, " if hotline else "")
        + "hỏi đáp về hồ sơ.",
        "body": [
            _p(
                *filter(None, [_hotline(hotline)]),
                f"Tiếp công dân và nhận đơn có chữ ký (trực tiếp hoặc qua bưu điện): {where}; "
                f"{hours}. Ghi mã hồ sơ trên đơn gửi kèm.",
                "Quên mã PIN? Dùng mục <a href=\"/tra-cuu/quen-ma-pin/\">Quên mã PIN</a> để nhận "
                "mã mới qua thư điện tử "
                + ("hoặc tin nhắn " if sms else "")
                + "đã đăng ký.",
                "Thư điện tử của cổng là thư tự động: xin đừng trả lời thư đó; hãy gửi hồ sơ mới"
                + (" hoặc gọi đường dây nóng." if hotline else "."),
            ),
        ],
    }

# The demo directives come from several places (Thừa Thiên Huế, Thanh Hóa, Quảng Ngãi,
# the Ministry): each page says who issued it. Copies that lost their letterhead get it
# back before the import (the same text on every run: loading stays idempotent).
SEED_LETTERHEADS = {
    "duc-pho-bao-cao-ct06-2023.txt": "UBND TỈNH QUẢNG NGÃI\nUBND THỊ XÃ ĐỨC PHỔ\n\n",
    "tinh-uy-thong-bao-ket-luan-2016.txt": "TỈNH ỦY\n\n",
}
