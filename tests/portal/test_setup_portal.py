"""`setup_portal`: what a real province needs, nothing of the demo, idempotent; and
`load_demo_data` refusing production settings."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage

from cms.models import GuidePage, HomePage
from complaints.models import Case, Category, Facility, RoutingRule
from complaints.services.imports import facilities_import
from portal.roles import ROLES

pytestmark = pytest.mark.django_db

UNITS = """code,name,kind,parent_code,area,address,hotline
SYT-HUE,Sở Y tế thành phố Huế,department,,Huế,Huế,
SYT-HUE-TTRA,Thanh tra Sở Y tế,inspectorate,SYT-HUE,Huế,Huế,
SYT-HUE-VP,Văn phòng Sở Y tế,office,SYT-HUE,Huế,Huế,
"""


def setup():
    out = io.StringIO()
    call_command("setup_portal", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "groups": sorted(
            Group.objects.values_list("name", "permissions__content_type__app_label",
                                      "permissions__codename")
        ),
        "categories": sorted(Category.objects.values_list("code", "name", "default_unit__code")),
        "category_history": Category.history.count(),
        "rules": sorted(RoutingRule.objects.values_list("position", "name", "target_unit__code")),
        "pages": sorted(Page.objects.values_list("url_path", "title", "latest_revision_id")),
        "page_permissions": GroupPagePermission.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page__slug")),
    }


def test_setup_portal_installs_the_province_without_demo_data(settings):
    settings.PORTAL_PROVINCE = "Thừa Thiên Huế"
    out = setup()

    # The roles with Vietnamese names and their permissions; Wagtail's English groups renamed.
    names = set(Group.objects.values_list("name", flat=True))
    assert {name for name, _perms in ROLES.values()} <= names
    assert not names & {"Moderators", "Editors"}
    leader = Group.objects.get(name="Lãnh đạo")
    assert leader.permissions.filter(codename="approve_case").exists()
    # The shipped categories, without the demo province's units; the default rules.
    assert Category.objects.filter(code="an-toan-thuc-pham", default_unit=None).exists()
    assert RoutingRule.objects.filter(position=999).exists()
    # The site: its pages, naming the province; the press workflow.
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"tin-tuc", "van-ban-chi-dao", "huong-dan", "gioi-thieu", "lien-he"} <= slugs
    about = Page.objects.get(slug="gioi-thieu").specific
    assert "Sở Y tế tỉnh Thừa Thiên Huế" in about.intro
    assert WorkflowPage.objects.filter(page=home).exists()
    # Nothing of the demo: no accounts, units, cases, articles or directives.
    assert get_user_model().objects.count() == 0
    assert Facility.objects.count() == 0
    assert Case.objects.count() == 0
    assert not Page.objects.filter(depth__gt=3, url_path__startswith="/trang-chu/tin-tuc/")
    assert not Page.objects.filter(url_path__startswith="/trang-chu/van-ban-chi-dao/", depth=4)
    # The operator is told what comes next.
    for step in ("import_facilities", "createsuperuser", "2FA"):
        assert step in out


def test_setup_portal_twice_changes_nothing():
    setup()
    first = snapshot()
    out = setup()
    assert snapshot() == first
    assert "lĩnh vực: 0 mới" in out
    assert "quy tắc phân công: 0 mới" in out


def test_setup_portal_after_importing_units_installs_the_rules_that_need_them():
    first = setup()
    assert "chưa cài (thiếu đơn vị)" in first and ", 0 chưa cài" not in first
    facilities_import(text=UNITS)
    setup()
    rule = RoutingRule.objects.get(name__startswith="Thông tin tố cáo ẩn danh")
    assert rule.target_unit.code == "SYT-HUE-TTRA"


def test_setup_portal_keeps_the_administrators_edits():
    setup()
    Category.objects.filter(code="khac").update(name="Nội dung khác của tỉnh")
    setup()
    assert Category.objects.get(code="khac").name == "Nội dung khác của tỉnh"


def test_load_demo_data_refuses_production_settings(settings):
    settings.PORTAL_PRODUCTION = True
    with pytest.raises(CommandError, match="setup_portal.*--i-know-this-is-demo"):
        call_command("load_demo_data", stdout=io.StringIO())
    assert get_user_model().objects.count() == 0
    assert Case.objects.count() == 0


def test_load_demo_data_runs_in_production_when_asked(settings, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    settings.PORTAL_PRODUCTION = True
    call_command("load_demo_data", "--i-know-this-is-demo", stdout=io.StringIO())
    assert Case.objects.exists()



def test_the_contact_page_gives_the_sos_postal_address(settings):
    """Where a citizen sends or brings a signed letter: the department unit's address."""
    from complaints.models import FacilityKind
    from tests.factories import FacilityFactory

    settings.PORTAL_PROVINCE = "Quảng Ngãi"
    FacilityFactory(code="SYT-QNG", name="Sở Y tế tỉnh Quảng Ngãi",
                    kind=FacilityKind.DEPARTMENT,
                    address="48 Phan Đình Phùng, phường Cẩm Thành, tỉnh Quảng Ngãi")
    setup()
    contact = Page.objects.get(slug="lien-he").specific
    assert "48 Phan Đình Phùng, phường Cẩm Thành" in str(contact.body)


def test_the_contact_page_follows_the_address_and_hours_settings_until_edited(settings):
    """/lien-he/ as installed names the setting's hours and address; a later change of the
    settings reaches it on the next setup_portal (the upgrade runs it) while nobody edited
    the page, and never once an editor has."""
    from django.contrib.auth import get_user_model

    setup()
    contact = Page.objects.get(slug="lien-he").specific
    assert "trong giờ hành chính, từ thứ Hai đến thứ Sáu (trừ ngày lễ)" in str(contact.body)
    settings.PORTAL_OFFICE_HOURS = "từ 7 giờ đến 11 giờ 30 và từ 13 giờ 30 đến 17 giờ"
    settings.PORTAL_DEPARTMENT_ADDRESS = "19 Nguyễn Nghiêm, phường Cẩm Thành"
    out = setup()
    contact = Page.objects.get(slug="lien-he").specific
    assert "Đã cập nhật trang" in out
    body = str(contact.body)
    assert "từ 7 giờ đến 11 giờ 30 và từ 13 giờ 30 đến 17 giờ" in body
    assert "19 Nguyễn Nghiêm, phường Cẩm Thành" in body and "giờ hành chính" not in body
    assert contact.live and not contact.has_unpublished_changes
    revisions = contact.revisions.count()
    setup()  # nothing changed: no new revision
    assert Page.objects.get(slug="lien-he").specific.revisions.count() == revisions

    editor = get_user_model().objects.create_user("bientap", password="x-123456789")
    contact.intro = "Trang liên hệ do biên tập viên viết."
    contact.save_revision(user=editor).publish()
    settings.PORTAL_OFFICE_HOURS = "sáng thứ Bảy"
    setup()
    contact = Page.objects.get(slug="lien-he").specific
    assert contact.intro == "Trang liên hệ do biên tập viên viết."
    assert "sáng thứ Bảy" not in str(contact.body)


def _text(slug):
    page = Page.objects.get(slug=slug).specific
    return " ".join([page.title, page.intro, str(page.body)])


def test_the_readme_order_brings_the_imported_address_and_a_new_province_to_the_pages(settings):
    """setup_portal → import_facilities → setup_portal (README "Production"): the pages
    built before the units existed name the Sở's imported address on the second run, and a
    change of PORTAL_PROVINCE reaches the about page, while nobody edited them; the run
    says which pages it updated."""
    settings.PORTAL_PROVINCE = "Huế"
    setup()
    assert "48 Lê Lợi" not in _text("lien-he")
    facilities_import(text=UNITS.replace("department,,Huế,Huế,", "department,,Huế,48 Lê Lợi,"))
    out = setup()
    assert "48 Lê Lợi" in _text("lien-he")
    assert "Đã cập nhật trang: Liên hệ và đường dây nóng (/lien-he/)" in out
    assert "Đã cập nhật trang: Giới thiệu" not in out  # nothing of it changed

    settings.PORTAL_PROVINCE, settings.PORTAL_PROVINCE_KIND = "Lâm Đồng Mới", "tỉnh"
    out = setup()
    assert "Cổng của Sở Y tế tỉnh Lâm Đồng Mới đã sẵn sàng." in out
    about = _text("gioi-thieu")
    assert "Cổng do Sở Y tế tỉnh Lâm Đồng Mới vận hành" in about and "thành phố Huế" not in about
    for slug in ("gioi-thieu", "du-lieu-ca-nhan", "lien-he"):
        assert "Sở Y tế tỉnh Lâm Đồng Mới" in _text(slug)
        assert Page.objects.get(slug=slug).specific.live
    assert "Đã cập nhật trang: Giới thiệu cổng thông tin (/gioi-thieu/)" in out
    assert "Đã cập nhật trang: Thông báo xử lý dữ liệu cá nhân (/du-lieu-ca-nhan/)" in out
    revisions = Page.objects.get(slug="gioi-thieu").specific.revisions.count()
    assert "Đã cập nhật trang" not in setup()  # nothing changed since: no revision
    assert Page.objects.get(slug="gioi-thieu").specific.revisions.count() == revisions


def test_a_page_an_editor_changed_is_kept_and_named(settings):
    """An editor's page is never rewritten: the run names it and where to edit it by hand."""
    setup()
    editor = get_user_model().objects.create_user("bientap", password="x-123456789")
    about = Page.objects.get(slug="gioi-thieu").specific
    about.intro = "Giới thiệu do biên tập viên viết."
    about.save_revision(user=editor).publish()
    settings.PORTAL_PROVINCE = "Lâm Đồng Mới"
    out = setup()
    about = Page.objects.get(slug="gioi-thieu").specific
    assert about.intro == "Giới thiệu do biên tập viên viết."
    assert "Lâm Đồng Mới" not in str(about.body)
    assert "Giữ nguyên trang: Giới thiệu cổng thông tin (/gioi-thieu/)" in out
    assert f"/admin/pages/{about.pk}/edit/" in out
    assert "Đã cập nhật trang: Thông báo xử lý dữ liệu cá nhân" in out  # not edited


def test_the_portals_pages_give_the_configured_hotline(settings):
    """PORTAL_HOTLINE, not a typed 1900 9095, on every page setup_portal writes; no hotline
    line at all when none is set."""
    pages = ("huong-dan", "du-lieu-ca-nhan", "lien-he", "cau-hoi-thuong-gap")
    settings.PORTAL_HOTLINE = "0263 3822 000"
    setup()
    for slug in pages:
        assert "0263 3822 000" in _text(slug), slug
    guides = GuidePage.objects.all()
    assert len(guides) == 7 and not any("1900 9095" in _text(page.slug) for page in guides)
    settings.PORTAL_HOTLINE = ""
    out = setup()
    for slug in pages:
        assert "0263 3822 000" not in _text(slug), slug
    assert "Đường dây nóng ngành Y tế:" not in _text("lien-he")
    assert "hãy đến bộ phận tiếp công dân" in _text("cau-hoi-thuong-gap")
    assert "Đã cập nhật trang: Câu hỏi thường gặp (/huong-dan/cau-hoi-thuong-gap/)" in out


def test_the_next_steps_are_those_still_to_do(settings):
    """The second run after the units were imported no longer asks for them; each step
    goes once it is done, and a portal with nothing left says so."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import FacilityFactory, UserFactory

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.SMS_BACKEND = "complaints.notifications.sms.FileBackend"
    out = setup()
    for step in ("import_facilities don_vi.csv", "createsuperuser", "tài khoản cán bộ",
                 "EMAIL_URL", "SMS_GATEWAY_URL"):  # fmt: skip
        assert step in out, step
    settings.SMS_BACKEND = "complaints.notifications.sms.DisabledBackend"
    assert "SMS_GATEWAY_URL" not in setup()  # SMS turned off on purpose: nothing to do

    facilities_import(text=UNITS)
    out = setup()
    assert "import_facilities don_vi.csv" not in out
    assert "quy tắc phân công chưa cài" not in out  # the units the rules name exist
    assert "3 đơn vị chưa có người nhận thông báo (SYT-HUE, SYT-HUE-TTRA, SYT-HUE-VP)" in out
    assert "Chọn đơn vị mặc định của" in out

    admin = UserFactory(username="quantri", superuser=True)
    out = setup()
    assert "createsuperuser" not in out and "2FA" in out
    TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    unit = Facility.objects.get(code="SYT-HUE")
    Category.objects.update(default_unit=unit)
    Facility.objects.update(email="hopthu@syt.example.vn")
    UserFactory(username="canbo", groups=[Group.objects.get(name="Lãnh đạo")], facility=unit)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    out = setup()
    assert "Các bước tiếp theo" not in out
    assert "Không còn bước cài đặt nào" in out
    FacilityFactory(code="TYT-MOI", name="Trạm Y tế mới")
    assert "1 đơn vị chưa có người nhận thông báo (TYT-MOI)" in setup()
