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
Cư M'gar), and "trấn" counts only in "thị trấn" (Trấn Yên is a district).

A part of the address identifies too (`identifying_parts`): a denouncer who wrote "nhà ở 14
Lê Lợi" in her own words, her address stored as "14 Lê Lợi, phường Đức Phổ", is found at 14
Lê Lợi whatever ward follows (khoản 3 Điều 8, Điều 47 Luật Tố cáo). The address is read as
comma-separated parts, the dwelling first and the administrative units after it; its
leading parts ("14 Lê Lợi"; "Tổ 5, thôn An Hội") identify a dwelling when they hold a
number and a name: a house, lot or alley number with its street or hamlet. A leading part
without a number ("thôn An Hội", a hamlet of hundreds of households), a number without a
name ("Số 14", "Tổ 5": every ward has one) and the later parts alone (a ward, a district:
"phường Đức Phổ") are shared by too many people to be looked for on their own; the whole
address still is."""

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


# Words that only say what kind of place the number or the name is ("số 14", "đường Lê
# Lợi", "nhà số 14"): a text writing "số 14 đường Lê Lợi" names the dwelling of "14 Lê Lợi".
# With diacritics, lower case, as in the address (so "Dương", a name, is no "đường").
FILLER_WORDS = frozenset({"số", "đường", "phố", "nhà", "đ"})
# Words of the administrative units above the dwelling (and their abbreviations): a part
# made of them and a number ("Phường 3, Quận 1") names a ward, not a dwelling.
UNIT_WORDS = frozenset(
    {"xã", "phường", "thị", "trấn", "quận", "huyện", "tỉnh", "thành", "phố", "tp", "tx", "tt",
     "p", "q", "h"}
)


def _parts(address: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", address or "") if part.strip()]


def _names_a_dwelling(text: str) -> bool:
    """A number and a name: a word with a digit ("14", "14A", "12/3") and a word of letters
    that is no place word ("Lê", "Hội"), as "14 Lê Lợi" or "Tổ 5, thôn An Hội" hold."""
    words = _words(text)
    number = any(any(char.isdigit() for char in word) for word in words)
    name = any(
        word.isalpha() and word not in PLACE_WORDS | FILLER_WORDS | UNIT_WORDS
        for word in words
    )
    return number and name


def identifying_parts(address: str) -> list[str]:
    """The leading parts of `address` that identify a dwelling on their own (the module's
    rule), shortest first, each as the address writes them: "14 Lê Lợi, phường Đức Phổ"
    gives ["14 Lê Lợi"]; "Tổ 5, thôn An Hội, xã Phổ Cường, Đức Phổ" gives ["Tổ 5, thôn An
    Hội", "Tổ 5, thôn An Hội, xã Phổ Cường"]. Never the whole address (looked for as such)
    nor a part without a number."""
    parts = _parts(address)
    found = []
    for size in range(1, len(parts)):
        leading = ", ".join(parts[:size])
        if _names_a_dwelling(leading):
            found.append(leading)
    return found


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
