"""The facility's report on a press case it was given to verify: the step
`report_press_verification`, taken while the case is being verified.

The press office gives the facility named in the article the verification (`assign`); the
facility verifies (`start_verification`) and reports what it found to the press office,
which concludes on the article and answers the outlet: the finding and the written reply
with its grounds are the spokesperson's (khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP;
complaints/rules/press_office.py), the notice of the measures taken due within 15 working
days and the answer to the outlet's written request within 30 days (khoản 1, khoản 3 Điều 18
Nghị định 237/2026/NĐ-CP). The facility's report itself is the Sở's working rules (quy chế
phát ngôn và cung cấp thông tin cho báo chí): no article of the law copies names it, so it
is not the complaint's or denunciation's report (`report_verification`, khoản 4 Điều 29
Luật Khiếu nại, khoản 6 Điều 31 Luật Tố cáo), which proposes a finding in the words of
their decision and recommends the decision's content.

The report says what was verified (`verification_result`); it proposes no finding. Once
recorded, the case keeps its day (`Case.verification_reported_on`), so the verification
is no longer late for the facility's part ("Quá hạn xác minh"), and the press office is
told (complaints/notifications/press_office.py). Internal: the outlet and the public never
see it.
"""

from __future__ import annotations

STEP = "report_press_verification"

PRESS_REPORT_ARTICLES = (
    "khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP; khoản 1, khoản 3 Điều 18 Nghị định "
    "237/2026/NĐ-CP; quy chế phát ngôn và cung cấp thông tin cho báo chí của Sở Y tế"
)
