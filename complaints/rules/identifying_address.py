"""When a denouncer's address identifies them, so that staff text naming it is refused
and the denouncer's own words show it as "[đã ẩn]" (khoản 3 Điều 8, Điều 47 Luật Tố cáo:
họ, tên, địa chỉ, bút tích và thông tin khác làm lộ danh tính người tố cáo).

A bare place name is no address of a person: a denouncer who wrote only "Quảng Ngãi" or
"Hà Nội" shares it with every facility, commune and citizen of the province, and matching
it refused every text naming the province and hid every mention of it. The names of the
provinces, districts and communes are not data of the portal (they changed with the 2025
reform), so the rule reads the address's own shape. An address identifies a person when
it says more than a province or district name, that is when it has one of:

1. a digit: a house number, a lot, a residential group ("số 12", "tổ 5", "Phường 3");
2. a word naming a place below the district or a dwelling (`PLACE_WORDS`): a street, an
   alley, a hamlet, a residential group, a commune or ward ("thôn An Hội", "xóm 3",
   "đường Lê Lợi", "kiệt 45", "xã Phổ Cường");
3. at least three comma-separated parts (`MIN_PARTS`): something below the district, as
   "Phổ Cường, Đức Phổ, Quảng Ngãi" (commune, district, province).

Anything else, one or two parts without digits or such words ("Quảng Ngãi", "Hà Nội",
"Đức Phổ, Quảng Ngãi", "huyện Bình Sơn, tỉnh Quảng Ngãi", "thị xã Đức Phổ"), is a place
name: not looked for. The name, ID number, phone and e-mail are looked for whatever the
address. In doubt the rule protects: "Quận 1, Thành phố Hồ Chí Minh" has a digit and is
treated as identifying; "Phổ Cường, Quảng Ngãi" (a commune without its word, and a
province) reads like "district, province" and is not.

The words are compared with their diacritics (lower case), since without them a province
reads as a place word ("Hải Dương" as "đường", "Lạng Sơn" as "làng"); words that are
part of a province's or district's own name are left out for the same reason ("buôn":
Buôn Ma Thuột; "sóc": Sóc Trăng; "lô": Sông Lô; "nhà": Nhà Bè; "phòng": Hải Phòng; "cư":
Cư M'gar), and "trấn" counts only in "thị trấn" (Trấn Yên is a district)."""

from __future__ import annotations

import re
import unicodedata

# Words that name a place below the district (a commune or ward, a hamlet, a residential
# group, a street or alley) or a dwelling. One word each, lower case, with diacritics.
PLACE_WORDS = frozenset(
    {
        # house number, apartment
        "số", "căn", "tầng",
        # hamlet, village, residential group (thôn, xóm, ấp, bản, làng, tổ dân phố, khối)
        "thôn", "xóm", "ấp", "bản", "làng", "tổ", "khối", "đội",
        # street and alley (kiệt: the alley of central Viet Nam)
        "đường", "ngõ", "ngách", "hẻm", "kiệt",
        # commune level: below the district, more than a province or district name
        "phường",
    }
)
# "phố" (street, khu phố) but not in "thành phố"; "xã" (commune) but not in "thị xã" (a
# district-level town): the word before decides.
WORD_UNLESS_AFTER = {"phố": "thành", "xã": "thị"}
# "trấn" only in "thị trấn" (a commune-level town), not in "Trấn Yên" (a district).
WORD_ONLY_AFTER = {"trấn": "thị"}
MIN_PARTS = 3

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def address_identifies(address: str) -> bool:
    """Whether `address` says more than a province or district name (the module's rule),
    so that finding it in a text may identify the denouncer."""
    address = (address or "").strip()
    if not address:
        return False
    if any(char.isdigit() for char in address):
        return True
    parts = [part for part in re.split(r"[,;]", address) if part.strip()]
    if len(parts) >= MIN_PARTS:
        return True
    words = _words(address)
    for index, word in enumerate(words):
        if word in PLACE_WORDS:
            return True
        before = words[index - 1] if index else ""
        unless = WORD_UNLESS_AFTER.get(word)
        if unless is not None and before != unless:
            return True
        if WORD_ONLY_AFTER.get(word, "\0") == before:
            return True
    return False
