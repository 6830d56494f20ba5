"""Retention and destruction of citizens' personal data (Luật Bảo vệ dữ liệu cá nhân
91/2025/QH15, Điều 15 and 16): the policy (`policy`, the law as data), which closed cases
it has expired (`selection`), and the destruction (`destruction`, run daily by the command
`destroy_expired_personal_data`). docs/privacy.md lists where the personal data lives."""
