"""The signatures a dialogue's minutes end with: khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP
(thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP) requires the minutes "có chữ ký của các bên",
and Mẫu số 14 lays them out as a table of two columns, three rows: each block its caption,
the instruction for the signer, and the name where the case knows it (the complainant, who
led the meeting, the person complained against); the others write their name by hand when
they sign, at the meeting."""

from __future__ import annotations

from dataclasses import dataclass

# Mẫu số 14, row by row: (caption, its second line, the instruction).
MINUTES_SIGNATURES = (
    (
        ("respondent", "NGƯỜI BỊ KHIẾU NẠI", "", "(Ký, ghi rõ họ tên)"),
        ("chair", "NGƯỜI GIẢI QUYẾT KHIẾU NẠI",
         "(HOẶC NGƯỜI ĐƯỢC PHÂN CÔNG CHỦ TRÌ ĐỐI THOẠI)",
         "(Ký, ghi rõ họ tên, đóng dấu (nếu có))"),
    ),
    (
        ("complainant", "NGƯỜI KHIẾU NẠI", "(HOẶC NGƯỜI ĐẠI DIỆN, NGƯỜI ĐƯỢC ỦY QUYỀN)",
         "(Ký, ghi rõ họ tên hoặc điểm chỉ)"),
        ("related_body", "ĐẠI DIỆN CƠ QUAN, TỔ CHỨC, CÁ NHÂN CÓ LIÊN QUAN", "",
         "(Ký, ghi rõ họ tên, đóng dấu (nếu có))"),
    ),
    (
        ("related_person", "NGƯỜI CÓ QUYỀN VÀ NGHĨA VỤ LIÊN QUAN", "",
         "(Ký, ghi rõ họ tên hoặc điểm chỉ)"),
        ("recorder", "NGƯỜI GHI BIÊN BẢN", "", "(Ký, ghi rõ họ tên)"),
    ),
)


@dataclass(frozen=True)
class SignatureBlock:
    caption: str
    subcaption: str
    hint: str
    name: str = ""  # empty: written by hand when signing


def minutes_signature_rows(names: dict[str, str]) -> list[list[SignatureBlock]]:
    """Mẫu số 14's table of signatures, with the `names` known (by the role codes above)."""
    return [
        [SignatureBlock(caption, sub, hint, names.get(role, ""))
         for role, caption, sub, hint in row]
        for row in MINUTES_SIGNATURES
    ]
